"""Periodic reports (``reports``) for the generated years, written last: their figures count the rest.

Each province opens a reporting period for every year of the history that ended before its last day,
due ten working days after the year's end, for itself and the councils below it that existed during the
year (``reporting_councils``, as ``open_period`` does). A report due before the last day was submitted
with its figures frozen from the records (every registered figure, one aggregate query a figure over all
the province's councils, as the roll-up reads them) and its opening paragraph drafted from them, then
accepted; the province closes the period. A commune's report carries one proposal to the province, answered
at the next briefing one time in two.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hdnd.core import figures as registry
from hdnd.core.calendar import add_working_days
from hdnd.core.periods import Period
from hdnd.councils.models import Council
from hdnd.reports.actions import reporting_councils
from hdnd.reports.models import CouncilReport, PeriodStatus, Proposal, ReportingPeriod, ReportStatus
from hdnd.reports.narrative import opening

from . import wording
from .ground import Ground, save
from .history import TZ

DUE_WORKING_DAYS = 10
PROPOSALS = (
    ("Đề nghị tỉnh bố trí kinh phí hoạt động giám sát cho HĐND cấp xã.", "Ngân sách"),
    ("Đề nghị tổ chức tập huấn kỹ năng hoạt động cho đại biểu HĐND cấp xã.", "Tổ chức bộ máy"),
    ("Kiến nghị tỉnh sớm giải quyết kiến nghị của cử tri về {f}.", "Kiến nghị cử tri"),
)


def write(g: Ground) -> dict[str, int]:
    periods: list[ReportingPeriod] = []
    reports: list[CouncilReport] = []
    for province in g.found.provinces:
        for year in g.years:
            period = Period.parse(str(year))
            due = add_working_days(period.last, DUE_WORKING_DAYS, g.calendar)
            if period.last >= g.as_of:
                continue
            closed = due < g.as_of
            opened = ReportingPeriod(
                council=province,
                code=period.code,
                kind=period.kind.value,
                due_on=due,
                due_working_days=DUE_WORKING_DAYS,
                status=PeriodStatus.CLOSED if closed else PeriodStatus.OPEN,
                note="Báo cáo kết quả hoạt động năm của HĐND các cấp.",
            )
            periods.append(opened)
            councils = reporting_councils(province, period)
            values = _values([c.pk for c in councils], period)
            for council in councils:
                reports.append(_report(g, council, opened, period, values.get(council.pk, {}), closed))
    save(ReportingPeriod, periods)
    save(CouncilReport, reports)
    proposals = _proposals(g, reports)
    return {"reporting_periods": len(periods), "council_reports": len(reports), "report_proposals": proposals}


def _values(ids: list[int], period: Period) -> dict[int, dict[str, int]]:
    values: dict[int, dict[str, int]] = {}
    for code, by_council in registry.compute_figures(registry.all_figures(), ids, period).items():
        for council_id, value in by_council.items():
            values.setdefault(council_id, {})[code] = value
    return values


def _report(
    g: Ground, council: Council, opened: ReportingPeriod, period: Period, values: dict[str, int], closed: bool
) -> CouncilReport:
    report = CouncilReport(council=council, period=opened)
    if not closed and g.chance(0.4):
        return report  # still a draft: its figures are read live
    submitted = datetime.combine(opened.due_on - timedelta(days=g.rng.randint(0, 6)), time(9, 0), tzinfo=TZ)
    report.status, report.submitted_at = ReportStatus.SUBMITTED, submitted
    report.figures = [
        {"code": f.code, "label": f.label, "unit": f.unit, "group": f.group, "value": values.get(f.code, 0)}
        for f in registry.all_figures()
    ]
    report.results = opening(council.name, period, values)
    report.shortcomings = "Một số nhiệm vụ còn chậm; chất lượng giám sát chuyên đề chưa đồng đều."
    report.next_tasks = "Tiếp tục nâng cao chất lượng kỳ họp, hoạt động giám sát và tiếp xúc cử tri."
    if closed:
        report.status, report.accepted_at = ReportStatus.ACCEPTED, submitted + timedelta(days=3)
    return report


def _proposals(g: Ground, reports: list[CouncilReport]) -> int:
    rows = []
    for report in reports:
        if report.status == ReportStatus.DRAFT or report.council.parent_id is None:
            continue
        text, topic = g.pick(PROPOSALS)
        answered = report.status == ReportStatus.ACCEPTED and g.chance(0.5)
        rows.append(
            Proposal(
                council=report.council,
                report=report,
                text=wording.fill(g.rng, text, g.commune_name(report.council), report.period.period.year),
                topic=topic,
                answer="Thường trực HĐND tỉnh ghi nhận, giao Văn phòng nghiên cứu, tham mưu."
                if answered
                else "",
                answered_on=report.accepted_at.date() + timedelta(days=10)
                if answered and report.accepted_at
                else None,
            )
        )
    save(Proposal, rows)
    return len(rows)
