"""Session timeouts (30 minutes idle, 8 hours in all) and the temporary-password gate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.accounts import actions
from hdnd.accounts.tests.helpers import sign_in

pytestmark = pytest.mark.django_db

PAGE = "/tai-khoan/ma-api/"  # any page that needs a signed-in user


@pytest.fixture
def clock() -> Any:
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as traveller:
        yield traveller


def test_the_timeouts_are_30_minutes_idle_and_8_hours_in_all() -> None:
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_29_minutes_without_a_request_keeps_the_session(client: Client, world: World, clock: Any) -> None:
    client.force_login(world.user("delegate"))
    assert client.get(PAGE).status_code == 200
    clock.shift(timedelta(minutes=29))
    assert client.get(PAGE).status_code == 200


def test_31_minutes_without_a_request_signs_the_user_out_and_says_why(
    client: Client, world: World, clock: Any
) -> None:
    client.force_login(world.user("delegate"))
    client.get(PAGE)
    clock.shift(timedelta(minutes=31))

    response = client.get(PAGE)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"])
    assert "Phiên làm việc đã hết hạn do không hoạt động." in login_page.text


def test_the_idle_clock_moves_at_most_once_a_minute(client: Client, world: World, clock: Any) -> None:
    client.force_login(world.user("delegate"))
    client.get(PAGE)
    first_seen = client.session["last_seen"]

    clock.shift(timedelta(seconds=59))
    client.get(PAGE)
    assert client.session["last_seen"] == first_seen  # not written: a minute of slack

    clock.shift(timedelta(seconds=1))
    client.get(PAGE)
    assert client.session["last_seen"] == first_seen + 60


def test_a_busy_session_still_ends_after_8_hours(client: Client, world: World, clock: Any) -> None:
    client.force_login(world.user("delegate"))
    for _ in range(8 * 3):  # a request every 20 minutes for 8 hours
        assert client.get(PAGE).status_code == 200
        clock.shift(timedelta(minutes=20))
    clock.shift(timedelta(minutes=1))

    response = client.get(PAGE)

    assert response.status_code == 302
    assert "quá 8 giờ" in client.get(response["Location"]).text


def test_a_user_with_a_temporary_password_is_sent_to_change_it(client: Client, world: World) -> None:
    delegate = world.user("delegate")
    actions.set_password_by_admin(
        delegate, "Tam-thoi-2026", by=world.user("council_admin"), council=world.province
    )
    sign_in(client, "delegate", "Tam-thoi-2026")

    response = client.get(PAGE)

    assert response["Location"] == reverse("accounts:password_change")
    page = client.get(reverse("accounts:password_change"))
    assert "mật khẩu tạm thời" in page.text
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "Tam-thoi-2026",
            "new_password1": "Cua-rieng-toi-9",
            "new_password2": "Cua-rieng-toi-9",
        },
    )
    assert client.get(PAGE).status_code == 200


def test_signing_out_stays_possible_with_a_temporary_password(client: Client, world: World) -> None:
    delegate = world.user("delegate")
    actions.set_password_by_admin(
        delegate, "Tam-thoi-2026", by=world.user("council_admin"), council=world.province
    )
    sign_in(client, "delegate", "Tam-thoi-2026")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("portal:home")
