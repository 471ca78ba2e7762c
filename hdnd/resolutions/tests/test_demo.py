"""The `make run` demo of sessions, resolutions and standing-committee meetings, on a tiny fake Hà Nội."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from hdnd.accounts.models import User
from hdnd.councils.models import UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory
from hdnd.resolutions.models import Resolution, ResolutionReview
from hdnd.sittings.models import ConclusionItem, Session, SessionVote, StandingMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_noi_demo(rules: Any) -> None:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    CommuneFactory.create(parent=city, code="00004", name="Phường Ba Đình", kind=UnitKind.WARD)
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_year_walks_sessions_resolutions_and_the_standing_committee(
    ha_noi_demo: None, client: Client
) -> None:
    out = io.StringIO()
    call_command("load_sittings_demo", stdout=out)
    assert "Đã tạo 3 kỳ họp" in out.getvalue()
    first, mid_year, year_end = Session.objects.order_by("number")
    assert (first.kind, first.status) == (Session.Kind.FIRST, Session.Status.CLOSED)
    assert mid_year.status == Session.Status.CLOSED
    # One TB-HĐND series a year: session notices, the results notice and the conclusion notice share it.
    assert (first.notice_symbol, mid_year.notice_symbol, mid_year.results_symbol) == (
        "01/TB-HĐND",
        "02/TB-HĐND",
        "03/TB-HĐND",
    )
    assert year_end.notice_symbol == "04/TB-HĐND"
    assert year_end.status == Session.Status.CONVENED
    assert year_end.documents_sent_on is not None

    votes = SessionVote.objects.filter(item__session=mid_year)
    assert [vote.passed for vote in votes] == [True, True]
    city = mid_year.council
    symbols = set(Resolution.objects.filter(council=city).values_list("symbol", flat=True))
    assert {"01/NQ-HĐND", "01/2026/NQ-HĐND", "18/2024/NQ-HĐND"} <= symbols
    older = Resolution.objects.get(symbol="18/2024/NQ-HĐND")
    assert older.status == "replaced"
    assert Resolution.objects.filter(council=city, status="draft").count() == 1
    assert ResolutionReview.objects.count() == 1

    held = StandingMeeting.objects.get(council=city, status="concluded")
    assert held.notice_symbol == "05/TB-HĐND"
    assert ConclusionItem.objects.filter(meeting=held, done_on__isnull=False).count() == 1

    # Anyone reads the city's public register: the published resolutions, never the draft.
    register = client.get(reverse("resolutions:public_register", args=[city.pk])).content.decode()
    assert "01/2026/NQ-HĐND" in register
    assert "trường học giai đoạn" not in register
    client.force_login(User.objects.get(username="office_staff"))
    page = client.get(reverse("sittings:session_detail", args=[mid_year.pk]))
    assert page.status_code == 200
    assert "thứ hai" in page.content.decode()


def test_running_the_demo_again_adds_nothing(ha_noi_demo: None) -> None:
    call_command("load_sittings_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_sittings_demo", stdout=out)
    assert "đã có" in out.getvalue()
    assert Session.objects.count() == 3


def test_without_the_councils_demo_it_says_what_to_run_first(db: Any) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_sittings_demo", stdout=io.StringIO())


def test_the_held_sessions_of_the_demo_raise_no_lead_time_warning(ha_noi_demo: None) -> None:
    call_command("load_sittings_demo", stdout=io.StringIO())
    for session in Session.objects.filter(status=Session.Status.CLOSED):
        assert session.warnings() == [], session
