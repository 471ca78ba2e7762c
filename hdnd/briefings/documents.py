"""The briefing's documents in the NĐ 30/2020 layout, as .docx and PDF through ``hdnd.core.documents``:

- the invitation (Giấy mời, ``GM-HĐND``) of the host's Thường trực HĐND to the Thường trực of the councils
  below: the conference, its content, time, main point and online points, chair, and the list of
  councils invited with the point each joins from;
- the conclusion notice (Thông báo kết luận, ``TB-HĐND``): who met, the general assessment, and the
  numbered conclusions with who does what by when.

Both carry their number and date once issued; before that they are drafts with the number blank.
"""

from __future__ import annotations

from django.utils import timezone

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Block, Heading, Signature, Table

from .actions import DEFAULT_RECIPIENTS
from .models import INVITATION_SYMBOL, NOTICE_SYMBOL, Briefing, ConclusionItem


def _level_words(briefing: Briefing) -> str:
    """ "các xã, phường" (after 1 July 2025) or "các quận, huyện, thị xã" before, as documents say."""
    return "các quận, huyện, thị xã" if briefing.period_obj.last.year < 2025 else "các xã, phường"


def conference_name(briefing: Briefing) -> str:
    unit = documents.unit_words(briefing.council)
    return (
        f"Hội nghị giao ban giữa Thường trực Hội đồng nhân dân {unit} với Thường trực Hội đồng nhân dân "
        f"{_level_words(briefing)} {briefing.period_label}"
    )


def _time_words(briefing: Briefing) -> str:
    day = documents.vietnamese_date(briefing.meets_on)
    if briefing.starts_at is None:
        return day[:1].upper() + day[1:]
    return f"{briefing.starts_at:%H} giờ {briefing.starts_at:%M}, {day}"


def _chair_words(briefing: Briefing) -> str:
    chair = briefing.chair
    if chair is None:
        return ""
    title = f" - {chair.position}" if getattr(chair, "position", "") else ""
    return f"đồng chí {chair.full_name}{title}"


def _signer(briefing: Briefing, on: object) -> str:
    if briefing.signer_name:
        return briefing.signer_name
    if briefing.chair is not None:
        return briefing.chair.full_name
    return documents.chair_name(briefing.council, on)  # type: ignore[arg-type]


def invitation(briefing: Briefing) -> AdminDocument:
    """The invitation (giấy mời) as an ``AdminDocument``."""
    council = briefing.council
    unit = documents.unit_words(council)
    participants = list(briefing.participants.select_related("council", "point"))
    points = list(briefing.points.all())
    body: list[Block] = [
        f"Thường trực Hội đồng nhân dân {unit} trân trọng kính mời: Thường trực Hội đồng nhân dân "
        f"{len(participants)} {_level_words(briefing)[4:]} (danh sách kèm theo).",
        f"Dự {conference_name(briefing)}.",
    ]
    agenda = list(briefing.agenda.all())
    if agenda:
        body.append(Heading("1. Nội dung"))
        body += [
            f"- {item.title}" + (f" ({item.presenter} trình bày)." if item.presenter else ".")
            for item in agenda
        ]
    body.append(Heading("2. Thời gian, địa điểm"))
    body.append(f"Thời gian: {_time_words(briefing)}.")
    if briefing.place:
        body.append(f"Điểm cầu chính: {briefing.place}.")
    if points:
        body.append("Các điểm cầu trực tuyến: " + "; ".join(_point(p) for p in points) + ".")
    if chair := _chair_words(briefing):
        body.append(f"Chủ trì: {chair}.")
    body.append(
        "Đề nghị Thường trực Hội đồng nhân dân các đơn vị chuẩn bị ý kiến về kết quả hoạt động "
        f"{briefing.period_label}, khó khăn, vướng mắc và kiến nghị, đề xuất; gửi báo cáo định kỳ trên hệ "
        "thống trước ngày tổ chức hội nghị."
    )
    if briefing.notes.strip():
        body.append(briefing.notes.strip())
    body.append(Heading("DANH SÁCH THƯỜNG TRỰC HĐND ĐƯỢC MỜI"))
    body.append(
        Table(
            header=("STT", "Hội đồng nhân dân", "Điểm cầu"),
            rows=[
                (n, p.council.name, p.point.name if p.point else "") for n, p in enumerate(participants, 1)
            ],
            widths_mm=(15, 95, 55),
        )
    )
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        kind="GIẤY MỜI",
        symbol=INVITATION_SYMBOL,
        number=f"{briefing.invitation_number:02d}" if briefing.invitation_number else "",
        place=documents.place_name(council.unit.name),
        on=briefing.invitation_on or (None if briefing.invitation_number else timezone.localdate()),
        summary=f"Dự hội nghị giao ban {briefing.period_label}",
        body=body,
        recipients=("Như trên;", "Thường trực HĐND;", "Lưu: VT."),
        signature=Signature(
            on_behalf="TM. THƯỜNG TRỰC HĐND",
            acting="",
            title="CHỦ TỊCH",
            name=_signer(briefing, briefing.invitation_on or briefing.meets_on),
        ),
    )


def _point(point: object) -> str:
    address = getattr(point, "address", "")
    return f"{point}" + (f" ({address})" if address else "")


def owners(item: ConclusionItem) -> list[str]:
    return [c.name for c in item.councils.all()] + [b.name for b in item.bodies.all()]


def _item_line(item: ConclusionItem) -> str:
    line = f"{item.position}. {item.content.strip().rstrip('.')}"
    who = owners(item)
    if item.due_on is not None and who:
        return f"{line}. Giao: {', '.join(who)}; thời hạn hoàn thành: trước ngày {item.due_on:%d/%m/%Y}."
    return f"{line}."


def conclusion_notice(briefing: Briefing) -> AdminDocument:
    """The conclusion notice (thông báo kết luận) as an ``AdminDocument``."""
    council = briefing.council
    unit = documents.unit_words(council)
    day = briefing.held_on or briefing.meets_on
    invited = briefing.participants.count()
    came = briefing.participants.filter(attended=True).count()
    points = briefing.points.count()
    intro = f"Ngày {day:%d/%m/%Y}, Thường trực Hội đồng nhân dân {unit} tổ chức {conference_name(briefing)}"
    intro += f" tại {briefing.place}" if briefing.place else ""
    intro += f", kết nối trực tuyến đến {points} điểm cầu." if points else "."
    if chair := _chair_words(briefing):
        intro += f" Chủ trì hội nghị: {chair}."
    intro += f" Tham dự có Thường trực Hội đồng nhân dân {came}/{invited} đơn vị được mời."
    body: list[Block] = [intro]
    speakers = briefing.contributions.count()
    if speakers:
        body.append(
            f"Sau khi nghe báo cáo và {speakers} ý kiến phát biểu của đại biểu, Thường trực Hội đồng "
            f"nhân dân {unit} kết luận như sau:"
        )
    text = [paragraph for paragraph in briefing.notice_text.split("\n") if paragraph.strip()]
    if text:
        body.append(Heading("I. ĐÁNH GIÁ CHUNG"))
        body += text
    items = list(briefing.conclusions.prefetch_related("councils", "bodies"))
    if items:
        body.append(Heading("II. NHIỆM VỤ TRONG THỜI GIAN TỚI" if text else "NHIỆM VỤ TRONG THỜI GIAN TỚI"))
        body += [_item_line(item) for item in items]
    body.append(
        f"Thường trực Hội đồng nhân dân {unit} thông báo để Thường trực Hội đồng nhân dân "
        f"{_level_words(briefing)} và các cơ quan, đơn vị có liên quan biết, thực hiện và báo cáo kết quả "
        "tại hội nghị giao ban kỳ tới."
    )
    recipients = briefing.notice_recipients.splitlines() or list(DEFAULT_RECIPIENTS)
    parent, issuer = documents.standing_issuer(council)
    return AdminDocument(
        parent_issuer=parent,
        issuer=issuer,
        kind="THÔNG BÁO",
        symbol=NOTICE_SYMBOL,
        number=f"{briefing.notice_number:02d}" if briefing.notice_number else "",
        place=documents.place_name(council.unit.name),
        on=briefing.notice_on or (None if briefing.notice_number else timezone.localdate()),
        summary=f"Kết luận của Thường trực HĐND tại hội nghị giao ban {briefing.period_label}",
        body=body,
        recipients=recipients,
        signature=Signature(
            on_behalf="TM. THƯỜNG TRỰC HĐND",
            acting="",
            title="CHỦ TỊCH",
            name=_signer(briefing, briefing.notice_on or day),
        ),
    )


def filename(briefing: Briefing, which: str, extension: str) -> str:
    """ "Giấy mời 03-GM-HĐND.docx", "Thông báo kết luận du-thao.pdf" before it is numbered."""
    symbol = briefing.invitation_symbol if which == "invitation" else briefing.notice_symbol
    title = "Giấy mời giao ban" if which == "invitation" else "Thông báo kết luận giao ban"
    return f"{title} {symbol.replace('/', '-') if symbol else 'du-thao'}.{extension}"
