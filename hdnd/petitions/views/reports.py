"""Statistics and documents of voters' petitions: the statistics page, the downloads, and the panels
that put download links on the cycle and issue pages.

Reading statistics and downloading the reports needs VIEW (they are internal working documents of
what every role already reads); the forwarding letter is the office's own draft to sign and send, so
it needs MANAGE_PETITIONS.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, VIEW_PETITIONS, can, scope_of
from hdnd.core import documents, spreadsheets
from hdnd.core.shortcuts import render
from hdnd.councils.models import Council
from hdnd.petitions import reports, statistics
from hdnd.petitions.forms import StatisticsFilter
from hdnd.petitions.models import Cycle, Forwarding, PetitionIssue, VoterMeeting
from hdnd.petitions.permissions import council_for, cycle_for, forwarding_for


@login_required
def statistics_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A council's figures for a cycle or a year; a council with councils below also gets the roll-up."""
    council = council_for(request, pk, VIEW)
    form = StatisticsFilter(request.GET or None, council=council)
    cycle, year = form.chosen()
    figures = statistics.council_figures(council, cycle=cycle, year=year)
    rollup = None
    if Council.objects.filter(parent=council).exists():
        visible = scope_of(request.user).council_ids_for(VIEW_PETITIONS)
        rollup = statistics.rollup(council, year=year, on=figures.on, visible=visible)
    context = {
        "council": council,
        "form": form,
        "figures": figures,
        "rate": statistics.percent(figures.answers.on_time_rate),
        "rollup": rollup,
        "rollup_rows": _with_rates(rollup),
    }
    return render(request, "petitions/reports/statistics.html", context)


@login_required
def rollup_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The roll-up table of the statistics page as .xlsx (the year chosen there)."""
    council = council_for(request, pk, VIEW)
    _, year = StatisticsFilter(request.GET or None, council=council).chosen()
    return rollup_file(council, year, scope_of(request.user).council_ids_for(VIEW_PETITIONS))


def rollup_file(council: Council, year: int | None, visible: Any) -> HttpResponse:
    rollup = statistics.rollup(council, year=year, visible=visible)
    return documents.attachment(
        reports.rollup_xlsx(rollup), reports.rollup_filename(rollup), spreadsheets.XLSX
    )


def _with_rates(rollup: statistics.Rollup | None) -> list[tuple[statistics.CouncilRow, str]]:
    if rollup is None:
        return []
    return [(row, statistics.percent(row.answers.on_time_rate)) for row in [*rollup.rows, rollup.total]]


# Downloads ---------------------------------------------------------------------------------------


def synthesis_file(cycle: Cycle) -> HttpResponse:
    content = documents.build(reports.synthesis_report(cycle))
    return documents.attachment(content, reports.synthesis_filename(cycle))


def results_docx_file(cycle: Cycle) -> HttpResponse:
    content = documents.build(reports.results_report(cycle))
    return documents.attachment(content, reports.results_filename(cycle, "docx"))


def results_xlsx_file(cycle: Cycle) -> HttpResponse:
    content = reports.results_xlsx(cycle)
    return documents.attachment(content, reports.results_filename(cycle, "xlsx"), spreadsheets.XLSX)


@login_required
def synthesis_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return synthesis_file(cycle_for(request, pk, VIEW))


@login_required
def results_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return results_docx_file(cycle_for(request, pk, VIEW))


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return results_xlsx_file(cycle_for(request, pk, VIEW))


def letter_response(forwardings: list[Forwarding]) -> HttpResponse:
    content = documents.build(reports.forwarding_letter(forwardings))
    return documents.attachment(content, reports.letter_filename(forwardings))


@login_required
def forwarding_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter for one forwarding (the issue page)."""
    found = forwarding_for(request, pk, MANAGE_PETITIONS)
    return letter_response([found])


@login_required
def agency_letter(request: HttpRequest, pk: int, agency: int) -> HttpResponse:
    """The letter for every issue of a cycle forwarded to one agency (the cycle page)."""
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    forwardings = reports.letter_forwardings(cycle, agency)
    if not forwardings:
        raise Http404
    return letter_response(forwardings)


# Panels ------------------------------------------------------------------------------------------


def issue_panel(
    request: HttpRequest, issue: PetitionIssue, every: list[Forwarding] | None = None
) -> dict[str, Any] | None:
    """Staff download the forwarding letter of each forwarding of the issue (``every``: already read)."""
    if not can(request.user, issue.council_id, MANAGE_PETITIONS):
        return None
    if every is not None:
        forwardings = sorted(every, key=lambda f: f.pk)
    else:
        forwardings = list(issue.forwardings.select_related("agency").order_by("pk"))
    if not forwardings:
        return None
    return {"template": "petitions/panels/reports_issue.html", "forwardings": forwardings}


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    """Links to the cycle's reports and statistics; for staff, a letter per agency it was forwarded to
    (counting what the letter lists: the issues awaiting the agency's answer, else all)."""
    agencies: list[Any] = []
    if can(request.user, cycle.council_id, MANAGE_PETITIONS):
        agencies = list(
            Forwarding.objects.filter(issue__cycle=cycle)
            .values("agency_id", "agency__name")
            .annotate(count=Count("pk"), open=Count("pk", filter=~Q(status=Forwarding.Status.ANSWERED)))
            .order_by("agency__name", "agency_id")
        )
    return {"template": "petitions/panels/reports_cycle.html", "cycle": cycle, "agencies": agencies}


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    return None
