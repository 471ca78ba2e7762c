"""The documents of a session (NĐ 30/2020 format), as .docx and PDF through ``hdnd.core.documents``.

- the convening decision (Quyết định triệu tập kỳ họp) of the standing committee: Điều 1 time and place,
  Điều 2 the content (the session's agenda), Điều 3 who carries it out; TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH;
- the session notice (Thông báo về kỳ họp) to delegates and guests: time, place, content, who attends,
  the documents;
- the standing committee's conclusion notice (Thông báo kết luận) of one of its meetings: the agenda,
  the conclusions with who does what by when (``conclusion_notice``).

Both are issued by "HĐND TỈNH …" / "THƯỜNG TRỰC HĐND". The decision carries the number it took when the
session was convened ("Số: 12/QĐ-HĐND") and that day's date; before that its number and date are blank.
The notice carries its number and date once issued ("Số: 05/TB-HĐND"); before that it is a draft with
the number blank ("Số:      /TB-HĐND"), dated today.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Block, Heading, Line, Signature
from hdnd.core.words import ordinal_words
from hdnd.councils.models import Council, to_roman

from .models import DECISION_SYMBOL, NOTICE_SYMBOL, ConclusionItem, Session, StandingMeeting
from .standing import DEFAULT_RECIPIENTS

BASES = ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",)
_KIND_WORDS: dict[str, str] = {Session.Kind.THEMATIC: "chuyên đề", Session.Kind.AD_HOC: "chuyên đề"}


def term_years(session: Session) -> str:
    """ "2026 - 2031" (a term lasts five years when its end is not entered)."""
    start = session.term.starts_on.year
    end = session.term.ends_on.year if session.term.ends_on else start + 5
    return f"{start} - {end}"


def session_name(session: Session) -> str:
    """ "Kỳ họp thứ mười hai, Hội đồng nhân dân tỉnh An Bình khóa XVII, nhiệm kỳ 2026 - 2031"."""
    kind = f" (kỳ họp {_KIND_WORDS[session.kind]})" if session.kind in _KIND_WORDS else ""
    council = documents.unit_words(session.council)
    return (
        f"Kỳ họp {ordinal_words(session.number)}{kind}, Hội đồng nhân dân {council} "
        f"khóa {to_roman(session.term.number)}, nhiệm kỳ {term_years(session)}"
    )


def _days(session: Session) -> str:
    return f"{(session.closes_on - session.opens_on).days + 1} ngày"


def time_sentence(session: Session) -> str:
    """ "khai mạc ngày 08 tháng 12 năm 2026, dự kiến bế mạc ngày 10 tháng 12 năm 2026 (3 ngày)"."""
    opens = documents.vietnamese_date(session.opens_on)
    if session.closes_on == session.opens_on:
        return f"khai mạc và bế mạc trong {opens}"
    return (
        f"khai mạc {opens}, dự kiến bế mạc {documents.vietnamese_date(session.closes_on)} ({_days(session)})"
    )


def agenda(session: Session) -> list[Block]:
    """The session's content: its agenda items in order, or a sentence when none is entered yet."""
    items = list(session.agenda_items.order_by("position", "pk"))
    if not items:
        words = documents.unit_words(session.council)
        lines: list[Block] = [
            "Kỳ họp xem xét, quyết định các nội dung theo chương trình kỳ họp do Thường trực Hội đồng "
            f"nhân dân {words} dự kiến, gửi kèm theo Quyết định này."
        ]
        if session.notes.strip():
            lines.append(session.notes.strip())
        return lines
    blocks: list[Block] = []
    for index, item in enumerate(items, start=1):
        line = f"{index}. {item.get_kind_display()}: {item.title.strip().rstrip('.;')}"
        if item.presenter:
            line += f" ({item.presenter})"
        blocks.append(f"{line};" if index < len(items) else f"{line}.")
    return blocks


def signature(council: Council, on: date | None) -> Signature:
    """TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH and the chair's name (blank when no chair is entered)."""
    return Signature(
        on_behalf="TM. THƯỜNG TRỰC HĐND",
        acting="",
        title="CHỦ TỊCH",
        name=documents.chair_name(council, on),
    )


def _issuer(council: Council) -> dict[str, object]:
    parent, issuer = documents.standing_issuer(council)
    return {
        "parent_issuer": parent,
        "issuer": issuer,
        "place": documents.place_name(council.unit.name),
    }


def convening_decision(session: Session) -> AdminDocument:
    """Quyết định triệu tập kỳ họp, signed by the standing committee."""
    council = session.council
    words = documents.unit_words(council)
    name = session_name(session)
    place = session.place.strip() or "(địa điểm sẽ thông báo sau)"
    body: list[Block] = [
        Line(f"THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN {words.upper()}", bold=True, centred=True),
        *(Line(text, italic=True) for text in BASES),
        Line(f"Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân {words}.", italic=True),
        Line("QUYẾT ĐỊNH:", bold=True, centred=True),
        Heading(f"Điều 1. Triệu tập {name}."),
        f"Thời gian: {time_sentence(session)}.",
        f"Địa điểm: {place.rstrip('.')}.",
        Heading("Điều 2. Nội dung kỳ họp"),
        *agenda(session),
        Heading("Điều 3. Tổ chức thực hiện"),
        f"Chánh Văn phòng Hội đồng nhân dân {words}, các vị đại biểu Hội đồng nhân dân {words} khóa "
        f"{to_roman(session.term.number)} và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm "
        "thi hành Quyết định này.",
        f"Quyết định này có hiệu lực kể từ {_signed(session.convened_on)}./.",
    ]
    return AdminDocument(
        **_issuer(council),  # type: ignore[arg-type]
        kind="QUYẾT ĐỊNH",
        symbol=DECISION_SYMBOL,
        number=_two_digits(session.decision_number),
        on=session.convened_on,
        summary=f"Về việc triệu tập {name}",
        body=body,
        recipients=(
            "Như Điều 3;",
            *_above(council),
            f"UBND {words};",
            f"Ủy ban MTTQ Việt Nam {words};",
            "Lưu: VT.",
        ),
        signature=signature(council, session.convened_on),
    )


def _two_digits(number: int | None) -> str:
    return f"{number:02d}" if number else ""


def _signed(on: date | None) -> str:
    return "ngày ký" if on is None else documents.vietnamese_date(on)


def _above(council: Council) -> list[str]:
    if council.parent_id is None:
        return ["Ủy ban Thường vụ Quốc hội;", "Chính phủ;"]
    return [f"Thường trực HĐND {documents.unit_words(council.parent)};"]  # type: ignore[arg-type]


def session_notice(session: Session, on: date | None = None) -> AdminDocument:
    """Thông báo về kỳ họp: time, place, content, who attends, the documents. Dated the day it was issued,
    else ``on`` (today by default) for the draft."""
    council = session.council
    words = documents.unit_words(council)
    on = session.notice_on or on or timezone.localdate()
    place = session.place.strip() or "sẽ thông báo sau"
    decision = "Quyết định triệu tập kỳ họp của Thường trực Hội đồng nhân dân"
    if session.convened_on is not None:
        number = f"số {session.decision_symbol} " if session.decision_number else ""
        decision = (
            f"Quyết định {number}ngày {session.convened_on:%d/%m/%Y} của Thường trực Hội đồng nhân dân "
            f"{words} về việc triệu tập {session_name(session)}"
        )
    body: list[Block] = [
        f"Thực hiện {decision}, Thường trực Hội đồng nhân dân {words} thông báo về kỳ họp như sau:",
        Heading("1. Thời gian"),
        f"Kỳ họp {time_sentence(session)}.",
        Heading("2. Địa điểm"),
        f"{place[:1].upper()}{place[1:].rstrip('.')}.",
        Heading("3. Nội dung"),
        *agenda(session),
        Heading("4. Thành phần"),
        f"Các vị đại biểu Hội đồng nhân dân {words} khóa {to_roman(session.term.number)}; đại diện lãnh "
        f"đạo Ủy ban nhân dân, Ủy ban Mặt trận Tổ quốc Việt Nam {words} và các cơ quan, tổ chức được "
        "mời dự kỳ họp.",
        Heading("5. Tài liệu"),
        _documents_sentence(session),
        f"Thường trực Hội đồng nhân dân {words} đề nghị các vị đại biểu sắp xếp công việc, tham dự "
        "đầy đủ kỳ họp./.",
    ]
    return AdminDocument(
        **_issuer(council),  # type: ignore[arg-type]
        kind="THÔNG BÁO",
        symbol=NOTICE_SYMBOL,
        number=_two_digits(session.notice_number),
        on=on,
        summary=f"Về {session_name(session)}",
        body=body,
        recipients=(
            *_above(council),
            f"Đại biểu HĐND {words};",
            f"UBND {words};",
            f"Ủy ban MTTQ Việt Nam {words};",
            "Các cơ quan thông tin đại chúng;",
            "Lưu: VT.",
        ),
        signature=signature(council, on),
    )


def _documents_sentence(session: Session) -> str:
    if session.documents_sent_on is not None:
        sent = documents.vietnamese_date(session.documents_sent_on)
        return f"Tài liệu kỳ họp đã được gửi đến các vị đại biểu {sent}."
    latest = session.documents_deadline()
    if latest is not None:
        return f"Tài liệu kỳ họp được gửi đến các vị đại biểu chậm nhất {documents.vietnamese_date(latest)}."
    return "Tài liệu kỳ họp được gửi đến các vị đại biểu trước ngày khai mạc theo quy định."


BUILDERS = {"trieu-tap": convening_decision, "thong-bao": session_notice}


def filename(session: Session, which: str, extension: str) -> str:
    """ "Quyết định triệu tập kỳ họp thứ mười hai 12-QĐ-HĐND.docx", "Thông báo kỳ họp thứ mười hai (dự
    thảo).pdf" (the number, with "-" for "/", once the document has one)."""
    label = "Quyết định triệu tập kỳ họp" if which == "trieu-tap" else "Thông báo kỳ họp"
    symbol = session.decision_symbol if which == "trieu-tap" else session.notice_symbol
    tail = symbol.replace("/", "-") if symbol else "(dự thảo)"
    return f"{label} {ordinal_words(session.number)} {tail}.{extension}"


# The standing committee's conclusion notice ---------------------------------------------------------


def _task_line(item: ConclusionItem) -> str:
    facts = []
    if item.owner:
        facts.append(f"giao {item.owner}")
    if item.due_on is not None:
        facts.append(f"thời hạn: {item.due_on:%d/%m/%Y}")
    tail = f" ({'; '.join(facts)})" if facts else ""
    return f"{item.position}. {item.content.rstrip('.')}{tail}."


def conclusion_notice(meeting: StandingMeeting) -> AdminDocument:
    """The conclusion notice (thông báo kết luận) in the NĐ 30/2020 layout, as an ``AdminDocument``."""
    council = meeting.council
    unit = documents.unit_words(council)
    day = meeting.held_on or meeting.meets_on
    participants = list(meeting.participants.select_related("membership__person"))
    members = [p.display_name for p in participants if p.is_member]
    guests = [p.display_name for p in participants if not p.is_member]
    intro = f"Ngày {day:%d/%m/%Y}, Thường trực Hội đồng nhân dân {unit} họp phiên {meeting.month_words}"
    intro += f" tại {meeting.place}." if meeting.place else "."
    if members:
        intro += f" Tham dự có: {', '.join(members)}"
        intro += f"; mời dự: {', '.join(guests)}." if guests else "."
    body: list[Block] = [intro]
    agenda = list(meeting.agenda.all())
    if agenda:
        body.append(Heading("I. NỘI DUNG PHIÊN HỌP"))
        body += [
            f"{item.position}. {item.title}" + (f" ({item.presenter} trình bày)." if item.presenter else ".")
            for item in agenda
        ]
        body.append(Heading("II. KẾT LUẬN CỦA THƯỜNG TRỰC HĐND"))
    body += [paragraph for paragraph in meeting.notice_text.split("\n") if paragraph.strip()]
    body += [_task_line(item) for item in meeting.conclusions.select_related("owner_agency", "owner_person")]
    body.append(
        f"Thường trực Hội đồng nhân dân {unit} thông báo để các cơ quan, đơn vị, cá nhân có liên quan "
        "biết và thực hiện."
    )
    recipients = meeting.notice_recipients.splitlines() or list(DEFAULT_RECIPIENTS)
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        kind="THÔNG BÁO",
        symbol=NOTICE_SYMBOL,
        number=_two_digits(meeting.notice_number),
        place=documents.place_name(council.unit.name),
        on=meeting.notice_on,
        summary=f"Kết luận của Thường trực HĐND tại phiên họp {meeting.month_words}",
        body=body,
        recipients=recipients,
        signature=Signature(
            on_behalf="TM. THƯỜNG TRỰC HĐND",
            acting="",
            title="CHỦ TỊCH",
            name=meeting.signer_name or documents.chair_name(council, meeting.notice_on or day),
        ),
    )


def conclusion_filename(meeting: StandingMeeting, extension: str) -> str:
    """ "Thông báo kết luận 01-TB-HĐND.docx", "… du-thao.pdf" before the notice is issued."""
    number = meeting.notice_symbol.replace("/", "-") if meeting.notice_symbol else "du-thao"
    return f"Thông báo kết luận {number}.{extension}"
