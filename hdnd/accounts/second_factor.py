"""The optional second factor (TOTP): the half-finished sign-in between password and code, and the QR code.

A user with a confirmed device is not signed in by the password alone: the login view parks the user
in the session (``begin``), the code page checks the code and finishes the sign-in (``finish``), which
marks the session verified for django-otp.
"""

from __future__ import annotations

import time
from base64 import b32encode
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import auth
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

PENDING_KEY = "hdnd_pending_login"
PENDING_SECONDS = 5 * 60  # time allowed between the password and the code


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's authenticator app, once they have confirmed it with a code."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_confirmed_device(user: Any) -> bool:
    """For the guard on every request: one EXISTS on the one device kind the platform enrols, where
    django-otp's ``user_has_device`` walks every installed model to find the device kinds first."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_device(user: Any) -> TOTPDevice | None:
    """A device the user has started to enrol but not yet confirmed."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=False).first()


def begin(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember who gave the right password, until they give the code too."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", None),
        "at": int(time.time()),
        "next": next_url,
    }


def pending(request: HttpRequest) -> tuple[User, str] | None:
    """The user waiting for the code step and where to send them after, or None if nothing (still) waits."""
    data = request.session.get(PENDING_KEY)
    if not data or int(time.time()) - data["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user = User.objects.filter(pk=data["user"], is_active=True).first()
    return (user, data["next"]) if user else None


def verify(user: User, code: str) -> TOTPDevice | None:
    """The device that accepts the code (django-otp throttles repeated failures), or None."""
    device = confirmed_device(user)
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, code)


def finish(request: HttpRequest, user: User, device: TOTPDevice) -> None:
    """Sign the user in and mark the session as verified by the device."""
    data = request.session.pop(PENDING_KEY)
    auth.login(request, user, backend=data["backend"])
    django_otp.login(request, device)


def secret(device: TOTPDevice) -> str:
    """The key as people type it into an app when they cannot scan the QR code (base32, in groups of 4)."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code, drawn here (council networks are often offline)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.get_image()
    svg.set("width", "100%")  # fill its box on the page (the viewBox keeps the proportions)
    svg.set("height", "100%")
    return image.to_string(encoding="unicode")
