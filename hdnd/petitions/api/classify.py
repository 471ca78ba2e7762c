"""JSON API of the petitions classify features, mounted at /api/v1/ by hdnd.api.main.

Scoped like the pages (``views.classify``): suggestions and the field list are read with VIEW;
classifying and accepting suggestions need MANAGE_PETITIONS. A refused value answers 422 with the same
Vietnamese message as the page.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Router, Schema

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency
from hdnd.petitions import classify
from hdnd.petitions.actions import classify as classifying
from hdnd.petitions.models import Field, PetitionIssue
from hdnd.petitions.permissions import council_for, issue_for

router = Router(tags=["Kiến nghị cử tri"])


class ClassificationSuggestionOut(Schema):
    value: str | int
    label: str
    score: float
    reasons: list[str]


class ClassificationSuggestionsOut(Schema):
    issue_id: int
    fields: list[ClassificationSuggestionOut]
    competences: list[ClassificationSuggestionOut]
    agencies: list[ClassificationSuggestionOut]


class ClassificationOut(Schema):
    id: int
    field_id: int | None
    competence: str
    agency_id: int | None


class ClassificationIn(NfcIn):
    field_id: int | None = None
    competence: str = ""
    agency_id: int | None = None


class PetitionFieldOut(Schema):
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


@router.get(
    "/issues/{issue_id}/classification/suggestions/",
    response=ClassificationSuggestionsOut,
    summary="Gợi ý lĩnh vực, cấp thẩm quyền và cơ quan trả lời của một kiến nghị",
)
def classify_suggestions(request: HttpRequest, issue_id: int) -> dict[str, Any]:
    """Each list best first; ``score`` 0–1; ``reasons`` in Vietnamese (keywords, similar past issues)."""
    issue = issue_for(request, issue_id, VIEW)
    found = classify.suggest(issue)
    return {
        "issue_id": issue.pk,
        "fields": _out(found.fields),
        "competences": _out(found.competences),
        "agencies": _out(found.agencies),
    }


@router.post(
    "/issues/{issue_id}/classification/",
    response={200: ClassificationOut, **ERRORS},
    summary="Phân loại kiến nghị (lĩnh vực, cấp thẩm quyền, cơ quan trả lời)",
)
def classify_set(request: HttpRequest, issue_id: int, payload: ClassificationIn) -> PetitionIssue:
    """Sets all three; null or "" clears one. The agency must be an active agency of the issue's council."""
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    field = Field.objects.filter(pk=payload.field_id).first() if payload.field_id else None
    agency = Agency.objects.filter(pk=payload.agency_id).first() if payload.agency_id else None
    if payload.field_id and field is None:
        raise ValidationError({"field": [classifying.WRONG_FIELD]})
    if payload.agency_id and agency is None:
        raise ValidationError({"agency": [classifying.WRONG_AGENCY]})
    return classifying.classify_issue(
        issue, by=request.user, field=field, competence=payload.competence, agency=agency
    )


@router.post(
    "/issues/{issue_id}/classification/accept/",
    response={200: ClassificationOut, **ERRORS},
    summary="Áp dụng gợi ý đứng đầu cho các mục phân loại còn trống",
)
def classify_accept(request: HttpRequest, issue_id: int) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    return classifying.accept_suggestion(issue, by=request.user)


@router.get(
    "/councils/{council_id}/fields/",
    response=list[PetitionFieldOut],
    summary="Lĩnh vực kiến nghị của một HĐND (danh mục toàn quốc và lĩnh vực riêng)",
)
def classify_fields(request: HttpRequest, council_id: int, active: bool | None = None) -> Any:
    council = council_for(request, council_id, VIEW)
    fields = Field.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by("council_id", "name")
    return fields if active is None else fields.filter(active=active)
