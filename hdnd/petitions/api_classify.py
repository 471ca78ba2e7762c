"""JSON API of the petitions classify features, mounted at /api/v1/ by hdnd.api.main.

Scoped like the pages (``views_classify``): suggestions and the field list are read with VIEW;
classifying and accepting suggestions need MANAGE_PETITIONS. A refused value answers 422 with the same
Vietnamese message as the page.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Schema, Status

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.api.errors import ErrorOut, get_or_error, refused, run
from hdnd.api.schemas import NfcIn
from hdnd.councils.models import Agency, Council

from . import classify
from .models import Field, PetitionIssue

router = Router(tags=["Kiến nghị cử tri"])


class SuggestionOut(Schema):
    value: str | int
    label: str
    score: float
    reasons: list[str]


class SuggestionsOut(Schema):
    issue_id: int
    fields: list[SuggestionOut]
    competences: list[SuggestionOut]
    agencies: list[SuggestionOut]


class ClassificationOut(Schema):
    id: int
    field_id: int | None
    competence: str
    agency_id: int | None


class ClassificationIn(NfcIn):
    field_id: int | None = None
    competence: str = ""
    agency_id: int | None = None


class FieldOut(Schema):
    id: int
    council_id: int | None
    name: str
    committee_kind: str
    keywords: list[str]
    active: bool

    @staticmethod
    def resolve_keywords(obj: Field) -> list[str]:
        return [line for line in obj.keywords.splitlines() if line.strip()]


def _out(found: list[classify.Suggestion]) -> list[dict[str, Any]]:
    return [{"value": s.value, "label": s.label, "score": s.score, "reasons": list(s.reasons)} for s in found]


def _issue(request: HttpRequest, pk: int, action: str) -> PetitionIssue:
    queryset = PetitionIssue.objects.select_related("council", "field", "agency")
    return get_or_error(request, queryset, pk, action)


@router.get(
    "/issues/{issue_id}/classification/suggestions/",
    response=SuggestionsOut,
    summary="Gợi ý lĩnh vực, cấp thẩm quyền và cơ quan trả lời của một kiến nghị",
)
def classify_suggestions(request: HttpRequest, issue_id: int) -> dict[str, Any]:
    """Each list best first; ``score`` 0–1; ``reasons`` in Vietnamese (keywords, similar past issues)."""
    issue = _issue(request, issue_id, VIEW)
    found = classify.suggest(issue)
    return {
        "issue_id": issue.pk,
        "fields": _out(found.fields),
        "competences": _out(found.competences),
        "agencies": _out(found.agencies),
    }


@router.post(
    "/issues/{issue_id}/classification/",
    response={200: ClassificationOut, 422: ErrorOut},
    summary="Phân loại kiến nghị (lĩnh vực, cấp thẩm quyền, cơ quan trả lời)",
)
def classify_set(request: HttpRequest, issue_id: int, payload: ClassificationIn) -> Status[Any]:
    """Sets all three; null or "" clears one. The agency must be an active agency of the issue's council."""
    issue = _issue(request, issue_id, MANAGE_PETITIONS)
    field = Field.objects.filter(pk=payload.field_id).first() if payload.field_id else None
    agency = Agency.objects.filter(pk=payload.agency_id).first() if payload.agency_id else None
    if payload.field_id and field is None:
        return refused({"field": [classify.WRONG_FIELD]})
    if payload.agency_id and agency is None:
        return refused({"agency": [classify.WRONG_AGENCY]})
    return run(
        lambda: classify.classify_issue(
            issue, by=request.user, field=field, competence=payload.competence, agency=agency
        ),
        200,
    )


@router.post(
    "/issues/{issue_id}/classification/accept/",
    response={200: ClassificationOut, 422: ErrorOut},
    summary="Áp dụng gợi ý đứng đầu cho các mục phân loại còn trống",
)
def classify_accept(request: HttpRequest, issue_id: int) -> Status[Any]:
    issue = _issue(request, issue_id, MANAGE_PETITIONS)
    return run(lambda: classify.accept_suggestion(issue, by=request.user), 200)


@router.get(
    "/councils/{council_id}/fields/",
    response=list[FieldOut],
    summary="Lĩnh vực kiến nghị của một HĐND (danh mục toàn quốc và lĩnh vực riêng)",
)
def classify_fields(request: HttpRequest, council_id: int, active: bool | None = None) -> Any:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    fields = Field.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("council_id", "name")
    return fields if active is None else fields.filter(active=active)
