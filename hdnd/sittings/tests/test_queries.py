"""The lists' queries do not grow with their rows: measured with 2 rows and again with 12."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_standing import meeting

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def counts_with_2_and_12(client: Client, url: str, add: Callable[[int], object]) -> tuple[int, int]:
    for n in range(2):
        add(n)
    client.get(url)  # the first request of a login writes its session: not the page's own queries
    few = queries(client, url)
    for n in range(2, 12):
        add(n)
    return few, queries(client, url)


def test_the_session_list_does_not_grow_with_sessions(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:session_list", args=[world.province.pk])
    # Every two months from April 2026 (inside the term), over three years (the page groups by year).
    few, many = counts_with_2_and_12(
        client,
        url,
        lambda n: support.session(world.province, opens_on=date(2026, 4, 10) + timedelta(days=61 * n)),
    )
    assert few == many


def test_the_standing_meeting_list_does_not_grow_with_meetings(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:standing_list", args=[world.province.pk])
    few, many = counts_with_2_and_12(
        client, url, lambda n: meeting(world.province, meets_on=date(2026, 1, 15) + timedelta(days=30 * n))
    )
    assert few == many


def test_the_api_session_list_reads_the_rules_once_for_its_deadlines(
    client: Client, world: World, rules: Any
) -> None:
    """Each session of the list carries its deadlines and warnings: one reading of the council's rules
    and one calendar for the page (three queries a deadline, four deadlines a session before). The
    calendar reads each year the page's sessions fall in once: these are all in 2026."""
    client.force_login(world.user("office_staff"))
    url = f"/api/v1/councils/{world.province.pk}/sessions"
    few, many = counts_with_2_and_12(
        client,
        url,
        lambda n: support.session(world.province, opens_on=date(2026, 4 + n // 2, 5 + 10 * (n % 2))),
    )
    assert few == many
    listed = {row["id"]: row for row in client.get(url).json()["items"]}
    for session_id, row in listed.items():
        alone = client.get(f"/api/v1/sessions/{session_id}").json()
        wanted = ("convening_deadline", "documents_deadline", "warnings")
        assert {key: row[key] for key in wanted} == {key: alone[key] for key in wanted}
    assert any(row["warnings"] for row in listed.values())  # some planned ones are late by now
