"""Classifying an issue: its field, competence level and answering agency, set by staff or taken from
the suggestions (``classify``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.councils.models import Agency
from hdnd.petitions.classify import Suggestion, suggest
from hdnd.petitions.competence import classification_errors
from hdnd.petitions.models import Competence, Field, PetitionIssue

WRONG_FIELD = "Chọn một lĩnh vực đang dùng của danh mục chung hoặc của HĐND này."


WRONG_AGENCY = "Chỉ chọn cơ quan đang hoạt động của HĐND này."


WRONG_COMPETENCE = "Cấp thẩm quyền không hợp lệ."


NOTHING_TO_ACCEPT = "Không có gợi ý nào để áp dụng: kiến nghị đã được phân loại hoặc chưa có gợi ý."


SNAPSHOT = ("field_id", "competence", "agency_id")


def _check(issue: PetitionIssue, field_: Field | None, competence: str, agency: Agency | None) -> None:
    errors: dict[str, list[str]] = {}
    if field_ is not None and (not field_.active or field_.council_id not in (None, issue.council_id)):
        errors["field"] = [WRONG_FIELD]
    if competence and competence not in Competence.values:
        errors["competence"] = [WRONG_COMPETENCE]
    if agency is not None and (agency.council_id != issue.council_id or not agency.is_active):
        errors["agency"] = [WRONG_AGENCY]
    if not errors:
        errors = {name: [text] for name, text in classification_errors(issue, competence, agency).items()}
    if errors:
        raise ValidationError(errors)


def _first_fitting(issue: PetitionIssue, kind: str, ranked: list[Suggestion]) -> Suggestion | None:
    """The best suggestion of ``kind`` that agrees with what the issue already holds (its competence,
    its agency, the agencies it was forwarded to): a suggestion never makes the record contradict itself."""
    for suggestion in ranked:
        if kind == "field":
            return suggestion
        if kind == "competence":
            if not classification_errors(issue, suggestion.value, issue.agency):
                return suggestion
        else:
            agency = Agency.objects.filter(pk=suggestion.value).select_related("council").first()
            if agency is not None and not classification_errors(issue, issue.competence, agency):
                return suggestion
    return None


def _snapshot(issue: PetitionIssue) -> dict[str, Any]:
    return {name: getattr(issue, name) for name in SNAPSHOT}


def classify_issue(
    issue: PetitionIssue,
    *,
    by: Actor,
    field: Field | None,
    competence: str,
    agency: Agency | None,
) -> PetitionIssue:
    """Set an issue's field, competence level and agency (staff's decision); one audit entry."""
    competence = competence or ""
    _check(issue, field, competence, agency)
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        before = _snapshot(locked)
        locked.field, locked.competence, locked.agency = field, competence, agency
        after = _snapshot(locked)
        if after != before:
            locked.save(update_fields=["field", "competence", "agency"])
            record(
                action="petitions.classify_issue",
                actor=by,
                obj=locked,
                council=locked.council,
                before=before,
                after=after,
            )
    return locked


def accept_suggestion(
    issue: PetitionIssue, *, by: Actor, kinds: Sequence[str] | None = None
) -> PetitionIssue:
    """One click: set each kind still empty (field, competence, agency) to its top suggestion.

    ``kinds`` limits it to some of them. What another user set meanwhile is kept.
    """
    kinds = tuple(kinds or ("field", "competence", "agency"))
    found = suggest(issue)
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        before = _snapshot(locked)
        applied: dict[str, Any] = {}
        current = {"field": locked.field_id, "competence": locked.competence, "agency": locked.agency_id}
        for kind in kinds:
            top = _first_fitting(locked, kind, found.ranked(kind)) if not current[kind] else None
            if top is None:
                continue
            if kind == "field":
                locked.field = Field.objects.get(pk=top.value)
            elif kind == "competence":
                locked.competence = top.value
            else:
                locked.agency = Agency.objects.get(pk=top.value)
            applied[kind] = {"value": top.value, "label": top.label, "score": top.score, "reason": top.reason}
        if not applied:
            raise ValidationError(NOTHING_TO_ACCEPT)
        _check(locked, locked.field, locked.competence, locked.agency)
        locked.save(update_fields=["field", "competence", "agency"])
        record(
            action="petitions.accept_suggestion",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={**_snapshot(locked), "suggestions": applied},
        )
    return locked
