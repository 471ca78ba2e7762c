"""A voter-contact cycle for the `make run` demo, written for the demo (no real petition text).

It goes through the same actions staff use, so a newcomer can walk the whole flow: an earlier cycle
whose unresolved issue is carried over; two meetings of HĐND thành phố Hà Nội with petitions (some
raise the same demand in other words, one came by letter); synthesis, confirmation, forwarding to
departments; answers of each kind, a delegate's rating, an issue flagged for supervision, and the
answered issues published for voters to look up by the meeting's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.core.text import fold
from hdnd.councils.models import Agency, Council, Person
from hdnd.petitions.actions.classify import accept_suggestion, classify_issue
from hdnd.petitions.actions.entry import create_cycle, record_meeting, register_petition
from hdnd.petitions.actions.followup import carry_over, flag_issue
from hdnd.petitions.actions.forwarding import forward_issue, rate_answer, record_answer
from hdnd.petitions.actions.intake import register_received
from hdnd.petitions.actions.publication import publish_issue
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle

from .fields_seed import seed_fields
from .models import (
    AnswerRating,
    Competence,
    Cycle,
    IssueFlag,
    Outcome,
    Petition,
    PetitionIssue,
    UnresolvedReason,
    VoterMeeting,
)

CYCLE_NAME = "Trước kỳ họp thường lệ cuối năm 2026 (demo)"
EARLIER_NAME = "Sau kỳ họp giữa năm 2026 (demo)"
EARLIER_PETITION = "Đề nghị lắp đặt đèn tín hiệu giao thông tại nút giao phố Mẫu – đường Thử Nghiệm."
LETTER = "Đơn của cử tri tổ dân phố 7 đề nghị di dời trạm biến áp sát khu dân cư."
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
        earlier = _earlier_cycle(council, staff)
        cycle = create_cycle(council, by=staff, name=CYCLE_NAME, kind=Cycle.Kind.BEFORE_SESSION, year=2026)
        carry_over(earlier, cycle, by=staff)
        delegates = list(
            Person.objects.filter(council=council).delegates(date(2026, 11, 1)).order_by("name_key", "pk")[:3]
        )
        for spec in MEETINGS:
            _meeting(cycle, spec, staff, delegates)
        register_received(
            cycle,
            by=staff,
            text=LETTER,
            source=Petition.Source.LETTER,
            received_on=date(2026, 11, 4),
            reference="125/ĐT",
            voter_place="Tổ dân phố 7, phường Ba Đình",
        )
        issues = synthesize_cycle(council, cycle, by=staff)
        for issue in issues:
            confirm_issue(issue, by=staff)
        seed_fields(by=staff)
        for issue in issues[:-2]:  # two left for the newcomer on "Rà soát phân loại"
            accept_suggestion(issue, by=staff)
        _forward_and_answer(issues, staff)
    return cycle


def _earlier_cycle(council: Council, staff: User) -> Cycle:
    """A cycle from mid-2026 whose one issue got "chưa giải quyết": carried over to the demo cycle."""
    earlier = create_cycle(council, by=staff, name=EARLIER_NAME, kind=Cycle.Kind.AFTER_SESSION, year=2026)
    meeting = record_meeting(
        earlier, by=staff, date=date(2026, 7, 20), place_text="Nhà văn hóa phường Ba Đình", voter_count=80
    )
    register_petition(
        council,
        by=staff,
        cycle=earlier,
        text=EARLIER_PETITION,
        source=Petition.Source.MEETING,
        meeting=meeting,
    )
    (issue,) = synthesize_cycle(council, earlier, by=staff)
    confirm_issue(issue, by=staff)
    agency = Agency.objects.filter(council=council, name="Sở Xây dựng Hà Nội").first()
    if agency is not None:
        (sent,) = forward_issue(issue, [agency], by=staff, on=date(2026, 7, 27))
        record_answer(
            sent,
            by=staff,
            outcome=Outcome.UNRESOLVED,
            reason=UnresolvedReason.NO_RESOURCES,
            text="Nút giao chưa có trong danh mục đầu tư năm 2026; Sở sẽ đề xuất bố trí vốn năm 2027.",
        )
    return earlier


def _meeting(cycle: Cycle, spec: MeetingSpec, staff: User, delegates: list[Person]) -> VoterMeeting:
    meeting = record_meeting(
        cycle, by=staff, date=spec.day, place_text=spec.place, delegates=delegates, voter_count=spec.voters
    )
    for text in spec.petitions:
        register_petition(
            cycle.council, by=staff, cycle=cycle, text=text, source=Petition.Source.MEETING, meeting=meeting
        )
    return meeting


# The answers the departments give, in the order the issues are forwarded (the rest wait for theirs).
ANSWERS = (
    (
        Outcome.IN_PROGRESS,
        "Sở đã đưa tuyến ngõ vào kế hoạch duy tu năm 2027; dự kiến thi công trong quý II/2027.",
        date(2027, 6, 30),
    ),
    (
        Outcome.RESOLVED,
        "UBND phường đã cấp giấy chứng nhận cho 46/52 hộ đủ điều kiện; 6 hộ còn lại đang bổ sung hồ sơ.",
        None,
    ),
    (
        Outcome.EXPLAINED,
        "Khu vực chợ Mẫu đã có dự án cải tạo thoát nước do Ban Quản lý dự án thành phố làm chủ đầu tư.",
        None,
    ),
)


def _forward_and_answer(issues: list[PetitionIssue], staff: User) -> None:
    """Forward what has a department, answer the first three, rate one, flag one, publish the answers."""
    delegate = User.objects.filter(username="delegate").first()
    answers = iter(ANSWERS)
    for issue in issues:
        agency_name = next((name for word, name in ROUTES if word in fold(issue.title)), None)
        agency = Agency.objects.filter(council=issue.council, name=agency_name).first()
        if agency is None:
            continue
        issue.refresh_from_db()  # the staff settle what the suggestions left open before forwarding
        classify_issue(issue, by=staff, field=issue.field, competence=Competence.PROVINCE, agency=agency)
        (sent,) = forward_issue(issue, [agency], by=staff, on=date(2026, 11, 12))
        spec = next(answers, None)
        if spec is None:
            continue
        outcome, text, target = spec
        answer = record_answer(sent, by=staff, outcome=outcome, text=text, target_date=target)
        if outcome == Outcome.IN_PROGRESS and delegate is not None:
            rate_answer(answer, by=delegate, rating=AnswerRating.Rating.PARTIAL)
            flag_issue(issue, by=staff, flag=IssueFlag.SUPERVISION, note="Giám sát chuyên đề năm 2027")
        publish_issue(issue, by=staff)
