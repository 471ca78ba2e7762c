"""Follow-up: the due-only implementation rate, children rolled up into their parent, reminders and
escalation on real working days (Tết 2027: 04–10/02/2027 off), one step from an overdue item, figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from hdnd.core import figures
from hdnd.core.models import AuditEntry
from hdnd.core.periods import Period
from hdnd.oversight import actions, rates
from hdnd.oversight.models import Escalation, FollowStatus, QuestioningTopic, Supervision
from hdnd.oversight.tests import support

pytestmark = pytest.mark.django_db
S = FollowStatus
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def follow_rules(rules: Any) -> None:
    support.rules()


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)


def test_the_rate_counts_only_recommendations_already_due(world: Any, follow_rules: Any) -> None:
    council = world.province
    supervision = support.concluded(council)
    done = support.recommendation(council, supervision=supervision, due_on=date(2026, 6, 30))
    support.recommendation(council, supervision=supervision, due_on=date(2026, 7, 31))  # due, not done
    support.recommendation(council, supervision=supervision, due_on=date(2026, 12, 31))  # not due yet
    excused = support.recommendation(council, supervision=supervision, due_on=date(2026, 7, 15))
    actions.add_recommendation(
        council,
        by=None,
        agency=support.agency(council),
        content="Di dời chợ tạm",
        on=date(2026, 5, 15),
        multi_year=True,
        supervision=supervision,
    )
    actions.report_progress(done, by=None, on=date(2026, 6, 20), status=S.DONE, note="Đã thu hồi 3 ha.")
    actions.accept_excuse(excused, by=None, on=date(2026, 7, 10), reason="Chờ quy hoạch được phê duyệt.")
    rate = rates.implementation(council.pk, date(2026, 9, 1))
    # Due: the June and July ones (the excused, the multi-year and the December one are left out).
    assert (rate.due, rate.done, rate.not_due, rate.excluded, rate.percent) == (2, 1, 1, 2, 50)


def test_children_roll_up_into_their_parent(world: Any, follow_rules: Any) -> None:
    council = world.province
    parent = support.recommendation(council, due_on=date(2026, 9, 30))
    first = actions.add_recommendation(
        council,
        by=None,
        agency=support.agency(council),
        content="Thu hồi đất lấn chiếm phường A",
        on=date(2026, 5, 15),
        due_on=date(2026, 9, 30),
        supervision=parent.supervision,
        parent=parent,
    )
    second = actions.add_recommendation(
        council,
        by=None,
        agency=support.agency(council, "UBND phường B"),
        content="Thu hồi đất lấn chiếm phường B",
        on=date(2026, 5, 15),
        due_on=date(2026, 9, 30),
        supervision=parent.supervision,
        parent=parent,
    )
    actions.report_progress(first, by=None, on=date(2026, 8, 1), status=S.DONE)
    parent.refresh_from_db()
    assert (parent.status, parent.progress) == (S.PARTLY_DONE, 50)
    actions.report_progress(
        second, by=None, on=date(2026, 8, 20), status=S.PARTLY_DONE, progress=60, note="Đã thu hồi 60%."
    )
    parent.refresh_from_db()
    assert (parent.status, parent.progress) == (S.PARTLY_DONE, 80)
    actions.report_progress(second, by=None, on=date(2026, 9, 10), status=S.DONE)
    parent.refresh_from_db()
    assert (parent.status, parent.progress, parent.done_on) == (S.DONE, 100, date(2026, 9, 10))
    with pytest.raises(ValidationError):
        actions.report_progress(parent, by=None, on=date(2026, 9, 11), status=S.DONE)


def test_a_partial_report_needs_a_percentage(world: Any, follow_rules: Any) -> None:
    item = support.recommendation(world.province)
    with pytest.raises(ValidationError) as refused:
        actions.report_progress(item, by=None, on=date(2026, 8, 1), status=S.PARTLY_DONE, note="Đang làm")
    assert refused.value.message_dict == {
        "progress": ["Thực hiện một phần: nhập tỷ lệ hoàn thành từ 1 đến 99%."]
    }


def test_reminder_comes_five_working_days_before_a_deadline_after_tet(
    world: Any, follow_rules: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = support.recommendation(world.province, due_on=date(2027, 2, 15))
    # Five working days before Monday 15/02/2027: 12/02, 11/02, then Tết (04–10/02), 03/02, 02/02 and
    # Monday 01/02/2027; on Friday 29/01 it is still not due.
    with time_machine.travel(at(date(2027, 1, 29)), tick=False):
        assert actions.run_followup(date(2027, 1, 29)) == []
    with (
        time_machine.travel(at(date(2027, 2, 1)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert [i.pk for i in actions.run_followup(date(2027, 2, 1))] == [item.pk]
    item.refresh_from_db()
    assert item.status == S.DUE
    assert mail.outbox[-1].subject == "Nhắc thực hiện kiến nghị sau giám sát"
    assert AuditEntry.objects.filter(action="oversight.remind").count() == 1
    with time_machine.travel(at(date(2027, 2, 1), 15), tick=False):
        assert actions.run_followup(date(2027, 2, 1)) == []  # a second run the same day changes nothing


def test_escalation_goes_to_the_superior_then_the_standing_committee(world: Any, follow_rules: Any) -> None:
    council = world.province
    superior = support.peoples_committee(council)
    agency = support.agency(council, "Sở Tài nguyên", superior=superior)
    item = support.recommendation(council, agency=agency, due_on=date(2027, 1, 29))
    with time_machine.travel(at(date(2027, 2, 1)), tick=False):
        actions.run_followup(date(2027, 2, 1))
    item.refresh_from_db()
    assert (item.status, item.escalation) == (S.OVERDUE, Escalation.SUPERIOR)
    # 10 working days after Friday 29/01/2027: 01–03/02, Tết (04–10/02), 11–12/02 and 15–19/02: the
    # standing committee hears of it the working day after Friday 19/02/2027, Monday 22/02/2027.
    with time_machine.travel(at(date(2027, 2, 19)), tick=False):
        actions.run_followup(date(2027, 2, 19))
    item.refresh_from_db()
    assert item.escalation == Escalation.SUPERIOR
    with time_machine.travel(at(date(2027, 2, 22)), tick=False):
        actions.run_followup(date(2027, 2, 22))
    item.refresh_from_db()
    assert item.escalation == Escalation.STANDING_COMMITTEE
    assert AuditEntry.objects.filter(action="oversight.escalate").count() == 2


def test_re_supervision_carries_the_history_and_refuses_what_is_not_overdue(
    world: Any, follow_rules: Any
) -> None:
    item = support.recommendation(world.province, due_on=date(2026, 6, 30))
    with pytest.raises(ValidationError):
        actions.start_resupervision(item, by=None, on=date(2026, 6, 1))
    again = actions.start_resupervision(item, by=None, on=date(2026, 7, 10))
    assert (again.kind, again.rechecks, list(again.rechecked_recommendations.all())) == (
        Supervision.Kind.RESUPERVISION,
        item.supervision,
        [item],
    )
    assert "quá hạn 10 ngày tính đến 10/07/2026" in again.history_note
    with pytest.raises(ValidationError) as twice:
        actions.start_resupervision(item, by=None, on=date(2026, 7, 11))
    assert twice.value.messages == [f"Kiến nghị này đang được tái giám sát: “{again}”."]
    topic = actions.start_requestioning(item, by=None, on=date(2026, 7, 10))
    assert (topic.unaccepted_answers, topic.status) == (True, QuestioningTopic.Status.PROPOSED)
    proposal = actions.propose_accountability(
        item, by=None, on=date(2026, 7, 10), official="Giám đốc Sở", reason="Không thực hiện"
    )
    assert proposal.history_note.startswith("Kiến nghị: Rà soát")


def test_figures_count_held_supervisions_and_due_recommendations(world: Any, follow_rules: Any) -> None:
    council = world.province
    item = support.recommendation(council, due_on=date(2026, 6, 30))
    actions.report_progress(item, by=None, on=date(2026, 6, 1), status=S.DONE)
    support.recommendation(council, supervision=item.supervision, due_on=date(2026, 12, 31))
    half = Period.parse("2026-H1")
    counted = figures.compute(
        ["oversight.thematic_held", "oversight.recommendations_due", "oversight.recommendations_done"],
        [council.pk],
        half,
    )
    assert counted == {
        "oversight.thematic_held": {council.pk: 1},
        "oversight.recommendations_due": {council.pk: 1},
        "oversight.recommendations_done": {council.pk: 1},
    }
