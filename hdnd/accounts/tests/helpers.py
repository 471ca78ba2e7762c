"""Small helpers shared by the accounts tests."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from hdnd.accounts import actions
from hdnd.accounts.models import User
from hdnd.core.models import AuditEntry


def code_for(device: TOTPDevice) -> str:
    """The code the user's phone shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(user: User) -> TOTPDevice:
    """Turn on the second factor for the user, as the setup page does."""
    device = actions.start_totp(user)
    actions.confirm_totp(device)
    return device


def sign_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password, **extra})


def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
