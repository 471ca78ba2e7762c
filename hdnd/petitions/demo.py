"""A voter-contact cycle for the `make run` demo, written for the demo (no real petition text).

It goes through the same actions staff use: two meetings of HĐND thành phố Hà Nội, petitions from both
(some raise the same demand in other words), synthesis, confirmation, forwarding to departments, and
one answer, so a newcomer can walk the whole flow from the meeting to the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.core.text import fold
from hdnd.councils.models import Agency, Council, Person

from . import actions, forwarding
from .models import Cycle, Outcome, Petition, PetitionIssue, VoterMeeting

CYCLE_NAME = "Trước kỳ họp thường lệ cuối năm 2026 (demo)"
STAFF = "office_staff"  # the demo user who enters and forwards, as the city's office would


@dataclass(frozen=True)
class MeetingSpec:
    day: date
    place: str
    voters: int
    petitions: tuple[str, ...]


MEETINGS = (
    MeetingSpec(
        date(2026, 11, 5),
        "Nhà văn hóa tổ dân phố số 3, phường Ba Đình",
        120,
        (
            "Cử tri đề nghị sửa chữa, nâng cấp tuyến ngõ 12 phố Thử Nghiệm đã xuống cấp, "
            "mặt đường nhiều ổ gà.",
            "Đề nghị các cấp có thẩm quyền đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ "
            "dân khu tập thể Mẫu Thử, hồ sơ đã nộp từ năm 2023.",
            "Cử tri phản ánh tình trạng ngập úng cục bộ mỗi khi mưa lớn tại khu vực chợ Mẫu; đề nghị cải tạo "
            "hệ thống thoát nước.",
            "Đề nghị bổ sung trường mầm non công lập trên địa bàn phường vì số trẻ tăng nhanh.",
        ),
    ),
    MeetingSpec(
        date(2026, 11, 6),
        "Hội trường UBND phường Đống Đa",
        95,
        (
            "Cu tri de nghi nang cap, sua chua duong ngo 45 pho Vi Du bi hu hong nang, nhieu o ga.",
            "Cử tri đề nghị UBND thành phố chỉ đạo đẩy nhanh cấp GCNQSDĐ cho các hộ dân đã đủ điều kiện, "
            "tránh tồn đọng hồ sơ kéo dài.",
            "Đề nghị xử lý dứt điểm tình trạng ngập úng khi mưa lớn tại ngõ Mẫu, cải tạo cống thoát nước.",
            "Đề nghị tăng cường kiểm tra, xử lý tiếng ồn từ các cơ sở karaoke hoạt động quá giờ.",
        ),
    ),
)

# The department each kind of demand goes to, by a word of the issue's title (folded match).
ROUTES = (
    ("duong", "Sở Xây dựng Hà Nội"),
    ("dat", "Sở Nông nghiệp và Môi trường Hà Nội"),
    ("ngap", "Sở Xây dựng Hà Nội"),
    ("mam non", "Sở Giáo dục và Đào tạo Hà Nội"),
)


def load_petitions_demo(council: Council) -> Cycle | None:
    """Build the demo cycle once; None when it is already there."""
    if Cycle.objects.filter(council=council, name=CYCLE_NAME).exists():
        return None
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        cycle = actions.create_cycle(
            council, by=staff, name=CYCLE_NAME, kind=Cycle.Kind.BEFORE_SESSION, year=2026
        )
        delegates = list(
            Person.objects.filter(council=council, memberships__body__isnull=True).distinct()[:3]
        )
        for spec in MEETINGS:
            _meeting(cycle, spec, staff, delegates)
        issues = actions.synthesize_cycle(council, cycle, by=staff)
        for issue in issues:
            actions.confirm_issue(issue, by=staff)
        _forward_and_answer(issues, staff)
    return cycle


def _meeting(cycle: Cycle, spec: MeetingSpec, staff: User, delegates: list[Person]) -> VoterMeeting:
    meeting = actions.record_meeting(
        cycle, by=staff, date=spec.day, place_text=spec.place, delegates=delegates, voter_count=spec.voters
    )
    for text in spec.petitions:
        actions.register_petition(
            cycle.council, by=staff, cycle=cycle, text=text, source=Petition.Source.MEETING, meeting=meeting
        )
    return meeting


def _forward_and_answer(issues: list[PetitionIssue], staff: User) -> None:
    answered = False
    for issue in issues:
        agency_name = next((name for word, name in ROUTES if word in fold(issue.title)), None)
        agency = Agency.objects.filter(council=issue.council, name=agency_name).first()
        if agency is None:
            continue
        sent = forwarding.forward_issue(issue, [agency], by=staff, on=date(2026, 11, 12))
        if not answered:
            forwarding.record_answer(
                sent[0],
                by=staff,
                outcome=Outcome.IN_PROGRESS,
                text="Sở đã đưa tuyến ngõ vào kế hoạch duy tu năm 2027; dự kiến thi công trong quý II/2027.",
                target_date=date(2027, 6, 30),
            )
            answered = True
