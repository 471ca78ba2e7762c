"""The `make run` demo of periodic reports: Hà Nội's wards report on quý III năm 2026.

Through the same actions staff use: the city opens the period (due five working days after the quarter,
07/10/2026); a dozen wards held a thematic session and adopted a resolution in the quarter, so the
roll-up has figures to compare; most wards have sent their reports (with proposals to the city), the
city accepted Phường Hoàn Kiếm's and returned Phường Ba Đình's (the demo ward user's) with a reason,
and a few are late, Xã Sóc Sơn among them, so the late list and the reminders have something to show.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from hdnd.accounts.models import User
from hdnd.councils.models import Council, Term
from hdnd.resolutions import actions as resolutions
from hdnd.sittings import actions as sittings
from hdnd.sittings.models import Session

from . import actions
from .models import CouncilReport, ReportingPeriod

CODE = "2026-Q3"
STAFF = "office_staff"
WARD_STAFF = "commune_staff"
RETURNED = "Phường Ba Đình"
ACCEPTED = "Phường Hoàn Kiếm"
LATE = "Xã Sóc Sơn"
LATE_EVERY = 9  # one ward in nine has not reported yet
HELD_EVERY = 10  # one ward in ten held a thematic session in the quarter
NEXT_TASKS = "Chuẩn bị kỳ họp thường lệ cuối năm 2026; giám sát việc giải quyết kiến nghị cử tri (demo)."
RETURN_REASON = "Đề nghị bổ sung kết quả giám sát chuyên đề và số liệu tiếp xúc cử tri sau kỳ họp (demo)."
PROPOSALS = (
    (
        "Đề nghị Thường trực HĐND thành phố hướng dẫn quy trình giám sát chuyên đề ở cấp xã (demo).",
        "Giám sát",
    ),
    ("Đề nghị bố trí kinh phí mua sắm thiết bị phục vụ kỳ họp trực tuyến (demo).", "Tài chính"),
    (
        "Đề nghị sớm ban hành quy chế phối hợp tiếp xúc cử tri giữa HĐND thành phố và phường (demo).",
        "Tiếp xúc cử tri",
    ),
    ("Đề nghị tập huấn nghiệp vụ cho đại biểu HĐND phường mới được bầu (demo).", "Bồi dưỡng"),
)


def load_reports_demo(city: Council) -> ReportingPeriod | None:
    """Build the demo once; None when the city already has the period."""
    if ReportingPeriod.objects.filter(council=city, code=CODE).exists():
        return None
    staff = User.objects.get(username=STAFF)
    wards = list(Council.objects.filter(parent=city).order_by("name_key", "pk"))
    with transaction.atomic():
        for index, ward in enumerate(wards):
            if index % HELD_EVERY == 0:
                _thematic_session(ward, staff)
        period = actions.open_period(city, by=staff, code=CODE, due_working_days=5)
        for index, ward in enumerate(wards):
            if ward.unit.name == LATE or (
                index % LATE_EVERY == 4 and ward.unit.name not in (RETURNED, ACCEPTED)
            ):
                _draft(period, ward, staff)
                continue
            _sent(period, ward, staff, PROPOSALS[index % len(PROPOSALS)] if index % 3 == 0 else None)
        _review(period, staff)
    return period


def _thematic_session(ward: Council, staff: User) -> None:
    """A thematic session held in September with one resolution adopted at it."""
    term = Term.objects.filter(council=ward).order_by("-starts_on").first()
    if term is None:
        return
    session = sittings.plan_session(
        ward,
        by=staff,
        term=term,
        kind=Session.Kind.THEMATIC,
        requested_by=Session.Requester.STANDING,
        opens_on=date(2026, 9, 15),
        closes_on=date(2026, 9, 15),
        place="Hội trường UBND (demo)",
    )
    session = sittings.convene_session(session, by=staff, convened_on=date(2026, 9, 4))
    session = sittings.open_session(session, by=staff)
    sittings.close_session(session, by=staff)
    resolution = resolutions.draft_resolution(
        ward, by=staff, title="Về điều chỉnh kế hoạch đầu tư công năm 2026 (demo)", session=session
    )
    resolutions.adopt_resolution(resolution, by=staff, adopted_on=date(2026, 9, 15))


def _report(period: ReportingPeriod, ward: Council) -> CouncilReport:
    return CouncilReport.objects.get(period=period, council=ward)


def _draft(period: ReportingPeriod, ward: Council, staff: User) -> None:
    if ward.unit.name == LATE:
        actions.add_proposal(_report(period, ward), by=staff, text=PROPOSALS[1][0], topic=PROPOSALS[1][1])


def _sent(period: ReportingPeriod, ward: Council, staff: User, proposal: tuple[str, str] | None) -> None:
    report = _report(period, ward)
    if proposal is not None:
        actions.add_proposal(report, by=staff, text=proposal[0], topic=proposal[1])
    actions.edit_report(
        report,
        by=staff,
        results="",
        shortcomings="Một số đại biểu chưa tham gia đầy đủ các hoạt động tiếp xúc cử tri (demo).",
        next_tasks=NEXT_TASKS,
    )
    actions.submit_report(report, by=staff)
    # The demo's reports were sent in early October, before the due date: the history as it happened.
    sent = timezone.make_aware(datetime.combine(date(2026, 10, 2 + ward.pk % 4), time(9)))
    CouncilReport.objects.filter(pk=report.pk).update(submitted_at=sent)


def _review(period: ReportingPeriod, staff: User) -> None:
    for report in period.reports.select_related("council__unit"):
        name = report.council.unit.name
        if name == ACCEPTED:
            actions.accept_report(report, by=staff)
        elif name == RETURNED:
            actions.return_report(
                report,
                by=staff,
                reason=RETURN_REASON,
            )
