"""Pages of recommendations and commitments: lists with the due-only implementation rate, the detail
page with progress, evidence, children, history and the one-step follow-ons of an overdue item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_OVERSIGHT, VIEW, VIEW_WORK
from hdnd.core.audit import history_for
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import render, render_page_or_partial, run_step
from hdnd.core.uploads import serve_file
from hdnd.oversight import actions, forms, rates
from hdnd.oversight.chain import chain_url
from hdnd.oversight.models import Commitment, FollowStatus, Recommendation
from hdnd.oversight.permissions import (
    addressed_rows,
    commitment_for,
    council_for,
    evidence_to_read,
    readable_for,
    recommendation_for,
    reportable_for,
    rights,
    self_report_for,
)
from hdnd.oversight.views.common import PAGE_SIZE, Step, bound, serve_step, unbound_forms

S = FollowStatus


def _common_steps() -> dict[str, Step]:
    return {
        "tien-do": Step(
            lambda i, r: forms.ProgressForm(**bound(r)),
            lambda i, by, d: actions.report_progress(
                i, by=by, on=d["on"], status=d["status"], progress=d["progress"], note=d["note"]
            ),
            "Đã ghi kết quả thực hiện.",
        ),
        "ly-do": Step(
            lambda i, r: forms.ExcuseForm(**bound(r)),
            lambda i, by, d: actions.accept_excuse(i, by=by, on=d["on"], reason=d["reason"]),
            "Đã ghi lý do khách quan được chấp nhận.",
        ),
        "mo-lai": Step(
            lambda i, r: forms.ReopenForm(**bound(r)),
            lambda i, by, d: actions.reopen(i, by=by, on=d["on"], note=d["note"]),
            "Đã mở lại theo dõi.",
        ),
        "minh-chung": Step(
            lambda i, r: forms.EvidenceForm(**bound(r)),
            lambda i, by, d: actions.attach_evidence(i, by=by, title=d["title"], upload=d["file"]),
            "Đã đính kèm minh chứng.",
        ),
    }


COMMITMENT_STEPS = _common_steps()
# The steps the addressed agency's own responder may take too (``permissions.reportable_for``).
AGENCY_STEPS = frozenset({"tien-do", "minh-chung"})
RECOMMENDATION_STEPS = {
    **_common_steps(),
    "noi-dung-con": Step(
        lambda i, r: forms.RecommendationForm(**bound(r), council=i.council),
        lambda i, by, d: actions.add_recommendation(
            i.council,
            by=by,
            agency=d["agency"],
            content=d["content"],
            on=timezone.localdate(),
            due_on=d["due_on"],
            multi_year=d["multi_year"],
            supervision=i.supervision,
            resolution=i.resolution,
            standing_meeting=i.standing_meeting,
            parent=i,
        ),
        "Đã thêm nội dung của kiến nghị.",
    ),
    "trach-nhiem": Step(
        lambda i, r: forms.AccountabilityForm(**bound(r)),
        lambda i, by, d: actions.propose_accountability(
            i, by=by, on=timezone.localdate(), official=d["official"], reason=d["reason"]
        ),
        "Đã ghi đề nghị xem xét trách nhiệm.",
    ),
}


def _list(request: HttpRequest, pk: int, model: type[Any], template: str) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    rows = addressed_rows(request, council, model.objects.filter(council=council)).select_related("agency")
    form = forms.FilterForm(request.GET, council=council)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    if model is Recommendation:
        rows = rows.filter(parent__isnull=True).select_related("supervision")
    if data.get("status") == S.OVERDUE:
        rows = rows.overdue(today)
    elif data.get("status"):
        rows = rows.filter(status=data["status"])
    if data.get("agency"):
        rows = rows.filter(agency=data["agency"])
    page = CappedPaginator(rows.order_by(F("due_on").asc(nulls_last=True), "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    shown = rights(request, council)
    rate = (  # the council's rate: not for an agency's responder, who reads only their agency's items
        None
        if not shown["reads_work"]
        else rates.implementation(council.pk, today)
        if model is Recommendation
        else rates.commitments(council.pk, today)
    )
    context = {"council": council, "form": form, "page": page, "rate": rate, "today": today, **shown}
    return render_page_or_partial(request, template, "rows", context)


@login_required
def recommendation_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list(request, pk, Recommendation, "oversight/recommendation_list.html")


@login_required
def commitment_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list(request, pk, Commitment, "oversight/commitment_list.html")


def _item_context(request: HttpRequest, item: Recommendation | Commitment) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "council": item.council,
        "item": item,
        "today": today,
        "days_overdue": item.days_overdue(today),
        "evidence": item.evidence.all(),
        "history": history_for(item),
        "chain_url": chain_url(item),
        **rights(request, item.council, item),
    }


def _recommendation_page(
    request: HttpRequest, item: Recommendation, extra: Mapping[str, Any]
) -> HttpResponse:
    today = timezone.localdate()
    context = {
        **_item_context(request, item),
        "children": item.children.select_related("agency"),
        "resupervisions": item.resupervisions.all(),
        "topics": item.questioning_topics.all(),
        "proposals": item.accountability_proposals.all(),
        "overdue": item.due_on is not None
        and item.due_on < today
        and item.status in (S.NOT_DUE, S.DUE, S.OVERDUE, S.PARTLY_DONE),
    }
    return render(
        request,
        "oversight/recommendation_detail.html",
        unbound_forms(RECOMMENDATION_STEPS, item, {**context, **extra}),
    )


def _commitment_page(request: HttpRequest, item: Commitment, extra: Mapping[str, Any]) -> HttpResponse:
    context = {**_item_context(request, item), "origin": item.topic or item.explanation}
    return render(
        request,
        "oversight/commitment_detail.html",
        unbound_forms(COMMITMENT_STEPS, item, {**context, **extra}),
    )


@login_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _recommendation_page(request, readable_for(request, recommendation_for, pk), {})


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    item: Recommendation = (
        reportable_for(request, recommendation_for, pk)
        if step in AGENCY_STEPS
        else recommendation_for(request, pk, MANAGE_OVERSIGHT)
    )
    return serve_step(
        request, item, RECOMMENDATION_STEPS, step, lambda extra: _recommendation_page(request, item, extra)
    )


@login_required
@require_POST
def recommendation_resupervise(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a re-supervision from the overdue recommendation in one step (its history carried)."""
    item = recommendation_for(request, pk, MANAGE_OVERSIGHT)
    made: list[Any] = []

    def start() -> None:
        made.append(actions.start_resupervision(item, by=request.user, on=timezone.localdate()))

    response = run_step(request, item, start, "Đã tạo cuộc tái giám sát, kèm quá trình thực hiện kiến nghị.")
    return redirect(made[0]) if made else response


@login_required
@require_POST
def recommendation_requestion(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a questioning topic on the overdue recommendation in one step."""
    item = recommendation_for(request, pk, MANAGE_OVERSIGHT)
    made: list[Any] = []

    def start() -> None:
        made.append(actions.start_requestioning(item, by=request.user, on=timezone.localdate()))

    response = run_step(request, item, start, "Đã đề xuất chất vấn lại, kèm quá trình thực hiện kiến nghị.")
    return redirect(made[0]) if made else response


@login_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _commitment_page(request, readable_for(request, commitment_for, pk), {})


@login_required
@require_http_methods(["GET", "POST"])
def commitment_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    item: Commitment = (
        reportable_for(request, commitment_for, pk)
        if step in AGENCY_STEPS
        else commitment_for(request, pk, MANAGE_OVERSIGHT)
    )
    return serve_step(
        request, item, COMMITMENT_STEPS, step, lambda extra: _commitment_page(request, item, extra)
    )


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """A piece of evidence, for those who may view its council (never a public /media/ URL)."""
    return serve_file(evidence_to_read(request, pk).file, "minh-chung")


@login_required
def self_report_file(request: HttpRequest, pk: int) -> FileResponse:
    """A supervised body's self-report file, for those who may view its council."""
    return serve_file(self_report_for(request, pk, VIEW_WORK).report_file, "tu-bao-cao")
