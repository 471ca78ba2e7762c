"""Periodic reports: periods with working-day due dates, a report written, submitted (figures frozen),
returned with a reason, accepted; late reports listed and reminded; the opening written from the figures."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from hdnd.core.audit import AuditEntry
from hdnd.core.periods import Period
from hdnd.reports import actions
from hdnd.reports.assemble import figure_rows
from hdnd.reports.models import CouncilReport, Proposal, ReportStatus, proposals_for
from hdnd.reports.narrative import opening
from hdnd.reports.tests import support
from hdnd.reports.tests.test_rollup import held

Q1 = Period.parse("2026-Q1")


def value(report: CouncilReport, code: str) -> int:
    return next(row.value for row in figure_rows(report) if row.code == code)


def test_opening_a_period_gives_the_province_and_each_commune_a_draft(world: Any) -> None:
    period = support.period(world.province)
    names = sorted(period.reports.values_list("council__name", flat=True))
    assert names == ["HĐND phường Tây Thủy", "HĐND tỉnh An Bình", "HĐND xã Đông Hòa"]
    assert set(period.reports.values_list("status", flat=True)) == {ReportStatus.DRAFT}
    assert AuditEntry.objects.filter(action="reports.open_period").count() == 1


def test_the_due_date_counts_working_days_past_new_year(world: Any) -> None:
    # 2025-Q4 ends Wed 31/12/2025; 1/1/2026 is a holiday, 3-4/1 a weekend: Fri 2, Mon 5, Tue 6, Wed 7,
    # Thu 8 are the five working days.
    period = actions.open_period(world.province, by=None, code="2025-Q4", due_working_days=5)
    assert period.due_on == date(2026, 1, 8)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"code": "2026-Q5", "due_on": date(2026, 4, 1)}, {"code"}),
        ({"code": "2026-Q1"}, {"due_on"}),
        ({"code": "2026-Q1", "due_working_days": 99}, {"due_working_days"}),
        ({"code": "2026-Q1", "due_on": date(2025, 12, 1)}, {"due_on"}),
    ],
)
def test_bad_periods_are_refused_in_vietnamese(world: Any, data: dict[str, Any], errors: set[str]) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.open_period(world.province, by=None, **data)
    assert set(refused.value.message_dict) == errors


def test_a_period_is_opened_once_and_only_by_a_province(world: Any) -> None:
    support.period(world.province)
    with pytest.raises(ValidationError, match="Đã có kỳ báo cáo quý I năm 2026"):
        support.period(world.province)
    with pytest.raises(ValidationError, match="HĐND cấp tỉnh"):
        support.period(world.commune)


def test_a_submitted_report_does_not_move_when_records_change(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10))
    report = support.report(world.commune, period)
    assert value(report, "sittings.thematic_held") == 1
    report = actions.submit_report(report, by=world.user("commune_staff"))
    held(world.commune, date(2026, 3, 10), date(2026, 3, 20))
    report.refresh_from_db()
    assert value(report, "sittings.thematic_held") == 1
    assert report.results.startswith("Trong quý I năm 2026, HĐND xã Đông Hòa đã tổ chức 01 kỳ họp chuyên đề")
    # Returned, it reads the records again; submitted again, it freezes the new figures.
    report = actions.return_report(report, by=world.user("office_staff"), reason="Bổ sung kỳ họp tháng 3.")
    assert value(report, "sittings.thematic_held") == 3
    report = actions.submit_report(report, by=None)
    held(world.commune, date(2026, 3, 25))
    assert value(report, "sittings.thematic_held") == 3


def test_returning_needs_a_reason_and_mails_the_commune(world: Any) -> None:
    world.commune.email = "vp@donghoa.gov.vn"
    world.commune.save()
    period = support.period(world.province)
    report = support.submitted(world.commune, period)
    with pytest.raises(ValidationError) as refused:
        actions.return_report(report, by=None, reason="  ")
    assert refused.value.message_dict == {"reason": ["Nhập lý do trả lại để cấp dưới hoàn thiện."]}
    with pytest.raises(ValidationError, match="Chỉ trả lại báo cáo đã gửi"):
        actions.return_report(support.report(world.other_commune, period), by=None, reason="Thiếu số liệu")
    mail.outbox.clear()
    with pytest.raises(ValidationError):  # draft: nothing to accept
        actions.accept_report(support.report(world.other_commune, period), by=None)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        returned = actions.return_report(report, by=None, reason="Thiếu số liệu tiếp xúc cử tri.")
    assert returned.status == ReportStatus.RETURNED
    assert mail.outbox[0].to == ["vp@donghoa.gov.vn"]
    assert "Thiếu số liệu tiếp xúc cử tri." in mail.outbox[0].body


def test_a_sent_report_cannot_be_edited(world: Any) -> None:
    period = support.period(world.province)
    report = support.submitted(world.commune, period)
    with pytest.raises(ValidationError, match="không sửa được"):
        actions.edit_report(report, by=None, results="x", shortcomings="", next_tasks="")
    with pytest.raises(ValidationError, match="không sửa được"):
        actions.add_proposal(report, by=None, text="Đề nghị hỗ trợ kinh phí")


def test_proposals_are_collected_from_sent_reports(world: Any) -> None:
    period = support.period(world.province)
    sent = support.report(world.commune, period)
    actions.add_proposal(sent, by=None, text="Đề nghị bố trí kinh phí sửa trụ sở.", topic="Tài chính")
    actions.add_proposal(sent, by=None, text="Đề nghị hướng dẫn quy trình giám sát chuyên đề.")
    actions.submit_report(sent, by=None)
    draft = support.report(world.other_commune, period)
    actions.add_proposal(draft, by=None, text="Chưa gửi: không được tính.")
    found = proposals_for(world.province, period)
    assert [(p.council.name, p.order, p.text) for p in found] == [
        ("HĐND xã Đông Hòa", 1, "Đề nghị bố trí kinh phí sửa trụ sở."),
        ("HĐND xã Đông Hòa", 2, "Đề nghị hướng dẫn quy trình giám sát chuyên đề."),
    ]
    assert proposals_for(world.province, "2026-Q1").count() == 2
    assert proposals_for(world.province, Q1, sent_only=False).count() == 3
    with pytest.raises(ValidationError) as refused:
        actions.add_proposal(draft, by=None, text="")
    assert refused.value.message_dict == {"text": ["Nhập nội dung kiến nghị, đề xuất."]}
    assert Proposal.objects.count() == 3


def test_late_reports_are_listed_and_reminded_every_three_days(world: Any) -> None:
    world.other_commune.email = "vp@taythuy.gov.vn"
    world.other_commune.save()
    period = support.period(world.province, due_on=date(2026, 4, 10))
    support.submitted(world.commune, period)
    with time_machine.travel(datetime(2026, 4, 10, 3, tzinfo=UTC), tick=False):
        assert not CouncilReport.objects.late().exists()
    with time_machine.travel(datetime(2026, 4, 13, 3, tzinfo=UTC), tick=False):
        late = CouncilReport.objects.late()
        assert sorted(r.council.name for r in late) == ["HĐND phường Tây Thủy", "HĐND tỉnh An Bình"]
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            reminded = actions.remind_late()
        assert len(reminded) == 2
        assert ["vp@taythuy.gov.vn"] in [m.to for m in mail.outbox]
        assert actions.remind_late() == []
    with time_machine.travel(datetime(2026, 4, 16, 4, tzinfo=UTC), tick=False):
        assert len(actions.remind_late()) == 2
    actions.close_period(period, by=None)
    with time_machine.travel(datetime(2026, 4, 30, 4, tzinfo=UTC), tick=False):
        assert actions.remind_late() == []


def test_a_report_sent_after_its_due_date_is_marked_late(world: Any) -> None:
    period = support.period(world.province, due_on=date(2026, 4, 10))
    with time_machine.travel(datetime(2026, 4, 14, 3, tzinfo=UTC), tick=False):
        report = support.submitted(world.commune, period)
    assert report.sent_late
    assert not report.is_late(date(2026, 4, 20))


def test_the_opening_reads_like_an_administrative_report() -> None:
    text = opening(
        "HĐND xã Đông Hòa",
        Q1,
        {
            "sittings.thematic_held": 1,
            "resolutions.adopted": 3,
            "sittings.standing_meetings": 3,
            "sittings.conclusion_notices": 2,
            "petitions.meetings": 4,
            "petitions.received": 25,
            "petitions.forwarded": 10,
            "petitions.answered": 8,
            "petitions.answered_on_time": 6,
            "petitions.overdue": 2,
        },
        ["trước kỳ họp thứ mười hai"],
    )
    assert text == (
        "Trong quý I năm 2026, HĐND xã Đông Hòa đã tổ chức 01 kỳ họp chuyên đề, ban hành 03 nghị quyết; "
        "Thường trực HĐND họp 03 phiên, ban hành 02 thông báo kết luận; phối hợp tổ chức 04 hội nghị "
        "tiếp xúc cử tri (trước kỳ họp thứ mười hai), tiếp nhận 25 ý kiến, kiến nghị của cử tri; "
        "chuyển 10 kiến nghị đến cơ quan có thẩm quyền giải quyết; các cơ quan đã trả lời 08 lượt, "
        "trong đó 06 lượt đúng hạn; còn 02 lượt kiến nghị quá hạn chưa được trả lời."
    )
    assert opening("HĐND xã Đông Hòa", Q1, {}) == (
        "Trong quý I năm 2026, HĐND xã Đông Hòa chưa phát sinh số liệu hoạt động trên hệ thống."
    )


def test_export_report_writes_each_format(world: Any, tmp_path: Any) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    period = support.period(world.province)
    support.submitted(world.commune, period)
    for args, name in [
        (["--council", world.commune.pk, "--format", "docx"], "x.docx"),
        (["--council", world.province.pk, "--rollup", "--format", "xlsx"], "x.xlsx"),
        (["--council", world.province.pk, "--rollup", "--format", "docx", "--as-then"], "y.docx"),
    ]:
        out = tmp_path / name
        call_command("export_report", *map(str, args), "--period", "2026-Q1", "--output", str(out))
        assert out.read_bytes()[:2] == b"PK"
    with pytest.raises(CommandError, match="chưa mở kỳ báo cáo quý II năm 2026"):
        call_command(
            "export_report",
            "--council",
            str(world.province.pk),
            "--period",
            "2026-Q2",
            "--rollup",
            "--output",
            str(tmp_path / "z"),
        )
    with pytest.raises(CommandError, match="Kỳ báo cáo không hợp lệ"):
        call_command(
            "export_report",
            "--council",
            str(world.province.pk),
            "--period",
            "Q9",
            "--output",
            str(tmp_path / "z"),
        )
