"""API tokens: issued on the user's page (the key shown once), revoked there, refused by the API after."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, World
from hdnd.accounts import actions
from hdnd.accounts.models import ApiToken
from hdnd.accounts.tests.helpers import audit_actions
from hdnd.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_creating_a_token_shows_the_key_once_and_stores_only_its_hash(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))

    response = client.post(reverse("accounts:token_create"), {"name": "Một cửa tỉnh", "expires_in": "90"})

    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    key = response.context["new_key"]
    assert key.startswith("hdnd_")
    assert key in response.text
    token = ApiToken.objects.get()
    assert key not in (token.key_hash, token.prefix)
    assert token.expires_at is not None
    assert token.expires_at.date() == (timezone.now() + timedelta(days=90)).date()
    assert audit_actions() == ["token.issue"]
    assert key not in client.get(reverse("accounts:token_list")).text


def test_a_token_without_a_name_is_refused(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("accounts:token_create"), {"name": "  ", "expires_in": "30"})
    assert "Vui lòng đặt tên gợi nhớ cho mã truy cập." in response.text
    assert not ApiToken.objects.exists()
    assert audit_actions() == []


def test_the_list_shows_only_the_users_own_tokens(client: Client, world: World) -> None:
    actions.issue_api_token(world.user("auditor"), "Của kiểm tra", expires_at=None, by=world.user("auditor"))
    actions.issue_api_token(
        world.user("delegate"), "Của đại biểu", expires_at=None, by=world.user("delegate")
    )
    client.force_login(world.user("delegate"))
    page = client.get(reverse("accounts:token_list"))
    assert "Của đại biểu" in page.text
    assert "Của kiểm tra" not in page.text


def test_a_token_speaks_for_its_user_on_the_api(client: Client, world: World) -> None:
    responder = world.user("agency_responder")
    _, key = actions.issue_api_token(responder, "Cổng sở", expires_at=None, by=responder)

    response = client.get(ME, headers=bearer(key))

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "agency_responder"
    assert body["full_name"] == "Agency_Responder"
    assert [(r["role"], r["council_id"]) for r in body["roles"]] == [("agency_responder", world.province.pk)]
    assert body["roles"][0]["agency_id"] is not None
    assert ApiToken.objects.get().last_used_at is not None


def test_the_api_refuses_requests_without_credentials(client: Client, world: World) -> None:
    assert client.get(ME).status_code == 401
    assert client.get(ME, headers=bearer("hdnd_khong-ton-tai")).status_code == 401


def test_revoking_a_token_makes_the_api_answer_401(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    token, key = actions.issue_api_token(staff, "Một cửa tỉnh", expires_at=None, by=staff)
    client.force_login(staff)

    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 302
    assert audit_actions() == ["token.issue", "token.revoke"]
    assert Client().get(ME, headers=bearer(key)).status_code == 401


def test_an_expired_token_gets_401(world: World) -> None:
    staff = world.user("office_staff")
    _, key = actions.issue_api_token(staff, "Thử", expires_at=timezone.now() + timedelta(days=30), by=staff)
    assert Client().get(ME, headers=bearer(key)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert Client().get(ME, headers=bearer(key)).status_code == 401


def test_a_deactivated_users_token_gets_401(world: World) -> None:
    staff = world.user("office_staff")
    _, key = actions.issue_api_token(staff, "Thử", expires_at=None, by=staff)
    staff.is_active = False
    staff.save()
    assert Client().get(ME, headers=bearer(key)).status_code == 401


def test_nobody_revokes_someone_elses_token(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    token, _ = actions.issue_api_token(staff, "Một cửa tỉnh", expires_at=None, by=staff)
    client.force_login(world.user("system_admin"))
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_revoking_twice_says_it_is_already_revoked(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    token, _ = actions.issue_api_token(staff, "Một cửa tỉnh", expires_at=None, by=staff)
    client.force_login(staff)
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)
    assert "Mã truy cập này đã bị thu hồi." in response.text
    assert audit_actions() == ["token.issue", "token.revoke"]


def test_the_session_also_works_for_the_api_in_the_browser(client: Client, world: World) -> None:
    client.force_login(world.user("auditor"))
    assert client.get(ME).json()["username"] == "auditor"


def test_an_ended_role_is_not_listed(client: Client, world: World) -> None:
    delegate = world.user("delegate")
    actions.end_role(delegate.role_assignments.get(), by=world.user("council_admin"))
    client.force_login(delegate)
    assert client.get(ME).json()["roles"] == []


# A new password ends the API tokens made with the old one.

NEW = "Mat-khau-moi-2026"


def test_a_temporary_password_set_by_an_administrator_revokes_the_users_tokens(
    client: Client, world: World
) -> None:
    staff = world.user("office_staff")
    token, key = actions.issue_api_token(staff, "Một cửa tỉnh", expires_at=None, by=staff)
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_set_password", args=[world.province.pk, staff.pk])

    response = client.post(url, {"new_password1": NEW, "new_password2": NEW})

    assert response.status_code == 302
    assert Client().get(ME, headers=bearer(key)).status_code == 401
    assert audit_actions() == ["token.issue", "password.set_by_admin", "token.revoke"]
    entry = AuditEntry.objects.get(action="token.revoke")
    assert (entry.object_id, entry.actor_label) == (str(token.pk), "council_admin")
    assert entry.note == "Thu hồi do quản trị viên đặt mật khẩu tạm thời."


def test_changing_ones_own_password_revokes_ones_tokens_but_not_those_already_revoked(
    client: Client, world: World
) -> None:
    staff = world.user("office_staff")
    _, live = actions.issue_api_token(staff, "Một cửa tỉnh", expires_at=None, by=staff)
    revoked, _ = actions.issue_api_token(staff, "Cũ", expires_at=None, by=staff)
    actions.revoke_api_token(revoked, by=staff)
    _, other_key = actions.issue_api_token(world.user("auditor"), "Khác", expires_at=None, by=staff)
    client.force_login(staff)

    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    assert Client().get(ME, headers=bearer(live)).status_code == 401
    assert Client().get(ME, headers=bearer(other_key)).status_code == 200
    assert audit_actions()[-2:] == ["password.change", "token.revoke"]
    assert audit_actions().count("token.revoke") == 2  # the earlier revocation, and this one
