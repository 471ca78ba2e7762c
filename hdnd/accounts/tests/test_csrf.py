"""A request without its CSRF token is refused in Vietnamese: a page for pages, JSON for the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd import settings as project_settings  # the module itself: the fixture overrides django.conf
from hdnd.accounts.csrf import CSRF_FAILED_API

pytestmark = pytest.mark.django_db

VIEW = "hdnd.accounts.csrf.csrf_failure"


@pytest.fixture(autouse=True)
def _vietnamese_csrf_page(settings: Any) -> None:
    """What ``hdnd/settings.py`` configures (see ``test_the_settings_name_the_vietnamese_view``)."""
    settings.CSRF_FAILURE_VIEW = VIEW


def test_the_settings_name_the_vietnamese_view() -> None:
    assert getattr(project_settings, "CSRF_FAILURE_VIEW", None) == VIEW


def test_a_form_posted_without_its_token_gets_a_vietnamese_page(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("office_staff"))

    response = client.post(reverse("accounts:token_create"), {"name": "Một cửa", "expires_in": "90"})

    assert response.status_code == 403
    assert "Yêu cầu không được chấp nhận" in response.text
    assert "Vui lòng tải lại trang rồi thực hiện lại thao tác." in response.text
    assert "CSRF verification failed" not in response.text


def test_the_api_with_the_browser_session_and_no_token_answers_in_vietnamese_json(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("office_staff"))

    response = client.patch("/api/v1/resolutions/999999", {"title": "Mới"}, content_type="application/json")

    assert response.status_code == 403
    assert response.json() == {"detail": CSRF_FAILED_API}


def test_the_failure_view_answers_json_under_api(rf: Any) -> None:
    from hdnd.accounts.csrf import csrf_failure

    response = csrf_failure(rf.post("/api/v1/petitions/"), reason="CSRF token missing.")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert "CSRF token missing" not in response.content.decode()
