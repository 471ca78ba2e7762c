"""Arrange reception and letters through the same actions users go through (the tests' shared helpers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hdnd.core.actions import seed_rules
from hdnd.core.models import Rule
from hdnd.councils.models import Agency, AgencyKind, Council, Person
from hdnd.reception import actions
from hdnd.reception.models import Host, Letter, LetterKind, Reception, ReceptionSlot

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
COMPLAINT = (
    "Khiếu nại quyết định thu hồi đất số 125/QĐ-UBND của UBND xã đối với thửa đất số 45, tờ bản đồ 12."
)
DENUNCIATION = (
    "Tố cáo cán bộ địa chính xã nhận tiền của các hộ dân để hợp thức hóa đất lấn chiếm tại thôn Đoài."
)
PETITION = "Kiến nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp nghiêm trọng."
REPORT = "Phản ánh tình trạng xả rác thải ra kênh tiêu nước tại tổ dân phố 3 gây ô nhiễm."


def rules() -> None:
    if not Rule.objects.filter(key="reception.first_response").exists():
        seed_rules()


def agency(council: Council) -> Agency:
    found = Agency.objects.filter(council=council).order_by("pk").first()
    return found or Agency.objects.create(council=council, name="UBND xã", kind=AgencyKind.PEOPLES_COMMITTEE)


def person(council: Council, name: str = "Trần Thị Đại Biểu") -> Person:
    return Person.objects.get_or_create(council=council, full_name=name)[0]


def slot(
    council: Council, *, at: datetime = datetime(2026, 10, 15, 8, 0, tzinfo=HANOI), host: str = Host.DELEGATE
) -> ReceptionSlot:
    return actions.plan_slot(
        council,
        by=None,
        kind=ReceptionSlot.Kind.CONSTITUENCY,
        host=host,
        starts_at=at,
        ends_at=at.replace(hour=11, minute=30),
        place="Trụ sở tiếp công dân xã",
        hosts=[person(council)],
    )


def reception(council: Council, *, kind: str = LetterKind.PETITION, **extra: Any) -> Reception:
    visit = actions.Visit(
        received_on=extra.pop("received_on", date(2026, 10, 15)),
        host=Host.DELEGATE,
        kind=kind,
        content=extra.pop("content", PETITION),
        outcome=Reception.Outcome.GUIDED,
        **extra,
    )
    return actions.record_reception(council, by=None, visit=visit)


def letter(
    council: Council,
    *,
    kind: str = LetterKind.COMPLAINT,
    content: str = COMPLAINT,
    received_on: date = date(2026, 10, 5),
    by: Any = None,
    **extra: Any,
) -> Letter:
    rules()
    incoming = actions.Incoming(
        channel=extra.pop("channel", Letter.Channel.POST),
        received_on=received_on,
        kind=kind,
        subject=extra.pop("subject", content[:60]),
        content=content,
        **extra,
    )
    return actions.receive_letter(council, by=by, incoming=incoming)


def awaiting(council: Council, **extra: Any) -> Letter:
    return actions.submit_letter(letter(council, **extra), by=None)


def eligible(council: Council, **extra: Any) -> Letter:
    found = awaiting(council, **extra)
    return actions.classify_letter(found, by=None, kind=found.kind, eligible=True)


def forwarded(council: Council, on: date = date(2026, 10, 8), **extra: Any) -> Letter:
    return actions.forward_letter(
        eligible(council, **extra), by=None, agency=agency(council), forwarded_on=on
    )
