"""Recommendations and commitments: record them, report progress with evidence, accept an objective
reason, reopen, roll children up into the parent; and, from an overdue recommendation, start a
re-supervision, a re-questioning or a proposal to hold someone responsible in one step, carrying the
recommendation's history along (``history_text``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Avg, Max

from hdnd.accounts.models import User
from hdnd.accounts.scope import MANAGE_OVERSIGHT, can
from hdnd.core.audit import Actor, action_label, history_for, record
from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.uploads import check_document
from hdnd.core.workflow import check_transition
from hdnd.councils.models import Agency, BodyKind, Council
from hdnd.oversight.models import (
    FOLLOW_TRANSITIONS,
    AccountabilityProposal,
    Commitment,
    Evidence,
    ExplanationSession,
    Finding,
    FollowStatus,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    Supervision,
)
from hdnd.oversight.rules import REMINDER
from hdnd.petitions.permissions import responds_for
from hdnd.resolutions.models import Resolution
from hdnd.sittings.models import StandingMeeting

from .common import check_agency, clean, lock, same_council

S = FollowStatus
ACTION_LABELS = {
    "oversight.add_recommendation": "Ghi kiến nghị sau giám sát",
    "oversight.add_commitment": "Ghi cam kết",
    "oversight.report_progress": "Báo cáo kết quả thực hiện",
    "oversight.accept_excuse": "Chấp nhận lý do khách quan",
    "oversight.reopen": "Mở lại theo dõi (chưa thực hiện xong)",
    "oversight.roll_up": "Tổng hợp tiến độ từ các nội dung con",
    "oversight.attach_evidence": "Đính kèm minh chứng",
    "oversight.start_resupervision": "Tái giám sát từ kiến nghị quá hạn",
    "oversight.start_requestioning": "Chất vấn lại từ kiến nghị quá hạn",
    "oversight.propose_accountability": "Đề nghị xem xét trách nhiệm",
}
NO_DEADLINE = "Nhập thời hạn thực hiện, hoặc đánh dấu nội dung thực hiện trong nhiều năm."
type Tracked = Recommendation | Commitment


def open_status(
    due_on: date | None, on: date, council: Council, calendar: WorkingCalendar | None = None
) -> str:
    """Where an item with nothing reported stands on ``on``: overdue past its deadline, due from the
    reminder day (rule ``supervision.recommendation.reminder``), otherwise not due."""
    if due_on is None:
        return S.NOT_DUE
    if due_on < on:
        return S.OVERDUE
    return S.DUE if deadline(REMINDER, due_on, council, calendar) <= on else S.NOT_DUE


def _deadline_fields(due_on: date | None, multi_year: bool) -> None:
    if due_on is None and not multi_year:
        raise ValidationError({"due_on": NO_DEADLINE})


def add_recommendation(
    council: Council,
    *,
    by: Actor,
    agency: Agency,
    content: str,
    on: date,
    due_on: date | None = None,
    multi_year: bool = False,
    supervision: Supervision | None = None,
    finding: Finding | None = None,
    resolution: Resolution | None = None,
    standing_meeting: StandingMeeting | None = None,
    parent: Recommendation | None = None,
) -> Recommendation:
    """A recommendation to ``agency`` from a supervision (its finding), a conclusion notice or a
    resolution; a ``parent`` makes it one part of a larger recommendation."""
    content = clean(content, "content", "nội dung kiến nghị")
    check_agency(agency, council)
    _deadline_fields(due_on, multi_year)
    for obj, field in (
        (supervision, "supervision"),
        (resolution, "resolution"),
        (standing_meeting, "standing_meeting"),
    ):
        same_council(obj, council, field, "Nguồn kiến nghị không thuộc HĐND đang chọn.")
    if finding is not None and finding.supervision_id != getattr(supervision, "pk", None):
        raise ValidationError({"finding": "Phát hiện này không thuộc cuộc giám sát đã chọn."})
    if parent is not None and (parent.council_id != council.pk or parent.parent_id is not None):
        raise ValidationError({"parent": "Chỉ chia một cấp: chọn một kiến nghị chính của HĐND này."})
    if supervision is not None and supervision.status in (
        Supervision.Status.PLANNED,
        Supervision.Status.CANCELLED,
    ):
        raise ValidationError({"supervision": "Cuộc giám sát chưa tiến hành: chưa thể có kiến nghị."})
    source = (
        Recommendation.Source.RESOLUTION
        if resolution
        else Recommendation.Source.NOTICE
        if standing_meeting or (supervision and supervision.outcome == Supervision.Outcome.NOTICE)
        else Recommendation.Source.SUPERVISION
    )
    with transaction.atomic():
        item = Recommendation.objects.create(
            council=council,
            source=source,
            supervision=supervision,
            finding=finding,
            resolution=resolution,
            standing_meeting=standing_meeting,
            parent=parent,
            agency=agency,
            content=content,
            due_on=due_on,
            multi_year=multi_year,
            status=open_status(due_on, on, council),
        )
        record(
            action="oversight.add_recommendation",
            actor=by,
            obj=item,
            council=council,
            after={
                "agency": str(agency),
                "due_on": due_on,
                "status": item.status,
                "parent": getattr(parent, "pk", None),
            },
        )
        if parent is not None:
            roll_up(parent, by=by, on=on)
    return item


def add_commitment(
    origin: QuestioningTopic | ExplanationSession,
    *,
    by: Actor,
    official: str,
    agency: Agency,
    content: str,
    on: date,
    due_on: date | None = None,
    multi_year: bool = False,
    slip: QuestionSlip | None = None,
) -> Commitment:
    """A commitment made at questioning (a topic) or at an explanation session."""
    council = origin.council
    content = clean(content, "content", "nội dung cam kết")
    official = clean(official, "official", "người cam kết", limit=255)
    check_agency(agency, council)
    _deadline_fields(due_on, multi_year)
    if slip is not None and (slip.council_id != council.pk or slip.topic_id != getattr(origin, "pk", None)):
        raise ValidationError({"slip": "Phiếu chất vấn này không thuộc nhóm vấn đề đã chọn."})
    where = {"topic": origin} if isinstance(origin, QuestioningTopic) else {"explanation": origin}
    with transaction.atomic():
        item = Commitment.objects.create(
            council=council,
            official=official,
            agency=agency,
            content=content,
            due_on=due_on,
            multi_year=multi_year,
            slip=slip,
            status=open_status(due_on, on, council),
            **where,
        )
        record(
            action="oversight.add_commitment",
            actor=by,
            obj=item,
            council=council,
            after={"official": official, "agency": str(agency), "due_on": due_on, "status": item.status},
        )
    return item


# Progress ----------------------------------------------------------------------------------------


def _refusal(item: Tracked) -> str:
    return f"Nội dung đang ở trạng thái “{item.get_status_display()}”: không chuyển được như vậy."


def _parent_of(item: Tracked) -> Recommendation | None:
    return item.parent if isinstance(item, Recommendation) else None


def _no_children(item: Tracked) -> None:
    if isinstance(item, Recommendation) and item.children.exists():
        raise ValidationError(
            "Kiến nghị này gồm nhiều nội dung: cập nhật từng nội dung, tiến độ được tổng hợp."
        )


def _by_agency(by: Actor, item: Tracked) -> bool:
    """The report comes from the agency's own responder, not from the council's office."""
    return (
        isinstance(by, User)
        and not can(by, item.council_id, MANAGE_OVERSIGHT)
        and responds_for(by, item.agency_id)
    )


def report_progress(
    item: Tracked, *, by: Actor, on: date, status: str, progress: int | None = None, note: str = ""
) -> Tracked:
    """The agency's report: done (100%) or partly done with a percentage and what was done. Recorded by
    the office, or by the agency's own responder (``reported_by_agency``, shown to the office)."""
    if status not in (S.DONE, S.PARTLY_DONE):
        raise ValidationError({"status": "Chọn: đã thực hiện xong hoặc thực hiện một phần."})
    if status == S.PARTLY_DONE and (progress is None or not 1 <= progress <= 99):
        raise ValidationError({"progress": "Thực hiện một phần: nhập tỷ lệ hoàn thành từ 1 đến 99%."})
    note = clean(note, "note", "kết quả thực hiện", required=status == S.PARTLY_DONE)
    _no_children(item)
    with transaction.atomic():
        locked = lock(item)
        before = {"status": locked.status, "progress": locked.progress}
        check_transition(FOLLOW_TRANSITIONS, locked.status, status, _refusal(locked))
        locked.status, locked.progress = status, 100 if status == S.DONE else int(progress or 0)
        locked.progress_note, locked.reported_on = note or locked.progress_note, on
        locked.done_on = on if status == S.DONE else None
        locked.reported_by_agency = _by_agency(by, locked)
        locked.save()
        record(
            action="oversight.report_progress",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={
                "status": status,
                "progress": locked.progress,
                "note": note[:500],
                "by_agency": locked.reported_by_agency,
            },
        )
        parent = _parent_of(locked)
        if parent is not None:
            roll_up(parent, by=by, on=on)
    return locked


def accept_excuse(item: Tracked, *, by: Actor, on: date, reason: str) -> Tracked:
    """The council accepts an objective reason: the item leaves the implementation rate."""
    reason = clean(reason, "reason", "lý do khách quan")
    _no_children(item)
    with transaction.atomic():
        locked = lock(item)
        before = locked.status
        check_transition(FOLLOW_TRANSITIONS, before, S.EXCUSED, _refusal(locked))
        locked.status, locked.excuse, locked.reported_on = S.EXCUSED, reason, on
        locked.reported_by_agency = False
        locked.save()
        record(
            action="oversight.accept_excuse",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": S.EXCUSED, "reason": reason[:500]},
        )
        parent = _parent_of(locked)
        if parent is not None:
            roll_up(parent, by=by, on=on)
    return locked


def reopen(item: Tracked, *, by: Actor, on: date, note: str) -> Tracked:
    """What was reported done (or excused) is found not done: follow it again."""
    note = clean(note, "note", "lý do mở lại")
    _no_children(item)
    with transaction.atomic():
        locked = lock(item)
        before = locked.status
        if before not in (S.DONE, S.EXCUSED):
            raise ValidationError(_refusal(locked))
        target = open_status(locked.due_on, on, locked.council)
        check_transition(FOLLOW_TRANSITIONS, before, target, _refusal(locked))
        locked.status, locked.done_on, locked.excuse = target, None, ""
        locked.progress, locked.reported_by_agency = min(locked.progress, 99), False
        locked.save()
        record(
            action="oversight.reopen",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": target, "note": note[:500]},
        )
        parent = _parent_of(locked)
        if parent is not None:
            roll_up(parent, by=by, on=on)
    return locked


def rolled_up(parent: Recommendation, on: date) -> tuple[str, int, date | None]:
    """The parent's status, progress and done day from its children (two aggregate queries)."""
    children = parent.children.all()
    figures = children.aggregate(progress=Avg("progress"), done_on=Max("done_on"))
    statuses = set(children.values_list("status", flat=True))
    progress = round(figures["progress"] or 0)
    if statuses and statuses <= {S.DONE, S.EXCUSED}:
        status = S.EXCUSED if statuses == {S.EXCUSED} else S.DONE
        return status, 100 if status == S.DONE else progress, figures["done_on"]
    if progress > 0 or statuses & {S.DONE, S.PARTLY_DONE}:
        return S.PARTLY_DONE, progress, None
    for status in (S.OVERDUE, S.DUE):
        if status in statuses:
            return status, progress, None
    return open_status(parent.due_on, on, parent.council), progress, None


def roll_up(parent: Recommendation, *, by: Actor, on: date) -> Recommendation:
    """Set the parent from its children; one audit entry on the parent when it changed."""
    locked = lock(parent)
    status, progress, done_on = rolled_up(locked, on)
    before = {"status": locked.status, "progress": locked.progress}
    if (status, progress) == (locked.status, locked.progress):
        return locked
    locked.status, locked.progress, locked.done_on = status, progress, done_on
    locked.save(update_fields=["status", "progress", "done_on"])
    record(
        action="oversight.roll_up",
        actor=by,
        obj=locked,
        council=locked.council,
        before=before,
        after={"status": status, "progress": progress},
    )
    return locked


def attach_evidence(item: Tracked, *, by: Actor, title: str, upload: UploadedFile) -> Evidence:
    """A document proving what was done, checked like every upload (``hdnd.core.uploads``)."""
    title = clean(title, "title", "tên minh chứng", limit=255)
    check_document(upload, "file")
    owner = {"recommendation": item} if isinstance(item, Recommendation) else {"commitment": item}
    with transaction.atomic():
        evidence = Evidence(
            council=item.council, title=title, uploaded_by=by if isinstance(by, User) else None, **owner
        )
        evidence.file.save(upload.name or "minh-chung.pdf", upload, save=False)
        evidence.save()
        record(
            action="oversight.attach_evidence",
            actor=by,
            obj=item,
            council=item.council,
            after={"title": title, "file": evidence.file.name, "by_agency": _by_agency(by, item)},
        )
    return evidence


# One step from an overdue recommendation ---------------------------------------------------------


def history_text(item: Recommendation, on: date) -> str:
    """The recommendation's history as the next step carries it: source, deadline, reports, reminders."""
    lines = [f"Kiến nghị: {item.content}", f"Cơ quan thực hiện: {item.agency}."]
    if item.supervision_id is not None:
        lines.append(f"Từ cuộc giám sát: {item.supervision}.")
    if item.due_on is not None:
        lines.append(
            f"Thời hạn: {item.due_on:%d/%m/%Y}; quá hạn {item.days_overdue(on)} ngày tính đến {on:%d/%m/%Y}."
        )
    lines.append(f"Trạng thái: {item.get_status_display()}; tiến độ {item.progress}%.")
    if item.progress_note:
        lines.append(f"Kết quả đã báo cáo: {item.progress_note}")
    for entry in history_for(item):
        lines.append(f"{entry.at:%d/%m/%Y}: {action_label(entry.action)}.")
    return "\n".join(lines)


def _overdue(item: Recommendation, on: date) -> None:
    if (
        item.due_on is None
        or item.due_on >= on
        or item.status not in (S.OVERDUE, S.PARTLY_DONE, S.DUE, S.NOT_DUE)
    ):
        raise ValidationError("Chỉ thực hiện được với kiến nghị đã quá hạn mà chưa thực hiện xong.")


def start_resupervision(item: Recommendation, *, by: Actor, on: date) -> Supervision:
    """A re-supervision (tái giám sát) of the overdue recommendation, by the body that made it (the
    standing committee when it came from elsewhere), carrying the history."""
    _overdue(item, on)
    running = item.resupervisions.active().first()
    if running is not None:
        raise ValidationError(f"Kiến nghị này đang được tái giám sát: “{running}”.")
    origin = item.supervision
    body = origin.body if origin is not None else None
    person = origin.person if origin is not None else None
    if body is None and person is None:
        body = item.council.bodies.filter(kind=BodyKind.STANDING).first()
        if body is None:
            raise ValidationError("HĐND chưa có Thường trực trong danh sách cơ quan để giao tái giám sát.")
    with transaction.atomic():
        supervision = Supervision.objects.create(
            council=item.council,
            kind=Supervision.Kind.RESUPERVISION,
            title=f"Tái giám sát việc thực hiện kiến nghị: {item}"[:255],
            content=item.content,
            body=body,
            person=person,
            rechecks=origin,
            history_note=history_text(item, on),
        )
        supervision.rechecked_recommendations.add(item)
        if origin is not None:
            supervision.issues.set(origin.issues.all())
        record(
            action="oversight.start_resupervision",
            actor=by,
            obj=supervision,
            council=item.council,
            after={"recommendation": item.pk, "rechecks": getattr(origin, "pk", None)},
        )
    return supervision


def start_requestioning(item: Recommendation, *, by: Actor, on: date) -> QuestioningTopic:
    """A questioning topic proposed on the overdue recommendation (criteria: answers not accepted,
    findings of supervision), carrying the history."""
    _overdue(item, on)
    with transaction.atomic():
        topic = QuestioningTopic.objects.create(
            council=item.council,
            title=f"Chất vấn việc thực hiện kiến nghị: {item}"[:255],
            unaccepted_answers=True,
            supervision_findings=item.supervision_id is not None,
            reasons=f"Kiến nghị quá hạn {item.days_overdue(on)} ngày chưa thực hiện xong.",
            history_note=history_text(item, on),
        )
        topic.agencies.add(item.agency)
        topic.recommendations.add(item)
        if item.finding_id is not None:
            topic.findings.add(item.finding_id)
        record(
            action="oversight.start_requestioning",
            actor=by,
            obj=topic,
            council=item.council,
            after={"recommendation": item.pk},
        )
    return topic


def propose_accountability(
    item: Recommendation, *, by: Actor, on: date, official: str, reason: str
) -> AccountabilityProposal:
    """A proposal to consider the responsibility of whoever left the recommendation undone."""
    _overdue(item, on)
    official = clean(official, "official", "người, cơ quan bị đề nghị xem xét trách nhiệm", limit=255)
    reason = clean(reason, "reason", "lý do")
    with transaction.atomic():
        proposal = AccountabilityProposal.objects.create(
            council=item.council,
            recommendation=item,
            official=official,
            reason=reason,
            history_note=history_text(item, on),
            proposed_on=on,
        )
        record(
            action="oversight.propose_accountability",
            actor=by,
            obj=item,
            council=item.council,
            after={"official": official, "proposal": proposal.pk},
        )
    return proposal
