"""User and role management in a council, for council administrators and system administrators.

Every page takes the council id and loads it with MANAGE_USERS (404 outside scope, 403 without the
right); the changes themselves go through ``actions``.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from hdnd.core.shortcuts import add_errors, render
from hdnd.core.text import fold
from hdnd.councils.models import Council

from . import actions, second_factor
from .forms import GrantRoleForm, SetPasswordForm, UserCreateForm
from .models import RoleAssignment, User
from .permissions import (
    SignedInRequest,
    get_assignment,
    get_council_for_admin,
    get_member,
    may_manage_account,
    require_account_in_hand,
)
from .scope import MANAGE_USERS, scope_of


def _locked_out(user: User) -> bool:
    """Whether django-axes refuses this username now (enough recent failures, cool-off not over)."""
    attempts = AccessAttempt.objects.filter(
        username=user.get_username(), failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    if cool_off := get_cool_off():
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.exists()


@login_required
def manage_home(request: SignedInRequest) -> HttpResponse:
    """Where to manage users: the councils the user administers (system administrators search all)."""
    ids = scope_of(request.user).council_ids_for(MANAGE_USERS)
    if ids is not None and not ids:
        raise PermissionDenied
    councils = Council.objects.active().select_related("unit").tree_order()
    query = request.GET.get("q", "").strip()
    if ids is not None:
        councils = councils.filter(pk__in=ids)
    if query:
        councils = councils.filter(name_key__contains=fold(query))
    elif ids is None:
        councils = councils.filter(parent__isnull=True)
    context = {"councils": councils[:100], "query": query, "everywhere": ids is None}
    return render(request, "accounts/manage_home.html", context)


@login_required
def user_list(request: SignedInRequest, council_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    roles_here = RoleAssignment.objects.filter(council=council).select_related("agency", "person")
    users = (
        User.objects.filter(role_assignments__council=council)
        .distinct()
        .order_by("username")
        .prefetch_related(Prefetch("role_assignments", queryset=roles_here, to_attr="roles_here"))
    )
    if query := request.GET.get("q", "").strip():
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    context = {"council": council, "page": page, "query": query}
    return render(request, "accounts/user_list.html", context)


@sensitive_post_parameters()
@login_required
def user_create(request: SignedInRequest, council_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    form = UserCreateForm(request.POST or None, council=council, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = actions.create_user(
                council=council,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password1"],
                role=data["role"],
                agency=data["agency"],
                person=data["person"],
                email=data["email"],
                phone=data["phone"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã tạo tài khoản {user.username}.")
            return redirect("accounts:user_detail", council.pk, user.pk)
    return render(request, "accounts/user_create.html", {"council": council, "form": form})


@login_required
def user_detail(request: SignedInRequest, council_id: int, user_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    member = get_member(council, user_id)
    roles = member.role_assignments.select_related("council", "agency", "person")
    if not scope_of(request.user).is_system_admin:
        roles = roles.filter(council=council)
    context = {
        "council": council,
        "member": member,
        "roles": roles,
        "in_hand": may_manage_account(request.user, member),
        "locked": _locked_out(member),
        "has_totp": second_factor.confirmed_device(member) is not None,
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
def role_grant(request: SignedInRequest, council_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    initial = {"username": request.GET.get("username", "")}
    form = GrantRoleForm(request.POST or None, initial=initial, council=council, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.grant_role(
                data["username"],
                data["role"],
                council,
                agency=data["agency"],
                person=data["person"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã cấp vai trò cho {data['username']}.")
            return redirect("accounts:user_detail", council.pk, data["username"].pk)
    return render(request, "accounts/role_grant.html", {"council": council, "form": form})


@require_POST
@login_required
def role_end(request: SignedInRequest, council_id: int, pk: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    assignment = get_assignment(request.user, council, pk)
    try:
        actions.end_role(assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, f"Đã kết thúc vai trò {assignment.get_role_display()} của {assignment.user}."
        )
    return redirect("accounts:user_detail", council.pk, assignment.user_id)


@sensitive_post_parameters()
@login_required
def user_set_password(request: SignedInRequest, council_id: int, user_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    member = get_member(council, user_id)
    require_account_in_hand(request.user, member)
    form = SetPasswordForm(member, request.POST or None)
    if form.is_valid():
        actions.set_password_by_admin(
            member, form.cleaned_data["new_password1"], by=request.user, council=council
        )
        messages.success(
            request, f"Đã đặt mật khẩu tạm thời cho {member}. Người dùng phải đổi khi đăng nhập."
        )
        return redirect("accounts:user_detail", council.pk, member.pk)
    return render(
        request, "accounts/user_set_password.html", {"council": council, "member": member, "form": form}
    )


@require_POST
@login_required
def user_unlock(request: SignedInRequest, council_id: int, user_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    member = get_member(council, user_id)
    require_account_in_hand(request.user, member)
    actions.unlock_user(member, by=request.user, council=council)
    messages.success(request, f"Đã mở khóa đăng nhập cho {member}.")
    return redirect("accounts:user_detail", council.pk, member.pk)


@require_POST
@login_required
def user_otp_reset(request: SignedInRequest, council_id: int, user_id: int) -> HttpResponse:
    council = get_council_for_admin(request.user, council_id)
    member = get_member(council, user_id)
    require_account_in_hand(request.user, member)
    try:
        actions.disable_totp(member, by=request.user, council=council)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã tắt xác thực hai bước của {member}.")
    return redirect("accounts:user_detail", council.pk, member.pk)
