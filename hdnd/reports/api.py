"""Periodic reports over the JSON API, scoped like the pages: VIEW_WORK to read, MANAGE_REPORTS to open
periods and write a council's own report, REVIEW_REPORTS (the province over its communes) to return or
accept one. Routers call the same loaders and actions as the pages; refusals answer 404/403/422 in
Vietnamese (``hdnd/api/main.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from hdnd.accounts.scope import MANAGE_REPORTS, REVIEW_REPORTS, VIEW_WORK
from hdnd.core import figures as registry
from hdnd.core.paging import COUNT_CAP, capped_count
from hdnd.core.schemas import ERRORS, NfcIn

from . import actions, reading
from .assemble import figure_rows
from .models import CouncilReport, Proposal, ReportingPeriod, proposals_for
from .permissions import council_for, period_for, report_for

router = Router(tags=["Báo cáo định kỳ"])
RECORDS_PAGE = 100


class ReportFigureOut(Schema):
    code: str
    label: str
    unit: str
    group: str
    help: str = ""


class ReportingPeriodOut(Schema):
    id: int
    council_id: int
    code: str
    label: str
    kind: str
    due_on: dt.date
    due_working_days: int | None
    status: str
    note: str


class ReportStatusOut(Schema):
    id: int
    council_id: int
    council: str
    status: str
    late: bool
    sent_late: bool
    submitted_at: dt.datetime | None


class ReportingPeriodDetailOut(ReportingPeriodOut):
    reports: list[ReportStatusOut]


class ReportingPeriodIn(NfcIn):
    code: str
    due_on: dt.date | None = None
    due_working_days: int | None = None
    note: str = ""


class ReportFigureValueOut(Schema):
    code: str
    label: str
    unit: str
    group: str
    value: int


class ReportProposalOut(Schema):
    id: int
    council_id: int
    report_id: int
    order: int
    text: str
    topic: str
    answer: str
    answered_on: dt.date | None


class CouncilReportOut(Schema):
    id: int
    council_id: int
    council: str
    period_id: int
    period: str
    status: str
    late: bool
    frozen: bool
    figures: list[ReportFigureValueOut]
    results: str
    shortcomings: str
    next_tasks: str
    returned_reason: str
    submitted_at: dt.datetime | None
    proposals: list[ReportProposalOut]


class CouncilReportIn(NfcIn):
    results: str = ""
    shortcomings: str = ""
    next_tasks: str = ""


class ReportProposalIn(NfcIn):
    text: str
    topic: str = ""


class ReportReturnIn(NfcIn):
    reason: str


class RollupRowOut(Schema):
    council_id: int
    name: str
    level: str
    existing: bool
    merged_from: list[str]
    values: dict[str, int]


class RollupOut(Schema):
    council_id: int
    period: str
    as_now: bool
    figures: list[ReportFigureOut]
    own: RollupRowOut
    rows: list[RollupRowOut]
    totals_by_level: dict[str, dict[str, int]]
    total: dict[str, int]


class ReportRecordOut(Schema):
    id: int
    text: str
    url: str


class ReportRecordPageOut(Schema):
    count: int
    items: list[ReportRecordOut]


def _period_out(period: ReportingPeriod) -> dict[str, Any]:
    return {
        "id": period.pk,
        "council_id": period.council_id,
        "code": period.code,
        "label": period.period.label,
        "kind": period.kind,
        "due_on": period.due_on,
        "due_working_days": period.due_working_days,
        "status": period.status,
        "note": period.note,
    }


def _status_out(report: CouncilReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "council_id": report.council_id,
        "council": report.council.name,
        "status": report.status,
        "late": report.is_late(),
        "sent_late": report.sent_late,
        "submitted_at": report.submitted_at,
    }


def _report_out(report: CouncilReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "council_id": report.council_id,
        "council": report.council.name,
        "period_id": report.period_id,
        "period": report.period.code,
        "status": report.status,
        "late": report.is_late(),
        "frozen": report.is_sent,
        "figures": [row.as_dict() for row in figure_rows(report)],
        "results": report.results,
        "shortcomings": report.shortcomings,
        "next_tasks": report.next_tasks,
        "returned_reason": report.returned_reason,
        "submitted_at": report.submitted_at,
        "proposals": list(report.proposals.all()),
    }


@router.get("/report-figures", response={200: list[ReportFigureOut], **ERRORS})
def report_figure_list(request: HttpRequest) -> list[Any]:
    """Every figure the apps declare (code, label, unit, group), in report order."""
    return registry.all_figures()


@router.get("/councils/{council_id}/reporting-periods", response={200: list[ReportingPeriodOut], **ERRORS})
def reporting_period_list(request: HttpRequest, council_id: int) -> list[dict[str, Any]]:
    council = council_for(request, council_id, VIEW_WORK)
    return [_period_out(p) for p in ReportingPeriod.objects.filter(council=council).order_by("-code")]


@router.post("/councils/{council_id}/reporting-periods", response={201: ReportingPeriodDetailOut, **ERRORS})
def reporting_period_create(request: HttpRequest, council_id: int, payload: ReportingPeriodIn) -> Status:
    council = council_for(request, council_id, MANAGE_REPORTS)
    period = actions.open_period(council, by=request.user, **payload.dict())
    return Status(201, _period_detail(period))


def _period_detail(period: ReportingPeriod) -> dict[str, Any]:
    return {**_period_out(period), "reports": [_status_out(r) for r in reading.reports_of(period)]}


@router.get("/reporting-periods/{period_id}", response={200: ReportingPeriodDetailOut, **ERRORS})
def reporting_period_detail(request: HttpRequest, period_id: int) -> dict[str, Any]:
    """The period and every council's report status, unsent first."""
    return _period_detail(period_for(request, period_id, VIEW_WORK))


@router.post("/reporting-periods/{period_id}/close", response={200: ReportingPeriodOut, **ERRORS})
def reporting_period_close(request: HttpRequest, period_id: int) -> dict[str, Any]:
    period = period_for(request, period_id, MANAGE_REPORTS)
    return _period_out(actions.close_period(period, by=request.user))


@router.get("/reporting-periods/{period_id}/rollup", response={200: RollupOut, **ERRORS})
def reporting_period_rollup(request: HttpRequest, period_id: int, as_now: bool = True) -> dict[str, Any]:
    """Every figure for the period's council and each council below it, totals by level and in all."""
    period = period_for(request, period_id, VIEW_WORK)
    result = reading.period_rollup(period, as_now=as_now)
    return {
        "council_id": period.council_id,
        "period": period.code,
        "as_now": as_now,
        "figures": result.figures,
        "own": result.own,
        "rows": result.rows,
        "totals_by_level": result.totals_by_level,
        "total": result.total,
    }


@router.get("/reporting-periods/{period_id}/proposals", response={200: list[ReportProposalOut], **ERRORS})
def reporting_period_proposals(request: HttpRequest, period_id: int) -> Any:
    period = period_for(request, period_id, VIEW_WORK)
    return proposals_for(period.council, period)


@router.get(
    "/reporting-periods/{period_id}/figures/{code}/{council_id}",
    response={200: ReportRecordPageOut, **ERRORS},
)
def reporting_period_records(
    request: HttpRequest, period_id: int, code: str, council_id: int, page: int = 1
) -> dict[str, Any]:
    """The records a figure counts for one council (with the units merged into it), a page at a time."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("council"), pk=period_id)
    figure = reading.figure_or_404(code)
    council = council_for(request, council_id, VIEW_WORK)
    if not reading.in_period_tree(period, council):
        raise Http404
    found = reading.records(figure, period, reading.counted_ids(period, council, below=False))
    start = (max(page, 1) - 1) * RECORDS_PAGE
    items = [
        {"id": obj.pk, "text": str(obj), "url": reading.record_link(figure, obj)}
        for obj in found[start : start + RECORDS_PAGE]
    ]
    return {"count": min(capped_count(found), COUNT_CAP), "items": items}


@router.get("/council-reports/{report_id}", response={200: CouncilReportOut, **ERRORS})
def council_report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    """A council's report: live figures while it is a draft, its frozen figures once sent."""
    return _report_out(report_for(request, report_id, VIEW_WORK))


@router.patch("/council-reports/{report_id}", response={200: CouncilReportOut, **ERRORS})
def council_report_update(request: HttpRequest, report_id: int, payload: CouncilReportIn) -> dict[str, Any]:
    report = report_for(request, report_id, MANAGE_REPORTS)
    return _report_out(actions.edit_report(report, by=request.user, **payload.dict()))


@router.post("/council-reports/{report_id}/proposals", response={201: ReportProposalOut, **ERRORS})
def council_report_proposal_add(request: HttpRequest, report_id: int, payload: ReportProposalIn) -> Status:
    report = report_for(request, report_id, MANAGE_REPORTS)
    proposal: Proposal = actions.add_proposal(report, by=request.user, **payload.dict())
    return Status(201, proposal)


@router.post("/council-reports/{report_id}/submit", response={200: CouncilReportOut, **ERRORS})
def council_report_submit(request: HttpRequest, report_id: int) -> dict[str, Any]:
    report = report_for(request, report_id, MANAGE_REPORTS)
    return _report_out(actions.submit_report(report, by=request.user))


@router.post("/council-reports/{report_id}/return", response={200: CouncilReportOut, **ERRORS})
def council_report_return(request: HttpRequest, report_id: int, payload: ReportReturnIn) -> dict[str, Any]:
    report = report_for(request, report_id, REVIEW_REPORTS)
    return _report_out(actions.return_report(report, by=request.user, reason=payload.reason))


@router.post("/council-reports/{report_id}/accept", response={200: CouncilReportOut, **ERRORS})
def council_report_accept(request: HttpRequest, report_id: int) -> dict[str, Any]:
    report = report_for(request, report_id, REVIEW_REPORTS)
    return _report_out(actions.accept_report(report, by=request.user))


ROUTERS = [router]
