"""The province's review of commune resolutions: board, review, findings, response."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from hdnd.accounts.scope import (
    MANAGE_RESOLUTIONS,
    REVIEW_RESOLUTIONS,
    VIEW,
    can,
    get_object_for_user,
    scope_of,
)
from hdnd.core.shortcuts import post_step, render, run_step
from hdnd.councils.models import Council

from . import forms, review
from .models import Resolution, ResolutionReview, ReviewStatus, Status
from .register import filtered
from .views import page_of, query_without_page, read_filters, resolution_for


@login_required
def review_board(request: HttpRequest, pk: int) -> HttpResponse:
    """For province staff: the communes' adopted resolutions to pick from, and the reviews under way."""
    council = get_object_for_user(request.user, Council.objects.all(), pk, VIEW, "pk")
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
        "query": query_without_page(request),
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


def _review(request: HttpRequest, pk: int, action: str) -> ResolutionReview:
    queryset = ResolutionReview.objects.select_related(
        "resolution", "council", "reviewing_council", "reviewer"
    )
    return get_object_for_user(request.user, queryset, pk, action)


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _review(request, pk, VIEW)
    context = {
        "council": item.council,
        "review": item,
        "can_review": can(request.user, item.council_id, REVIEW_RESOLUTIONS),
        "can_respond": can(request.user, item.council_id, MANAGE_RESOLUTIONS),
        "text_form": forms.TextForm(),
    }
    return render(request, "resolutions/review_detail.html", context)


def _text_step(request: HttpRequest, pk: int, action: str, run: Any, done: str) -> HttpResponse:
    item = _review(request, pk, action)
    form = forms.TextForm(request.POST)
    return post_step(request, item, form, lambda data: run(item, data["text"], data["on"]), done)


@login_required
@require_POST
def review_findings(request: HttpRequest, pk: int) -> HttpResponse:
    def run(item: ResolutionReview, text: str, on: Any) -> object:
        return review.record_findings(item, by=request.user, findings=text, on=on)

    return _text_step(request, pk, REVIEW_RESOLUTIONS, run, "Đã ghi ý kiến xem xét.")


@login_required
@require_POST
def review_response(request: HttpRequest, pk: int) -> HttpResponse:
    def run(item: ResolutionReview, text: str, on: Any) -> object:
        return review.record_response(item, by=request.user, response=text, on=on)

    return _text_step(request, pk, MANAGE_RESOLUTIONS, run, "Đã ghi nhận việc xử lý.")


@login_required
@require_POST
def review_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = _review(request, pk, REVIEW_RESOLUTIONS)
    return run_step(request, item, lambda: review.close_review(item, by=request.user), "Đã kết thúc xem xét.")
