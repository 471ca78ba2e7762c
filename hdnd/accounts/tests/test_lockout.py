"""Lockout by username (5 failures) and, separately, by address (20 failures across usernames)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import PASSWORD, World
from hdnd import settings as project_settings  # the module itself: the fixture overrides django.conf
from hdnd.accounts.lockout import ADDRESS_FAILURE_LIMIT, client_address

pytestmark = pytest.mark.django_db

WRONG = "Sai-mat-khau-1"
HANDLER = "hdnd.accounts.lockout.LockoutHandler"
CLIENT_IP = "hdnd.accounts.lockout.client_address"
OFFICE = "203.0.113.10"  # one council office behind NAT
ELSEWHERE = "198.51.100.7"


@pytest.fixture(autouse=True)
def _two_counters(settings: Any) -> None:
    """What ``hdnd/settings.py`` configures (see ``test_the_settings_use_both_counters``)."""
    settings.AXES_HANDLER = HANDLER
    settings.AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
    settings.AXES_CLIENT_IP_CALLABLE = CLIENT_IP


def attempt(username: str, password: str = WRONG, address: str = OFFICE) -> Any:
    data = {"username": username, "password": password}
    return Client().post(reverse("accounts:login"), data, REMOTE_ADDR=address)


def test_the_settings_use_both_counters() -> None:
    assert getattr(project_settings, "AXES_HANDLER", None) == HANDLER
    assert getattr(project_settings, "AXES_LOCKOUT_PARAMETERS", None) == ["username", "ip_address"]
    assert getattr(project_settings, "AXES_CLIENT_IP_CALLABLE", None) == CLIENT_IP


def test_one_address_spraying_many_usernames_is_locked_at_the_twentieth_failure(world: World) -> None:
    for n in range(ADDRESS_FAILURE_LIMIT - 1):
        assert attempt(f"thu_ten_{n}").status_code == 422
    assert attempt("thu_ten_cuoi").status_code == 429
    # Even the right password of a real account is refused from that address for the cool-off time,
    assert attempt("auditor", PASSWORD).status_code == 429
    # while the same account signs in from anywhere else.
    assert attempt("auditor", PASSWORD, address=ELSEWHERE).status_code == 302


def test_colleagues_behind_one_address_still_sign_in_after_one_persons_lockout(world: World) -> None:
    for _ in range(5):
        attempt("office_staff")
    assert attempt("office_staff", PASSWORD).status_code == 429
    assert attempt("auditor", PASSWORD).status_code == 302


def test_a_username_is_locked_after_five_failures_from_different_addresses(world: World) -> None:
    for n in range(5):
        attempt("office_staff", address=f"192.0.2.{n + 1}")
    assert attempt("office_staff", PASSWORD, address=ELSEWHERE).status_code == 429


def test_a_successful_sign_in_does_not_wipe_the_failures_of_other_usernames_from_its_address(
    world: World,
) -> None:
    for _ in range(4):
        attempt("office_staff")
    for n in range(ADDRESS_FAILURE_LIMIT - 5):
        attempt(f"thu_ten_{n}")
    # 19 failures from the office so far; whoever signs in clears only their own username's.
    assert attempt("auditor", PASSWORD).status_code == 302
    assert attempt("office_staff").status_code == 429  # its fifth failure, and the address's twentieth


def test_behind_one_reverse_proxy_the_address_the_proxy_saw_counts(settings: Any) -> None:
    settings.CLIENT_IP_PROXY_COUNT = 1
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.10")
    assert client_address(forged) == "203.0.113.10"
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="khong-phai-dia-chi")
    assert client_address(garbage) == "10.0.0.2"


def test_without_a_proxy_the_forwarded_header_is_ignored(settings: Any) -> None:
    settings.CLIENT_IP_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_address(request) == "198.51.100.7"
