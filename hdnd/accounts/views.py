"""Signing in and out, and the pages where users look after their own account.

Sign-in is Django's LoginView (it passes the request to ``authenticate``, which django-axes needs to
count failures and lock the account), plus a second step for users who turned on TOTP.
"""

from __future__ import annotations

from typing import Any

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from hdnd.core.shortcuts import UNPROCESSABLE, render

from . import actions, second_factor, sign_ins
from .forms import ApiTokenForm, CodeForm, LoginForm, PasswordChangeForm
from .middleware import SIGNED_OUT_REASON
from .models import ApiToken
from .permissions import SignedInRequest, get_own_token


class LoginView(auth_views.LoginView):
    """Username and password; users with a confirmed authenticator go on to the code step."""

    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Why the last session ended (idle, too long, second factor), set by SessionGuardMiddleware.
        reason = self.request.session.pop(SIGNED_OUT_REASON, None)
        return super().get_context_data(**kwargs) | {"signed_out_reason": reason}

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if second_factor.confirmed_device(user) is None:
            response = super().form_valid(form)
            sign_ins.record_sign_in(self.request, user, second_factor=False)
            return response
        second_factor.begin(self.request, user, self.get_success_url())
        return redirect("accounts:login_code")

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        """A refused sign-in answers 422 with its message, like every other refused form."""
        response = super().form_invalid(form)
        response.status_code = UNPROCESSABLE
        return response


@sensitive_post_parameters()
@never_cache
def login_code(request: HttpRequest) -> HttpResponseBase:
    pending = second_factor.pending(request)
    if pending is None and request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if pending is None:
        messages.info(request, "Phiên đăng nhập đã hết hạn. Vui lòng nhập lại tên đăng nhập và mật khẩu.")
        return redirect("accounts:login")
    user, next_url = pending
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = second_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            second_factor.finish(request, user, device)
            sign_ins.record_sign_in(request, user, second_factor=True)
            return redirect(next_url)
        # A wrong code counts towards the lockout just like a wrong password.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn.")
    return render(request, "accounts/login_code.html", {"form": form, "pending_user": user})


@sensitive_post_parameters()
@login_required
def password_change(request: SignedInRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if form.is_valid():
        actions.change_password(request.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("accounts:password_change")
    return render(request, "accounts/password_change.html", {"form": form})


def _otp_page(request: SignedInRequest, form: CodeForm | None = None) -> HttpResponse:
    """The second-factor page: turn on (QR code, then a code to confirm), or turn off (a code)."""
    device = second_factor.confirmed_device(request.user)
    pending = None if device else second_factor.pending_device(request.user)
    context = {"device": device, "pending": pending, "form": form or CodeForm()}
    if pending is not None:
        uri = pending.config_url
        context |= {"uri": uri, "qr": second_factor.qr_svg(uri), "secret": second_factor.secret(pending)}
    return render(request, "accounts/otp_setup.html", context)


@login_required
def otp_setup(request: SignedInRequest) -> HttpResponse:
    return _otp_page(request)


@require_POST
@login_required
def otp_start(request: SignedInRequest) -> HttpResponse:
    if second_factor.confirmed_device(request.user) is not None:
        messages.info(request, "Tài khoản đã bật xác thực hai bước.")
    else:
        actions.start_totp(request.user)
    return redirect("accounts:otp_setup")


@require_POST
@login_required
def otp_confirm(request: SignedInRequest) -> HttpResponse:
    pending = second_factor.pending_device(request.user)
    if pending is None:
        messages.error(request, "Không có ứng dụng xác thực nào đang chờ xác nhận. Vui lòng bắt đầu lại.")
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _otp_page(request, form)
    if not pending.verify_token(form.cleaned_data["code"]):
        form.add_error("code", "Mã xác thực không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới.")
        return _otp_page(request, form)
    actions.confirm_totp(pending)
    django_otp.login(request, pending)  # this session has just proved it holds the device
    messages.success(request, "Đã bật xác thực hai bước. Từ lần đăng nhập sau, hệ thống sẽ hỏi mã xác thực.")
    return redirect("accounts:otp_setup")


@require_POST
@login_required
def otp_disable(request: SignedInRequest) -> HttpResponse:
    if second_factor.confirmed_device(request.user) is None:
        messages.info(request, "Tài khoản chưa bật xác thực hai bước.")
        return redirect("accounts:otp_setup")
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _otp_page(request, form)
    if not second_factor.verify(request.user, form.cleaned_data["code"]):
        form.add_error("code", "Mã xác thực không đúng hoặc đã hết hạn.")
        return _otp_page(request, form)
    actions.disable_totp(request.user, by=request.user)
    messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("accounts:otp_setup")


def _token_page(
    request: SignedInRequest, form: ApiTokenForm, key: str = "", status: int = 200
) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"tokens": tokens, "form": form, "new_key": key}
    return render(request, "accounts/token_list.html", context, status=status)


@login_required
def token_list(request: SignedInRequest) -> HttpResponse:
    return _token_page(request, ApiTokenForm())


@require_POST
@never_cache  # the response carries the key: no cache may keep it
@login_required
def token_create(request: SignedInRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _token_page(request, form)
    _, key = actions.issue_api_token(
        request.user,
        form.cleaned_data["name"],
        expires_at=form.expires_at(),
        by=request.user,
    )
    # Rendered, not redirected: the key exists only in this response and is never stored in clear.
    return _token_page(request, ApiTokenForm(), key=key, status=201)


@require_POST
@login_required
def token_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_own_token(request.user, pk)
    try:
        actions.revoke_api_token(token, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
    return redirect("accounts:token_list")
