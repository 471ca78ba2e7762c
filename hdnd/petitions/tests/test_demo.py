"""The `make run` demo cycle, built on the councils demo of a tiny fake Hà Nội."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hdnd.councils.models import UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory
from hdnd.petitions.models import Answer, Cycle, Forwarding, Petition, PetitionIssue

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_noi_demo(rules: Any) -> None:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    CommuneFactory.create(parent=city, code="00004", name="Phường Ba Đình", kind=UnitKind.WARD)
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_cycle_goes_from_meetings_to_an_answer(ha_noi_demo: None) -> None:
    out = io.StringIO()
    call_command("load_petitions_demo", stdout=out)
    cycle = Cycle.objects.get()
    assert cycle.meetings.count() == 2
    assert Petition.objects.count() == 8
    issues = PetitionIssue.objects.filter(cycle=cycle)
    assert issues.count() < 8  # the same demand raised at both meetings is synthesised once
    assert set(issues.values_list("status", flat=True)) == {PetitionIssue.Status.CONFIRMED}
    assert Forwarding.objects.exists()
    assert Answer.objects.count() == 1
    assert "Đã tạo đợt tiếp xúc cử tri trình diễn" in out.getvalue()


def test_running_the_demo_again_adds_nothing(ha_noi_demo: None) -> None:
    call_command("load_petitions_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_petitions_demo", stdout=out)
    assert Cycle.objects.count() == 1
    assert "không tạo thêm" in out.getvalue()


def test_without_the_councils_demo_it_says_what_to_run_first(db: Any) -> None:
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_petitions_demo", stdout=io.StringIO())
