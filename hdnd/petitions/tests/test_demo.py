"""The `make run` demo cycle, built on the councils demo of a tiny fake Hà Nội."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from hdnd.councils.models import UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory
from hdnd.petitions.models import Answer, AnswerRating, Cycle, Forwarding, Outcome, Petition, PetitionIssue

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_noi_demo(rules: Any) -> None:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    CommuneFactory.create(parent=city, code="00004", name="Phường Ba Đình", kind=UnitKind.WARD)
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_cycle_goes_from_meetings_to_published_answers(ha_noi_demo: None, client: Client) -> None:
    out = io.StringIO()
    call_command("load_petitions_demo", stdout=out)
    earlier, cycle = Cycle.objects.order_by("created_at")
    assert cycle.meetings.count() == 2
    assert cycle.petitions.count() == 9  # eight from the meetings, one letter
    assert cycle.petitions.filter(source=Petition.Source.LETTER).count() == 1
    issues = PetitionIssue.objects.filter(cycle=cycle)
    assert issues.count() < 9  # the same demand raised at both meetings is synthesised once
    assert set(issues.values_list("status", flat=True)) == {PetitionIssue.Status.CONFIRMED}
    # The earlier cycle's unresolved issue is carried over with its history.
    carried = issues.get(carried_from__isnull=False)
    assert carried.carried_from is not None
    assert carried.carried_from.cycle == earlier
    # Answers of three kinds in this cycle, one rated and flagged, all answered issues published.
    outcomes = set(Answer.objects.filter(forwarding__issue__cycle=cycle).values_list("outcome", flat=True))
    assert outcomes == {Outcome.IN_PROGRESS, Outcome.RESOLVED, Outcome.EXPLAINED}
    assert AnswerRating.objects.count() == 1
    assert issues.filter(flag="supervision").count() == 1
    published = issues.filter(published_at__isnull=False)
    assert published.count() == 3
    assert Forwarding.objects.filter(issue__cycle=cycle, status="sent").exists()  # some still wait
    # A voter finds the published answers with the code of the meeting, without logging in.
    meeting = cycle.meetings.order_by("date").first()
    assert meeting is not None
    page = client.get(reverse("petitions:public_lookup"), {"ma": meeting.code.lower()})
    assert page.status_code == 200
    assert "kế hoạch duy tu năm 2027" in page.text
    assert "Đã tạo đợt tiếp xúc cử tri trình diễn" in out.getvalue()


def test_running_the_demo_again_adds_nothing(ha_noi_demo: None) -> None:
    call_command("load_petitions_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_petitions_demo", stdout=out)
    assert Cycle.objects.count() == 2
    assert "không tạo thêm" in out.getvalue()


def test_without_the_councils_demo_it_says_what_to_run_first(db: Any) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_petitions_demo", stdout=io.StringIO())
