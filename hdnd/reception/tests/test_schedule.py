"""Schedules and the register: planning, holding, the report, reminders, group visits, petitions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from hdnd.core.actions import set_rule_override
from hdnd.core.models import RuleUnit
from hdnd.petitions.models import Cycle, Petition
from hdnd.reception import actions
from hdnd.reception.models import Host, LetterKind, Reception, ReceptionSlot
from hdnd.reception.tests import support

pytestmark = pytest.mark.django_db


def test_a_slot_must_end_after_it_starts(world: Any) -> None:
    start = datetime(2026, 10, 15, 8, 0, tzinfo=support.HANOI)
    with pytest.raises(ValidationError, match="sau giờ bắt đầu"):
        actions.plan_slot(
            world.commune,
            by=None,
            kind="periodic",
            host=Host.STANDING,
            starts_at=start,
            ends_at=start,
            place="X",
        )


def test_the_public_schedule_and_ical_list_the_slots(world: Any, client: Client) -> None:
    with time_machine.travel(date(2026, 10, 1)):
        support.slot(world.commune)
        page = client.get(reverse("reception:public_schedule", args=[world.commune.pk]))
        ical = client.get(reverse("reception:public_ical", args=[world.commune.pk]))
    assert "Trụ sở tiếp công dân xã" in page.content.decode()
    assert "Trần Thị Đại Biểu" in page.content.decode()
    assert ical["Content-Type"].startswith("text/calendar")
    assert b"DTSTART:20261015T010000Z" in ical.content


def test_the_people_on_duty_are_reminded_once(world: Any, rules: Any) -> None:
    with time_machine.travel(date(2026, 10, 1)):
        slot = support.slot(world.commune)
        slot.hosts.update(email="daibieu@example.vn")
    # reception.duty_reminder: 2 working days before Thu 15/10 → Tue 13/10, not Mon 12/10.
    assert actions.remind_slots(date(2026, 10, 12)) == []
    with time_machine.travel(date(2026, 10, 13)), django_capture_on_commit():
        assert actions.remind_slots(date(2026, 10, 13)) == [slot]
        assert actions.remind_slots(date(2026, 10, 13)) == []
    assert mail.outbox[-1].to == ["daibieu@example.vn"]


def test_a_council_sets_its_own_duty_reminder_in_the_rules_table(world: Any, rules: Any) -> None:
    with time_machine.travel(date(2026, 10, 1)):
        slot = support.slot(world.commune)
    assert actions.remind_slots(date(2026, 10, 9)) == []
    set_rule_override(
        rules["reception.duty_reminder"],
        world.commune,
        value=Decimal(4),
        unit=RuleUnit.WORKING_DAYS,
        legal_basis="Quy chế làm việc của HĐND xã",
        by=None,
    )
    # 4 working days before Thu 15/10 → Fri 09/10.
    assert actions.remind_slots(date(2026, 10, 9)) == [slot]


def django_capture_on_commit() -> Any:
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_the_delegate_reports_within_the_rule(world: Any, rules: Any) -> None:
    with time_machine.travel(date(2026, 10, 1)):
        slot = support.slot(world.commune)
    # reception.delegate_report: 5 days after Thu 15/10 → Tue 20/10.
    assert actions.report_due(slot) == date(2026, 10, 20)
    with time_machine.travel(date(2026, 10, 21)):
        with pytest.raises(ValidationError, match="đã diễn ra"):
            actions.report_slot(slot, by=None, reported_on=date(2026, 10, 21), report="Tiếp 3 lượt")
        actions.hold_slot(slot, by=None)
        slot = actions.report_slot(slot, by=None, reported_on=date(2026, 10, 21), report="Tiếp 3 lượt")
    assert slot.reported_on == date(2026, 10, 21)


def test_a_group_visit_counts_its_people_and_a_small_group_is_refused(world: Any) -> None:
    with time_machine.travel(date(2026, 10, 20)):
        group = support.reception(world.commune, visitors=Reception.Visitors.GROUP, group_size=15)
        with pytest.raises(ValidationError, match="từ 5 người"):
            support.reception(world.commune, visitors=Reception.Visitors.GROUP, group_size=3)
    assert group.group_size == 15


def test_a_denunciation_at_reception_keeps_no_visitor(world: Any) -> None:
    with time_machine.travel(date(2026, 10, 20)), pytest.raises(ValidationError, match="Luật Tố cáo"):
        support.reception(world.commune, kind=LetterKind.DENUNCIATION, visitor="Nguyễn Văn Tố")


def test_a_petition_raised_at_reception_becomes_a_petition_with_its_origin(world: Any) -> None:
    with time_machine.travel(date(2026, 10, 20)):
        cycle = Cycle.objects.create(council=world.commune, name="Sau kỳ họp thứ 9", year=2026)
        reception = support.reception(world.commune)
        petition = actions.raise_petition(reception, by=None, cycle=cycle, text=support.PETITION)
    assert petition.source == Petition.Source.RECEPTION
    assert petition.received_on == date(2026, 10, 15)
    assert list(reception.petitions.all()) == [petition]


def test_a_register_visit_with_a_letter_enters_the_letter(world: Any, rules: Any) -> None:
    client = Client()
    client.force_login(world.user("commune_staff"))
    data = {
        "received_on": "15/10/2026",
        "host": "office",
        "visitors": "one",
        "group_size": "1",
        "kind": "khieu_nai",
        "visitor": "Phạm Văn Khiếu, thôn Bắc",
        "content": support.COMPLAINT,
        "outcome": "letter",
        "subject": "Khiếu nại quyết định thu hồi đất",
    }
    with time_machine.travel(date(2026, 10, 20)):
        response = client.post(reverse("reception:reception_add", args=[world.commune.pk]), data)
    assert response.status_code == 302
    reception = Reception.objects.get()
    assert reception.letters.get().sender == "Phạm Văn Khiếu, thôn Bắc"


def test_bad_input_answers_422_in_vietnamese(world: Any) -> None:
    client = Client()
    client.force_login(world.user("commune_staff"))
    data = {
        "kind": "periodic",
        "host": "standing",
        "day": "31/02/2026",
        "starts": "25:00",
        "ends": "",
        "place": "",
    }
    response = client.post(reverse("reception:slot_add", args=[world.commune.pk]), data)
    assert response.status_code == 422
    assert "Nhập ngày theo dạng ngày/tháng/năm" in response.content.decode()
    assert not ReceptionSlot.objects.exists()


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_do_not_query_more_with_more_rows(world: Any) -> None:
    client = Client()
    client.force_login(world.user("commune_staff"))
    pages = [
        reverse("reception:letter_list", args=[world.commune.pk]),
        reverse("reception:reception_list", args=[world.commune.pk]) + "?ky=2026-Q4",
        reverse("reception:slot_list", args=[world.commune.pk]) + "?ky=2026-Q4",
        reverse("reception:statistics", args=[world.commune.pk]) + "?ky=2026-Q4",
        reverse("reception:public_schedule", args=[world.commune.pk]),
    ]
    with time_machine.travel(date(2026, 10, 20)):
        support.letter(world.commune)
        support.reception(world.commune, locality=world.commune.unit)
        support.slot(world.commune)
        [_queries(client, url) for url in pages]  # the first request of a session warms its caches
        few = [_queries(client, url) for url in pages]
        for day in (6, 7, 8, 9):
            support.letter(
                world.commune, received_on=date(2026, 10, day), content=support.REPORT, kind="phan_anh"
            )
            support.reception(world.commune, locality=world.commune.unit, received_on=date(2026, 10, day))
            support.slot(world.commune, at=datetime(2026, 10, day + 10, 8, 0, tzinfo=support.HANOI))
        many = [_queries(client, url) for url in pages]
    assert many == few
