"""The supervision workflow from plan to conclusion: numbers, deadlines from the rules, what is late."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hdnd.core.models import AuditEntry
from hdnd.oversight import actions
from hdnd.oversight.models import Supervision, TeamMember
from hdnd.oversight.tests import support
from hdnd.resolutions.models import Resolution

pytestmark = pytest.mark.django_db


def audit(action: str) -> int:
    return AuditEntry.objects.filter(action=f"oversight.{action}").count()


def test_establishing_the_team_numbers_the_decision_in_the_bodys_series(world: Any, rules: Any) -> None:
    supervision = support.established(world.province)
    assert supervision.status == Supervision.Status.ESTABLISHED
    assert (supervision.decision_symbol, supervision.decision_on) == ("01/QĐ-BKTNS", date(2026, 2, 20))
    assert list(supervision.members.values_list("name", "role")) == [("Trần Thị Trưởng Đoàn", "head")]
    second = support.established(world.province)
    assert second.decision_symbol == "02/QĐ-BKTNS"
    assert audit("establish_team") == 2


def test_a_team_without_a_head_is_refused(world: Any, rules: Any) -> None:
    member = actions.MemberLine(role=TeamMember.Role.MEMBER, name="Lê Văn Thành Viên")
    with pytest.raises(ValidationError) as refused:
        actions.establish_team(
            support.planned(world.province), by=None, on=date(2026, 2, 20), members=[member]
        )
    assert refused.value.message_dict == {"members": ["Đoàn giám sát phải có Trưởng đoàn."]}


def test_a_typed_decision_number_already_given_is_refused(world: Any, rules: Any) -> None:
    support.established(world.province)
    head = actions.MemberLine(role=TeamMember.Role.HEAD, name="Trưởng đoàn")
    with pytest.raises(ValidationError) as refused:
        actions.establish_team(
            support.planned(world.province), by=None, on=date(2026, 3, 1), members=[head], number=1
        )
    assert refused.value.message_dict == {"number": ["Số 01/QĐ-BKTNS năm 2026 đã được dùng."]}


def test_a_self_report_due_on_a_holiday_moves_to_the_next_working_day(world: Any, rules: Any) -> None:
    supervision = actions.send_plan(
        support.established(world.province),
        by=None,
        on=date(2026, 2, 2),
        agencies=[support.agency(world.province)],
        report_due_on=date(2026, 2, 17),
    )
    # 17/02/2026 is Tết (16–20/02 off): the report is due on Monday 23/02/2026.
    assert supervision.targets.get().report_due_on == date(2026, 2, 23)


def test_a_supplement_is_due_five_days_after_the_request(world: Any, rules: Any) -> None:
    target = support.plan_sent(world.province).targets.get()
    target = actions.request_supplement(target, by=None, on=date(2026, 4, 24))
    # 24/04 + 5 days = 29/04; a calendar-day rule, and 29/04/2026 is a working Wednesday.
    assert target.supplement_due_on == date(2026, 4, 29)


def test_finishing_fieldwork_sets_the_draft_report_day_from_the_rules(world: Any, rules: Any) -> None:
    supervision = actions.finish_fieldwork(
        support.in_fieldwork(world.province), by=None, on=date(2026, 4, 24)
    )
    # Members' notes: 24/04 + 5 = 29/04. Draft report: 24/04 + 7 = Friday 01/05 (Labour Day), then the
    # weekend: Monday 04/05/2026.
    assert (supervision.member_notes_due_on, supervision.draft_report_due_on) == (
        date(2026, 4, 29),
        date(2026, 5, 4),
    )


def test_the_status_page_lists_a_late_self_report(world: Any, rules: Any) -> None:
    supervision = support.plan_sent(world.province)
    late = supervision.late(on=date(2026, 3, 25))
    assert [(item.what, item.due_on, item.days) for item in late] == [
        ("Báo cáo của Sở Xây dựng", date(2026, 3, 20), 5)
    ]
    actions.receive_self_report(
        supervision.targets.get(), by=None, on=date(2026, 3, 26), upload=support.pdf()
    )
    assert supervision.late(on=date(2026, 3, 27)) == []


def test_steps_out_of_order_are_refused_in_vietnamese(world: Any, rules: Any) -> None:
    supervision = support.planned(world.province)
    with pytest.raises(ValidationError) as refused:
        actions.finish_fieldwork(supervision, by=None, on=date(2026, 4, 10))
    assert refused.value.messages == ["Cuộc giám sát đang ở bước “Dự kiến”: chưa thể thực hiện bước này."]


def test_a_conclusion_notice_takes_the_councils_tb_number(world: Any, rules: Any) -> None:
    supervision = support.concluded(world.province)
    assert (supervision.status, supervision.notice_symbol) == (Supervision.Status.CONCLUDED, "01/TB-HĐND")
    assert audit("conclude_supervision") == 1


def test_a_resolution_outcome_drafts_the_supervision_resolution(world: Any, rules: Any) -> None:
    supervision = support.concluded(world.province, outcome=Supervision.Outcome.RESOLUTION)
    assert supervision.resolution is not None
    assert supervision.resolution.status == "draft"
    assert (
        Resolution.objects.get().title == "Về kết quả giám sát “Việc quản lý, sử dụng đất công trên địa bàn”"
    )


def test_a_delegate_supervises_without_a_team_decision(world: Any, rules: Any) -> None:
    supervision = actions.create_supervision(
        world.province,
        by=None,
        kind=Supervision.Kind.SURVEY,
        title="Khảo sát bếp ăn trường học",
        person=support.person(world.province),
    )
    with pytest.raises(ValidationError):
        actions.establish_team(supervision, by=None, on=date(2026, 3, 1), members=[])
    sent = actions.send_plan(
        supervision,
        by=None,
        on=date(2026, 3, 2),
        agencies=[support.agency(world.province)],
        report_due_on=date(2026, 3, 16),
    )
    assert sent.status == Supervision.Status.PLAN_SENT


def test_a_body_or_a_delegate_but_not_both(world: Any, rules: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.create_supervision(world.province, by=None, kind="thematic", title="Chuyên đề")
    assert refused.value.message_dict == {
        "body": ["Chọn cơ quan giám sát hoặc đại biểu giám sát (một trong hai)."]
    }


def test_an_agency_of_another_province_is_refused(world: Any, rules: Any) -> None:
    stranger = support.agency(world.other_province, "Sở Tài chính tỉnh Bắc Sơn")
    with pytest.raises(ValidationError) as refused:
        actions.send_plan(
            support.established(world.province),
            by=None,
            on=date(2026, 3, 2),
            agencies=[stranger],
            report_due_on=date(2026, 3, 20),
        )
    assert refused.value.message_dict == {
        "agencies": ["Sở Tài chính tỉnh Bắc Sơn không thuộc HĐND này hoặc cấp dưới trực tiếp."]
    }
