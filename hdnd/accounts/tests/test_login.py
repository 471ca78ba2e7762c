"""Signing in and out, and the lockout after repeated failures (django-axes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts import actions
from hdnd.accounts.models import Role
from hdnd.accounts.tests.helpers import audit_actions, sign_in

pytestmark = pytest.mark.django_db

WRONG = "Sai-mat-khau-1"


def test_the_login_page_speaks_vietnamese(client: Any) -> None:
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.text
    assert "Mật khẩu" in response.text


def test_the_right_password_signs_in_and_follows_next(client: Any, world: World) -> None:
    response = sign_in(client, "office_staff", next="/tai-khoan/doi-mat-khau/")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/doi-mat-khau/"
    assert client.get(reverse("accounts:token_list")).status_code == 200


def test_next_pointing_to_another_site_is_ignored(client: Any, world: World) -> None:
    response = sign_in(client, "office_staff", next="https://evil.example/")
    assert response["Location"] == reverse("portal:dashboard")


def test_a_wrong_password_gets_a_vietnamese_message(client: Any, world: World) -> None:
    response = sign_in(client, "office_staff", WRONG)
    assert response.status_code == 422
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.text
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_and_the_sixth_try_with_the_right_password_is_refused(
    client: Any, world: World
) -> None:
    for _ in range(4):
        assert sign_in(client, "office_staff", WRONG).status_code == 422
    fifth = sign_in(client, "office_staff", WRONG)
    assert fifth.status_code == 429
    sixth = sign_in(client, "office_staff")
    assert sixth.status_code == 429
    assert "Tài khoản tạm khóa" in sixth.text
    assert "30 phút" in sixth.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account_so_colleagues_behind_the_same_address_still_sign_in(
    client: Any, world: World
) -> None:
    for _ in range(5):
        sign_in(client, "office_staff", WRONG)
    assert sign_in(client, "auditor").status_code == 302


def test_the_lockout_ends_by_itself_after_30_minutes(client: Any, world: World) -> None:
    with time_machine.travel("2026-03-02 09:00 +0700", tick=False) as traveller:
        for _ in range(5):
            sign_in(client, "office_staff", WRONG)
        traveller.shift(timedelta(minutes=31))
        assert sign_in(client, "office_staff").status_code == 302


def test_a_council_admin_can_unlock_a_locked_account_at_once(client: Any, world: World) -> None:
    for _ in range(5):
        sign_in(client, "office_staff", WRONG)
    staff = world.user("office_staff")
    admin_client = client.__class__()
    admin_client.force_login(world.user("council_admin"))
    detail = admin_client.get(reverse("accounts:user_detail", args=[world.province.pk, staff.pk]))
    assert "Đang bị khóa" in detail.text

    response = admin_client.post(reverse("accounts:user_unlock", args=[world.province.pk, staff.pk]))

    assert response.status_code == 302
    # axes announces the lockout while the fifth failure is being counted, so it is logged before it.
    failed = "auth.sign_in_failed"
    assert audit_actions() == [failed] * 4 + ["auth.locked_out", failed, "user.unlock"]
    assert sign_in(client, "office_staff").status_code == 302


def test_a_council_admin_cannot_unlock_someone_who_also_works_in_a_council_they_do_not_administer(
    client: Any, world: World
) -> None:
    admin = world.user("system_admin")
    elsewhere = actions.create_user(
        council=world.other_province_commune,
        username="nguoi_o_tinh_khac",
        full_name="Người ở tỉnh khác",
        password="Tam-thoi-2026",
        role=Role.OFFICE_STAFF,
        by=admin,
    )
    actions.grant_role(elsewhere, Role.DELEGATE, world.province, by=admin)
    client.force_login(world.user("council_admin"))
    response = client.post(reverse("accounts:user_unlock", args=[world.province.pk, elsewhere.pk]))
    assert response.status_code == 403
    assert audit_actions() == ["user.create", "role.grant"]


def test_unlocking_a_user_of_another_province_answers_404(client: Any, world: World) -> None:
    stranger = make_user("nguoi_tinh_khac", Role.OFFICE_STAFF, world.other_province)
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_unlock", args=[world.other_province.pk, stranger.pk])
    assert client.post(url).status_code == 404
    # Nor can the admin reach them through their own council's pages.
    url = reverse("accounts:user_unlock", args=[world.province.pk, stranger.pk])
    assert client.post(url).status_code == 404
    assert audit_actions() == []


def test_logout_is_post_only_and_ends_the_session(client: Any, world: World) -> None:
    client.force_login(world.user("delegate"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:token_list")).status_code == 302
