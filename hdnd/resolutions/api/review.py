"""The province's review of commune resolutions over the JSON API: REVIEW_RESOLUTIONS over the commune
starts a review, records its findings and closes it; the commune's response needs MANAGE_RESOLUTIONS in
the commune. The list is the review board's, for those who may review the communes."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, REVIEW_RESOLUTIONS, VIEW, scope_of
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.resolutions import review
from hdnd.resolutions.models import ResolutionReview, ReviewStatus
from hdnd.resolutions.permissions import council_for, resolution_for, resolution_review_for

router = Router(tags=["Nghị quyết"])


class ResolutionReviewOut(Schema):
    id: int
    council_id: int
    reviewing_council_id: int
    resolution_id: int
    status: str
    findings: str
    findings_on: dt.date | None
    response: str
    response_on: dt.date | None


class ResolutionReviewTextIn(NfcIn):
    text: str
    on: dt.date


@router.post("/resolutions/{resolution_id}/reviews", response={201: ResolutionReviewOut, **ERRORS})
def resolution_review_start(request: HttpRequest, resolution_id: int) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, REVIEW_RESOLUTIONS)
    return Status(201, review.start_review(resolution, by=request.user))


@router.get("/resolution-reviews/{review_id}", response={200: ResolutionReviewOut, **ERRORS})
def resolution_review_detail(request: HttpRequest, review_id: int) -> ResolutionReview:
    return resolution_review_for(request, review_id, VIEW)


@router.get("/councils/{council_id}/resolution-reviews", response={200: list[ResolutionReviewOut], **ERRORS})
def resolution_review_list(request: HttpRequest, council_id: int, closed: bool = False) -> Any:
    """The reviews of the communes' resolutions that ``council`` (a province) has under way, or with
    ``closed`` also the finished ones: as the review board, for those who may review the communes."""
    council = council_for(request, council_id, VIEW)
    ids = review.reviewable_ids(request.user, council)
    if not ids and not scope_of(request.user).is_system_admin:
        raise PermissionDenied
    reviews = ResolutionReview.objects.filter(council_id__in=ids).order_by("-pk")
    return list(reviews if closed else reviews.exclude(status=ReviewStatus.CLOSED))


@router.post("/resolution-reviews/{review_id}/findings", response={200: ResolutionReviewOut, **ERRORS})
def resolution_review_findings(
    request: HttpRequest, review_id: int, payload: ResolutionReviewTextIn
) -> ResolutionReview:
    item = resolution_review_for(request, review_id, REVIEW_RESOLUTIONS)
    return review.record_findings(item, by=request.user, findings=payload.text, on=payload.on)


@router.post("/resolution-reviews/{review_id}/response", response={200: ResolutionReviewOut, **ERRORS})
def resolution_review_response(
    request: HttpRequest, review_id: int, payload: ResolutionReviewTextIn
) -> ResolutionReview:
    item = resolution_review_for(request, review_id, MANAGE_RESOLUTIONS)
    return review.record_response(item, by=request.user, response=payload.text, on=payload.on)


@router.post("/resolution-reviews/{review_id}/close", response={200: ResolutionReviewOut, **ERRORS})
def resolution_review_close(request: HttpRequest, review_id: int) -> ResolutionReview:
    item = resolution_review_for(request, review_id, REVIEW_RESOLUTIONS)
    return review.close_review(item, by=request.user)
