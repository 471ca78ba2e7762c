"""API for searching voters' petitions: the same query, scope and filters as the search page.

``GET /api/v1/councils/{council_id}/petitions/search?q=&cycle=&year=&source=&state=&page=``: 404
outside scope, 401 without authentication, 422 (in Vietnamese) for a query over 200 characters or 10
words or an unknown filter value. Paginated 50 a page; ``count`` stops at ``core.paging.COUNT_CAP``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hdnd.accounts.scope import VIEW
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.petitions import search
from hdnd.petitions.models import Outcome, Petition
from hdnd.petitions.permissions import council_for

router = Router(tags=["Kiến nghị cử tri"])
UNKNOWN_SOURCE = "Nguồn không hợp lệ: dùng một trong " + ", ".join(Petition.Source.values) + "."
UNKNOWN_STATE = (
    "Trạng thái không hợp lệ: dùng một trong " + ", ".join(v for v, _ in search.State.CHOICES) + "."
)


class PetitionSearchQuery(NfcIn):
    q: str = Field("", max_length=search.QUERY_MAX)
    cycle: int | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    source: str = ""
    state: str = ""


class VoterMeetingRefOut(Schema):
    id: int
    date: dt.date
    place_text: str


class PetitionSearchHitOut(Schema):
    id: int
    council_id: int
    council_name: str
    cycle_id: int
    cycle_name: str
    year: int
    source: str
    source_label: str
    meeting: VoterMeetingRefOut | None
    from_council_id: int | None
    received_on: dt.date | None
    voter_place: str
    text: str
    issue_id: int | None
    issue_title: str | None
    issue_status: str | None
    latest_outcome: str | None
    latest_outcome_label: str | None

    @staticmethod
    def resolve_council_name(obj: Petition) -> str:
        return obj.council.name

    @staticmethod
    def resolve_cycle_name(obj: Petition) -> str:
        return obj.cycle.name

    @staticmethod
    def resolve_year(obj: Petition) -> int:
        return obj.cycle.year

    @staticmethod
    def resolve_source_label(obj: Petition) -> str:
        return obj.get_source_display()

    @staticmethod
    def resolve_issue_title(obj: Petition) -> str | None:
        return obj.issue.title if obj.issue else None

    @staticmethod
    def resolve_issue_status(obj: Petition) -> str | None:
        return obj.issue.status if obj.issue else None

    @staticmethod
    def resolve_latest_outcome_label(obj: Petition) -> str | None:
        code = getattr(obj, "latest_outcome", None)
        return str(Outcome(code).label) if code in Outcome.values else None


@router.get(
    "/councils/{council_id}/petitions/search",
    response={200: list[PetitionSearchHitOut], **ERRORS},
    summary="Tìm kiếm ý kiến, kiến nghị cử tri",
)
@paginate(search.CappedPageNumberPagination, page_size=search.PER_PAGE, max_page_size=search.PER_PAGE)
def search_petitions(
    request: HttpRequest, council_id: int, query: Query[PetitionSearchQuery]
) -> QuerySet[Petition]:
    """Every word of ``q`` (accents optional, any order) in the petition's text; newest first.

    Words of 1–2 letters match whole words only. The council's petitions and, for roles that see the
    councils below, theirs. An empty ``q`` lists the filtered petitions.
    """
    council = council_for(request, council_id, VIEW)
    if len(search.words_of(query.q)) > search.WORDS_MAX:
        raise ValidationError({"q": [f"Nhập tối đa {search.WORDS_MAX} từ."]})
    if query.source and query.source not in Petition.Source.values:
        raise ValidationError({"source": [UNKNOWN_SOURCE]})
    if query.state and query.state not in dict(search.State.CHOICES):
        raise ValidationError({"state": [UNKNOWN_STATE]})
    filters = search.Filters(query.cycle, query.year, query.source, query.state)
    return search.search_petitions(search.searchable_council_ids(request.user, council), query.q, filters)
