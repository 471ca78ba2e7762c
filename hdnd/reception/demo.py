"""Citizen reception and letters for the `make run` demo of HĐND thành phố Hà Nội (demo text only).

Through the same actions staff use: the fourth quarter's schedule (the standing committee's monthly
receptions, two delegate groups at their constituencies, one ad hoc day), the register with a group visit
("đoàn đông người") and a petition raised at a reception, and letters of each kind in each state,
including a denunciation stored without any identity. Dates are relative to the quarter of 2026.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from hdnd.accounts.models import User
from hdnd.councils.demo import DEMO_DELEGATE
from hdnd.councils.models import Agency, AgencyKind, Body, BodyKind, Council, Person

from . import actions
from .models import Host, Letter, LetterKind, Reception, ReceptionSlot

STAFF = "office_staff"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE = "Trụ sở tiếp công dân thành phố, số 1 Ngô Quyền (demo)"

LETTERS: list[tuple[str, str, str, str]] = [
    # kind, the state to bring it to, subject, content (demo text, no real person)
    (
        LetterKind.COMPLAINT,
        "new",
        "Khiếu nại về bồi thường giải phóng mặt bằng",
        "Khiếu nại phương án bồi thường khi thu hồi đất làm đường vành đai (demo).",
    ),
    (
        LetterKind.COMPLAINT,
        "awaiting",
        "Khiếu nại quyết định xử phạt hành chính",
        "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng (demo).",
    ),
    (
        LetterKind.COMPLAINT,
        "forwarded",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất (demo).",
    ),
    (
        LetterKind.COMPLAINT,
        "answered",
        "Khiếu nại về chế độ chính sách người có công",
        "Khiếu nại việc chưa được hưởng trợ cấp người có công (demo).",
    ),
    (
        LetterKind.DENUNCIATION,
        "forwarded",
        "Tố cáo cán bộ địa chính phường nhận tiền hợp thức hóa đất",
        "Tố cáo cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm "
        "(demo; danh tính người tố cáo lưu sổ giấy).",
    ),
    (
        LetterKind.DENUNCIATION,
        "kept",
        "Tố cáo không rõ người gửi về sai phạm xây dựng",
        "Thư không ký tên tố cáo sai phạm trong cấp phép xây dựng (demo).",
    ),
    (
        LetterKind.PETITION,
        "eligible",
        "Kiến nghị cải tạo tuyến đường liên phường",
        "Kiến nghị sớm cải tạo tuyến đường liên phường bị xuống cấp (demo).",
    ),
    (
        LetterKind.PETITION,
        "guided",
        "Kiến nghị về học phí trường tư thục",
        "Kiến nghị xem xét mức thu học phí của trường tư thục (demo).",
    ),
    (
        LetterKind.REPORT,
        "ineligible",
        "Phản ánh tiếng ồn công trình ban đêm",
        "Phản ánh công trình thi công gây tiếng ồn sau 22 giờ (demo).",
    ),
    (
        LetterKind.REPORT,
        "answered",
        "Phản ánh ô nhiễm kênh tiêu nước",
        "Phản ánh tình trạng xả rác thải ra kênh tiêu nước gây ô nhiễm (demo).",
    ),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), ZONE)


def load_reception_demo(council: Council) -> int | None:
    """Build the demo once; the number of letters, or None when the council already has letters."""
    if Letter.objects.filter(council=council).exists():
        return None
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        slots = _schedule(council, staff)
        _register(council, staff, slots)
        _letters(council, staff)
    return Letter.objects.filter(council=council).count()


def _people(council: Council) -> list[Person]:
    return list(Person.objects.filter(council=council).order_by("pk")[:6])


def _schedule(council: Council, staff: User) -> list[ReceptionSlot]:
    people = _people(council)
    standing = Body.objects.filter(council=council, kind=BodyKind.STANDING).first()
    groups = list(Body.objects.filter(council=council, kind=BodyKind.DELEGATE_GROUP).order_by("pk")[:2])
    plan = [
        (date(2026, 10, 15), ReceptionSlot.Kind.PERIODIC, Host.STANDING, standing, people[:1], OFFICE),
        (date(2026, 11, 16), ReceptionSlot.Kind.PERIODIC, Host.STANDING, standing, people[:1], OFFICE),
        (date(2026, 12, 15), ReceptionSlot.Kind.PERIODIC, Host.STANDING, standing, people[:1], OFFICE),
        (
            date(2026, 10, 22),
            ReceptionSlot.Kind.CONSTITUENCY,
            Host.GROUP,
            groups[0] if groups else None,
            people[1:3],
            "Nhà văn hóa phường Ba Đình (demo)",
        ),
        (
            date(2026, 11, 26),
            ReceptionSlot.Kind.CONSTITUENCY,
            Host.DELEGATE,
            None,
            people[3:4],
            "UBND xã Sóc Sơn (demo)",
        ),
        (
            date(2026, 12, 17),
            ReceptionSlot.Kind.CONSTITUENCY,
            Host.GROUP,
            groups[-1] if groups else None,
            people[4:6],
            "Nhà văn hóa phường Hà Đông (demo)",
        ),
        (date(2026, 11, 5), ReceptionSlot.Kind.AD_HOC, Host.STANDING, standing, people[:2], OFFICE),
    ]
    slots = []
    for day, kind, host, body, hosts, place in plan:
        slot = actions.plan_slot(
            council,
            by=staff,
            kind=kind,
            host=host,
            body=body,
            hosts=hosts,
            starts_at=_at(day, 8),
            ends_at=_at(day, 11, 30),
            place=place,
        )
        if slot.starts_at < timezone.now():
            slot = actions.hold_slot(slot, by=staff)
            if slot.needs_report:
                report = "Tiếp 3 lượt công dân; đã hướng dẫn 2 trường hợp, nhận 1 đơn (demo)."
                actions.report_slot(slot, by=staff, reported_on=day.replace(day=day.day + 2), report=report)
        slots.append(slot)
    return slots


def _register(council: Council, staff: User, slots: list[ReceptionSlot]) -> None:
    first, group_day = slots[0], slots[3]
    visits = [
        actions.Visit(
            received_on=first.day,
            host=Host.STANDING,
            kind=LetterKind.COMPLAINT,
            slot=first,
            visitor="Ông Nguyễn Văn Demo, phường Hoàn Kiếm",
            content="Trình bày khiếu nại về phương án bồi thường giải phóng mặt bằng (demo).",
            outcome=Reception.Outcome.GUIDED,
            outcome_note="Hướng dẫn gửi đơn đến UBND phường (demo).",
        ),
        actions.Visit(
            received_on=group_day.day,
            host=Host.GROUP,
            kind=LetterKind.PETITION,
            slot=group_day,
            visitors=Reception.Visitors.GROUP,
            group_size=18,
            visitor="Đại diện 18 hộ dân tổ dân phố 5 (demo)",
            content="Kiến nghị sớm cải tạo tuyến đường liên phường bị ngập khi mưa lớn (demo).",
            documents="Đơn kiến nghị có 18 chữ ký; ảnh hiện trạng (demo).",
            outcome=Reception.Outcome.LETTER,
        ),
        actions.Visit(
            received_on=first.day,
            host=Host.STANDING,
            kind=LetterKind.DENUNCIATION,
            slot=first,
            content="Công dân trình bày nội dung tố cáo sai phạm trong quản lý đất đai; "
            "danh tính ghi sổ giấy (demo).",
            outcome=Reception.Outcome.LETTER,
        ),
    ]
    delegate = Person.objects.filter(council=council, full_name=DEMO_DELEGATE).first()
    if delegate is not None:  # the demo ``delegate`` account held the group visit: it reads that letter
        visits[1] = dataclasses.replace(visits[1], received_by=[delegate])
    for visit in visits:
        reception = actions.record_reception(council, by=staff, visit=visit)
        if visit.outcome == Reception.Outcome.LETTER and visit.kind != LetterKind.DENUNCIATION:
            incoming = actions.Incoming(
                channel=Letter.Channel.RECEPTION,
                received_on=visit.received_on,
                kind=visit.kind,
                subject="Kiến nghị cải tạo tuyến đường liên phường bị ngập (demo)",
                content=visit.content,
                sender=visit.visitor,
                senders=visit.group_size,
                reception=reception,
            )
            actions.receive_letter(council, by=staff, incoming=incoming)


def _agency(council: Council) -> Agency:
    found = Agency.objects.filter(council=council, kind=AgencyKind.PEOPLES_COMMITTEE).first()
    return (
        found
        or Agency.objects.filter(council=council).order_by("pk").first()
        or Agency.objects.create(
            council=council, name="UBND thành phố Hà Nội (demo)", kind=AgencyKind.PEOPLES_COMMITTEE
        )
    )


def _letters(council: Council, staff: User) -> None:
    agency = _agency(council)
    for index, (kind, state, subject, content) in enumerate(LETTERS):
        received = date(2026, 10, 1 + index * 3)
        incoming = actions.Incoming(
            channel=(Letter.Channel.POST, Letter.Channel.ONLINE, Letter.Channel.FORWARDED)[index % 3],
            received_on=received,
            kind=kind,
            subject=subject,
            content=content,
            sender="" if kind == LetterKind.DENUNCIATION else f"Công dân demo số {index + 1}",
            from_body="Ban Dân nguyện (demo)" if index % 3 == 2 else "",
        )
        letter = actions.receive_letter(council, by=staff, incoming=incoming)
        if state == "new":
            continue
        letter = actions.submit_letter(letter, by=staff)
        if state == "awaiting":
            continue
        eligible = state not in ("ineligible", "kept")
        reason = "" if eligible else "Không đủ điều kiện xử lý: đơn nặc danh hoặc đã hướng dẫn (demo)."
        letter = actions.classify_letter(letter, by=staff, kind=kind, eligible=eligible, reason=reason)
        if state in ("forwarded", "answered"):
            letter = actions.forward_letter(
                letter, by=staff, agency=agency, forwarded_on=received.replace(day=received.day + 2)
            )
        if state == "answered":
            actions.answer_letter(
                letter,
                by=staff,
                answered_on=date(2026, 11, 20),
                summary="Cơ quan đã giải quyết và trả lời công dân (demo).",
            )
        elif state == "guided":
            actions.guide_letter(
                letter,
                by=staff,
                guided_on=received.replace(day=received.day + 3),
                guidance="Đề nghị công dân gửi đơn đến Sở Giáo dục và Đào tạo, cơ quan có thẩm quyền (demo).",
            )
        elif state == "kept":
            actions.keep_letter(
                letter, by=staff, reason="Thư nặc danh: không xử lý như tố cáo, lưu theo dõi (demo)."
            )
        actions.name_handlers(letter, by=staff, users=[staff])
