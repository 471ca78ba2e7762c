"""The optional second factor: enrolling an authenticator app, the code step at sign-in, turning it off."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import World, make_user
from hdnd.accounts import actions
from hdnd.accounts.models import Role
from hdnd.accounts.tests.helpers import audit_actions, code_for, enrol, sign_in

pytestmark = pytest.mark.django_db

MONDAY_9AM = "2026-03-02 09:00 +0700"
STEP = timedelta(seconds=30)  # a TOTP code is good for one 30-second step, and only once


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


def test_the_setup_page_explains_and_offers_to_turn_it_on(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = client.get(reverse("accounts:otp_setup"))
    assert "Bắt đầu bật xác thực hai bước" in response.text


def test_starting_shows_a_qr_code_and_the_otpauth_uri_but_changes_nothing_at_sign_in(
    client: Client, world: World
) -> None:
    staff = world.user("office_staff")
    client.force_login(staff)
    assert client.post(reverse("accounts:otp_start")).status_code == 302

    page = client.get(reverse("accounts:otp_setup"))

    assert "<svg" in page.text
    assert "otpauth://totp/" in page.text
    assert "Xác nhận và bật" in page.text
    assert audit_actions() == []
    client.post(reverse("accounts:logout"))
    assert sign_in(client, "office_staff")["Location"] == reverse("portal:dashboard")


def test_confirming_with_the_code_from_the_app_turns_it_on_and_verifies_this_session(
    client: Client, world: World
) -> None:
    staff = world.user("office_staff")
    client.force_login(staff)
    client.post(reverse("accounts:otp_start"))
    device = TOTPDevice.objects.get(user=staff)

    response = client.post(reverse("accounts:otp_confirm"), {"code": code_for(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert audit_actions() == ["otp.enable"]
    # The session that enrolled stays signed in.
    assert "Đã bật" in client.get(reverse("accounts:otp_setup")).text


def test_a_wrong_code_does_not_turn_it_on(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    client.force_login(staff)
    client.post(reverse("accounts:otp_start"))

    response = client.post(reverse("accounts:otp_confirm"), {"code": "000000"})

    assert response.status_code == 422
    assert "Mã xác thực không đúng" in response.text
    assert not TOTPDevice.objects.get(user=staff).confirmed
    assert audit_actions() == []


def test_a_code_that_is_not_six_digits_gets_a_clear_message(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    client.post(reverse("accounts:otp_start"))
    response = client.post(reverse("accounts:otp_confirm"), {"code": "12ab"})
    assert "Mã xác thực gồm 6 chữ số." in response.text


def test_with_an_authenticator_the_password_alone_does_not_sign_in(client: Client, world: World) -> None:
    enrol(world.user("office_staff"))

    response = sign_in(client, "office_staff")

    assert response["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:token_list")).status_code == 302
    page = client.get(reverse("accounts:login_code"))
    assert "Xác thực hai bước" in page.text
    assert "office_staff" in page.text


def test_the_code_finishes_signing_in_and_marks_the_session_verified(
    client: Client, world: World, clock: Any
) -> None:
    device = enrol(world.user("office_staff"))
    sign_in(client, "office_staff", next="/tai-khoan/ma-api/")

    response = client.post(reverse("accounts:login_code"), {"code": code_for(device)})

    assert response["Location"] == "/tai-khoan/ma-api/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/tai-khoan/ma-api/").status_code == 200


def test_a_code_cannot_be_used_twice(client: Client, world: World, clock: Any) -> None:
    device = enrol(world.user("office_staff"))
    sign_in(client, "office_staff")
    code = code_for(device)
    client.post(reverse("accounts:login_code"), {"code": code})
    client.post(reverse("accounts:logout"))

    sign_in(client, "office_staff")
    response = client.post(reverse("accounts:login_code"), {"code": code})

    assert "Mã xác thực không đúng hoặc đã hết hạn." in response.text
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout_like_wrong_passwords(
    client: Client, world: World, clock: Any
) -> None:
    device = enrol(world.user("office_staff"))
    sign_in(client, "office_staff")
    statuses = []
    for _ in range(5):
        clock.shift(STEP)  # past django-otp's own back-off, so every try reaches the check
        statuses.append(client.post(reverse("accounts:login_code"), {"code": "000000"}).status_code)

    right = client.post(reverse("accounts:login_code"), {"code": code_for(device)})

    assert statuses == [422, 422, 422, 422, 429]
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_code_step_expires_after_five_minutes(client: Client, world: World, clock: Any) -> None:
    device = enrol(world.user("office_staff"))
    sign_in(client, "office_staff")
    clock.shift(timedelta(minutes=6))

    response = client.post(reverse("accounts:login_code"), {"code": code_for(device)})

    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_session_opened_before_enrolling_elsewhere_is_signed_out(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    client.force_login(staff)
    enrol(staff)  # e.g. from the user's other browser

    response = client.get(reverse("accounts:token_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    assert "Vui lòng đăng nhập lại và nhập mã xác thực." in client.get(response["Location"]).text


def _signed_in_with_code(client: Client, username: str, device: TOTPDevice) -> None:
    sign_in(client, username)
    client.post(reverse("accounts:login_code"), {"code": code_for(device)})
    assert "_auth_user_id" in client.session


def test_turning_it_off_needs_a_current_code(client: Client, world: World, clock: Any) -> None:
    staff = world.user("office_staff")
    device = enrol(staff)
    _signed_in_with_code(client, "office_staff", device)
    clock.shift(STEP)

    wrong = client.post(reverse("accounts:otp_disable"), {"code": "000000"})
    clock.shift(STEP)
    right = client.post(reverse("accounts:otp_disable"), {"code": code_for(device)})

    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.text
    assert right.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert audit_actions() == ["otp.enable", "auth.sign_in", "otp.disable"]


def test_an_admin_turns_it_off_for_a_user_who_lost_their_phone(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    enrol(staff)
    client.force_login(world.user("council_admin"))

    response = client.post(reverse("accounts:user_otp_reset", args=[world.province.pk, staff.pk]))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert audit_actions() == ["otp.enable", "otp.disable"]
    assert sign_in(Client(), "office_staff")["Location"] == reverse("portal:dashboard")


def test_an_admin_is_told_when_there_is_nothing_to_turn_off(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_otp_reset", args=[world.province.pk, staff.pk])
    response = client.post(url, follow=True)
    assert "Tài khoản chưa bật xác thực hai bước." in response.text
    assert audit_actions() == []


def test_a_council_admin_cannot_turn_it_off_for_a_system_administrator(client: Client, world: World) -> None:
    admin = world.user("system_admin")
    actions.grant_role(admin, Role.DELEGATE, world.province, by=make_user("quan_tri_2", Role.SYSTEM_ADMIN))
    enrol(admin)
    client.force_login(world.user("council_admin"))
    assert (
        client.post(reverse("accounts:user_otp_reset", args=[world.province.pk, admin.pk])).status_code == 403
    )
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_another_provinces_admin_gets_404(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    enrol(staff)
    other_admin = make_user("quan_tri_bac_son", Role.COUNCIL_ADMIN, world.other_province)
    client.force_login(other_admin)
    assert (
        client.post(reverse("accounts:user_otp_reset", args=[world.province.pk, staff.pk])).status_code == 404
    )
    url = reverse("accounts:user_otp_reset", args=[world.other_province.pk, staff.pk])
    assert client.post(url).status_code == 404
