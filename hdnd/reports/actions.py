"""Every change to periodic reports: open and close a reporting period, write a report and its proposals,
submit it (freezing its figures), return it with a reason, accept it; remind the late.

Each runs in a transaction, locks the row it changes, checks ``TRANSITIONS`` through
``hdnd.core.workflow.change_status`` where a status moves, writes one audit entry and sends its mail
only after commit.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.core.audit import Actor, record
from hdnd.core.calendar import add_working_days
from hdnd.core.outbox import queue_mail
from hdnd.core.periods import Period
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status
from hdnd.councils.models import Council, Level

from .assemble import draft_opening, live_rows
from .models import (
    TRANSITIONS,
    CouncilReport,
    PeriodStatus,
    Proposal,
    ReportingPeriod,
    ReportStatus,
)
from .reading import count_soon
from .rollup import existed_during

ACTION_LABELS = {
    "reports.open_period": "Mở kỳ báo cáo định kỳ",
    "reports.close_period": "Kết thúc kỳ báo cáo",
    "reports.edit_report": "Soạn báo cáo định kỳ",
    "reports.add_proposal": "Thêm kiến nghị, đề xuất với cấp trên",
    "reports.remove_proposal": "Xóa kiến nghị, đề xuất với cấp trên",
    "reports.submit_report": "Gửi báo cáo định kỳ",
    "reports.return_report": "Trả lại báo cáo để hoàn thiện",
    "reports.accept_report": "Tiếp nhận báo cáo định kỳ",
    "reports.remind_late": "Nhắc gửi báo cáo quá hạn",
}
SYSTEM = "nhắc hạn tự động"
TEXT_MAX = 20_000
PROPOSAL_MAX = 2_000
REMIND_EVERY = timedelta(days=3)  # a late council is reminded at most every three days
MAX_DUE_DAYS = 60
NOT_EDITABLE = "Báo cáo đã gửi, không sửa được nữa (chỉ sửa khi cấp trên trả lại)."


def office_emails(council: Council) -> list[str]:
    """The council's address and those of its administrators and office staff."""
    staff = RoleAssignment.objects.active().filter(
        council=council, role__in=[Role.COUNCIL_ADMIN, Role.OFFICE_STAFF], user__is_active=True
    )
    return [council.email, *staff.values_list("user__email", flat=True)]


# Reporting periods -----------------------------------------------------------------------------------


def due_date(period: Period, *, due_on: date | None, working_days: int | None) -> date:
    """The typed due date, or the ``working_days``-th working day after the period's last day."""
    if due_on is None and working_days is None:
        raise ValidationError({"due_on": "Nhập hạn gửi báo cáo, hoặc số ngày làm việc sau ngày cuối kỳ."})
    if working_days is not None:
        if not 0 <= working_days <= MAX_DUE_DAYS:
            raise ValidationError({"due_working_days": f"Số ngày làm việc từ 0 đến {MAX_DUE_DAYS}."})
        return add_working_days(period.last, working_days)
    assert due_on is not None
    if due_on < period.first:
        raise ValidationError({"due_on": "Hạn gửi báo cáo phải sau ngày đầu kỳ báo cáo."})
    return due_on


def reporting_councils(council: Council, period: Period) -> list[Council]:
    """The council itself and the councils directly below it that existed during ``period``."""
    below = Council.objects.filter(parent=council).select_related("unit").order_by("name_key", "pk")
    return [council, *(c for c in below if existed_during(c, period))]


def open_period(
    council: Council,
    *,
    by: Actor,
    code: str,
    due_on: date | None = None,
    due_working_days: int | None = None,
    note: str = "",
) -> ReportingPeriod:
    """Open a reporting period for ``council`` and the councils below it: one draft report each."""
    if council.level == Level.COMMUNE:
        raise ValidationError("Kỳ báo cáo do HĐND cấp tỉnh đặt cho mình và các HĐND cấp dưới.")
    try:
        period = Period.parse(code)
    except ValidationError as error:
        raise ValidationError({"code": error.messages}) from None
    due = due_date(period, due_on=due_on, working_days=due_working_days)
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        if ReportingPeriod.objects.filter(council=council, code=period.code).exists():
            raise ValidationError({"code": f"Đã có kỳ báo cáo {period.label}."})
        opened = ReportingPeriod.objects.create(
            council=council,
            code=period.code,
            kind=period.kind.value,
            due_on=due,
            due_working_days=due_working_days,
            note=nfc(note),
        )
        councils = reporting_councils(council, period)
        CouncilReport.objects.bulk_create(CouncilReport(council=c, period=opened) for c in councils)
        record(
            action="reports.open_period",
            actor=by,
            obj=opened,
            council=council,
            after={"code": period.code, "due_on": due, "councils": len(councils)},
        )
        # After the commit (and the audit entry's bump): the figures counted then are current.
        transaction.on_commit(lambda: count_soon(opened))
    return opened


def close_period(period: ReportingPeriod, *, by: Actor) -> ReportingPeriod:
    """Stop counting reports of the period as late (the briefing has been held)."""
    with transaction.atomic():
        locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        change_status(
            locked,
            PeriodStatus.CLOSED,
            table={PeriodStatus.OPEN: frozenset({PeriodStatus.CLOSED})},
            refusal="Kỳ báo cáo đã kết thúc.",
            by=by,
            action="reports.close_period",
        )
    return locked


# Writing a report --------------------------------------------------------------------------------


def _lock(report: CouncilReport) -> CouncilReport:
    return (
        CouncilReport.objects.select_for_update(of=("self",))
        .select_related("council", "period")
        .get(pk=report.pk)
    )


def _clean_text(value: str, field: str, limit: int = TEXT_MAX) -> str:
    text = nfc(value or "").strip()
    if len(text) > limit:
        raise ValidationError({field: f"Nội dung dài quá {limit:,} ký tự.".replace(",", ".")})
    return text


def edit_report(
    report: CouncilReport, *, by: Actor, results: str, shortcomings: str, next_tasks: str
) -> CouncilReport:
    """Save the narrative sections of a report still with its council."""
    values = {
        "results": _clean_text(results, "results"),
        "shortcomings": _clean_text(shortcomings, "shortcomings"),
        "next_tasks": _clean_text(next_tasks, "next_tasks"),
    }
    with transaction.atomic():
        locked = _lock(report)
        if not locked.is_editable:
            raise ValidationError(NOT_EDITABLE)
        before = {field: getattr(locked, field) for field in values}
        for field, value in values.items():
            setattr(locked, field, value)
        locked.save(update_fields=[*values, "updated_at"])
        changed = [field for field in values if before[field] != values[field]]
        record(
            action="reports.edit_report",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"changed": changed},
        )
    return locked


def add_proposal(report: CouncilReport, *, by: Actor, text: str, topic: str = "") -> Proposal:
    """Add one proposal to the level above (each is answered on its own)."""
    text = _clean_text(text, "text", PROPOSAL_MAX)
    if not text:
        raise ValidationError({"text": "Nhập nội dung kiến nghị, đề xuất."})
    topic = _clean_text(topic, "topic", 120)
    with transaction.atomic():
        locked = _lock(report)
        if not locked.is_editable:
            raise ValidationError(NOT_EDITABLE)
        order = locked.proposals.count() + 1
        proposal = Proposal.objects.create(
            council=locked.council, report=locked, order=order, text=text, topic=topic
        )
        record(
            action="reports.add_proposal",
            actor=by,
            obj=proposal,
            council=locked.council,
            after={"order": order},
        )
    return proposal


def remove_proposal(proposal: Proposal, *, by: Actor) -> None:
    with transaction.atomic():
        locked = _lock(proposal.report)
        if not locked.is_editable:
            raise ValidationError(NOT_EDITABLE)
        record(
            action="reports.remove_proposal",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"proposal": proposal.pk, "text": proposal.text[:200]},
        )
        proposal.delete()


# Submitting and reviewing ------------------------------------------------------------------------


def submit_report(report: CouncilReport, *, by: Actor) -> CouncilReport:
    """Send the report up: its figures are frozen now, and the opening is written if staff left it empty."""
    with transaction.atomic():
        locked = _lock(report)
        rows = live_rows(locked)
        also = {
            "figures": [row.as_dict() for row in rows],
            "submitted_at": timezone.now(),
            "submitted_by": by if getattr(by, "is_authenticated", False) else None,
            "results": locked.results or draft_opening(locked, rows),
        }
        change_status(
            locked,
            ReportStatus.SUBMITTED,
            table=TRANSITIONS,
            refusal="Báo cáo đã được gửi.",
            by=by,
            action="reports.submit_report",
            also=also,
        )
        above = locked.period.council
        if above.pk != locked.council_id:
            queue_mail(
                f"{locked.council.name} đã gửi báo cáo {locked.period.period.label}",
                f"{locked.council.name} đã gửi báo cáo {locked.period.period.label}.",
                office_emails(above),
            )
    return locked


def return_report(report: CouncilReport, *, by: Actor, reason: str) -> CouncilReport:
    """Send a submitted report back to its council for revision, saying why."""
    reason = _clean_text(reason, "reason", PROPOSAL_MAX)
    if not reason:
        raise ValidationError({"reason": "Nhập lý do trả lại để cấp dưới hoàn thiện."})
    with transaction.atomic():
        locked = _lock(report)
        change_status(
            locked,
            ReportStatus.RETURNED,
            table=TRANSITIONS,
            refusal="Chỉ trả lại báo cáo đã gửi và chưa được tiếp nhận.",
            by=by,
            action="reports.return_report",
            also={"returned_reason": reason, "returned_at": timezone.now(), "figures": []},
        )
        queue_mail(
            f"Báo cáo {locked.period.period.label} bị trả lại để hoàn thiện",
            f"{locked.period.council.name} trả lại báo cáo {locked.period.period.label}. Lý do: {reason}",
            office_emails(locked.council),
        )
    return locked


def accept_report(report: CouncilReport, *, by: Actor) -> CouncilReport:
    with transaction.atomic():
        locked = _lock(report)
        change_status(
            locked,
            ReportStatus.ACCEPTED,
            table=TRANSITIONS,
            refusal="Chỉ tiếp nhận báo cáo đã gửi.",
            by=by,
            action="reports.accept_report",
            also={"accepted_at": timezone.now()},
        )
    return locked


def remind_late(on: date | None = None) -> list[CouncilReport]:
    """Remind each council whose report is late, at most every ``REMIND_EVERY``."""
    on = on or timezone.localdate()
    now = timezone.now()
    reminded = []
    candidates = CouncilReport.objects.late(on).select_related("council", "period")
    for candidate in candidates:
        if candidate.reminded_at is not None and now - candidate.reminded_at < REMIND_EVERY:
            continue
        with transaction.atomic():
            locked = _lock(candidate)
            if not locked.is_late(on):
                continue
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
            label = locked.period.period.label
            record(
                action="reports.remind_late",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                after={"due_on": locked.period.due_on},
            )
            queue_mail(
                f"Nhắc gửi báo cáo {label}",
                f"Báo cáo {label} của {locked.council.name} đã quá hạn "
                f"(hạn {locked.period.due_on:%d/%m/%Y}).",
                office_emails(locked.council),
            )
        reminded.append(locked)
    return reminded
