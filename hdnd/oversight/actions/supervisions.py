"""The supervision workflow: create, establish the team (numbered QĐ), send the plan and outline,
self-reports and supplements, fieldwork, the draft report and its consultation, the outcome.

Each step checks ``TRANSITIONS`` (``hdnd.core.workflow.check_transition``), writes one audit entry with
what it changed, and sets the days the next step must keep from the rules table (``supervision.*``)
on the working-day calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.calendar import WorkingCalendar, deadline, next_working_day
from hdnd.core.uploads import check_document
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Agency, Body, Council, Person
from hdnd.oversight.models import (
    NOTICE_SYMBOL,
    TRANSITIONS,
    Fieldwork,
    Finding,
    ProgrammeProposal,
    SupervisedAgency,
    Supervision,
    SupervisionProgramme,
    TeamMember,
    numbered,
)
from hdnd.oversight.rules import DRAFT_REPORT, MEMBER_NOTES, SUPPLEMENT
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions import actions as resolution_actions
from hdnd.sittings.models import Session

from .common import check_agency, check_all_same, clean, lock, not_before, same_council, take_document_number

ACTION_LABELS = {
    "oversight.create_supervision": "Tạo cuộc giám sát, khảo sát",
    "oversight.establish_team": "Ban hành quyết định thành lập đoàn giám sát",
    "oversight.send_plan": "Gửi kế hoạch, đề cương báo cáo đến cơ quan chịu giám sát",
    "oversight.receive_self_report": "Nhận báo cáo của cơ quan chịu giám sát",
    "oversight.request_supplement": "Yêu cầu bổ sung tài liệu",
    "oversight.receive_supplement": "Nhận tài liệu bổ sung",
    "oversight.add_fieldwork": "Ghi buổi làm việc trực tiếp",
    "oversight.finish_fieldwork": "Kết thúc làm việc trực tiếp",
    "oversight.record_draft_report": "Dự thảo báo cáo, xin ý kiến",
    "oversight.conclude_supervision": "Kết luận cuộc giám sát",
    "oversight.cancel_supervision": "Không thực hiện cuộc giám sát",
    "oversight.add_finding": "Ghi phát hiện qua giám sát",
}
WRONG_STEP = "Cuộc giám sát đang ở bước “{}”: chưa thể thực hiện bước này."


@dataclass(frozen=True)
class MemberLine:
    """One member of the team as typed: a person of the council, or a name (an invited expert)."""

    role: str
    name: str = ""
    position: str = ""
    person: Person | None = None


def _refusal(supervision: Supervision) -> str:
    return WRONG_STEP.format(supervision.get_status_display())


def _move(locked: Supervision, target: str) -> str:
    """Check the table and set the status (the caller saves and writes the one audit entry)."""
    before = locked.status
    check_transition(TRANSITIONS, before, target, _refusal(locked))
    locked.status = target
    return before


def create_supervision(
    council: Council,
    *,
    by: Actor,
    kind: str,
    title: str,
    content: str = "",
    scope: str = "",
    body: Body | None = None,
    person: Person | None = None,
    programme: SupervisionProgramme | None = None,
    proposal: ProgrammeProposal | None = None,
    planned_month: int | None = None,
    issues: Iterable[PetitionIssue] = (),
) -> Supervision:
    """A supervision or survey in the programme (or outside it), by a body or by one delegate."""
    if kind not in Supervision.Kind.values:
        raise ValidationError({"kind": "Chọn hình thức: giám sát chuyên đề, khảo sát hoặc tái giám sát."})
    if (body is None) == (person is None):
        raise ValidationError({"body": "Chọn cơ quan giám sát hoặc đại biểu giám sát (một trong hai)."})
    if planned_month is not None and not 1 <= planned_month <= 12:
        raise ValidationError({"planned_month": "Tháng dự kiến từ 1 đến 12."})
    for obj, field in ((body, "body"), (person, "person"), (programme, "programme"), (proposal, "proposal")):
        same_council(obj, council, field, "Thông tin này không thuộc HĐND đang chọn.")
    found = check_all_same(issues, council, "issues", "Kiến nghị này không thuộc HĐND đang chọn.")
    values = {
        "title": clean(title, "title", "tên cuộc giám sát", limit=255),
        "content": clean(content, "content", "nội dung", required=False),
        "scope": clean(scope, "scope", "phạm vi", required=False),
    }
    with transaction.atomic():
        supervision = Supervision.objects.create(
            council=council,
            kind=kind,
            body=body,
            person=person,
            programme=programme,
            proposal=proposal,
            planned_month=planned_month,
            **values,
        )
        supervision.issues.set(found)
        record(
            action="oversight.create_supervision",
            actor=by,
            obj=supervision,
            council=council,
            after={"kind": kind, "title": values["title"], "supervisor": supervision.supervisor},
        )
    return supervision


def establish_team(
    supervision: Supervision,
    *,
    by: Actor,
    on: date,
    members: Sequence[MemberLine],
    number: int | None = None,
) -> Supervision:
    """Issue the decision establishing the team (numbered in the body's QĐ series) with its members."""
    if supervision.person_id is not None:
        raise ValidationError("Đại biểu giám sát không cần quyết định thành lập đoàn.")
    if not any(line.role == TeamMember.Role.HEAD for line in members):
        raise ValidationError({"members": "Đoàn giám sát phải có Trưởng đoàn."})
    council = supervision.council
    for line in members:
        same_council(line.person, council, "members", "Thành viên phải là người của HĐND đang chọn.")
        if line.role not in TeamMember.Role.values or not (line.person or line.name.strip()):
            raise ValidationError({"members": "Mỗi thành viên cần họ tên và vai trò trong đoàn."})
    with transaction.atomic():
        locked = lock(supervision)
        before = _move(locked, Supervision.Status.ESTABLISHED)
        symbol = locked.decision_symbol_for_body
        taken = Supervision.objects.filter(
            council=council,
            decision_year=on.year,
            decision_number=number,
            decision_symbol__endswith=f"/{symbol}",
        ).exists()
        given = take_document_number(council, on.year, symbol, number, taken)
        locked.decision_year, locked.decision_number, locked.decision_on = on.year, given, on
        locked.decision_symbol = numbered(given, symbol)
        locked.save()
        TeamMember.objects.bulk_create(
            TeamMember(
                supervision=locked,
                person=line.person,
                name=line.person.full_name
                if line.person
                else clean(line.name, "members", "họ tên", limit=120),
                position=line.position or (line.person.position if line.person else ""),
                role=line.role,
            )
            for line in members
        )
        record(
            action="oversight.establish_team",
            actor=by,
            obj=locked,
            council=council,
            before={"status": before},
            after={"status": locked.status, "decision": locked.decision_symbol, "members": len(members)},
        )
    return locked


def send_plan(
    supervision: Supervision, *, by: Actor, on: date, agencies: Iterable[Agency], report_due_on: date
) -> Supervision:
    """Send the plan and report outline to the supervised bodies, each owing its report by a day
    (moved to the next working day when it falls on a day off)."""
    council = supervision.council
    found = list(agencies)
    if not found:
        raise ValidationError({"agencies": "Chọn ít nhất một cơ quan chịu giám sát."})
    for agency in found:
        check_agency(agency, council, "agencies")
    not_before(report_due_on, on, "report_due_on", "Hạn gửi báo cáo phải sau ngày gửi kế hoạch.")
    due = next_working_day(report_due_on)
    with transaction.atomic():
        locked = lock(supervision)
        before = _move(locked, Supervision.Status.PLAN_SENT)
        locked.plan_sent_on = on
        locked.save()
        SupervisedAgency.objects.bulk_create(
            SupervisedAgency(supervision=locked, council=council, agency=agency, report_due_on=due)
            for agency in found
            if not locked.targets.filter(agency=agency).exists()
        )
        record(
            action="oversight.send_plan",
            actor=by,
            obj=locked,
            council=council,
            before={"status": before},
            after={"status": locked.status, "agencies": [a.name for a in found], "report_due_on": due},
        )
    return locked


def receive_self_report(
    target: SupervisedAgency, *, by: Actor, on: date, upload: UploadedFile | None = None
) -> SupervisedAgency:
    """The supervised body's report (báo cáo tự giám sát) has arrived."""
    if upload is not None:
        check_document(upload, "file")
    with transaction.atomic():
        locked = lock(target)
        if locked.report_received_on is not None:
            raise ValidationError("Đã ghi nhận báo cáo của cơ quan này.")
        locked.report_received_on = on
        if upload is not None:
            locked.report_file.save(upload.name or "bao-cao.pdf", upload, save=False)
        locked.save()
        late = (on - locked.report_due_on).days
        record(
            action="oversight.receive_self_report",
            actor=by,
            obj=locked.supervision,
            council=locked.council,
            after={"agency": str(locked.agency), "received_on": on, "days_late": max(late, 0)},
        )
    return locked


def request_supplement(target: SupervisedAgency, *, by: Actor, on: date) -> SupervisedAgency:
    """Ask the supervised body for more material, due by the rule ``supervision.self_report_supplement``."""
    with transaction.atomic():
        locked = lock(target)
        due = deadline(SUPPLEMENT, on, locked.council)
        locked.supplement_requested_on, locked.supplement_due_on = on, due
        locked.supplement_received_on = None
        locked.save()
        record(
            action="oversight.request_supplement",
            actor=by,
            obj=locked.supervision,
            council=locked.council,
            after={"agency": str(locked.agency), "requested_on": on, "due_on": due},
        )
    return locked


def receive_supplement(target: SupervisedAgency, *, by: Actor, on: date) -> SupervisedAgency:
    with transaction.atomic():
        locked = lock(target)
        if locked.supplement_requested_on is None:
            raise ValidationError("Chưa yêu cầu cơ quan này bổ sung tài liệu.")
        locked.supplement_received_on = on
        locked.save()
        record(
            action="oversight.receive_supplement",
            actor=by,
            obj=locked.supervision,
            council=locked.council,
            after={"agency": str(locked.agency), "received_on": on},
        )
    return locked


def add_fieldwork(
    supervision: Supervision,
    *,
    by: Actor,
    on: date,
    place: str,
    agency: Agency | None = None,
    notes: str = "",
) -> Fieldwork:
    """A session of direct work; the first one moves the supervision to fieldwork."""
    place = clean(place, "place", "địa điểm", limit=255)
    if agency is not None:
        check_agency(agency, supervision.council)
    with transaction.atomic():
        locked = lock(supervision)
        before = locked.status
        if before != Supervision.Status.FIELDWORK:
            _move(locked, Supervision.Status.FIELDWORK)
        not_before(on, locked.plan_sent_on or on, "on", "Ngày làm việc phải sau ngày gửi kế hoạch.")
        if locked.fieldwork_started_on is None or on < locked.fieldwork_started_on:
            locked.fieldwork_started_on = on
        locked.save()
        session = Fieldwork.objects.create(
            supervision=locked,
            on=on,
            place=place,
            agency=agency,
            notes=clean(notes, "notes", "ghi chú", required=False),
        )
        record(
            action="oversight.add_fieldwork",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": locked.status, "on": on, "place": place, "agency": str(agency or "")},
        )
    return session


def finish_fieldwork(supervision: Supervision, *, by: Actor, on: date) -> Supervision:
    """Fieldwork is over: members' notes and the draft report fall due by the ``supervision.*`` rules."""
    calendar = WorkingCalendar.for_span(on, on)
    with transaction.atomic():
        locked = lock(supervision)
        before = _move(locked, Supervision.Status.DRAFTING)
        not_before(
            on, locked.fieldwork_started_on or on, "on", "Ngày kết thúc phải sau buổi làm việc đầu tiên."
        )
        locked.fieldwork_ended_on = on
        locked.fieldwork_started_on = locked.fieldwork_started_on or on
        locked.member_notes_due_on = deadline(MEMBER_NOTES, on, locked.council, calendar)
        locked.draft_report_due_on = deadline(DRAFT_REPORT, on, locked.council, calendar)
        locked.save()
        record(
            action="oversight.finish_fieldwork",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={
                "status": locked.status,
                "ended_on": on,
                "member_notes_due_on": locked.member_notes_due_on,
                "draft_report_due_on": locked.draft_report_due_on,
            },
        )
    return locked


def record_draft_report(
    supervision: Supervision, *, by: Actor, on: date, consultation_until: date
) -> Supervision:
    """The draft report is out for the supervised bodies' and members' comments until a day."""
    not_before(consultation_until, on, "consultation_until", "Hạn góp ý phải từ ngày gửi dự thảo trở đi.")
    with transaction.atomic():
        locked = lock(supervision)
        before = _move(locked, Supervision.Status.CONSULTING)
        locked.draft_report_on, locked.consultation_until = on, consultation_until
        locked.save()
        record(
            action="oversight.record_draft_report",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": locked.status, "draft_on": on, "consultation_until": consultation_until},
        )
    return locked


def conclude_supervision(
    supervision: Supervision,
    *,
    by: Actor,
    on: date,
    outcome: str,
    conclusions: str,
    number: int | None = None,
    session: Session | None = None,
    upload: UploadedFile | None = None,
) -> Supervision:
    """The outcome: a report, a conclusion notice numbered in the TB-HĐND series, or a draft
    supervision resolution for the next session (drafted in the resolutions register)."""
    if outcome not in Supervision.Outcome.values:
        raise ValidationError({"outcome": "Chọn hình thức kết luận."})
    conclusions = clean(conclusions, "conclusions", "kết quả, kết luận giám sát")
    same_council(session, supervision.council, "session", "Kỳ họp này không thuộc HĐND đang chọn.")
    if upload is not None:
        check_document(upload, "file")
    with transaction.atomic():
        locked = lock(supervision)
        before = _move(locked, Supervision.Status.CONCLUDED)
        locked.outcome, locked.conclusions, locked.concluded_on = outcome, conclusions, on
        if outcome == Supervision.Outcome.NOTICE:
            _number_notice(locked, on, number)
        if outcome == Supervision.Outcome.RESOLUTION:
            locked.resolution = resolution_actions.draft_resolution(
                locked.council,
                by=by,
                title=f"Về kết quả {locked.kind_words} “{locked.title}”",
                text=conclusions,
                session=session,
            )
        if upload is not None:
            locked.report.save(upload.name or "bao-cao.pdf", upload, save=False)
        locked.save()
        record(
            action="oversight.conclude_supervision",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": locked.status, "outcome": outcome, "notice": locked.notice_symbol},
        )
    return locked


def _number_notice(locked: Supervision, on: date, number: int | None) -> None:
    taken = Supervision.objects.filter(
        council=locked.council, notice_year=on.year, notice_number=number
    ).exists()
    given = take_document_number(locked.council, on.year, NOTICE_SYMBOL, number, taken)
    locked.notice_year, locked.notice_number = on.year, given
    locked.notice_symbol = numbered(given, NOTICE_SYMBOL)


def cancel_supervision(supervision: Supervision, *, by: Actor, reason: str) -> Supervision:
    reason = clean(reason, "reason", "lý do")
    with transaction.atomic():
        locked = lock(supervision)
        change_status(
            locked,
            Supervision.Status.CANCELLED,
            table=TRANSITIONS,
            refusal=_refusal(locked),
            by=by,
            action="oversight.cancel_supervision",
        )
        locked.history_note = f"{locked.history_note}\nKhông thực hiện: {reason}".strip()
        locked.save(update_fields=["history_note"])
    return locked


def add_finding(
    supervision: Supervision, *, by: Actor, text: str, issue: PetitionIssue | None = None
) -> Finding:
    """A finding of the supervision, possibly about an issue voters raised."""
    body = clean(text, "text", "nội dung phát hiện")
    same_council(issue, supervision.council, "issue", "Kiến nghị này không thuộc HĐND đang chọn.")
    if supervision.status in (Supervision.Status.PLANNED, Supervision.Status.CANCELLED):
        raise ValidationError(_refusal(supervision))
    with transaction.atomic():
        finding = Finding.objects.create(
            supervision=supervision, council=supervision.council, text=body, issue=issue
        )
        record(
            action="oversight.add_finding",
            actor=by,
            obj=supervision,
            council=supervision.council,
            after={"finding": body[:200], "issue": issue.pk if issue else None},
        )
    return finding
