"""The documents of oversight in the NĐ 30/2020 format, as .docx and PDF through ``hdnd.core.documents``:
the supervision plan (KH), the decision establishing the team (QĐ), the report outline sent to the
supervised bodies, the conclusion notice (TB), the reminder letter (công văn đôn đốc), the skeleton of
the resolution on questioning at a session (NQ) and the conclusion notice of an explanation session.

The supervising body issues the plan, the decision and the outline ("HĐND TỈNH …" over "BAN KINH TẾ –
NGÂN SÁCH"); the standing committee issues the notices and the letter. A document not yet numbered keeps
its number blank for the office to fill in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import F
from django.utils import timezone

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Block, Heading, Line, Signature, Table
from hdnd.core.words import ordinal_words
from hdnd.councils.models import BodyKind, Council, to_roman
from hdnd.sittings.models import Session

from .models import (
    NOTICE_SYMBOL,
    Commitment,
    ExplanationSession,
    QuestioningTopic,
    Recommendation,
    Supervision,
    TeamMember,
)

BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
    "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 121/2025/QH15;",
)
LETTER_SYMBOL = "HĐND-VP"


def _unit(council: Council) -> str:
    return documents.unit_words(council)


def _suffix(supervision: Supervision) -> str:
    """ "HĐND", "BKTNS": the issuing body's abbreviation (the QĐ symbol without "QĐ-")."""
    return supervision.decision_symbol_for_body.split("-", 1)[1]


def _is_body(supervision: Supervision) -> bool:
    return supervision.body is not None and supervision.body.kind != BodyKind.STANDING


def _issuer(supervision: Supervision) -> dict[str, object]:
    council = supervision.council
    place = documents.place_name(council.unit.name)
    if _is_body(supervision):
        assert supervision.body is not None
        return {
            "parent_issuer": [f"HĐND {_unit(council).upper()}"],
            "issuer": [supervision.body.name.upper()],
            "place": place,
        }
    parent, issuer = documents.standing_issuer(council)
    return {"parent_issuer": parent, "issuer": issuer, "place": place}


def _signature(supervision: Supervision) -> Signature:
    if _is_body(supervision):
        assert supervision.body is not None
        head = supervision.members.filter(role=TeamMember.Role.HEAD).first()
        return Signature(
            on_behalf=f"TM. {supervision.body.name.upper()}",
            acting="",
            title="TRƯỞNG BAN",
            name=head.name if head else "",
        )
    return _standing_signature(supervision.council, supervision.decision_on)


def _standing_signature(council: Council, on: date | None) -> Signature:
    return Signature(
        on_behalf="TM. THƯỜNG TRỰC HĐND", acting="", title="CHỦ TỊCH", name=documents.chair_name(council, on)
    )


def _signed(on: date | None) -> str:
    return documents.vietnamese_date(on) if on else "ngày ký"


def _unique(lines: Iterable[str]) -> list[str]:
    """Each recipient once, in the order first named."""
    return list(dict.fromkeys(lines))


def _two(number: int | None) -> str:
    return f"{number:02d}" if number else ""


def _members_table(supervision: Supervision) -> Table:
    rows = [
        (index, member.name, member.position, member.get_role_display())
        for index, member in enumerate(supervision.members.all(), start=1)
    ]
    return Table(("STT", "Họ và tên", "Chức vụ", "Nhiệm vụ trong Đoàn"), rows, (12, 55, 65, 33))


def _agencies(supervision: Supervision) -> list[str]:
    return [str(target.agency) for target in supervision.targets.select_related("agency")]


def _what(supervision: Supervision) -> str:
    return f"{supervision.kind_words} “{supervision.title}”"


def plan(supervision: Supervision) -> AdminDocument:
    """Kế hoạch giám sát (khảo sát): purpose, content and scope, method, team, timetable."""
    agencies = _agencies(supervision) or ["(các cơ quan chịu giám sát)"]
    due = supervision.targets.values_list("report_due_on", flat=True).first()
    body: list[Block] = [
        f"Thực hiện Chương trình giám sát năm {(supervision.decision_on or timezone.localdate()).year}, "
        f"{supervision.supervisor} ban hành Kế hoạch {_what(supervision)} như sau:",
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        f"Đánh giá kết quả, chỉ ra hạn chế, nguyên nhân và kiến nghị giải pháp về "
        f"{supervision.title[:1].lower()}{supervision.title[1:]}.",
        "Việc giám sát bảo đảm khách quan, công khai, đúng quy định; không làm cản trở hoạt động bình thường "
        "của cơ quan chịu giám sát.",
        Heading("II. NỘI DUNG, PHẠM VI, ĐỐI TƯỢNG"),
        f"Nội dung: {(supervision.content or supervision.title).rstrip('.')}.",
        f"Phạm vi: {(supervision.scope or 'theo đề cương kèm theo').rstrip('.')}.",
        f"Đối tượng chịu giám sát: {'; '.join(agencies)}.",
        Heading("III. PHƯƠNG THỨC"),
        "Cơ quan chịu giám sát báo cáo bằng văn bản theo đề cương kèm theo"
        + (f", gửi về trước ngày {due:%d/%m/%Y}" if due else "")
        + "; Đoàn làm việc trực tiếp, khảo sát thực tế tại một số cơ quan, địa phương.",
        Heading("IV. THÀNH PHẦN ĐOÀN"),
        _members_table(supervision),
        Heading("V. TỔ CHỨC THỰC HIỆN"),
        f"Văn phòng Hội đồng nhân dân {_unit(supervision.council)} phục vụ hoạt động của Đoàn; "
        "các cơ quan chịu giám sát "
        "chuẩn bị báo cáo, tài liệu và bố trí làm việc theo Kế hoạch này.",
    ]
    return AdminDocument(
        **_issuer(supervision),  # type: ignore[arg-type]
        kind="KẾ HOẠCH",
        symbol=f"KH-{_suffix(supervision)}",
        on=supervision.plan_sent_on,
        summary=_what(supervision)[:1].upper() + _what(supervision)[1:],
        body=body,
        recipients=(*(f"{name};" for name in agencies), "Thành viên Đoàn;", "Lưu: VT."),
        signature=_signature(supervision),
    )


def decision(supervision: Supervision) -> AdminDocument:
    """Quyết định thành lập Đoàn giám sát, numbered when the team is established."""
    unit = _unit(supervision.council)
    issuer = (
        "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN"
        if not _is_body(supervision)
        else (supervision.body.name.upper() if supervision.body else "")
    )
    body: list[Block] = [
        Line(f"{issuer} {unit.upper()}" if not _is_body(supervision) else issuer, bold=True, centred=True),
        *(Line(text, italic=True) for text in BASES),
        Line(
            f"Căn cứ Chương trình giám sát năm {(supervision.decision_on or timezone.localdate()).year};",
            italic=True,
        ),
        Line(f"Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân {unit}.", italic=True),
        Line("QUYẾT ĐỊNH:", bold=True, centred=True),
        Heading(f"Điều 1. Thành lập Đoàn {_what(supervision)}, gồm các thành viên:"),
        _members_table(supervision),
        Heading("Điều 2. Nhiệm vụ của Đoàn"),
        "Đoàn thực hiện theo Kế hoạch, đề cương được ban hành kèm theo; "
        "báo cáo kết quả và kiến nghị khi kết thúc. "
        "Đoàn tự giải thể sau khi hoàn thành nhiệm vụ.",
        Heading("Điều 3. Tổ chức thực hiện"),
        f"Chánh Văn phòng Hội đồng nhân dân {unit}, các thành viên Đoàn và cơ quan, tổ chức, "
        "cá nhân có liên quan chịu "
        "trách nhiệm thi hành Quyết định này.",
        f"Quyết định có hiệu lực kể từ {_signed(supervision.decision_on)}./.",
    ]
    return AdminDocument(
        **_issuer(supervision),  # type: ignore[arg-type]
        kind="QUYẾT ĐỊNH",
        symbol=supervision.decision_symbol_for_body,
        number=_two(supervision.decision_number),
        on=supervision.decision_on,
        summary=f"Về việc thành lập Đoàn {_what(supervision)}",
        body=body,
        recipients=("Như Điều 3;", *(f"{name};" for name in _agencies(supervision)), "Lưu: VT."),
        signature=_signature(supervision),
    )


def outline(supervision: Supervision) -> AdminDocument:
    """Đề cương báo cáo: what each supervised body reports, sent with the plan."""
    body: list[Block] = [
        Line(f"(Kèm theo Kế hoạch {_what(supervision)})", italic=True, centred=True),
        Heading("I. ĐẶC ĐIỂM, TÌNH HÌNH"),
        "Khái quát đặc điểm, tình hình liên quan đến nội dung giám sát; "
        "việc ban hành văn bản chỉ đạo, hướng dẫn.",
        Heading("II. KẾT QUẢ THỰC HIỆN"),
        f"1. Kết quả thực hiện nội dung: {(supervision.content or supervision.title).rstrip('.')}.",
        f"2. Phạm vi, thời kỳ báo cáo: {supervision.scope or 'theo Kế hoạch'}.",
        "3. Kết quả giải quyết các ý kiến, kiến nghị của cử tri liên quan (nếu có).",
        Heading("III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        "Nêu cụ thể tồn tại, hạn chế; nguyên nhân khách quan, chủ quan; trách nhiệm của tập thể, cá nhân.",
        Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        "Giải pháp trong thời gian tới; kiến nghị với cơ quan có thẩm quyền.",
        Heading("V. SỐ LIỆU KÈM THEO"),
        Table(
            ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Ghi chú"),
            [(1, "", "", "", "", "")],
            (12, 60, 25, 25, 25, 18),
        ),
    ]
    return AdminDocument(
        **_issuer(supervision),  # type: ignore[arg-type]
        kind="ĐỀ CƯƠNG BÁO CÁO",
        symbol=f"KH-{_suffix(supervision)}",
        on=supervision.plan_sent_on,
        summary=f"Phục vụ {_what(supervision)}",
        body=body,
        recipients=(*(f"{name};" for name in _agencies(supervision)), "Lưu: VT."),
        signature=_signature(supervision),
    )


def _recommendation_rows(items: Sequence[Recommendation | Commitment]) -> list[tuple[object, ...]]:
    return [
        (index, str(item.agency), item.content, item.due_on or ("Nhiều năm" if item.multi_year else ""))
        for index, item in enumerate(items, start=1)
    ]


def notice(supervision: Supervision) -> AdminDocument:
    """Thông báo kết luận giám sát (TB-HĐND): results, shortcomings (findings), recommendations."""
    unit = _unit(supervision.council)
    recommendations = list(
        supervision.recommendations.filter(parent__isnull=True)
        .select_related("agency")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    body: list[Block] = [
        f"Thực hiện Chương trình giám sát, {supervision.supervisor} đã tiến hành {_what(supervision)}"
        + (
            f" từ ngày {supervision.fieldwork_started_on:%d/%m/%Y}"
            if supervision.fieldwork_started_on
            else ""
        )
        + f". Thường trực Hội đồng nhân dân {unit} kết luận như sau:",
        Heading("I. KẾT QUẢ"),
        *[p for p in supervision.conclusions.split("\n") if p.strip()],
        Heading("II. TỒN TẠI, HẠN CHẾ"),
        *([f"{i}. {f.text}" for i, f in enumerate(supervision.findings.all(), start=1)] or ["(Không có.)"]),
        Heading("III. KIẾN NGHỊ"),
        Table(
            ("STT", "Cơ quan thực hiện", "Nội dung kiến nghị", "Thời hạn"),
            _recommendation_rows(recommendations),
            (12, 45, 85, 23),
        ),
        "Đề nghị các cơ quan báo cáo kết quả thực hiện về Thường trực Hội đồng nhân dân "
        "trước thời hạn nêu trên.",
    ]
    return AdminDocument(
        **{
            **_issuer(supervision),
            **dict(
                zip(("parent_issuer", "issuer"), documents.standing_issuer(supervision.council), strict=True)
            ),
        },  # type: ignore[arg-type]
        kind="THÔNG BÁO",
        symbol=NOTICE_SYMBOL,
        number=_two(supervision.notice_number),
        on=supervision.concluded_on if supervision.notice_number else None,
        summary=f"Kết luận {_what(supervision)}",
        body=body,
        recipients=(*_unique(f"{r.agency};" for r in recommendations), "Thành viên Đoàn;", "Lưu: VT."),
        signature=_standing_signature(supervision.council, supervision.concluded_on),
    )


def reminder_letter(items: Sequence[Recommendation], on: date | None = None) -> AdminDocument:
    """Văn bản đôn đốc (công văn): the recommendations an agency has not finished, with their deadlines."""
    first = items[0]
    council, agency = first.council, first.agency
    on = on or timezone.localdate()
    body: list[Block] = [
        f"Thường trực Hội đồng nhân dân {_unit(council)} nhận được kết quả thực hiện kiến nghị sau giám sát. "
        f"Đến ngày {on:%d/%m/%Y}, các kiến nghị sau đây gửi {agency} chưa được thực hiện xong:",
        Table(
            ("STT", "Nguồn", "Nội dung kiến nghị", "Thời hạn", "Tình trạng"),
            [
                (
                    i,
                    str(item.supervision or item.get_source_display()),
                    item.content,
                    item.due_on,
                    f"{item.get_status_display()} ({item.progress}%)",
                )
                for i, item in enumerate(items, start=1)
            ],
            (12, 40, 65, 23, 25),
        ),
        f"Thường trực Hội đồng nhân dân {_unit(council)} đề nghị {agency} khẩn trương chỉ đạo thực hiện, "
        "báo cáo kết quả "
        "kèm tài liệu minh chứng; trường hợp chưa thực hiện được, nêu rõ lý do và lộ trình thực hiện.",
    ]
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        place=documents.place_name(council.unit.name),
        symbol=LETTER_SYMBOL,
        on=on,
        summary="đôn đốc thực hiện kiến nghị sau giám sát",
        addressees=(f"Kính gửi: {agency}",),
        body=body,
        recipients=("Như trên;", *([f"{agency.superior};"] if agency.superior_id else []), "Lưu: VT."),
        signature=Signature(on_behalf="TL. THƯỜNG TRỰC HĐND", acting="", title="CHÁNH VĂN PHÒNG", name=""),
    )


def questioning_resolution(session: Session, topics: Sequence[QuestioningTopic]) -> AdminDocument:
    """Skeleton of the resolution on questioning and answers at a session (NQ-HĐND)."""
    council = session.council
    unit = _unit(council)
    commitments = [c for topic in topics for c in topic.commitments.select_related("agency")]
    body: list[Block] = [
        Line(f"HỘI ĐỒNG NHÂN DÂN {unit.upper()}", bold=True, centred=True),
        Line(
            f"KHÓA {to_roman(session.term.number)}, KỲ HỌP {ordinal_words(session.number).upper()}",
            bold=True,
            centred=True,
        ),
        *(Line(text, italic=True) for text in BASES),
        Line("Trên cơ sở kết quả chất vấn và trả lời chất vấn tại kỳ họp;", italic=True),
        Line("QUYẾT NGHỊ:", bold=True, centred=True),
        Heading(
            "Điều 1. Hội đồng nhân dân ghi nhận kết quả chất vấn và trả lời chất vấn về các nhóm vấn đề:"
        ),
        *[
            f"{i}. {t.title}" + (f" (trả lời: {t.respondents})" if t.respondents else "") + "."
            for i, t in enumerate(topics, start=1)
        ],
        Heading("Điều 2. Yêu cầu các cơ quan thực hiện các nội dung đã cam kết:"),
        Table(
            ("STT", "Cơ quan", "Nội dung", "Thời hạn"), _recommendation_rows(commitments), (12, 45, 85, 23)
        ),
        Heading("Điều 3. Tổ chức thực hiện"),
        f"Giao Ủy ban nhân dân {unit} tổ chức thực hiện; Thường trực, các Ban, các Tổ đại biểu "
        "và đại biểu Hội đồng nhân dân "
        "giám sát việc thực hiện Nghị quyết này.",
        f"Nghị quyết này đã được Hội đồng nhân dân {unit} khóa {to_roman(session.term.number)}, Kỳ họp "
        f"{ordinal_words(session.number)} thông qua./.",
    ]
    return AdminDocument(
        issuer=documents.council_issuer(council),
        place=documents.place_name(council.unit.name),
        kind="NGHỊ QUYẾT",
        symbol="NQ-HĐND",
        summary=f"Về chất vấn và trả lời chất vấn tại Kỳ họp {ordinal_words(session.number)}",
        body=body,
        recipients=("Ủy ban nhân dân;", "Các cơ quan có liên quan;", "Lưu: VT."),
        signature=Signature(
            on_behalf="", acting="", title="CHỦ TỊCH", name=documents.chair_name(council, session.closes_on)
        ),
    )


def explanation_notice(session: ExplanationSession) -> AdminDocument:
    """Thông báo kết luận phiên giải trình của Thường trực HĐND (TB-HĐND)."""
    council = session.council
    day = session.held_on or session.planned_on
    commitments = list(session.commitments.select_related("agency"))
    body: list[Block] = [
        f"Ngày {day:%d/%m/%Y}, Thường trực Hội đồng nhân dân {_unit(council)} tổ chức phiên giải trình về "
        f"{session.title[:1].lower()}{session.title[1:]}. {session.officials} giải trình.",
        Heading("I. NỘI DUNG GIẢI TRÌNH"),
        *[p for p in session.answers.split("\n") if p.strip()],
        Heading("II. KẾT LUẬN"),
        *[p for p in session.conclusion.split("\n") if p.strip()],
        Heading("III. CÁC NỘI DUNG CAM KẾT"),
        Table(
            ("STT", "Cơ quan", "Nội dung", "Thời hạn"), _recommendation_rows(commitments), (12, 45, 85, 23)
        ),
    ]
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        place=documents.place_name(council.unit.name),
        kind="THÔNG BÁO",
        symbol=NOTICE_SYMBOL,
        number=_two(session.notice_number),
        on=session.notice_on,
        summary=f"Kết luận phiên giải trình về {session.title[:1].lower()}{session.title[1:]}",
        body=body,
        recipients=(f"{session.agency};", "Lưu: VT."),
        signature=_standing_signature(council, session.notice_on),
    )
