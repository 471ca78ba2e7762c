"""The start page shows each user what waits for them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def test_a_responder_sees_the_agency_inbox_with_open_and_overdue_counts(client: Client, world: World) -> None:
    support.forwarded(world.province, on=date(2026, 1, 5))  # due in February: overdue today
    client.force_login(world.user("agency_responder"))
    page = client.get(reverse("portal:dashboard"))
    agency = support.agency(world.province)
    assert reverse("petitions:agency_inbox", args=[agency.pk]) in page.text
    assert "1 chờ trả lời" in page.text
    assert "1 quá hạn" in page.text


def test_office_staff_see_their_overdue_board_and_a_delegate_sees_neither(
    client: Client, world: World
) -> None:
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


def queries_for(client: Client, url: str) -> int:
    client.get(url)  # warm up the session and caches, so the count is the page's own
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_start_page_takes_the_same_queries_with_2_or_12_councils(client: Client, world: World) -> None:
    client.force_login(world.user("council_admin"))  # the province and its two communes ...
    url = reverse("portal:dashboard")
    with_two_below = queries_for(client, url)
    for number in range(10):  # ... then ten more communes below it
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Thêm {number}")
        CouncilFactory.create(unit=unit, parent=world.province)
    assert queries_for(client, url) == with_two_below
    assert "HĐND Xã Thêm 9" in client.get(url).text
