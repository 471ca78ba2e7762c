"""The start page shows each user what waits for them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def test_a_responder_sees_the_agency_inbox_with_open_and_overdue_counts(client: Client, world: Any) -> None:
    support.forwarded(world.province, on=date(2026, 1, 5))  # due in February: overdue today
    client.force_login(world.user("agency_responder"))
    page = client.get(reverse("portal:dashboard"))
    agency = support.agency(world.province)
    assert reverse("petitions:agency_inbox", args=[agency.pk]) in page.text
    assert "1 chờ trả lời" in page.text
    assert "1 quá hạn" in page.text


def test_office_staff_see_their_overdue_board_and_a_delegate_sees_neither(client: Client, world: Any) -> None:
    support.forwarded(world.province, on=date(2026, 1, 5))
    client.force_login(world.user("office_staff"))
    page = client.get(reverse("portal:dashboard"))
    assert reverse("petitions:overdue_board", args=[world.province.pk]) in page.text
    assert reverse("petitions:followup_mine") not in page.text
    client.force_login(world.user("delegate"))
    page = client.get(reverse("portal:dashboard"))
    assert "quá hạn" not in page.text
    assert reverse("petitions:followup_mine") in page.text
    assert world.province.name in page.text
