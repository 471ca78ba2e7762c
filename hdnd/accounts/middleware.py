"""Guards on every signed-in request: session timeouts, the second factor, a temporary password.

- Idle: 30 minutes without a request (``SESSION_IDLE_TIMEOUT``) signs the user out.
- Absolute: a session lasts at most ``SESSION_COOKIE_AGE`` (8 hours) from sign-in, however busy. The
  session store alone does not enforce this, because every request that touches the session pushes
  its expiry forward.
- Second factor: a user with a confirmed TOTP device must have a session verified by it (the login
  flow does that); any other session of theirs, e.g. one opened before the device was enrolled, ends.
- Temporary password: until the user picks their own, every page leads to the password form.

Must run after django-otp's ``OTPMiddleware``. API requests with a bearer token are signed in later,
by the API itself, so they pass untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import has_confirmed_device

LAST_SEEN = "last_seen"
SIGNED_IN_AT = "signed_in_at"
SIGNED_OUT_REASON = "signed_out_reason"


class SessionGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            if reason := self._ended(request):
                logout(request)
                # Kept in the fresh session for the login page: this runs before MessageMiddleware.
                request.session[SIGNED_OUT_REASON] = reason
            elif user.must_change_password and request.path not in _password_exempt_paths():
                return redirect("accounts:password_change")
        return self.get_response(request)

    def _ended(self, request: HttpRequest) -> str | None:
        """Why this session must end now, or None."""
        now = int(time.time())
        session = request.session
        last = session.get(LAST_SEEN)
        if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT:
            return "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại."
        started = session.setdefault(SIGNED_IN_AT, now)
        if now - int(started) > settings.SESSION_COOKIE_AGE:
            hours = settings.SESSION_COOKIE_AGE // 3600
            return f"Phiên làm việc đã kéo dài quá {hours} giờ. Vui lòng đăng nhập lại."
        user = request.user
        if not getattr(user, "is_verified", lambda: False)() and has_confirmed_device(user):
            return "Tài khoản đã bật xác thực hai bước. Vui lòng đăng nhập lại và nhập mã xác thực."
        if last is None or now - int(last) >= settings.SESSION_TOUCH_EVERY:
            session[LAST_SEEN] = now
        return None


def _password_exempt_paths() -> set[str]:
    return {reverse("accounts:password_change"), reverse("accounts:logout")}


# The name settings.MIDDLEWARE uses; the guard grew beyond the idle timeout.
