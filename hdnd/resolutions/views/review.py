"""The province's review of commune resolutions: board, review, findings, response.

The findings (the province) and the response (the commune) are one text and a date on the review page;
a refused one re-renders the page (422) with what was typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, REVIEW_RESOLUTIONS, VIEW, can, scope_of
from hdnd.core.shortcuts import post_step, render, run_step
from hdnd.resolutions import forms, review
from hdnd.resolutions.models import Resolution, ResolutionReview, ReviewStatus, Status
from hdnd.resolutions.permissions import council_for, resolution_for, resolution_review_for
from hdnd.resolutions.register import filtered, page_of, read_filters


@login_required
def review_board(request: HttpRequest, pk: int) -> HttpResponse:
    """For province staff: the communes' adopted resolutions to pick from, and the reviews under way."""
    council = council_for(request, pk, VIEW)
    ids = review.reviewable_ids(request.user, council)
    if not ids and not scope_of(request.user).is_system_admin:
        raise PermissionDenied
    form, filters = read_filters(request, public=False)
    queryset = (
        filtered(ids, filters, public=False).exclude(status=Status.DRAFT)
        if ids
        else Resolution.objects.none()
    )
    reviews = ResolutionReview.objects.filter(council_id__in=ids).select_related("resolution", "council")
    context = {
        "council": council,
        "form": form,
        "page": page_of(request, queryset),
        "reviews": reviews.exclude(status=ReviewStatus.CLOSED),
        "under_review": set(
            reviews.exclude(status=ReviewStatus.CLOSED).values_list("resolution_id", flat=True)
        ),
    }
    return render(request, "resolutions/review_board.html", context)


@login_required
@require_POST
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, REVIEW_RESOLUTIONS)
    try:
        started = review.start_review(resolution, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(resolution)
    messages.success(request, "Đã chọn nghị quyết để xem xét.")
    return redirect(started)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, resolution_review_for(request, pk, VIEW))


def review_page(
    request: HttpRequest, item: ResolutionReview, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    """The review page; a refused findings or response form comes back in ``extra``."""
    context = {
        "council": item.council,
        "review": item,
        "can_review": can(request.user, item.council_id, REVIEW_RESOLUTIONS),
        "can_respond": can(request.user, item.council_id, MANAGE_RESOLUTIONS),
        "text_form": forms.TextForm(),
        **(extra or {}),
    }
    return render(request, "resolutions/review_detail.html", context)


# What each text step records, and who may record it: the province its findings, the commune its response.
TEXT_STEPS: dict[str, tuple[str, Callable[..., ResolutionReview], str]] = {
    "findings": (REVIEW_RESOLUTIONS, review.record_findings, "Đã ghi ý kiến xem xét."),
    "response": (MANAGE_RESOLUTIONS, review.record_response, "Đã ghi nhận việc xử lý."),
}


def _text_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    action, record, done = TEXT_STEPS[step]
    item = resolution_review_for(request, pk, action)

    def run(data: dict[str, Any]) -> object:
        return record(item, by=request.user, on=data["on"], **{step: data["text"]})

    page = lambda extra: review_page(request, item, extra)  # noqa: E731
    return post_step(request, item, forms.TextForm(request.POST), run, done, page=page, name="text_form")


@login_required
@require_POST
def review_findings(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_step(request, pk, "findings")


@login_required
@require_POST
def review_response(request: HttpRequest, pk: int) -> HttpResponse:
    return _text_step(request, pk, "response")


@login_required
@require_POST
def review_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = resolution_review_for(request, pk, REVIEW_RESOLUTIONS)
    return run_step(request, item, lambda: review.close_review(item, by=request.user), "Đã kết thúc xem xét.")
