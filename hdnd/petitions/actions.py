"""Every change to cycles, voter meetings, petitions and issues goes through here.

Each action runs in a transaction, locks the rows it changes, checks the transition tables in
``models``, raises ``ValidationError`` with a Vietnamese message on bad input, and writes exactly one
audit entry. Views (and later the API) call these functions and nothing else to change data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from hdnd.core.audit import record
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import AdminUnit, Council, Person

from .models import (
    ISSUE_TRANSITIONS,
    PETITION_TRANSITIONS,
    TEXT_MAX,
    Cycle,
    Petition,
    PetitionIssue,
    VoterMeeting,
    new_code,
)

TITLE_MAX = 160
LIST_MAX_ITEMS = 500
TOO_LONG = (
    f"Nội dung dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
    + "; hãy tách thành nhiều ý kiến (mỗi ý kiến một vấn đề)."
)
EMPTY_TEXT = "Nhập nội dung ý kiến, kiến nghị của cử tri."

ACTION_LABELS = {
    "petitions.create_cycle": "Tạo đợt tiếp xúc cử tri",
    "petitions.record_meeting": "Ghi nhận buổi tiếp xúc cử tri",
    "petitions.register_petition": "Nhập ý kiến, kiến nghị cử tri",
    "petitions.register_petitions_from_list": "Nhập danh sách ý kiến, kiến nghị cử tri",
    "petitions.synthesize_cycle": "Tổng hợp kiến nghị cử tri",
    "petitions.move_petition": "Chuyển ý kiến sang kiến nghị khác",
    "petitions.merge_issues": "Gộp kiến nghị",
    "petitions.split_petition_out": "Tách ý kiến thành kiến nghị riêng",
    "petitions.mark_duplicate_kept": "Đánh dấu trùng, lưu theo dõi",
    "petitions.confirm_issue": "Xác nhận kiến nghị đã tổng hợp",
}


def check_text(text: str) -> str:
    """The petition text in NFC, or a ValidationError the user can act on (nothing is cut)."""
    text = nfc(text or "")
    if not text:
        raise ValidationError({"text": EMPTY_TEXT})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": TOO_LONG})
    return text


def title_of(text: str, limit: int = TITLE_MAX) -> str:
    """An issue title from a petition: the text up to ``limit`` characters, cut at a word, with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


# Cycles and meetings -----------------------------------------------------------------------------


def create_cycle(council: Council, *, by: Any, name: str, kind: str, year: int, session: Any = None) -> Cycle:
    """Open a round of voter contact (đợt tiếp xúc cử tri) of a council, before or after ``session``."""
    name = nfc(name)
    if session is not None and session.council_id != council.pk:
        raise ValidationError({"session": "Chọn một kỳ họp của HĐND này."})
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        if Cycle.objects.filter(council=council, year=year, name=name).exists():
            raise ValidationError({"name": f"Năm {year} đã có đợt “{name}”."})
        cycle = Cycle.objects.create(council=council, name=name, kind=kind, year=year, session=session)
        record(
            action="petitions.create_cycle",
            actor=by,
            obj=cycle,
            council=council,
            after={"name": name, "kind": kind, "year": year, "session": session.pk if session else None},
        )
    return cycle


def record_meeting(
    cycle: Cycle,
    *,
    by: Any,
    date: date,
    place_text: str,
    place: AdminUnit | None = None,
    kind: str = VoterMeeting.Kind.IN_PERSON,
    delegates: Iterable[Person] = (),
    officials: str = "",
    voter_count: int | None = None,
    minutes: str = "",
) -> VoterMeeting:
    """Record a voter-contact meeting of a cycle, with a fresh public code for its minutes and receipts."""
    delegates = list(delegates)
    if any(person.council_id != cycle.council_id for person in delegates):
        raise ValidationError({"delegates": "Chỉ chọn đại biểu của HĐND này."})
    with transaction.atomic():
        code = new_code()
        while VoterMeeting.objects.filter(code=code).exists():  # pragma: no cover (1 in 10^11)
            code = new_code()
        meeting = VoterMeeting.objects.create(
            council_id=cycle.council_id,
            cycle=cycle,
            date=date,
            place=place,
            place_text=nfc(place_text),
            kind=kind,
            officials=nfc(officials),
            voter_count=voter_count,
            minutes=nfc(minutes),
            code=code,
        )
        meeting.delegates.set(delegates)
        record(
            action="petitions.record_meeting",
            actor=by,
            obj=meeting,
            council=cycle.council,
            after={
                "cycle": cycle.pk,
                "date": date,
                "place_text": meeting.place_text,
                "kind": kind,
                "delegates": [person.pk for person in delegates],
                "code": code,
            },
        )
    return meeting


# Petitions ---------------------------------------------------------------------------------------


def new_petition(
    council: Council,
    *,
    by: Any,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None,
    from_council: Council | None = None,
    voter_place: str = "",
    voter_unit: AdminUnit | None = None,
    delegate: Person | None = None,
    answered_on_the_spot: bool = False,
    answer: str = "",
) -> Petition:
    """Check where a petition comes from and build it (unsaved): the one door of every source
    (meetings here, reception, letters and imports in ``intake``, other councils in ``referral``)."""
    if cycle.council_id != council.pk:
        raise ValidationError({"cycle": "Đợt tiếp xúc không thuộc HĐND này."})
    if meeting is not None and (meeting.council_id != council.pk or meeting.cycle_id != cycle.pk):
        raise ValidationError({"meeting": "Buổi tiếp xúc không thuộc đợt này."})
    if (source == Petition.Source.MEETING) != (meeting is not None):
        raise ValidationError({"source": "Ý kiến từ tiếp xúc cử tri phải gắn với một buổi tiếp xúc."})
    if delegate is not None and delegate.council_id != council.pk:
        raise ValidationError({"delegate": "Chỉ chọn đại biểu của HĐND này."})
    if source == Petition.Source.LOWER_COUNCIL and (
        from_council is None or from_council.parent_id != council.pk
    ):
        raise ValidationError({"from_council": "Chọn HĐND cấp dưới đã chuyển ý kiến lên."})
    if answered_on_the_spot and not nfc(answer):
        raise ValidationError({"answer": "Nhập nội dung đã trả lời tại buổi tiếp xúc."})
    return Petition(
        council=council,
        cycle=cycle,
        meeting=meeting,
        source=source,
        from_council=from_council if source == Petition.Source.LOWER_COUNCIL else None,
        text=check_text(text),
        voter_place=voter_place,
        voter_unit=voter_unit,
        delegate=delegate,
        entered_by=by if getattr(by, "is_authenticated", False) else None,
        answered_on_the_spot=answered_on_the_spot,
        answer=answer if answered_on_the_spot else "",
    )


def register_petition(
    council: Council,
    *,
    by: Any,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None = None,
    **details: Any,
) -> Petition:
    """Register one petition from any source (meeting, lower council, reception, letter): the one door."""
    petition = new_petition(council, by=by, cycle=cycle, text=text, source=source, meeting=meeting, **details)
    with transaction.atomic():
        petition.save()
        record(
            action="petitions.register_petition",
            actor=by,
            obj=petition,
            council=council,
            after={
                "source": source,
                "meeting": petition.meeting_id,
                "cycle": cycle.pk,
                "text": petition.text,
            },
        )
    return petition


LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-–•+*])\s*")


def parse_list(text: str) -> list[str]:
    """Split a pasted list into petitions: numbered ("1.", "1)") or bulleted ("- ") items, or one a line.

    When the list has markers, a line without one continues the item above it (minutes wrap long
    sentences); without markers, every non-empty line is one petition.
    """
    lines = [line.strip() for line in nfc(text or "").splitlines() if line.strip()]
    if not any(LIST_MARKER.match(line) for line in lines):
        return lines
    items: list[str] = []
    for line in lines:
        if LIST_MARKER.match(line) or not items:
            items.append(LIST_MARKER.sub("", line, count=1))
        else:
            items[-1] = f"{items[-1]} {line}"
    return [item for item in items if item]


def register_petitions_from_list(
    council: Council,
    *,
    by: Any,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None = None,
    **details: Any,
) -> list[Petition]:
    """Register every item of a pasted list with the same origin; all or nothing, one audit entry."""
    items = parse_list(text)
    if not items:
        raise ValidationError({"text": "Dán danh sách ý kiến: mỗi dòng một ý kiến, hoặc đánh số 1., 2., …"})
    if len(items) > LIST_MAX_ITEMS:
        raise ValidationError(
            {"text": f"Danh sách có {len(items)} ý kiến; mỗi lần nhập tối đa {LIST_MAX_ITEMS}."}
        )
    petitions = []
    for number, item in enumerate(items, start=1):
        try:
            petitions.append(
                new_petition(
                    council, by=by, cycle=cycle, text=item, source=source, meeting=meeting, **details
                )
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "text" in error.error_dict:
                raise ValidationError({"text": f"Ý kiến số {number}: {TOO_LONG}"}) from None
            raise
    with transaction.atomic():
        created = Petition.objects.bulk_create(petitions)
        record(
            action="petitions.register_petitions_from_list",
            actor=by,
            obj=meeting or cycle,
            council=council,
            after={
                "source": source,
                "cycle": cycle.pk,
                "count": len(created),
                "petitions": [p.pk for p in created],
            },
        )
    return created


# Synthesis and review ----------------------------------------------------------------------------


def pending_petitions(council: Council, cycle: Cycle) -> QuerySet[Petition]:
    """The cycle's petitions not yet synthesised (its own and those forwarded from other councils)."""
    return Petition.objects.filter(
        council=council, cycle=cycle, status=Petition.Status.NEW, issue__isnull=True
    ).order_by("pk")


def group_petitions(petitions: Sequence[Petition]) -> list[list[Petition]]:
    """Near-duplicate petitions grouped together, the groups in the order of their first petition."""
    from hdnd.petitions.synthesis.grouping import group_texts

    groups: dict[int, list[Petition]] = {}
    for label, petition in zip(group_texts([p.text for p in petitions]), petitions, strict=True):
        groups.setdefault(label, []).append(petition)
    return sorted(groups.values(), key=lambda members: members[0].pk)


def save_groups(council: Council, cycle: Cycle, groups: Sequence[Sequence[Petition]]) -> list[PetitionIssue]:
    """One draft issue per group, titled after its first petition; call inside a transaction."""
    issues = PetitionIssue.objects.bulk_create(
        PetitionIssue(council=council, cycle=cycle, title=title_of(members[0].text)) for members in groups
    )
    for issue, members in zip(issues, groups, strict=True):
        # Only petitions still new: one moved by hand meanwhile keeps its place.
        Petition.objects.filter(
            pk__in=[p.pk for p in members], status=Petition.Status.NEW, issue__isnull=True
        ).update(issue=issue, status=Petition.Status.GROUPED)
    return issues


def synthesize_cycle(council: Council, cycle: Cycle, *, by: Any) -> list[PetitionIssue]:
    """Group the cycle's petitions not yet synthesised into draft issues, in one transaction.

    For a cycle too large to wait for, ``background.start_synthesis`` does the same as a task.
    """
    from .models import SynthesisRun

    if cycle.council_id != council.pk:
        raise ValidationError("Đợt tiếp xúc không thuộc HĐND này.")
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=cycle.pk)  # one synthesis of a cycle at a time
        if SynthesisRun.objects.filter(cycle=cycle, status__in=SynthesisRun.ACTIVE).exists():
            raise ValidationError("Đợt này đang được tổng hợp nền; chờ xong rồi tổng hợp tiếp.")
        petitions = list(pending_petitions(council, cycle))
        if not petitions:
            raise ValidationError("Không có ý kiến mới nào để tổng hợp.")
        issues = save_groups(council, cycle, group_petitions(petitions))
        record(
            action="petitions.synthesize_cycle",
            actor=by,
            obj=cycle,
            council=council,
            after={"petitions": len(petitions), "issues": [issue.pk for issue in issues]},
        )
    return issues


def _lock_petition(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _lock_draft(issue: PetitionIssue) -> PetitionIssue:
    locked = PetitionIssue.objects.select_for_update().get(pk=issue.pk)
    if not locked.is_draft:
        raise ValidationError(f"Kiến nghị “{locked.title}” đã xác nhận; không sửa được nhóm ý kiến của nó.")
    return locked


def move_petition(petition: Petition, issue: PetitionIssue, *, by: Any) -> Petition:
    """Move a petition to another draft issue of the same cycle."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        target = _lock_draft(issue)
        if target.cycle_id != locked.cycle_id or target.council_id != locked.council_id:
            raise ValidationError("Chỉ chuyển sang kiến nghị của cùng đợt tiếp xúc.")
        if locked.issue_id is not None:
            _lock_draft(locked.issue)  # type: ignore[arg-type]
        check_transition(
            PETITION_TRANSITIONS, locked.status, Petition.Status.GROUPED, "Ý kiến chưa được tổng hợp."
        )
        before = {"issue": locked.issue_id, "status": locked.status}
        locked.issue, locked.status = target, Petition.Status.GROUPED
        locked.save(update_fields=["issue", "status"])
        record(
            action="petitions.move_petition",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"issue": target.pk, "status": locked.status},
        )
    return locked


def merge_issues(into: PetitionIssue, other: PetitionIssue, *, by: Any) -> PetitionIssue:
    """Merge ``other`` into ``into``: its petitions move over and the emptied draft is deleted."""
    if into.pk == other.pk:
        raise ValidationError("Chọn một kiến nghị khác để gộp.")
    with transaction.atomic():
        first, second = sorted([into, other], key=lambda issue: issue.pk)  # lock in a fixed order
        _lock_draft(first)
        _lock_draft(second)
        target = PetitionIssue.objects.get(pk=into.pk)
        source = PetitionIssue.objects.get(pk=other.pk)
        if source.cycle_id != target.cycle_id:
            raise ValidationError("Chỉ gộp các kiến nghị của cùng đợt tiếp xúc.")
        moved = list(source.petitions.values_list("pk", flat=True))
        source.petitions.update(issue=target)
        snapshot = {"issue": source.pk, "title": source.title, "petitions": moved}
        source.delete()
        record(
            action="petitions.merge_issues",
            actor=by,
            obj=target,
            council=target.council,
            before=snapshot,
            after={"issue": target.pk},
        )
    return target


def split_petition_out(petition: Petition, *, by: Any) -> PetitionIssue:
    """Take a petition out of its issue into a new draft issue of its own."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        if locked.issue_id is None:
            raise ValidationError("Ý kiến chưa được tổng hợp.")
        old = _lock_draft(locked.issue)  # type: ignore[arg-type]
        if old.petitions.count() == 1:
            raise ValidationError("Ý kiến này đã là kiến nghị riêng.")
        issue = PetitionIssue.objects.create(
            council_id=locked.council_id, cycle_id=locked.cycle_id, title=title_of(locked.text)
        )
        before = {"issue": old.pk, "status": locked.status}
        locked.issue, locked.status = issue, Petition.Status.GROUPED
        locked.save(update_fields=["issue", "status"])
        record(
            action="petitions.split_petition_out",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"issue": issue.pk, "status": locked.status},
        )
    return issue


def mark_duplicate_kept(petition: Petition, *, by: Any) -> Petition:
    """Flag a petition as a duplicate kept for monitoring ("trùng, lưu theo dõi")."""
    with transaction.atomic():
        locked = _lock_petition(petition)
        if locked.issue_id is not None:
            _lock_draft(locked.issue)  # type: ignore[arg-type]
        change_status(
            locked,
            Petition.Status.DUPLICATE_KEPT,
            table=PETITION_TRANSITIONS,
            refusal="Ý kiến đã được đánh dấu trùng, lưu theo dõi.",
            by=by,
            action="petitions.mark_duplicate_kept",
        )
    return locked


def confirm_issue(issue: PetitionIssue, *, by: Any) -> PetitionIssue:
    """Confirm a draft issue: its wording and its group of petitions are settled."""
    with transaction.atomic():
        locked = PetitionIssue.objects.select_for_update().get(pk=issue.pk)
        change_status(
            locked,
            PetitionIssue.Status.CONFIRMED,
            table=ISSUE_TRANSITIONS,
            refusal=f"Kiến nghị “{locked.title}” đã được xác nhận.",
            by=by,
            action="petitions.confirm_issue",
        )
    return locked


def issue_choices(issues: Sequence[PetitionIssue]) -> list[tuple[int, str]]:
    """Draft issues as (pk, "#pk title") choices for the move and merge forms."""
    return [(issue.pk, f"#{issue.pk} {title_of(issue.title, 80)}") for issue in issues if issue.is_draft]
