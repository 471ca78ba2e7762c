"""Sign-in events in the audit log: who signed in, failed attempts, and the moment a lockout starts.

Successful sign-ins are recorded by the login views themselves (``record_sign_in``), so a test's or a
script's ``force_login`` writes nothing. Failures and lockouts happen inside ``authenticate`` and
django-axes, whose signals are the only door: ``apps.ready`` connects the two receivers below.

Passwords and codes never enter the log; an attempted username is kept only when it names an account
(a password typed into the username field must not end up in the log).
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address, get_failure_limit
from django.http import HttpRequest

from hdnd.core.audit import record

from .models import User

# Who an entry about a failed attempt is by: nobody has proved who they are yet.
NOT_SIGNED_IN = "chưa đăng nhập"


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request) or ""


def _account(username: Any) -> User | None:
    if not isinstance(username, str) or not username:
        return None
    return User.objects.filter(username=username).first()


def record_sign_in(request: HttpRequest, user: User, *, second_factor: bool) -> None:
    """A user signed in through the login page (with their code, when they use a second factor)."""
    after = {"ip_address": _address(request), "second_factor": second_factor}
    record(action="auth.sign_in", actor=user, obj=user, after=after)


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """``user_login_failed``: a wrong password, or a wrong code at the second step (no ``password`` key)."""
    account = _account(credentials.get("username"))
    after = {
        "ip_address": _address(request),
        "step": "password" if "password" in credentials else "code",
        "known_account": account is not None,
    }
    record(action="auth.sign_in_failed", actor=NOT_SIGNED_IN, obj=account, after=after)


def on_locked_out(sender: Any, request: HttpRequest, username: Any = None, **kwargs: Any) -> None:
    """axes' ``user_locked_out``: recorded once, when the count first reaches the limit.

    axes sends the signal again for every refused attempt during the lockout; those are already in the
    log as failed sign-ins.
    """
    failures = getattr(request, "axes_failures_since_start", None)
    credentials = getattr(request, "axes_credentials", None)
    if failures != get_failure_limit(request, credentials):
        return
    account = _account(username)
    after = {"ip_address": _address(request), "known_account": account is not None}
    record(action="auth.locked_out", actor=NOT_SIGNED_IN, obj=account, after=after)
