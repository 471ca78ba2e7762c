"""The reports pages: a council's reports, the province's reporting periods (every council's status, the
roll-up side by side, drill-down to records, proposals, downloads), one report, and the dashboard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_REPORTS, REVIEW_REPORTS, VIEW_WORK, can
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, post_step, render, run_step
from hdnd.councils.models import Level

from . import actions, dashboard, documents, forms, reading
from .assemble import draft_opening, figure_rows
from .models import CouncilReport, ReportingPeriod, proposals_for
from .permissions import council_for, period_for, proposal_for, report_for
from .rollup import Rollup, RollupRow

PAGE_SIZE = 50
GET_POST = require_http_methods(["GET", "POST"])
AS_THEN = "then"


def _as_now(request: HttpRequest) -> bool:
    return request.GET.get("don_vi") != AS_THEN


@login_required
@require_GET
def council_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """A council's own reports, newest period first, and the periods it set for the councils below."""
    council = council_for(request, pk, VIEW_WORK)
    reports = (
        CouncilReport.objects.filter(council=council)
        .select_related("period__council")
        .order_by("-period__code")
    )
    periods = ReportingPeriod.objects.filter(council=council).order_by("-code")
    context = {
        "council": council,
        "reports": reports,
        "periods": periods,
        "can_open": council.level != Level.COMMUNE and can(request.user, council, MANAGE_REPORTS),
    }
    return render(request, "reports/council_reports.html", context)


@login_required
@GET_POST
def period_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_REPORTS)
    form = forms.PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = actions.open_period(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã mở kỳ báo cáo {period.period.label}.")
            return redirect(period)
    return render(request, "reports/period_form.html", {"council": council, "form": form})


@login_required
@require_GET
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Every council's report for the period (late first), the totals by level, the way to the rest."""
    period = period_for(request, pk, VIEW_WORK)
    reports = list(reading.reports_of(period))
    as_now = _as_now(request)
    result = reading.served_rollup(period, as_now=as_now)
    context = {
        "council": period.council,
        "period": period,
        "reports": reports,
        "counts": reading.status_counts(reports),
        "rollup": result,
        "as_now": as_now,
        "level_totals": _level_totals(result) if result else None,
        "proposals": proposals_for(period.council, period).count(),
        "can_manage": can(request.user, period.council, MANAGE_REPORTS),
    }
    return render(request, "reports/period_detail.html", context)


def _level_totals(result: Any) -> dict[str, Any]:
    """Each figure for the period's council itself, each level below it, and the total below."""
    labels = dict(Level.choices)
    columns = [(labels[result.council.level], result.own.values)]
    columns += [(labels[level], result.totals_by_level[level]) for level in result.levels]
    rows = [
        {
            "figure": f,
            "cells": [values.get(f.code, 0) for _, values in columns],
            "total": result.total[f.code],
        }
        for f in result.figures
    ]
    return {"header": [label for label, _ in columns], "rows": rows}


@login_required
@require_GET
def period_rollup(request: HttpRequest, pk: int) -> HttpResponse:
    """The councils of one level side by side, a figure per column, sortable; every cell opens its records."""
    period = period_for(request, pk, VIEW_WORK)
    as_now = _as_now(request)
    result = reading.served_rollup(period, as_now=as_now)
    context = {
        "council": period.council,
        "period": period,
        "rollup": result,
        "as_now": as_now,
        **(_comparison(period, result, request.GET) if result else {}),
        **_trend(period),
    }
    return render(request, "reports/period_rollup.html", context)


def _comparison(period: ReportingPeriod, result: Rollup, query: QueryDict) -> dict[str, Any]:
    """The comparison table: the councils of one level (``cap``), sorted by name or by one figure."""
    level = query.get("cap", result.main_level)
    if level not in result.levels:
        level = result.main_level
    sort = query.get("sap_xep", reading.SORT_NAME)
    descending = query.get("chieu") == "giam"
    rows = reading.sorted_rows(result, level, sort, descending)
    # The badges read the day a report was sent (its period comes with the related manager).
    statuses = {
        r.council_id: r for r in period.reports.only("council_id", "status", "submitted_at", "period_id")
    }
    base = reading.drill_url(period, "__code__", 0).replace("/0/", "/{pk}/")
    links = [(f.code, escape(base.replace("__code__", f.code))) for f in result.figures]
    table = [
        {"row": row, "report": statuses.get(row.council_id), "cells": _cells(row, links)} for row in rows
    ]
    level_total = result.totals_by_level.get(level, {})
    return {
        "level": level,
        "level_label": dict(Level.choices)[level],
        "table": table,
        "totals": [level_total.get(f.code, 0) for f in result.figures],
        "sort": sort,
        "descending": descending,
    }


ZERO_CELL = '<td class="text-end"><span class="text-secondary">0</span></td>'


def _cells(row: RollupRow, links: Sequence[tuple[str, str]]) -> SafeString:
    """A council's figure cells, each opening the records it counts, as one piece of HTML: a province's
    table holds 6,000 of them, which the template engine took 80 ms to print one by one. ``links`` are
    each figure's code and escaped drill-down URL, with ``{pk}`` for the council; the values are ints."""
    cells = []
    for code, link in links:
        value = row.value(code)
        url = link.format(pk=row.council_id)
        cells.append(f'<td class="text-end"><a href="{url}">{value:d}</a></td>' if value else ZERO_CELL)
    return mark_safe("".join(cells))  # noqa: S308  # escaped URLs and ints only


def _trend(period: ReportingPeriod) -> dict[str, Any]:
    served = reading.period_trend(period)
    if served is None:  # counted the first time by a task meanwhile
        return {"trend_periods": [], "trend_rows": [], "trend_counted": None}
    rows = served.value
    return {
        "trend_periods": [p for p, _ in rows],
        "trend_rows": [(f, [values[f.code] for _, values in rows]) for f in reading.registry.all_figures()],
        "trend_counted": served,
    }


@login_required
@require_GET
def drilldown(request: HttpRequest, pk: int, code: str, council_pk: int) -> HttpResponse:
    """The records one figure counts for one council (or, for the total, for every council below)."""
    # Scoped by the council whose records are read: a commune opens its own figures of a period the
    # province set, without seeing the province.
    period = get_object_or_404(ReportingPeriod.objects.select_related("council"), pk=pk)
    figure = reading.figure_or_404(code)
    council = council_for(request, council_pk, VIEW_WORK)
    if not reading.in_period_tree(period, council):
        raise Http404
    below = request.GET.get("pham_vi") == "duoi" and council.pk == period.council_id
    ids = reading.counted_ids(period, council, below=below)
    page = CappedPaginator(reading.records(figure, period, ids), PAGE_SIZE).get_page(request.GET.get("page"))
    names = reading.council_names(ids)
    items = [
        {
            "obj": obj,
            "url": reading.record_link(figure, obj),
            "council": names.get(getattr(obj, figure.council_field, None) or obj.council_id, ""),
        }
        for obj in page
    ]
    context = {
        "council": period.council,
        "period": period,
        "figure": figure,
        "target": council,
        "below": below,
        "page": page,
        "items": items,
        "merged": len(ids) > 1 and not below,
    }
    return render(request, "reports/drilldown.html", context)


@login_required
@require_GET
def period_proposals(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request, pk, VIEW_WORK)
    found = proposals_for(period.council, period)
    grouped = [(council, list(items)) for council, items in groupby(found, key=lambda p: p.council)]
    return render(
        request,
        "reports/period_proposals.html",
        {"council": period.council, "period": period, "grouped": grouped},
    )


@login_required
@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_for(request, pk, MANAGE_REPORTS)
    return run_step(
        request, period, lambda: actions.close_period(period, by=request.user), "Đã kết thúc kỳ báo cáo."
    )


@login_required
@require_GET
def period_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = period_for(request, pk, VIEW_WORK)
    return documents.rollup_download(period, fmt, as_now=_as_now(request))


# One report ----------------------------------------------------------------------------------------


def _report_page(
    request: HttpRequest, report: CouncilReport, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    rows = figure_rows(report)
    may_write = report.is_editable and can(request.user, report.council, MANAGE_REPORTS)
    may_review = report.council_id != report.period.council_id and can(
        request.user, report.council, REVIEW_REPORTS
    )
    initial = {
        "results": report.results or draft_opening(report, rows),
        "shortcomings": report.shortcomings,
        "next_tasks": report.next_tasks,
    }
    context = {
        "council": report.council,
        "report": report,
        "period": report.period,
        "groups": [(group, list(items)) for group, items in groupby(rows, key=lambda r: r.group)],
        "proposals": list(report.proposals.all()),
        "may_write": may_write,
        "may_review": may_review and report.status == "submitted",
        "narrative_form": forms.NarrativeForm(initial=initial) if may_write else None,
        "proposal_form": forms.ProposalForm() if may_write else None,
        "return_form": forms.ReturnForm(),
        "late": report.is_late(),
        "draft_results": initial["results"],
        **(extra or {}),
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(request, report_for(request, pk, VIEW_WORK))


def _page(request: HttpRequest, report: CouncilReport) -> Any:
    return lambda extra: _report_page(request, report, extra)


@login_required
@require_POST
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, MANAGE_REPORTS)
    form = forms.NarrativeForm(request.POST)
    return post_step(
        request,
        report,
        form,
        lambda data: actions.edit_report(report, by=request.user, **data),
        "Đã lưu báo cáo.",
        page=_page(request, report),
        name="narrative_form",
    )


@login_required
@require_POST
def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, MANAGE_REPORTS)
    form = forms.ProposalForm(request.POST)
    return post_step(
        request,
        report,
        form,
        lambda data: actions.add_proposal(report, by=request.user, **data),
        "Đã thêm kiến nghị, đề xuất.",
        page=_page(request, report),
        name="proposal_form",
    )


@login_required
@require_POST
def proposal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_for(request, pk, MANAGE_REPORTS)
    report = proposal.report
    return run_step(
        request,
        report,
        lambda: actions.remove_proposal(proposal, by=request.user),
        "Đã xóa kiến nghị, đề xuất.",
    )


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, MANAGE_REPORTS)
    return run_step(
        request,
        report,
        lambda: actions.submit_report(report, by=request.user),
        "Đã gửi báo cáo lên cấp trên.",
    )


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, REVIEW_REPORTS)
    form = forms.ReturnForm(request.POST)
    return post_step(
        request,
        report,
        form,
        lambda data: actions.return_report(report, by=request.user, **data),
        "Đã trả lại báo cáo để hoàn thiện.",
        page=_page(request, report),
        name="return_form",
    )


@login_required
@require_POST
def report_accept(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request, pk, REVIEW_REPORTS)
    return run_step(
        request, report, lambda: actions.accept_report(report, by=request.user), "Đã tiếp nhận báo cáo."
    )


@login_required
@require_GET
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_for(request, pk, VIEW_WORK)
    return documents.report_download(report, fmt)


# The dashboard -------------------------------------------------------------------------------------


@login_required
@require_GET
def council_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """Charts for the standing committee: figures over quarters, councils compared, overdue work, agencies."""
    council = council_for(request, pk, VIEW_WORK)
    try:
        board = dashboard.build(council, request.GET.get("ky", ""), request.GET.get("chi_tieu", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        board = dashboard.build(council, "", "")
    return render(request, "reports/dashboard.html", {"council": council, "board": board})
