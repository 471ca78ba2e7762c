"""Attendance and votes at a session: who of the term is present, each vote's counts and its result.

Split from ``conduct`` (preparation, agenda, files) and ``results`` (minutes, results notice). Each action
runs in a transaction holding the session's row lock and writes one audit entry (labels in
``conduct.ACTION_LABELS``). A vote recorded in error is corrected by recording it again
(``correct_vote``: the new record replaces the old, the audit entry keeps both counts) or removed
(``remove_vote``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.councils.models import Membership, Person

from .actions import delegate_count
from .conduct import HELD, lock_session, refuse_if_closed
from .hooks import drafts
from .models import Session, SessionAgendaItem, SessionAttendance, SessionBallot, SessionVote


def term_delegates(session: Session) -> list[Person]:
    """The delegates of the session's term on its opening day (from the memberships), by name."""
    ids = (
        Membership.objects.delegates()
        .filter(term=session.term)
        .current(session.opens_on)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("name_key", "pk"))


@dataclass(frozen=True)
class AttendanceTotals:
    delegates: int
    present: int
    excused: int
    absent: int
    unrecorded: int


def attendance_totals(session: Session) -> AttendanceTotals:
    """Present, excused and absent delegates, and those of the term not yet marked."""
    counts = dict.fromkeys(SessionAttendance.Status.values, 0)
    for status in session.attendance.values_list("status", flat=True):
        counts[status] += 1
    total = len(term_delegates(session))
    marked = sum(counts.values())
    return AttendanceTotals(
        delegates=total,
        present=counts[SessionAttendance.Status.PRESENT],
        excused=counts[SessionAttendance.Status.EXCUSED],
        absent=counts[SessionAttendance.Status.ABSENT],
        unrecorded=max(total - marked, 0),
    )


def _outside(session: Session, person_ids: set[int]) -> None:
    allowed = {person.pk for person in term_delegates(session)}
    strangers = person_ids - allowed
    if strangers:
        names = ", ".join(
            Person.objects.filter(pk__in=strangers).order_by("name_key").values_list("full_name", flat=True)
        )
        raise ValidationError(
            {
                "person": "Không phải đại biểu HĐND khóa này tại kỳ họp: "
                f"{names or 'người không có trong danh sách'}."
            }
        )


def record_attendance(
    session: Session, *, by: Actor, entries: Mapping[int, tuple[str, str]]
) -> AttendanceTotals:
    """Mark delegates present, excused (with the reason) or absent.

    ``entries`` maps a person's id to (status, reason); delegates not in it keep their mark.
    """
    if session.status not in HELD:
        raise ValidationError("Chỉ điểm danh khi kỳ họp đã khai mạc.")
    errors: list[str] = []
    for status, reason in entries.values():
        if status not in SessionAttendance.Status.values:
            errors.append("Chọn có mặt, vắng có lý do hoặc vắng không có lý do.")
        elif status == SessionAttendance.Status.EXCUSED and not nfc(reason):
            errors.append("Đại biểu vắng có lý do: ghi lý do vắng.")
    if errors:
        raise ValidationError({"status": sorted(set(errors))})
    with transaction.atomic():
        locked = lock_session(session)
        _outside(locked, set(entries))
        for person_id, (status, reason) in entries.items():
            SessionAttendance.objects.update_or_create(
                session=locked,
                person_id=person_id,
                defaults={"status": status, "reason": nfc(reason) if status != "present" else ""},
            )
        totals = attendance_totals(locked)
        record(
            action="sittings.record_attendance",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"present": totals.present, "excused": totals.excused, "absent": totals.absent},
        )
    return totals


# Votes -------------------------------------------------------------------------------------------

CHOICE_FIELDS: dict[str, str] = {
    SessionBallot.Choice.FOR: "votes_for",
    SessionBallot.Choice.AGAINST: "votes_against",
    SessionBallot.Choice.ABSTAIN: "abstentions",
    SessionBallot.Choice.NOT_VOTING: "not_voting",
}
COUNT_FIELDS = tuple(CHOICE_FIELDS.values())


def _counts_from_ballots(ballots: Mapping[int, str], present: int) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_FIELDS, 0)
    for choice in ballots.values():
        if choice not in CHOICE_FIELDS:
            raise ValidationError(
                {"ballots": "Mỗi đại biểu chọn: tán thành, không tán thành, phân vân, không biểu quyết."}
            )
        counts[CHOICE_FIELDS[choice]] += 1
    # Delegates present without a ballot did not vote.
    counts["not_voting"] += max(present - len(ballots), 0)
    return counts


def _check_ballots(session: Session, method: str, ballots: Mapping[int, str]) -> None:
    if method == SessionVote.Method.SECRET_BALLOT:
        raise ValidationError({"ballots": "Bỏ phiếu kín: không ghi phiếu của từng đại biểu."})
    _outside(session, set(ballots))
    present = set(
        session.attendance.filter(status=SessionAttendance.Status.PRESENT).values_list("person_id", flat=True)
    )
    missing = set(ballots) - present
    if missing:
        names = ", ".join(
            Person.objects.filter(pk__in=missing).order_by("name_key").values_list("full_name", flat=True)
        )
        raise ValidationError(
            {"ballots": f"Đại biểu không có mặt theo điểm danh, không thể biểu quyết: {names}."}
        )


def _typed_counts(
    votes_for: int, votes_against: int, abstentions: int, not_voting: int | None, present: int
) -> dict[str, int]:
    if min(votes_for, votes_against, abstentions, not_voting or 0) < 0:
        raise ValidationError("Số phiếu không được âm.")
    counted = votes_for + votes_against + abstentions
    if not_voting is None:
        not_voting = max(present - counted, 0)
    if counted + not_voting > present:
        raise ValidationError(
            f"Tổng số phiếu {counted + not_voting} (tán thành {votes_for}, không tán thành {votes_against}, "
            f"phân vân {abstentions}, không biểu quyết {not_voting}) vượt số đại biểu có mặt ({present})."
        )
    return {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
        "not_voting": not_voting,
    }


def _new_vote(
    session: Session,
    item: SessionAgendaItem,
    *,
    method: str,
    counts: Mapping[str, int | None],
    ballots: Mapping[int, str] | None,
    subject: str,
) -> SessionVote:
    """Check the counts (or ballots) against those present now and create the vote (session locked)."""
    if method not in SessionVote.Method.values:
        raise ValidationError({"method": "Chọn hình thức biểu quyết."})
    if session.status not in HELD:
        raise ValidationError("Chỉ ghi biểu quyết khi kỳ họp đã khai mạc.")
    present = session.attendance.filter(status=SessionAttendance.Status.PRESENT).count()
    if present == 0:
        raise ValidationError("Chưa điểm danh: ghi đại biểu có mặt trước khi ghi biểu quyết.")
    if ballots:
        _check_ballots(session, method, ballots)
        checked = _counts_from_ballots(ballots, present)
    else:
        checked = _typed_counts(
            counts["votes_for"] or 0,
            counts["votes_against"] or 0,
            counts["abstentions"] or 0,
            counts["not_voting"],
            present,
        )
    total = delegate_count(session.term, session.opens_on)
    vote = SessionVote.objects.create(
        item=item,
        subject=nfc(subject)[:255],
        method=method,
        present=present,
        delegate_total=total,
        passed=checked["votes_for"] * 2 > total,
        named=bool(ballots),
        **checked,
    )
    SessionBallot.objects.bulk_create(
        SessionBallot(vote=vote, person_id=person_id, choice=choice)
        for person_id, choice in (ballots or {}).items()
    )
    return vote


def _summary(vote: SessionVote) -> dict[str, Any]:
    """What the audit entry keeps of a vote: its counts, method and result."""
    return {
        "vote": vote.pk,
        "method": vote.method,
        **{name: getattr(vote, name) for name in COUNT_FIELDS},
        "passed": vote.passed,
    }


def vote_day(session: Session, today: date | None = None) -> date:
    """The day a vote is dated: today, within the session's days (a vote entered later is dated its last)."""
    today = today or timezone.localdate()
    return min(max(today, session.opens_on), session.closes_on)


def _adopt_if_passed(session: Session, vote: SessionVote, by: Actor) -> None:
    """A passed vote on a draft-resolution item adopts its draft (numbered, dated the vote's day)."""
    if vote.passed and vote.item.is_draft_resolution:
        drafts().adopt(vote.item, on=vote_day(session), by=by)


def _keep_adoption(old: SessionVote, new: SessionVote | None) -> None:
    """Refuse to undo the vote that adopted a resolution: its number is given and may be published."""
    if not old.passed or (new is not None and new.passed):
        return
    symbol = drafts().adopted_symbol(old.item)
    if symbol and not old.item.votes.filter(passed=True).exclude(pk=old.pk).exists():
        raise ValidationError(
            f"Nghị quyết {symbol} đã được thông qua theo biểu quyết này; "
            "không xóa hay ghi lại thành không thông qua được."
        )


GONE = "Biểu quyết này không còn (đã được ghi lại hoặc xóa); tải lại trang để xem kết quả hiện tại."


def _locked_vote(session: Session, vote: SessionVote) -> SessionVote:
    """The vote again, under the session's lock; refused when someone has just replaced or removed it."""
    found = SessionVote.objects.select_related("item").filter(pk=vote.pk, item__session=session).first()
    if found is None:
        raise ValidationError(GONE)
    return found


def record_vote(
    item: SessionAgendaItem,
    *,
    by: Actor,
    method: str,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    not_voting: int | None = None,
    ballots: Mapping[int, str] | None = None,
    subject: str = "",
) -> SessionVote:
    """Record a vote: counts (or each delegate's ballot, for a named vote) checked against those present.

    It passes when those for are more than half of all the term's delegates (tỷ lệ trên tổng số đại biểu).
    ``not_voting`` left out is those present who were not counted for, against or abstaining.
    """
    counts: dict[str, int | None] = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
        "not_voting": not_voting,
    }
    with transaction.atomic():
        session = lock_session(item.session)
        current = session.agenda_items.get(pk=item.pk)
        vote = _new_vote(session, current, method=method, counts=counts, ballots=ballots, subject=subject)
        _adopt_if_passed(session, vote, by)
        record(
            action="sittings.record_vote",
            actor=by,
            obj=session,
            council=session.council,
            after={"item": current.pk, **_summary(vote)},
        )
    return vote


def correct_vote(
    vote: SessionVote,
    *,
    by: Actor,
    method: str,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    not_voting: int | None = None,
    ballots: Mapping[int, str] | None = None,
    subject: str = "",
) -> SessionVote:
    """Record a vote again for the same item: the new record (same checks) replaces the one in error.

    The audit entry keeps the old counts as ``before`` and the new ones as ``after``.
    """
    counts: dict[str, int | None] = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
        "not_voting": not_voting,
    }
    with transaction.atomic():
        session = lock_session(vote.item.session)
        old = _locked_vote(session, vote)
        before = {"item": old.item_id, "subject": old.subject, **_summary(old)}
        old.delete()  # its ballots go with it (CASCADE)
        new = _new_vote(session, old.item, method=method, counts=counts, ballots=ballots, subject=subject)
        _keep_adoption(old, new)
        _adopt_if_passed(session, new, by)
        record(
            action="sittings.correct_vote",
            actor=by,
            obj=session,
            council=session.council,
            before=before,
            after={"item": new.item_id, "subject": new.subject, **_summary(new)},
        )
    return new


def remove_vote(vote: SessionVote, *, by: Actor) -> SessionAgendaItem:
    """Remove a vote recorded in error (with its ballots); answers the item it was on."""
    with transaction.atomic():
        session = lock_session(vote.item.session)
        refuse_if_closed(session)
        old = _locked_vote(session, vote)
        _keep_adoption(old, None)
        before = {"item": old.item_id, "subject": old.subject, **_summary(old)}
        item = old.item
        old.delete()
        record(
            action="sittings.remove_vote",
            actor=by,
            obj=session,
            council=session.council,
            before=before,
        )
    return item
