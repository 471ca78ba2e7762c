"""Periodic statistics for staff (exact counts, rolled up from the councils below the user sees), the
periodic report (.docx, PDF) and the spreadsheet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.accounts.scope import VIEW_WORK, visible_council_ids
from hdnd.core import spreadsheets
from hdnd.core.documents import attachment
from hdnd.core.shortcuts import render
from hdnd.reception import documents
from hdnd.reception.permissions import council_for
from hdnd.reception.stats import Statistics, compute, councils_with_below

from .common import document_response, window_from


def _statistics(request: HttpRequest, pk: int) -> tuple[Statistics, str]:
    council = council_for(request, pk, VIEW_WORK)
    window, error = window_from(request)
    below = request.GET.get("duoi", "1") != "0"  # the box comes after its hidden "0": the last value wins
    councils = councils_with_below(council, visible_council_ids(request.user)) if below else [council]
    stats = compute(councils, window)
    stats.councils = councils
    return stats, error


@login_required
def statistics(request: HttpRequest, pk: int) -> HttpResponse:
    stats, error = _statistics(request, pk)
    council = council_for(request, pk, VIEW_WORK)
    context = {
        "council": council,
        "stats": stats,
        "window": stats.window,
        "window_error": error,
        "below": request.GET.get("duoi", "1") != "0",
        "query": request.GET.urlencode(),
    }
    return render(request, "reception/statistics.html", context)


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    stats, _ = _statistics(request, pk)
    council = council_for(request, pk, VIEW_WORK)
    return document_response(
        documents.periodic_report(council, stats), f"Báo cáo tiếp công dân {stats.window.code}", "docx"
    )


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    stats, _ = _statistics(request, pk)
    council = council_for(request, pk, VIEW_WORK)
    return document_response(
        documents.periodic_report(council, stats), f"Báo cáo tiếp công dân {stats.window.code}", "pdf"
    )


@login_required
def statistics_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    stats, _ = _statistics(request, pk)
    rows: list[list[object]] = []
    for table in stats.tables():
        rows.extend([table.title, label, count] for label, count in table.rows)
    columns = [
        spreadsheets.Column("Bảng", 40),
        spreadsheets.Column("Nội dung", 50),
        spreadsheets.Column("Số lượng", 12),
    ]
    content = spreadsheets.build(
        columns, rows, title="Thống kê tiếp công dân, đơn thư", subtitle=stats.window.label, sheet="Thống kê"
    )
    return attachment(content, f"Thống kê tiếp công dân {stats.window.code}.xlsx", spreadsheets.XLSX)
