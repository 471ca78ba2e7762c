"""The `make run` demo of work programmes and briefings, written for the demo (fictional content).

Through the same actions staff use: the Thường trực HĐND thành phố Hà Nội's work programme for 2026 with
targets on registered figures and tasks; the briefing of quý III năm 2026 with the wards, held, with its
invitation, online points, attendance, contributions and conclusion notice whose items are tasks of named
wards (one done, one overdue, one due in December) and of a Ban; and the briefing of quý IV planned,
opening with their follow-up.
"""

from __future__ import annotations

from datetime import date, time

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.core import figures
from hdnd.councils.models import Body, BodyKind, Council, Person
from hdnd.planning import actions as planning
from hdnd.planning.models import WorkProgramme

from . import actions
from .models import Briefing

STAFF = "office_staff"
WARD_STAFF = "commune_staff"
WARDS = ("Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Sóc Sơn")
TARGETS = (
    ("sittings.standing_meetings", 12, "Họp thường kỳ hằng tháng"),
    ("sittings.conclusion_notices", 12, ""),
    ("resolutions.adopted", 2, ""),
    ("petitions.answered", 4, "Kiến nghị được trả lời"),
)


def load_briefings_demo(city: Council) -> Briefing | None:
    """Build the demo once; None when the city already has briefings."""
    if Briefing.objects.filter(council=city).exists():
        return None
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        _programme(city, staff)
        held = _held_briefing(city, staff)
        _next_briefing(city, staff)
    return held


def _programme(city: Council, staff: User) -> WorkProgramme:
    standing = Body.objects.get(council=city, kind=BodyKind.STANDING)
    programme = planning.create_programme(city, by=staff, year=2026, body=standing)
    for code, planned, note in TARGETS:
        try:
            figures.get(code)
        except KeyError:
            continue
        planning.add_target(programme, by=staff, figure=code, planned=planned, note=note)
    planning.adopt_programme(
        programme,
        by=staff,
        adopted_on=date(2026, 1, 9),
        adopted_by="Kết luận phiên họp Thường trực tháng 01/2026 (demo)",
    )
    ban = Body.objects.filter(council=city, kind=BodyKind.CULTURE_SOCIETY).first()
    done = planning.add_task(
        city,
        by=staff,
        programme=programme,
        content="Giám sát chuyên đề việc xây dựng trường học đạt chuẩn (demo)",
        owner_body=ban,
        due_on=date(2026, 10, 30),
    )
    planning.report_progress(
        done, by=staff, progress=100, note="Đã báo cáo kết quả giám sát (demo).", on=date(2026, 10, 28)
    )
    going = planning.add_task(
        city,
        by=staff,
        programme=programme,
        content="Chuẩn bị nội dung kỳ họp thường lệ cuối năm 2026 (demo)",
        owner_body=Body.objects.filter(council=city, kind=BodyKind.OFFICE).first(),
        due_on=date(2026, 12, 11),
    )
    planning.report_progress(
        going, by=staff, progress=70, note="Đã gửi tài liệu đến đại biểu (demo).", on=date(2026, 11, 28)
    )
    return programme


def _wards(city: Council) -> list[Council]:
    named = list(Council.objects.filter(parent=city, unit__name__in=WARDS).order_by("unit__code"))
    return named or list(Council.objects.filter(parent=city).order_by("unit__code")[:3])


def _held_briefing(city: Council, staff: User) -> Briefing:
    chair = Person.objects.filter(council=city, full_name="Nguyễn Thị Minh Họa").first()
    briefing = actions.create_briefing(
        city,
        by=staff,
        period="2026-Q3",
        meets_on=date(2026, 10, 15),
        starts_at=time(8, 0),
        place="Hội trường tầng 2, trụ sở HĐND thành phố (demo)",
        chair=chair,
    )
    actions.set_agenda(
        briefing,
        by=staff,
        items=[
            actions.AgendaLine("Kết quả hoạt động của HĐND các cấp 9 tháng năm 2026", "Văn phòng"),
            actions.AgendaLine("Ý kiến, kiến nghị của Thường trực HĐND các xã, phường", ""),
            actions.AgendaLine("Kết luận của Chủ tịch HĐND thành phố", ""),
        ],
    )
    wards = _wards(city)
    points = [actions.add_point(briefing, by=staff, name=f"Điểm cầu {ward.unit.name}") for ward in wards]
    actions.issue_invitation(briefing, by=staff, issued_on=date(2026, 10, 8))
    actions.mark_held(briefing, by=staff, held_on=date(2026, 10, 15))
    participants = {p.council_id: p for p in briefing.participants.all()}
    for ward, point in zip(wards, points, strict=True):
        actions.record_attendance(
            participants[ward.pk],
            by=staff,
            attended=True,
            point=point,
            attendees="Chủ tịch, Phó Chủ tịch HĐND (demo)",
        )
    actions.add_contribution(
        briefing,
        by=staff,
        council=wards[0],
        speaker="Phó Chủ tịch HĐND phường (demo)",
        content="Đề nghị thành phố hướng dẫn quy trình giám sát chuyên đề đối với đơn vị mới sắp xếp (demo).",
    )
    actions.add_contribution(
        briefing,
        by=staff,
        council=wards[1],
        speaker="Chủ tịch HĐND phường (demo)",
        content="Kiến nghị bố trí kinh phí tổ chức tiếp xúc cử tri tại các tổ dân phố (demo).",
    )
    ban = Body.objects.filter(council=city, kind=BodyKind.LEGAL).first()
    actions.add_conclusion_item(
        briefing,
        by=staff,
        content=(
            "Thường trực HĐND các xã, phường duy trì họp thường kỳ hằng tháng, ban hành thông báo kết luận "
            "đúng hạn (demo)."
        ),
    )
    actions.add_conclusion_item(
        briefing,
        by=staff,
        content=(
            "Hoàn thành báo cáo kết quả giám sát chuyên đề về trật tự đô thị, gửi Thường trực HĐND "
            "thành phố (demo)."
        ),
        due_on=date(2026, 11, 6),
        councils=[wards[0]],
    )
    actions.add_conclusion_item(
        briefing,
        by=staff,
        content="Rà soát, tổng hợp kiến nghị cử tri chưa được giải quyết dứt điểm, báo cáo kết quả (demo).",
        due_on=date(2026, 11, 20),
        councils=[wards[1]],
        bodies=[ban] if ban else [],
    )
    actions.add_conclusion_item(
        briefing,
        by=staff,
        content=(
            "Báo cáo kết quả thực hiện chương trình giám sát năm 2026 và dự kiến chương trình năm 2027, gửi "
            "Thường trực HĐND thành phố (demo)."
        ),
        due_on=date(2026, 12, 15),
        councils=wards[:2],
    )
    actions.issue_notice(
        briefing,
        by=staff,
        issued_on=date(2026, 10, 19),
        text=(
            "Thường trực HĐND thành phố ghi nhận Thường trực HĐND các xã, phường đã chủ động tổ chức "
            "các kỳ họp chuyên đề, tiếp xúc cử tri theo quy định; một số đơn vị còn chậm gửi báo cáo "
            "định kỳ (demo)."
        ),
    )
    ward_staff = User.objects.filter(username=WARD_STAFF).first() or staff
    done = briefing.conclusions.get(position=2).tasks.get()
    planning.report_progress(
        done,
        by=ward_staff,
        progress=100,
        note="Đã gửi Báo cáo số 45/BC-HĐND ngày 04/11/2026 (demo).",
        on=date(2026, 11, 4),
    )
    late = briefing.conclusions.get(position=3).tasks.get(council=wards[1])
    planning.report_progress(
        late, by=staff, progress=40, note="Đang tổng hợp ý kiến các tổ dân phố (demo).", on=date(2026, 11, 12)
    )
    return briefing


def _next_briefing(city: Council, staff: User) -> Briefing:
    chair = Person.objects.filter(council=city, full_name="Nguyễn Thị Minh Họa").first()
    briefing = actions.create_briefing(
        city,
        by=staff,
        period="2026-Q4",
        meets_on=date(2027, 1, 14),
        starts_at=time(8, 0),
        place="Hội trường tầng 2, trụ sở HĐND thành phố (demo)",
        chair=chair,
    )
    actions.set_agenda(
        briefing,
        by=staff,
        items=[
            actions.AgendaLine(
                "Kiểm điểm thực hiện Thông báo kết luận hội nghị giao ban quý III", "Văn phòng"
            ),
            actions.AgendaLine("Kết quả hoạt động năm 2026 và nhiệm vụ năm 2027", "Văn phòng"),
        ],
    )
    return briefing
