"""The issue page and what happens to an issue once confirmed: forwarding to agencies, the agency's
inbox, acknowledging and answering, delegates' ratings, and the council's overdue board.

The issue page is a task list (``views.steps``). Issues are read with VIEW_PETITIONS; an agency's
responder reads only an issue forwarded to their agency, with their own forwardings. Acting on a
forwarding needs MANAGE_PETITIONS (office staff, on the agency's behalf) or ANSWER_PETITIONS *and* a
responder's seat in that very agency (``permissions``): a responder of another agency gets 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Prefetch, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, VIEW_PETITIONS, can
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, post_step, render, run_step
from hdnd.councils.models import Agency
from hdnd.petitions import forms
from hdnd.petitions.actions import forwarding
from hdnd.petitions.models import Answer, AnswerRating, Forwarding, PetitionIssue
from hdnd.petitions.permissions import (
    answer_to_rate,
    answering_agency_for,
    answering_forwarding_for,
    council_for,
    forwarding_for,
    forwardings_seen_by,
    is_delegate_of,
    issue_for,
)
from hdnd.petitions.views import steps

GET_POST = require_http_methods(["GET", "POST"])

PAGE_SIZE = 50  # forwardings a page, in an agency's inbox and on the overdue board


def _issue_context(request: HttpRequest, issue: PetitionIssue, extra: Mapping[str, Any]) -> dict[str, Any]:
    answers = Answer.objects.select_related("answered_by").prefetch_related(
        Prefetch("ratings", queryset=AnswerRating.objects.order_by("pk"))
    )
    every = issue.forwardings.all()
    seen = forwardings_seen_by(request.user, issue.council_id, every)
    read = seen.select_related("agency").prefetch_related(Prefetch("answers", answers), "reforwards")
    forwardings = list(read)
    can_manage = can(request.user, issue.council, MANAGE_PETITIONS)
    context: dict[str, Any] = {
        "council": issue.council,
        "cycle": issue.cycle,
        "issue": issue,
        "petitions": issue.petitions.select_related("meeting").order_by("pk"),
        "forwardings": forwardings,
        "today": timezone.localdate(),
        "can_manage": can_manage,
        "can_rate": is_delegate_of(request.user, issue.council_id),
        "rating_form": forms.RatingForm(),
        "reads_all": can(request.user, issue.council, VIEW_PETITIONS),
        # The steps' panels reuse the list when it holds every forwarding (not a responder's own only).
        "all_forwardings": forwardings if seen is every else None,
    }
    if can_manage and not issue.is_draft and "form" not in extra:
        context["form"] = forms.ForwardForm(council=issue.council, issue=issue)
    context.update(extra)
    if context["reads_all"]:
        context.update(_task_list(request, issue, context))
    return context


def _task_list(request: HttpRequest, issue: PetitionIssue, context: Mapping[str, Any]) -> dict[str, Any]:
    """The steps of the issue, the next one, and the one open on the page (asked for, or refused)."""
    agencies = steps.offered(issue, Agency.objects.filter(council=issue.council, is_active=True))
    facts = steps.Facts(
        issue, context["forwardings"], context["today"], agencies.count(), context, context["all_forwardings"]
    )
    all_steps = steps.issue_steps(request, facts)
    following = steps.next_step(all_steps)
    wanted = context.get("step") or request.GET.get("buoc", "")
    shown = steps.chosen_step(all_steps, wanted) or following or steps.last_done(all_steps)
    refer = steps.chosen_step(all_steps, steps.REFER)
    origins = refer.body["origins"] if refer and refer.body else []
    return {"steps": all_steps, "next_step": following, "shown": shown, "origins": origins}


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, VIEW)
    return issue_page(request, issue)


def issue_page(
    request: HttpRequest, issue: PetitionIssue, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    """The issue page; a step's view that refused a form passes it (and the ``step``) in ``extra``."""
    return render(request, "petitions/issue_detail.html", _issue_context(request, issue, extra or {}))


@login_required
@require_POST
def issue_forward(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    form = forms.ForwardForm(request.POST, council=issue.council, issue=issue)
    if form.is_valid():
        try:
            created = forwarding.forward_issue(
                issue,
                form.cleaned_data["agencies"],
                by=request.user,
                letter_number=form.cleaned_data["letter_number"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển kiến nghị đến {len(created)} cơ quan.")
            return redirect(issue)
    return issue_page(request, issue, {"form": form, "step": steps.FORWARD})


@login_required
@require_POST
def forwarding_letter_number(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or correct the number of the letter that forwarded an issue (staff of the council); a
    refused number comes back on the issue page (422) with what was typed."""
    found = forwarding_for(request, pk, MANAGE_PETITIONS)

    def run(data: dict[str, Any]) -> object:
        return forwarding.record_letter_number(found, by=request.user, **data)

    def page(extra: Mapping[str, Any]) -> HttpResponse:
        issue = issue_for(request, found.issue_id, VIEW)
        return issue_page(
            request, issue, {**extra, "letter_forwarding_id": found.pk, "step": steps.FOLLOW_UP}
        )

    back_to = f"{found.issue.get_absolute_url()}#forwarding-{found.pk}"
    form = forms.LetterNumberForm(request.POST)
    done = "Đã ghi số công văn chuyển."
    return post_step(request, back_to, form, run, done, page=page, name="letter_form")


@login_required
def agency_inbox(request: HttpRequest, pk: int) -> HttpResponse:
    """The issues forwarded to one agency: open ones first, with their due dates and answers."""
    agency = answering_agency_for(request, pk)
    today = timezone.localdate()
    mine = Forwarding.objects.filter(agency=agency)
    forwardings = (
        mine.select_related("issue")
        .prefetch_related(Prefetch("answers", Answer.objects.order_by("pk")))
        .order_by(Case(When(status=Forwarding.Status.ANSWERED, then=1), default=0), "due_on", "pk")
    )
    # A page at a time, the open ones first: an agency of a province receives hundreds a year.
    page = CappedPaginator(forwardings, PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = {"open": mine.open().count(), "overdue": mine.overdue(today).count()}
    context = {
        "council": agency.council,
        "agency": agency,
        "page": page,
        "forwardings": page.object_list,
        "waiting": waiting,
        "today": today,
    }
    return render(request, "petitions/agency_inbox.html", context)


@login_required
@require_POST
def forwarding_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    found = answering_forwarding_for(request, pk)
    run = lambda: forwarding.acknowledge_forwarding(found, by=request.user)  # noqa: E731
    done = reverse("petitions:agency_inbox", args=[found.agency_id])
    return run_step(request, done, run, "Đã xác nhận nhận kiến nghị.")


@login_required
@GET_POST
def forwarding_answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = answering_forwarding_for(request, pk)
    form = forms.AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            forwarding.record_answer(found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã ghi nhận trả lời.")
            return redirect("petitions:agency_inbox", found.agency_id)
    context = {"council": found.council, "forwarding": found, "form": form}
    return render(request, "petitions/forwarding_answer.html", context)


@login_required
@require_POST
def answer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    answer = answer_to_rate(request, pk)
    form = forms.RatingForm(request.POST)
    issue = answer.forwarding.issue
    if not form.is_valid():
        messages.error(request, "Chọn mức đánh giá.")
        return redirect(issue)
    run = lambda: forwarding.rate_answer(answer, by=request.user, rating=form.cleaned_data["rating"])  # noqa: E731
    return run_step(request, issue.get_absolute_url(), run, "Đã ghi nhận đánh giá của đại biểu.")


@login_required
def overdue_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Quá hạn: the council's forwardings past their due date, counted per agency and listed."""
    council = council_for(request, pk, VIEW)
    today = timezone.localdate()
    overdue = Forwarding.objects.filter(council=council).overdue(today)
    per_agency = (
        overdue.values("agency_id", "agency__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "agency__name")
    )
    listed = overdue.select_related("agency", "issue").order_by("due_on", "pk")
    page = CappedPaginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(f, f.days_overdue(today)) for f in page.object_list]
    context = {"council": council, "per_agency": per_agency, "rows": rows, "page": page, "today": today}
    return render(request, "petitions/overdue_board.html", context)
