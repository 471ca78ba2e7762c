"""What a session leaves on record: its minutes (biên bản kỳ họp) and its results notice (thông báo kết quả
kỳ họp), recorded by ``record_minutes`` and written out in the NĐ 30/2020 format (.docx and PDF through
``hdnd.core.documents``).

- ``minutes_document`` / ``minutes_docx``: the minutes skeleton, signed by the secretary and the chair;
- ``results_notice_document``: the results notice of the standing committee (symbol TB-HĐND, the number
  left blank for the office: the record has no field for it), with the session's time, attendance
  totals, each voted agenda item with its result, and the resolutions adopted with their numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core import documents, uploads
from hdnd.core.audit import Actor, record
from hdnd.core.documents import AdminDocument, Block, Heading, Signature, Table, build
from hdnd.core.text import fold, nfc
from hdnd.councils.models import to_roman

from .actions import delegate_count, number_notice
from .conduct import lock_session
from .documents import session_name, signature
from .hooks import drafts
from .models import (
    NOTICE_SYMBOL,
    Session,
    SessionAttendance,
    SessionMinutes,
    SessionVote,
)
from .voting import attendance_totals


def record_minutes(
    session: Session,
    *,
    by: Actor,
    text: str = "",
    upload: Any = None,
    chair_name: str = "",
    secretary_name: str = "",
    results_notice: str = "",
) -> SessionMinutes:
    """Record the minutes (biên bản), its signers and the results notice; a new file replaces the old."""
    if upload is not None:
        uploads.check_document(upload, "file")
    with transaction.atomic():
        locked = lock_session(session)
        minutes, created = SessionMinutes.objects.get_or_create(session=locked)
        minutes.text, minutes.results_notice = nfc(text), nfc(results_notice)
        minutes.chair_name, minutes.secretary_name = nfc(chair_name)[:120], nfc(secretary_name)[:120]
        if upload is not None:
            minutes.file = upload
        minutes.save()
        record(
            action="sittings.record_minutes",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"created": created, "file": bool(upload), "notice": bool(minutes.results_notice)},
        )
    return minutes


def issue_results_notice(
    session: Session, *, by: Actor, issued_on: date, number: int | None = None
) -> Session:
    """Issue the results notice once the session has closed: the next number of the council's TB-HĐND
    series of the year (shared with session and conclusion notices), or ``number`` typed by hand."""
    with transaction.atomic():
        locked = lock_session(session)
        if locked.results_number is not None:
            raise ValidationError(f"Thông báo kết quả kỳ họp đã ban hành, số {locked.results_symbol}.")
        if locked.status != Session.Status.CLOSED:
            raise ValidationError("Chỉ ban hành thông báo kết quả khi kỳ họp đã bế mạc.")
        if issued_on < locked.closes_on:
            raise ValidationError({"issued_on": "Ngày thông báo kết quả không được trước ngày bế mạc."})
        number_notice(locked, "results", issued_on, number, by=by, action="sittings.issue_results_notice")
    return locked


# The minutes skeleton (.docx, NĐ 30/2020) ---------------------------------------------------------

MINUTES_SYMBOL = "BB-HĐND"
RESULTS_SYMBOL = NOTICE_SYMBOL
SECRETARY = "THƯ KÝ KỲ HỌP"
CHAIR = "CHỦ TỌA KỲ HỌP"


def _unit_name(session: Session) -> str:
    """ "tỉnh An Bình", as written inside a sentence."""
    return documents.unit_words(session.council)


def _vote_line(vote: SessionVote) -> str:
    return (
        f"Kết quả biểu quyết ({vote.get_method_display().lower()}): {vote.summary}; "
        f"không tán thành {vote.votes_against}, phân vân {vote.abstentions}, "
        f"không biểu quyết {vote.not_voting}; có mặt {vote.present}. {vote.result_label}."
    )


def _agenda_blocks(session: Session) -> list[Block]:
    blocks: list[Block] = []
    items = session.agenda_items.select_related("examining_body").prefetch_related("votes")
    for item in items:
        line = f"{item.position}. {item.get_kind_display()}: {item.title}"
        if item.presenter:
            line += f" (trình bày: {item.presenter})"
        if item.examining_body is not None:
            line += f"; cơ quan thẩm tra: {item.examining_body.name}"
        blocks.append(line + ".")
        blocks += [_vote_line(vote) for vote in item.votes.all()]
    return blocks or ["(Chưa có nội dung trong chương trình kỳ họp.)"]


def _attendance_line(session: Session) -> str:
    totals = attendance_totals(session)
    term = to_roman(session.term.number)
    total = delegate_count(session.term, session.opens_on)
    return (
        f"Tổng số đại biểu Hội đồng nhân dân {_unit_name(session)} khóa {term}: {total}. "
        f"Có mặt: {totals.present}; vắng có lý do: {totals.excused}; vắng không có lý do: {totals.absent}."
    )


def minutes_document(session: Session) -> AdminDocument:
    """The minutes skeleton: time, place, attendance totals, each item with its votes, the signers."""
    minutes = SessionMinutes.objects.filter(session=session).first()
    chair = minutes.chair_name if minutes else ""
    secretary = minutes.secretary_name if minutes else ""
    unit = _unit_name(session)
    term = to_roman(session.term.number)
    body: list[Block] = [
        Heading("I. THỜI GIAN, ĐỊA ĐIỂM"),
        f"Thời gian: từ ngày {session.opens_on:%d/%m/%Y} đến ngày {session.closes_on:%d/%m/%Y}.",
        f"Địa điểm: {session.place or '…'}.",
        Heading("II. THÀNH PHẦN THAM DỰ"),
        _attendance_line(session),
        f"Chủ tọa kỳ họp: {chair or '…'}. Thư ký kỳ họp: {secretary or '…'}.",
    ]
    away = session.attendance.exclude(status=SessionAttendance.Status.PRESENT).select_related("person")
    if away:
        rows = [[i, a.person.full_name, a.get_status_display(), a.reason] for i, a in enumerate(away, 1)]
        body.append(Table(["STT", "Họ và tên", "Vắng", "Lý do"], rows, widths_mm=(15, 60, 40, 50)))
    body += [Heading("III. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT"), *_agenda_blocks(session)]
    if minutes and minutes.text:
        body.append(Heading("IV. DIỄN BIẾN KỲ HỌP"))
        body += [part.strip() for part in minutes.text.split("\n") if part.strip()]
    body.append(
        f"Kỳ họp bế mạc ngày {session.closes_on:%d/%m/%Y}. Biên bản do thư ký kỳ họp lập, "
        "chủ tọa kỳ họp ký xác nhận."
    )
    return AdminDocument(
        issuer=["HỘI ĐỒNG NHÂN DÂN", unit.upper()],
        kind="BIÊN BẢN",
        symbol=MINUTES_SYMBOL,
        place=documents.place_name(session.council.unit.name),
        on=session.closes_on,
        summary=f"Kỳ họp {session.number_words} Hội đồng nhân dân {unit} khóa {term}",
        body=body,
        recipients=(),  # a biên bản is signed by both, and has no Nơi nhận
        signature=Signature(on_behalf=CHAIR, acting="", title="", name=chair),
        cosigner=Signature(on_behalf=SECRETARY, acting="", title="", name=secretary),
    )


def minutes_docx(session: Session) -> bytes:
    """The .docx of ``minutes_document``: the secretary signs at the left, the chair at the right."""
    return build(minutes_document(session))


# The results notice (Thông báo kết quả kỳ họp) ---------------------------------------------------


def adopted_resolutions(session: Session) -> list[str]:
    """Resolutions adopted at the session (numbered), whether filed under it or put to the vote on its
    agenda, as the notice cites them; the resolutions app answers (``hooks``)."""
    return drafts().adopted(session)


def _vote_rows(session: Session) -> list[list[object]]:
    rows: list[list[object]] = []
    items = session.agenda_items.prefetch_related("votes")
    for item in items:
        for vote in item.votes.all():
            title = _voted_on(item.title, vote.subject)
            counts = (
                f"{vote.summary}; không tán thành {vote.votes_against}, phân vân {vote.abstentions}, "
                f"không biểu quyết {vote.not_voting}"
            )
            rows.append([len(rows) + 1, title, counts, vote.result_label])
    return rows


def _voted_on(title: str, subject: str) -> str:
    """What was voted on: the item's title, with the vote's own subject after it only when it says more
    (a subject that repeats the title, or holds it, is not printed twice)."""
    key, other = fold(title).strip(" ."), fold(subject).strip(" .")
    if not other or other in key:
        return title
    if key in other:
        return subject
    return f"{title} ({subject})"


def results_notice_document(session: Session) -> AdminDocument:
    """Thông báo kết quả kỳ họp, from the standing committee: numbered and dated once issued, before that
    a draft with a blank number dated the closing day."""
    council = session.council
    on = session.results_on or session.closes_on
    words = _unit_name(session)
    name = session_name(session)
    place = (session.place or "").strip().rstrip(".")
    where = f" tại {place}" if place else ""
    body: list[Block] = [
        f"{name[:1].upper()}{name[1:]} đã họp từ ngày {session.opens_on:%d/%m/%Y} đến ngày "
        f"{session.closes_on:%d/%m/%Y}{where}. Thường trực Hội đồng nhân dân {words} thông báo kết quả "
        "kỳ họp như sau:",
        Heading("I. THỜI GIAN, THÀNH PHẦN"),
        f"Thời gian: từ ngày {session.opens_on:%d/%m/%Y} đến ngày {session.closes_on:%d/%m/%Y}.",
        _attendance_line(session),
        Heading("II. KẾT QUẢ BIỂU QUYẾT CÁC NỘI DUNG"),
    ]
    rows = _vote_rows(session)
    if rows:
        header = ["STT", "Nội dung", "Kết quả biểu quyết", "Kết quả"]
        body.append(Table(header, rows, widths_mm=(12, 72, 58, 23)))
    else:
        body.append("(Chưa ghi kết quả biểu quyết.)")
    body.append(Heading("III. CÁC NGHỊ QUYẾT ĐÃ THÔNG QUA"))
    resolutions = adopted_resolutions(session)
    if resolutions:
        body.append(f"Kỳ họp đã thông qua {len(resolutions)} nghị quyết:")
        lines = [f"{i}. {cited};" for i, cited in enumerate(resolutions, 1)]
        lines[-1] = lines[-1][:-1] + "."
        body += lines
    else:
        body.append("(Chưa có nghị quyết được thông qua và cấp số.)")
    minutes = SessionMinutes.objects.filter(session=session).first()
    if minutes and minutes.results_notice.strip():
        body.append(Heading("IV. CÁC NỘI DUNG KHÁC"))
        body += [part.strip() for part in minutes.results_notice.split("\n") if part.strip()]
    body.append(f"Thường trực Hội đồng nhân dân {words} trân trọng thông báo./.")
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        kind="THÔNG BÁO",
        symbol=RESULTS_SYMBOL,
        number=f"{session.results_number:02d}" if session.results_number else "",
        place=documents.place_name(council.unit.name),
        on=on,
        summary=f"Kết quả {name}",
        body=body,
        recipients=(
            f"Đại biểu HĐND {words};",
            f"UBND {words};",
            f"Ủy ban MTTQ Việt Nam {words};",
            "Các cơ quan thông tin đại chúng;",
            "Lưu: VT, hồ sơ kỳ họp.",
        ),
        signature=signature(council, on),
    )
