"""JSON API of the petitions reports features, mounted at /api/v1/ by hdnd.api.main.

Scoped like the pages (``views_reports``): statistics and the cycle's reports need VIEW, the
forwarding letters MANAGE_PETITIONS; 404 outside the user's councils, 403 inside without the right.
Documents answer with their own content type and an RFC 5987 Vietnamese file name.
"""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, scope_of
from hdnd.api.errors import NOT_FOUND, get_or_error
from hdnd.councils.models import Council

from . import reports, statistics, views_reports
from .models import Cycle, Forwarding

router = Router(tags=["Kiến nghị cử tri: báo cáo, thống kê"])


class TallyOut(Schema):
    key: str
    label: str
    count: int


class TimelinessOut(Schema):
    forwarded: int
    answered: int
    open: int
    overdue: int
    due: int
    on_time: int
    late: int
    on_time_rate: float | None


class AgencyOut(Schema):
    agency_id: int
    name: str
    answers: TimelinessOut


class FiguresOut(Schema):
    council_id: int
    cycle_id: int | None
    year: int | None
    on: dt.date
    meetings: int
    voters: int
    petitions: int
    issues: int
    by_field: list[TallyOut]
    by_competence: list[TallyOut]
    by_source: list[TallyOut]
    by_outcome: list[TallyOut]
    by_agency: list[AgencyOut]
    answers: TimelinessOut


class CouncilRowOut(Schema):
    council_id: int | None
    name: str
    meetings: int
    voters: int
    petitions: int
    issues: int
    answers: TimelinessOut


class RollupOut(Schema):
    council_id: int
    year: int | None
    on: dt.date
    rows: list[CouncilRowOut]
    total: CouncilRowOut

    @staticmethod
    def resolve_council_id(obj: statistics.Rollup) -> int:
        return obj.council.pk


class PeriodIn(Schema):
    cycle_id: int | None = None
    year: int | None = None


def _cycle(request: HttpRequest, pk: int, action: str = VIEW) -> Cycle:
    return get_or_error(request, Cycle.objects.select_related("council__unit"), pk, action)


@router.get(
    "/councils/{council_id}/petition-statistics/",
    response=FiguresOut,
    summary="Thống kê kiến nghị cử tri của một HĐND (theo đợt hoặc năm)",
)
def petition_statistics(request: HttpRequest, council_id: int, period: Query[PeriodIn]) -> statistics.Figures:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    cycle = None
    if period.cycle_id is not None:
        cycle = Cycle.objects.filter(council=council, pk=period.cycle_id).first()
        if cycle is None:
            raise HttpError(404, NOT_FOUND)
    return statistics.council_figures(council, cycle=cycle, year=period.year)


@router.get(
    "/councils/{council_id}/petition-statistics/rollup/",
    response=RollupOut,
    summary="Tổng hợp kiến nghị cử tri của HĐND và các HĐND cấp dưới (theo năm)",
)
def petition_statistics_rollup(
    request: HttpRequest, council_id: int, year: int | None = None
) -> statistics.Rollup:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    visible = scope_of(request.user).council_ids_for(VIEW)
    return statistics.rollup(council, year=year, visible=visible)


@router.get(
    "/councils/{council_id}/petition-statistics/rollup.xlsx",
    summary="Tổng hợp kiến nghị cử tri của HĐND và các HĐND cấp dưới (.xlsx)",
)
def download_statistics_rollup(
    request: HttpRequest, council_id: int, year: int | None = None
) -> HttpResponse:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    return views_reports.rollup_file(council, year, scope_of(request.user).council_ids_for(VIEW))


@router.get("/cycles/{cycle_id}/reports/synthesis.docx", summary="Báo cáo tổng hợp ý kiến, kiến nghị (.docx)")
def download_synthesis_report(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.synthesis_file(_cycle(request, cycle_id))


@router.get("/cycles/{cycle_id}/reports/results.docx", summary="Bảng kết quả trả lời kiến nghị (.docx)")
def download_results_docx(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.results_docx_file(_cycle(request, cycle_id))


@router.get("/cycles/{cycle_id}/reports/results.xlsx", summary="Bảng kết quả trả lời kiến nghị (.xlsx)")
def download_results_xlsx(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.results_xlsx_file(_cycle(request, cycle_id))


@router.get(
    "/forwardings/{forwarding_id}/letter.docx",
    summary="Công văn chuyển kiến nghị cho một lượt chuyển (.docx)",
)
def download_forwarding_letter(request: HttpRequest, forwarding_id: int) -> HttpResponse:
    queryset = Forwarding.objects.select_related("council__unit", "agency", "issue__cycle")
    found = get_or_error(request, queryset, forwarding_id, MANAGE_PETITIONS)
    return views_reports.letter_response([found])


@router.get(
    "/cycles/{cycle_id}/agencies/{agency_id}/letter.docx",
    summary="Công văn chuyển các kiến nghị của một đợt đến một cơ quan (.docx)",
)
def download_agency_letter(request: HttpRequest, cycle_id: int, agency_id: int) -> HttpResponse:
    cycle = _cycle(request, cycle_id, MANAGE_PETITIONS)
    forwardings = reports.letter_forwardings(cycle, agency_id)
    if not forwardings:
        raise HttpError(404, NOT_FOUND)
    return views_reports.letter_response(forwardings)
