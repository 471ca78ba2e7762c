"""Sign-ins in the audit log: successes, failures and the start of a lockout; never a secret."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World
from hdnd.accounts.tests.helpers import audit_actions, code_for, enrol, sign_in
from hdnd.core.audit import ACTION_LABELS
from hdnd.core.models import AuditEntry

pytestmark = pytest.mark.django_db

WRONG = "Sai-mat-khau-1"


def test_a_sign_in_is_logged_with_the_address(client: Client, world: World) -> None:
    sign_in(client, "office_staff")

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_label, entry.object_id) == (
        "auth.sign_in",
        "office_staff",
        str(world.user("office_staff").pk),
    )
    assert entry.after == {"ip_address": "127.0.0.1", "second_factor": False}


def test_a_sign_in_with_the_second_factor_is_logged_once_the_code_is_right(
    client: Client, world: World
) -> None:
    device = enrol(world.user("office_staff"))
    sign_in(client, "office_staff")
    assert audit_actions() == ["otp.enable"]

    client.post(reverse("accounts:login_code"), {"code": code_for(device)})

    assert audit_actions() == ["otp.enable", "auth.sign_in"]
    assert AuditEntry.objects.get(action="auth.sign_in").after["second_factor"] is True  # type: ignore[index]


def test_a_wrong_password_is_logged_against_the_account_without_the_password(
    client: Client, world: World
) -> None:
    sign_in(client, "office_staff", WRONG)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.actor_label) == (
        "auth.sign_in_failed",
        None,
        "chưa đăng nhập",
    )
    assert entry.object_id == str(world.user("office_staff").pk)
    assert entry.after == {"ip_address": "127.0.0.1", "step": "password", "known_account": True}
    assert WRONG not in json.dumps(entry.after) + entry.note


def test_an_unknown_username_is_not_written_down(client: Client, world: World) -> None:
    # People type their password into the username field; it must not land in the log.
    sign_in(client, "Mat-khau-nham-o", WRONG)

    entry = AuditEntry.objects.get()
    assert (entry.object_id, entry.object_repr) == ("", "")
    assert entry.after == {"ip_address": "127.0.0.1", "step": "password", "known_account": False}
    assert "Mat-khau-nham-o" not in json.dumps(entry.after)


def test_a_wrong_code_is_logged_as_a_failed_second_step(client: Client, world: World) -> None:
    enrol(world.user("office_staff"))
    sign_in(client, "office_staff")
    client.post(reverse("accounts:login_code"), {"code": "000000"})
    assert AuditEntry.objects.get(action="auth.sign_in_failed").after["step"] == "code"  # type: ignore[index]


def test_the_lockout_is_logged_once_when_it_starts(client: Client, world: World) -> None:
    for _ in range(7):
        sign_in(client, "office_staff", WRONG)
    sign_in(client, "office_staff", PASSWORD)

    assert audit_actions().count("auth.locked_out") == 1
    assert audit_actions().count("auth.sign_in_failed") == 8  # the refused right password counts too
    lockout = AuditEntry.objects.get(action="auth.locked_out")
    assert lockout.object_id == str(world.user("office_staff").pk)


def test_every_sign_in_event_has_a_vietnamese_label() -> None:
    assert ACTION_LABELS["auth.sign_in"] == "Đăng nhập"
    assert ACTION_LABELS["auth.sign_in_failed"] == "Đăng nhập không thành công"
    assert ACTION_LABELS["auth.locked_out"] == "Tạm khóa đăng nhập do sai nhiều lần"
