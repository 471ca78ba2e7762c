"""The documents reception issues, as ``core.documents.AdminDocument`` (NĐ 30/2020; .docx and PDF).

Reception schedule notice (TB), forwarding slip (PC), guidance letter to the citizen (công văn), periodic
report (BC), and the redacted copy of a denunciation for the verifying body (Luật Tố cáo Art. 56.2). None
of them ever names a denouncer: a denunciation is named by its case code only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import timezone

from hdnd.core.documents import AdminDocument, Heading, Line, Signature, Table, place_name
from hdnd.councils.models import Council

from .models import Letter, ReceptionSlot
from .stats import Statistics

CONFIDENTIAL_NOTE = (
    "Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo; đề nghị cơ quan không tiết lộ họ "
    "tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo."
)


def _place(council: Council) -> str:
    return place_name(council.unit.name)


def _standing(council: Council, on: date | None) -> tuple[list[str], list[str], Signature]:
    parent, issuer = council.standing_issuer_lines()
    return parent, issuer, Signature(name=council.chair_name(on))


def schedule_notice(council: Council, slots: Sequence[ReceptionSlot], label: str) -> AdminDocument:
    """Thông báo lịch tiếp công dân of a period (the number is left for the office to fill in)."""
    parent, issuer, signature = _standing(council, None)
    rows = []
    for index, slot in enumerate(slots, start=1):
        start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
        people = ", ".join(person.full_name for person in slot.hosts.all()) or slot.get_host_display()
        rows.append(
            [
                index,
                f"{start:%d/%m/%Y}\n{start:%H:%M}–{end:%H:%M}",
                people,
                slot.place,
                slot.get_kind_display(),
            ]
        )
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol="TB-HĐND",
        place=_place(council),
        kind="THÔNG BÁO",
        summary=f"Lịch tiếp công dân {label} của Thường trực HĐND và đại biểu HĐND {council.unit_words()}",
        body=[
            "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm "
            "2013, được sửa đổi, bổ sung năm 2025; căn cứ Nghị "
            "quyết số 116/2025/UBTVQH15 của Ủy ban Thường vụ "
            "Quốc hội về hoạt động tiếp công dân, tiếp nhận, xử "
            "lý đơn của cơ quan dân cử;",
            f"Thường trực Hội đồng nhân dân {council.unit_words()} "
            f"thông báo lịch tiếp công dân {label} như sau:",
            Table(
                ["STT", "Thời gian", "Người tiếp", "Địa điểm", "Hình thức"],
                rows,
                widths_mm=(12, 28, 40, 45, 40),
            ),
            "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh mang theo giấy tờ tùy thân và các "
            "tài liệu liên quan. Lịch có thay đổi sẽ được thông báo trên trang thông tin điện tử của HĐND.",
        ],
        recipients=[
            "Như trên;",
            "Thường trực HĐND;",
            "Đại biểu HĐND;",
            "Cổng thông tin điện tử;",
            "Lưu: VT.",
        ],
        signature=signature,
    )


def _kind_words(letter: Letter) -> str:
    return f"đơn {letter.get_kind_display().lower()}"


def forwarding_slip(letter: Letter) -> AdminDocument:
    """Phiếu chuyển đơn (PC) to the competent body; a denunciation's slip carries the case code only."""
    council = letter.council
    parent, issuer, signature = _standing(council, letter.forwarded_on)
    agency = letter.agency.name if letter.agency else ""
    if letter.is_denunciation:
        about = (
            f"Thường trực HĐND {council.unit_words()} nhận được đơn tố cáo mã số {letter.code}, ngày nhận "
            f"{letter.received_on:%d/%m/%Y}, nội dung: {letter.subject}."
        )
        enclosed = "Kèm theo bản trích nội dung tố cáo đã lược bỏ thông tin về người tố cáo."
    else:
        sender = f" của {letter.sender}" if letter.sender else ""
        about = (
            f"Thường trực HĐND {council.unit_words()} nhận được {_kind_words(letter)}{sender} (mã số "
            f"{letter.code}), ngày nhận {letter.received_on:%d/%m/%Y}, nội dung: {letter.subject}."
        )
        enclosed = "Kèm theo đơn và tài liệu liên quan."
    body: list[str | Line | Heading | Table] = [
        about,
        "Căn cứ quy định của pháp luật, Thường trực HĐND "
        f"chuyển đơn đến {agency} để xem xét, giải quyết theo "
        f"thẩm quyền và thông báo kết quả cho Thường trực HĐND trước ngày {letter.response_due:%d/%m/%Y}.",
        enclosed,
    ]
    if letter.is_denunciation:
        body.append(Line(CONFIDENTIAL_NOTE, italic=True))
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol="PC-HĐND",
        number=str(letter.slip_number or ""),
        place=_place(council),
        on=letter.forwarded_on,
        kind="PHIẾU CHUYỂN ĐƠN",
        summary=f"Về việc chuyển {_kind_words(letter)} mã số {letter.code}",
        addressees=[f"Kính gửi: {agency}"],
        body=body,
        recipients=["Như trên;", "Thường trực HĐND;", "Lưu: VT, hồ sơ đơn."],
        signature=signature,
    )


def guidance_letter(letter: Letter) -> AdminDocument:
    """Văn bản hướng dẫn: the công văn telling the citizen where to take the matter."""
    council = letter.council
    parent, issuer, signature = _standing(council, letter.closed_on)
    to = (
        letter.sender
        if letter.sender and not letter.is_denunciation
        else f"Người gửi đơn mã số {letter.code}"
    )
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol="HĐND-TCD",
        number=str(letter.guidance_number or ""),
        place=_place(council),
        on=letter.closed_on,
        summary=f"hướng dẫn công dân về {_kind_words(letter)} mã số {letter.code}",
        addressees=[f"Kính gửi: {to}"],
        body=[
            f"Thường trực HĐND {council.unit_words()} nhận được "
            f"{_kind_words(letter)} mã số {letter.code}, ngày "
            f"nhận {letter.received_on:%d/%m/%Y}, về việc: {letter.subject}.",
            letter.guidance,
            "Công dân tra cứu tình trạng xử lý đơn bằng mã số "
            f"{letter.code} trên trang thông tin điện tử của HĐND.",
        ],
        recipients=["Như trên;", "Lưu: VT, hồ sơ đơn."],
        signature=signature,
    )


def redacted_copy(letter: Letter) -> AdminDocument:
    """The redacted copy of a denunciation for the body that verifies it: content without the denouncer."""
    council = letter.council
    parent, issuer, signature = _standing(council, letter.forwarded_on)
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol="PC-HĐND",
        number=str(letter.slip_number or ""),
        place=_place(council),
        on=letter.forwarded_on,
        kind="BẢN TRÍCH NỘI DUNG TỐ CÁO",
        summary=f"Đơn tố cáo mã số {letter.code} (đã lược bỏ thông tin về người tố cáo)",
        body=[
            Line(f"Mã số vụ việc: {letter.code}. Ngày nhận: {letter.received_on:%d/%m/%Y}.", bold=True),
            Line(f"Trích yếu: {letter.subject}"),
            Heading("Nội dung tố cáo"),
            *[part for part in letter.content.split("\n") if part.strip()],
            Line(CONFIDENTIAL_NOTE, italic=True),
        ],
        recipients=[
            f"{letter.agency.name};" if letter.agency else "Cơ quan xác minh;",
            "Lưu: hồ sơ đơn (mật).",
        ],
        signature=signature,
    )


def periodic_report(council: Council, stats: Statistics) -> AdminDocument:
    """Báo cáo kết quả tiếp công dân, tiếp nhận và xử lý đơn thư of a period, rolled up as asked."""
    parent, issuer, signature = _standing(council, stats.window.last)
    rate = f"{stats.on_time * 100 // stats.answered}%" if stats.answered else "—"
    body: list[str | Line | Heading | Table] = [
        Heading("I. KẾT QUẢ TIẾP CÔNG DÂN"),
        f"Trong {stats.window.label}, Thường trực HĐND và đại "
        f"biểu HĐND đã tổ chức {stats.days_held} buổi tiếp "
        f"công dân theo lịch, tiếp {stats.citizens} công dân.",
        Table(["Người tiếp", "Số công dân"], stats.receptions.rows or [["—", 0]], widths_mm=(120, 45)),
        Heading("II. TIẾP NHẬN, XỬ LÝ ĐƠN THƯ"),
        f"Tổng số đơn tiếp nhận: {stats.letters_by_kind.total} đơn. Số đơn đã chuyển có trả lời: "
        f"{stats.answered}, trong đó trả lời đúng hạn {stats.on_time} (tỷ lệ {rate}).",
    ]
    for table in stats.tables()[1:]:
        body.append(Line(table.title, bold=True))
        body.append(Table(["Nội dung", "Số đơn"], table.rows or [["—", 0]], widths_mm=(120, 45)))
    body.append(Heading("III. KIẾN NGHỊ, ĐỀ XUẤT"))
    body.append("…")
    return AdminDocument(
        issuer=issuer,
        parent_issuer=parent,
        symbol="BC-HĐND",
        place=_place(council),
        on=None,
        kind="BÁO CÁO",
        summary=f"Kết quả tiếp công dân, tiếp nhận và xử lý đơn thư {stats.window.label}",
        body=body,
        recipients=["Thường trực HĐND;", "Lưu: VT."],
        signature=signature,
    )
