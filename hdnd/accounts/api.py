"""The signed-in user over the JSON API: who the token (or session) belongs to and which roles it carries."""

from __future__ import annotations

from datetime import date
from typing import cast

from django.http import HttpRequest
from ninja import Router, Schema

from .models import RoleAssignment, User

router = Router(tags=["Tài khoản"])


class AccountRoleOut(Schema):
    role: str
    role_label: str
    council_id: int | None
    agency_id: int | None
    ends_on: date | None


class AccountMeOut(Schema):
    username: str
    full_name: str
    roles: list[AccountRoleOut]


@router.get("/me/", response=AccountMeOut, url_name="me", summary="Tài khoản đang dùng API")
def me(request: HttpRequest) -> AccountMeOut:
    user = cast(User, request.user)  # the router's auth has signed the user in
    roles = [
        AccountRoleOut(
            role=a.role,
            role_label=a.get_role_display(),
            council_id=a.council_id,
            agency_id=a.agency_id,
            ends_on=a.ends_on,
        )
        for a in RoleAssignment.objects.active().filter(user=user).order_by("role", "council_id")
    ]
    return AccountMeOut(username=user.get_username(), full_name=user.get_full_name(), roles=roles)


ROUTERS = [router]
