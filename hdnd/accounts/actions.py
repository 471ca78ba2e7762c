"""Every change to accounts, roles, passwords, second factors and API tokens goes through one function here.

Each runs in a transaction, checks what it must, writes exactly one audit entry and, where the user
should know (passwords, second factor, new tokens), sends them a notice after the commit. Callers check
*who* may act (views: ``get_object_for_user`` and ``permissions``); these functions keep the rules that
hold whoever calls them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hdnd.core.audit import Actor, record
from hdnd.core.outbox import queue_mail

from .models import ApiToken, Role, RoleAssignment, User
from .scope import grantable_roles, is_system_admin

TOTP_DEVICE_NAME = "Ứng dụng xác thực"
SELF_GRANT = "Không thể tự cấp vai trò cho chính mình. Hãy nhờ một quản trị viên khác cấp vai trò này."
LAST_COUNCIL_ADMIN = (
    "Không thể kết thúc vai trò của quản trị HĐND cuối cùng của HĐND này. "
    "Hãy cấp vai trò quản trị cho người khác trước."
)


def _notify(user: User, subject: str, body: str) -> None:
    """Tell the user a security change happened (outbox: sent after the commit, exactly once)."""
    if user.is_active:
        queue_mail(subject, body, [user.email])


def _role_data(assignment: RoleAssignment) -> dict[str, Any]:
    return {
        "user": assignment.user.username,
        "role": assignment.role,
        "council": assignment.council_id,
        "agency": assignment.agency_id,
        "person": assignment.person_id,
        "ends_on": assignment.ends_on,
    }


def _new_assignment(
    user: User, role: str, council: Any, agency: Any, person: Any, by: Actor
) -> RoleAssignment:
    """An unsaved, checked assignment: system administrators hold their role everywhere (no council).

    Nobody grants a role to themselves; a person grants only the roles ``scope.GRANTABLE_OWN`` and
    ``GRANTABLE_BELOW`` give them in that council.
    """
    if isinstance(by, AbstractBaseUser):
        if user.pk is not None and by.pk == user.pk:
            raise ValidationError(SELF_GRANT)
        if role not in grantable_roles(by, council):
            raise PermissionDenied
    if role == Role.SYSTEM_ADMIN and not is_system_admin(by):
        raise PermissionDenied
    council = None if role == Role.SYSTEM_ADMIN else council
    assignment = RoleAssignment(user=user, role=role, council=council, agency=agency, person=person)
    assignment.clean()
    return assignment


def create_user(
    *,
    council: Any,
    username: str,
    full_name: str,
    password: str,
    role: str,
    by: Actor,
    email: str = "",
    phone: str = "",
    agency: Any = None,
    person: Any = None,
) -> User:
    """Open an account with a temporary password and its first role in a council (one audit entry)."""
    with transaction.atomic():
        user = User(
            username=username, full_name=full_name, email=email, phone=phone, must_change_password=True
        )
        assignment = _new_assignment(user, role, council, agency, person, by)
        user.set_password(password)
        user.save()
        assignment.user = user
        assignment.save()
        after = {"username": user.username, "full_name": user.full_name, "email": user.email} | _role_data(
            assignment
        )
        record(action="user.create", actor=by, obj=user, council=council, after=after)
    return user


def grant_role(
    user: User, role: str, council: Any, *, by: Actor, agency: Any = None, person: Any = None
) -> RoleAssignment:
    """Give a user a role in a council; a role that has ended there is renewed rather than duplicated."""
    with transaction.atomic():
        fresh = _new_assignment(user, role, council, agency, person, by)
        assignment = (
            RoleAssignment.objects.select_for_update()
            .filter(user=user, role=role, council=fresh.council)
            .first()
        )
        if assignment is not None and assignment.is_active():
            raise ValidationError("Tài khoản đã có vai trò này tại HĐND này.")
        before = _role_data(assignment) if assignment else None
        if assignment is not None:
            fresh.pk, fresh.granted_at = assignment.pk, timezone.now()
        fresh.save()
        record(
            action="role.grant",
            actor=by,
            obj=fresh,
            council=fresh.council,
            before=before,
            after=_role_data(fresh),
        )
    return fresh


def end_role(assignment: RoleAssignment, *, by: Actor) -> RoleAssignment:
    """End a role at once: its last day was yesterday, so from today it grants nothing.

    The last system administrator, and a council's last administrator, stay: someone must be left to
    grant the role to their successor.
    """
    with transaction.atomic():
        assignment = (
            RoleAssignment.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=assignment.pk)
        )
        if not assignment.is_active():
            raise ValidationError("Vai trò này đã kết thúc.")
        if (
            assignment.role == Role.SYSTEM_ADMIN
            and RoleAssignment.objects.active().filter(role=Role.SYSTEM_ADMIN).count() == 1
        ):
            raise ValidationError("Không thể kết thúc vai trò của quản trị hệ thống cuối cùng.")
        if assignment.role == Role.COUNCIL_ADMIN and not _other_council_admins(assignment):
            raise ValidationError(LAST_COUNCIL_ADMIN)
        before = _role_data(assignment)
        assignment.ends_on = timezone.localdate() - timedelta(days=1)
        assignment.save(update_fields=["ends_on"])
        record(
            action="role.end",
            actor=by,
            obj=assignment,
            council=assignment.council,
            before=before,
            after=_role_data(assignment),
        )
    return assignment


def _other_council_admins(assignment: RoleAssignment) -> bool:
    """Whether the council keeps another active administrator (rows locked: two cannot end each other)."""
    others = (
        RoleAssignment.objects.active()
        .select_for_update()
        .filter(role=Role.COUNCIL_ADMIN, council=assignment.council)
        .exclude(pk=assignment.pk)
    )
    return bool(list(others.values_list("pk", flat=True)))


def _revoke_tokens(user: User, *, by: Actor, why: str) -> int:
    """Revoke the user's usable API tokens, one audit entry each: a new password ends old credentials."""
    now = timezone.now()
    tokens = list(ApiToken.objects.usable().select_for_update().filter(user=user))
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record(action="token.revoke", actor=by, obj=token, after={"revoked_at": now}, note=why)
    return len(tokens)


def change_password(user: User, password: str) -> None:
    """The user picks a new password for themselves (which ends a temporary one, and their API tokens)."""
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        record(action="password.change", actor=user, obj=user)
        _revoke_tokens(user, by=user, why="Thu hồi do người dùng đổi mật khẩu.")
        _notify(user, "Mật khẩu đã được thay đổi", "Mật khẩu tài khoản của bạn vừa được thay đổi.")


def set_password_by_admin(user: User, password: str, *, by: Actor, council: Any = None) -> None:
    """An administrator gives the user a temporary password, to be changed at the next sign-in.

    It also lifts a lockout (the usual reason to call the administrator is being locked out) and
    revokes the user's API tokens: whoever knew the old password may have made one.
    """
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        cleared = axes_reset(username=user.get_username())
        record(
            action="password.set_by_admin",
            actor=by,
            obj=user,
            council=council,
            after={"must_change_password": True, "lockout_cleared": bool(cleared)},
        )
        _revoke_tokens(user, by=by, why="Thu hồi do quản trị viên đặt mật khẩu tạm thời.")
        _notify(
            user,
            "Mật khẩu tạm thời đã được cấp",
            "Quản trị viên vừa đặt mật khẩu tạm thời cho tài khoản của bạn. Hãy đổi mật khẩu khi đăng nhập.",
        )


def unlock_user(user: User, *, by: Actor, council: Any = None) -> int:
    """Lift a lockout after repeated failed sign-ins before its 30 minutes are up."""
    with transaction.atomic():
        cleared = axes_reset(username=user.get_username())
        record(action="user.unlock", actor=by, obj=user, council=council, after={"attempts_cleared": cleared})
    return cleared


def start_totp(user: User) -> TOTPDevice:
    """Prepare a new authenticator for the user; nothing changes at sign-in until it is confirmed."""
    with transaction.atomic():
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def confirm_totp(device: TOTPDevice) -> None:
    """Turn the second factor on, once the user has proved the app shows the right codes."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.devices_for_user(device.user, confirmed=True).exclude(pk=device.pk).delete()
        record(action="otp.enable", actor=device.user, obj=device.user)
        _notify(device.user, "Đã bật xác thực hai bước", "Tài khoản của bạn vừa bật xác thực hai bước.")


def disable_totp(user: User, *, by: Actor, council: Any = None) -> None:
    """Turn the second factor off: by the user (with a code), or by an administrator for a lost phone."""
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.devices_for_user(user).delete()
        if not deleted:
            raise ValidationError("Tài khoản chưa bật xác thực hai bước.")
        record(action="otp.disable", actor=by, obj=user, council=council)
        _notify(user, "Đã tắt xác thực hai bước", "Xác thực hai bước của tài khoản của bạn vừa bị tắt.")


def issue_api_token(user: User, name: str, *, expires_at: datetime | None, by: Actor) -> tuple[ApiToken, str]:
    """Create an API token; the returned key is shown once and never stored in clear."""
    with transaction.atomic():
        token, key = ApiToken.issue(user, name, expires_at=expires_at)
        record(
            action="token.issue",
            actor=by,
            obj=token,
            after={"name": token.name, "prefix": token.prefix, "expires_at": expires_at},
        )
        _notify(
            user,
            "Đã tạo mã truy cập API",
            f"Mã truy cập API “{token.name}” vừa được tạo cho tài khoản của bạn.",
        )
    return token, key


def revoke_api_token(token: ApiToken, *, by: Actor) -> ApiToken:
    """Stop a token from working, from now on."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise ValidationError("Mã truy cập này đã bị thu hồi.")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(action="token.revoke", actor=by, obj=token, after={"revoked_at": token.revoked_at})
    return token
