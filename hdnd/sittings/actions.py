"""Every change to a session: plan, edit, convene (numbering the convening decision), record the
documents sent, issue the session notice (numbered in the TB-HĐND series), open and close.

Each runs in a transaction, locks the rows it changes, checks the transition table and writes one
audit entry. Lead times that are missed are warnings (``Session.warnings``), not refusals: the council
may have reasons, and the record must show what really happened.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Council, Membership, Term

from .models import DECISION_SYMBOL, NOTICE_SYMBOL, TRANSITIONS, Session, take_document_number

ACTION_LABELS = {
    "sittings.plan_session": "Dự kiến kỳ họp",
    "sittings.edit_session": "Sửa thông tin kỳ họp",
    "sittings.convene_session": "Triệu tập kỳ họp",
    "sittings.send_documents": "Gửi tài liệu kỳ họp đến đại biểu",
    "sittings.issue_session_notice": "Ban hành thông báo về kỳ họp",
    "sittings.open_session": "Khai mạc kỳ họp",
    "sittings.close_session": "Bế mạc kỳ họp",
}

REQUEST_NEEDED = "Kỳ họp chuyên đề, bất thường phải ghi ai đề nghị."
SHARE_NEEDED = "Ghi số đại biểu đề nghị họp."


def delegate_count(term: Term, on: date) -> int:
    """The term's delegates on ``on`` from the memberships, or its elected seats when none are entered."""
    seats = Membership.objects.delegates().filter(term=term).current(on).count()
    return seats or (term.delegate_seats or 0)


def _check_request(term: Term, kind: str, requested_by: str, delegates: int | None, on: date) -> int | None:
    """Refuse a thematic or ad hoc session nobody with the right asked for; return the delegate total."""
    if kind not in (Session.Kind.THEMATIC, Session.Kind.AD_HOC):
        return None
    if requested_by not in Session.Requester.values:
        raise ValidationError({"requested_by": REQUEST_NEEDED})
    if requested_by != Session.Requester.DELEGATES:
        return None
    if not delegates:
        raise ValidationError({"requesting_delegates": SHARE_NEEDED})
    total = delegate_count(term, on)
    if total == 0:
        raise ValidationError(
            {"requesting_delegates": "Khóa này chưa có danh sách đại biểu để kiểm tra một phần ba."}
        )
    if delegates * 3 < total:
        raise ValidationError(
            {
                "requesting_delegates": f"Chỉ {delegates}/{total} đại biểu đề nghị, chưa đủ một phần ba "
                f"(cần ít nhất {-(-total // 3)} đại biểu)."
            }
        )
    if delegates > total:
        raise ValidationError({"requesting_delegates": f"Khóa này chỉ có {total} đại biểu."})
    return total


def _check_dates(opens_on: date, closes_on: date, term: Term) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "Ngày bế mạc không được trước ngày khai mạc."})
    if opens_on < term.starts_on or (term.ends_on and opens_on > term.ends_on):
        raise ValidationError({"opens_on": f"Ngày khai mạc phải nằm trong nhiệm kỳ ({term})."})


def plan_session(
    council: Council,
    *,
    by: Actor,
    term: Term,
    kind: str,
    opens_on: date,
    closes_on: date,
    place: str = "",
    number: int | None = None,
    requested_by: str = "",
    requesting_delegates: int | None = None,
    notes: str = "",
) -> Session:
    """Put a session on the council's calendar; its number is the next in the term unless given."""
    if term.council_id != council.pk:
        raise ValidationError({"term": "Khóa này không thuộc HĐND đang chọn."})
    _check_dates(opens_on, closes_on, term)
    total = _check_request(term, kind, requested_by, requesting_delegates, opens_on)
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if number is None:
            number = (Session.objects.filter(term=term).aggregate(top=Max("number"))["top"] or 0) + 1
        elif Session.objects.filter(term=term, number=number).exists():
            raise ValidationError({"number": f"Khóa này đã có kỳ họp thứ {number}."})
        if kind == Session.Kind.FIRST and number != 1:
            raise ValidationError({"kind": "Kỳ họp thứ nhất của khóa phải mang số 1."})
        session = Session.objects.create(
            council=council,
            term=term,
            number=number,
            kind=kind,
            requested_by=requested_by if kind in (Session.Kind.THEMATIC, Session.Kind.AD_HOC) else "",
            requesting_delegates=requesting_delegates if total else None,
            delegate_total=total,
            opens_on=opens_on,
            closes_on=closes_on,
            place=nfc(place),
            notes=nfc(notes),
        )
        record(
            action="sittings.plan_session",
            actor=by,
            obj=session,
            council=council,
            after={"number": number, "kind": kind, "opens_on": opens_on, "closes_on": closes_on},
        )
    return session


def edit_session(
    session: Session, *, by: Actor, opens_on: date, closes_on: date, place: str, notes: str = ""
) -> Session:
    """Move a session's dates or place (until it has closed)."""
    with transaction.atomic():
        locked = Session.objects.select_for_update(of=("self",)).select_related("term").get(pk=session.pk)
        if locked.status == Session.Status.CLOSED:
            raise ValidationError("Kỳ họp đã bế mạc, không sửa được.")
        _check_dates(opens_on, closes_on, locked.term)
        before = {"opens_on": locked.opens_on, "closes_on": locked.closes_on, "place": locked.place}
        locked.opens_on, locked.closes_on, locked.place, locked.notes = (
            opens_on,
            closes_on,
            nfc(place),
            nfc(notes),
        )
        locked.save(update_fields=["opens_on", "closes_on", "place", "notes"])
        after = {"opens_on": opens_on, "closes_on": closes_on, "place": locked.place}
        record(
            action="sittings.edit_session",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after=after,
        )
    return locked


def _move(session: Session, target: str, *, by: Actor, action: str, refusal: str, **also: Any) -> Session:
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        change_status(locked, target, table=TRANSITIONS, refusal=refusal, by=by, action=action, also=also)
    return locked


def convene_session(session: Session, *, by: Actor, convened_on: date, number: int | None = None) -> Session:
    """Record the convening decision (quyết định triệu tập) with the next QĐ-HĐND number of its year
    (``number``: one typed by hand); a late decision is kept and warned about."""
    if convened_on > session.opens_on:
        raise ValidationError({"convened_on": "Ngày triệu tập không được sau ngày khai mạc."})
    refusal = "Chỉ triệu tập được kỳ họp đang ở trạng thái dự kiến."
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        check_transition(TRANSITIONS, locked.status, Session.Status.CONVENED, refusal)
        year = convened_on.year
        taken = take_document_number(locked.council_id, year, DECISION_SYMBOL, wanted=number)
        also = {"convened_on": convened_on, "decision_year": year, "decision_number": taken}
        change_status(
            locked,
            Session.Status.CONVENED,
            table=TRANSITIONS,
            refusal=refusal,
            by=by,
            action="sittings.convene_session",
            also=also,
        )
    return locked


def issue_notice(session: Session, *, by: Actor, issued_on: date, number: int | None = None) -> Session:
    """Issue the session notice (thông báo về kỳ họp) to the delegates: the next number of the council's
    TB-HĐND series of its year, shared with the conclusion notices (``number``: one typed by hand)."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.notice_number is not None:
            raise ValidationError(f"Thông báo về kỳ họp đã ban hành, số {locked.notice_symbol}.")
        if locked.status not in (Session.Status.CONVENED, Session.Status.IN_PROGRESS):
            raise ValidationError("Chỉ ban hành thông báo khi kỳ họp đã triệu tập và chưa bế mạc.")
        if locked.convened_on is not None and issued_on < locked.convened_on:
            raise ValidationError({"issued_on": "Ngày thông báo không được trước ngày triệu tập."})
        number_notice(locked, "notice", issued_on, number, by=by, action="sittings.issue_session_notice")
    return locked


def number_notice(
    locked: Session, which: str, issued_on: date, number: int | None, *, by: Actor, action: str
) -> None:
    """Give one of the session's TB-HĐND notices (``which``: "notice", the session notice, or "results")
    the next number of the council's series of its year (or ``number``, typed), its date, and an audit
    entry. ``locked``: the session row, locked by the caller after its checks."""
    year = issued_on.year
    taken = take_document_number(locked.council_id, year, NOTICE_SYMBOL, wanted=number)
    setattr(locked, f"{which}_number", taken)
    setattr(locked, f"{which}_year", year)
    setattr(locked, f"{which}_on", issued_on)
    locked.save(update_fields=[f"{which}_year", f"{which}_number", f"{which}_on"])
    symbol = locked.notice_symbol if which == "notice" else locked.results_symbol
    record(
        action=action,
        actor=by,
        obj=locked,
        council=locked.council,
        after={"notice": symbol, f"{which}_on": issued_on},
    )


def send_documents(session: Session, *, by: Actor, sent_on: date) -> Session:
    """Record the day the session's documents went to the delegates."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.status == Session.Status.CLOSED:
            raise ValidationError("Kỳ họp đã bế mạc.")
        before = {"documents_sent_on": locked.documents_sent_on}
        locked.documents_sent_on = sent_on
        locked.save(update_fields=["documents_sent_on"])
        record(
            action="sittings.send_documents",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"documents_sent_on": sent_on},
        )
    return locked


def open_session(session: Session, *, by: Actor) -> Session:
    return _move(
        session,
        Session.Status.IN_PROGRESS,
        by=by,
        action="sittings.open_session",
        refusal="Chỉ khai mạc được kỳ họp đã triệu tập.",
    )


def close_session(session: Session, *, by: Actor) -> Session:
    return _move(
        session,
        Session.Status.CLOSED,
        by=by,
        action="sittings.close_session",
        refusal="Chỉ bế mạc được kỳ họp đang họp.",
    )
