"""JSON API of the petitions reports features, mounted at /api/v1/ by hdnd.api.main.

Scoped like the pages (``views.reports``): statistics and the cycle's reports need VIEW, the
forwarding letters MANAGE_PETITIONS; 404 outside the user's councils, 403 inside without the right.
Documents answer with their own content type and an RFC 5987 Vietnamese file name.
"""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, VIEW_PETITIONS, scope_of
from hdnd.petitions import reports, statistics
from hdnd.petitions.models import Cycle
from hdnd.petitions.permissions import council_for, cycle_for, forwarding_for
from hdnd.petitions.views import reports as views_reports

router = Router(tags=["Kiến nghị cử tri: báo cáo, thống kê"])


class PetitionTallyOut(Schema):
    key: str
    label: str
    count: int


class AnswerTimelinessOut(Schema):
    forwarded: int
    answered: int
    open: int
    overdue: int
    due: int
    on_time: int
    late: int
    on_time_rate: float | None


class AgencyFiguresOut(Schema):
    agency_id: int
    name: str
    answers: AnswerTimelinessOut


class PetitionFiguresOut(Schema):
    council_id: int
    cycle_id: int | None
    year: int | None
    on: dt.date
    meetings: int
    voters: int
    petitions: int
    issues: int
    by_field: list[PetitionTallyOut]
    by_competence: list[PetitionTallyOut]
    by_source: list[PetitionTallyOut]
    by_outcome: list[PetitionTallyOut]
    by_agency: list[AgencyFiguresOut]
    answers: AnswerTimelinessOut


class PetitionCouncilRowOut(Schema):
    council_id: int | None
    name: str
    meetings: int
    voters: int
    petitions: int
    issues: int
    answers: AnswerTimelinessOut


class PetitionRollupOut(Schema):
    council_id: int
    year: int | None
    on: dt.date
    rows: list[PetitionCouncilRowOut]
    total: PetitionCouncilRowOut

    @staticmethod
    def resolve_council_id(obj: statistics.Rollup) -> int:
        return obj.council.pk


class StatisticsPeriodIn(Schema):
    cycle_id: int | None = None
    year: int | None = None


@router.get(
    "/councils/{council_id}/petition-statistics/",
    response=PetitionFiguresOut,
    summary="Thống kê kiến nghị cử tri của một HĐND (theo đợt hoặc năm)",
)
def petition_statistics(
    request: HttpRequest, council_id: int, period: Query[StatisticsPeriodIn]
) -> statistics.Figures:
    council = council_for(request, council_id, VIEW)
    cycle = None
    if period.cycle_id is not None:
        cycle = Cycle.objects.filter(council=council, pk=period.cycle_id).first()
        if cycle is None:
            raise Http404
    return statistics.council_figures(council, cycle=cycle, year=period.year)


@router.get(
    "/councils/{council_id}/petition-statistics/rollup/",
    response=PetitionRollupOut,
    summary="Tổng hợp kiến nghị cử tri của HĐND và các HĐND cấp dưới (theo năm)",
)
def petition_statistics_rollup(
    request: HttpRequest, council_id: int, year: int | None = None
) -> statistics.Rollup:
    council = council_for(request, council_id, VIEW)
    visible = scope_of(request.user).council_ids_for(VIEW_PETITIONS)
    return statistics.rollup(council, year=year, visible=visible)


@router.get(
    "/councils/{council_id}/petition-statistics/rollup.xlsx",
    summary="Tổng hợp kiến nghị cử tri của HĐND và các HĐND cấp dưới (.xlsx)",
)
def download_statistics_rollup(
    request: HttpRequest, council_id: int, year: int | None = None
) -> HttpResponse:
    council = council_for(request, council_id, VIEW)
    return views_reports.rollup_file(council, year, scope_of(request.user).council_ids_for(VIEW_PETITIONS))


@router.get("/cycles/{cycle_id}/reports/synthesis.docx", summary="Báo cáo tổng hợp ý kiến, kiến nghị (.docx)")
def download_synthesis_report(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.synthesis_file(cycle_for(request, cycle_id, VIEW))


@router.get("/cycles/{cycle_id}/reports/results.docx", summary="Bảng kết quả trả lời kiến nghị (.docx)")
def download_results_docx(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.results_docx_file(cycle_for(request, cycle_id, VIEW))


@router.get("/cycles/{cycle_id}/reports/results.xlsx", summary="Bảng kết quả trả lời kiến nghị (.xlsx)")
def download_results_xlsx(request: HttpRequest, cycle_id: int) -> HttpResponse:
    return views_reports.results_xlsx_file(cycle_for(request, cycle_id, VIEW))


@router.get(
    "/forwardings/{forwarding_id}/letter.docx",
    summary="Công văn chuyển kiến nghị cho một lượt chuyển (.docx)",
)
def download_forwarding_letter(request: HttpRequest, forwarding_id: int) -> HttpResponse:
    found = forwarding_for(request, forwarding_id, MANAGE_PETITIONS)
    return views_reports.letter_response([found])


@router.get(
    "/cycles/{cycle_id}/agencies/{agency_id}/letter.docx",
    summary="Công văn chuyển các kiến nghị của một đợt đến một cơ quan (.docx)",
)
def download_agency_letter(request: HttpRequest, cycle_id: int, agency_id: int) -> HttpResponse:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    forwardings = reports.letter_forwardings(cycle, agency_id)
    if not forwardings:
        raise Http404
    return views_reports.letter_response(forwardings)
