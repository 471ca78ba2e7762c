"""Permission-matrix rows for accounts: signing in, the user's own pages, user management, ``/api/v1/me/``.

POST rows send valid data, so the success status means the change went through. Rows whose URL needs an
object create it inside the target council (``_member``, ``_assignment``).
"""

from __future__ import annotations

from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, World, make_user
from hdnd.accounts.models import ApiToken, Role
from hdnd.councils.models import Council
from tests.matrix import USERS, Expect, Row, by_scope, everyone, signed_in

NEW_PASSWORD = "Mat-khau-moi-2026"
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, in hex
ADMINS = ("council_admin",)


def _council(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def _member(world: World, council: Council) -> dict[str, Any]:
    """A delegate of the target council, with a confirmed authenticator (so turning it off has work to do)."""
    user = make_user("dai_bieu_moi", Role.DELEGATE, council)
    TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)
    return {"council_id": council.pk, "user_id": user.pk}


def _assignment(world: World, council: Council) -> dict[str, Any]:
    user = make_user("dai_bieu_moi", Role.DELEGATE, council)
    return {"council_id": council.pk, "pk": user.role_assignments.get().pk}


def _council_admins_token(world: World, council: Council) -> dict[str, Any]:
    token, _ = ApiToken.issue(world.user("council_admin"), "Tích hợp một cửa")
    return {"pk": token.pk}


def _pending_devices(world: World, council: Council) -> dict[str, Any]:
    """Every user of the cast has started enrolling the same key, so one code confirms for whoever posts."""
    for user in world.users.values():
        if user is not None:
            TOTPDevice.objects.create(user=user, name="Điện thoại", key=TOTP_KEY, confirmed=False)
    return {"code": f"{totp(bytes.fromhex(TOTP_KEY)):06d}"}


def _new_password(world: World, council: Council) -> dict[str, Any]:
    return {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def _new_user(world: World, council: Council) -> dict[str, Any]:
    return {
        "username": "chuyen_vien_moi",
        "full_name": "Trần Thị Mới",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "role": Role.OFFICE_STAFF.value,
    }


def _grant(world: World, council: Council) -> dict[str, Any]:
    return {"username": "no_role", "role": Role.AUDITOR.value}


def _temporary_password(world: World, council: Council) -> dict[str, Any]:
    return {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def _only(status: int, users: tuple[str, ...], others: int, anonymous: int = 302) -> Expect:
    return {**dict.fromkeys(USERS, others), **dict.fromkeys(users, status), "anonymous": anonymous}


ROWS = [
    # Signing in and out.
    Row("accounts:login", {**everyone(302), "anonymous": 200}, target=None, note="signed-in users go on"),
    Row(
        "accounts:login",
        everyone(302),
        target=None,
        method="post",
        data=lambda w, c: {"username": "council_admin", "password": PASSWORD},
    ),
    Row("accounts:login_code", everyone(302), target=None, note="nothing pending: back to the password step"),
    Row("accounts:logout", everyone(302), target=None, method="post"),
    Row("accounts:logout", everyone(405), target=None, note="POST only"),
    # The user's own account.
    Row("accounts:password_change", signed_in(200), target=None),
    Row("accounts:password_change", signed_in(302), target=None, method="post", data=_new_password),
    Row("accounts:otp_setup", signed_in(200), target=None),
    Row("accounts:otp_start", signed_in(302), target=None, method="post"),
    Row("accounts:otp_confirm", signed_in(302), target=None, method="post", data=_pending_devices),
    Row(
        "accounts:otp_disable",
        signed_in(302),
        target=None,
        method="post",
        data=lambda w, c: {"code": "123456"},
        note="no device: back to the page; with one, see test_second_factor",
    ),
    Row("accounts:token_list", signed_in(200), target=None),
    Row(
        "accounts:token_create",
        signed_in(201),
        target=None,
        method="post",
        data=lambda w, c: {"name": "Tích hợp một cửa", "expires_in": "90"},
    ),
    Row(
        "accounts:token_revoke",
        _only(302, ("council_admin",), others=404),
        target=None,
        method="post",
        kwargs=_council_admins_token,
        note="only the token's owner",
    ),
    Row("api:me", {**everyone(200), "anonymous": 401}, target=None),
    # Users and roles of a council.
    Row("accounts:manage_home", _only(200, ("system_admin", "council_admin"), others=403), target=None),
    Row("accounts:user_list", by_scope(view=ADMINS, view_below=ADMINS), kwargs=_council),
    Row("accounts:user_create", by_scope(view=ADMINS, view_below=ADMINS), kwargs=_council),
    Row(
        "accounts:user_create",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_council,
        method="post",
        data=_new_user,
    ),
    Row("accounts:user_detail", by_scope(view=ADMINS, view_below=ADMINS), kwargs=_member),
    Row("accounts:user_set_password", by_scope(view=ADMINS, view_below=ADMINS), kwargs=_member),
    Row(
        "accounts:user_set_password",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_member,
        method="post",
        data=_temporary_password,
    ),
    Row(
        "accounts:user_unlock",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_member,
        method="post",
    ),
    Row(
        "accounts:user_otp_reset",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_member,
        method="post",
    ),
    Row("accounts:role_grant", by_scope(view=ADMINS, view_below=ADMINS), kwargs=_council),
    Row(
        "accounts:role_grant",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_council,
        method="post",
        data=_grant,
    ),
    Row(
        "accounts:role_end",
        by_scope(view=ADMINS, view_below=ADMINS, ok=302),
        kwargs=_assignment,
        method="post",
    ),
]
