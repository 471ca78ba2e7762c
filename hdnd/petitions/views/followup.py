"""Pages for what follows an answer: re-forwarding, flags, carry-over, the follow-up board, documents.

Reading needs VIEW; every change needs MANAGE_PETITIONS in the issue's council (``actions.followup``
does the work, ``followup`` answers the queries). The panels add these actions to the issue and cycle pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can
from hdnd.core import uploads
from hdnd.core.shortcuts import add_errors, render
from hdnd.petitions import followup, forms
from hdnd.petitions.actions import followup as actions
from hdnd.petitions.models import (
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    Petition,
    PetitionIssue,
    VoterMeeting,
)
from hdnd.petitions.permissions import answer_for, council_for, cycle_for, forwarding_for, issue_for


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def issue_panel(
    request: HttpRequest, issue: PetitionIssue, every: list[Forwarding] | None = None
) -> dict[str, Any] | None:
    """History across cycles, the supervision/questioning flag, and re-forwarding after poor answers
    (``every``: the issue's forwardings already read with their answers, ratings and re-forwardings)."""
    can_manage = can(request.user, issue.council, MANAGE_PETITIONS)
    answers = Answer.objects.prefetch_related(Prefetch("ratings", AnswerRating.objects.order_by("pk")))
    forwardings = every
    if forwardings is None:
        forwardings = list(
            issue.forwardings.select_related("agency").prefetch_related(
                Prefetch("answers", answers), "reforwards"
            )
        )
    reforwardable = [
        (f, reasons, forms.ReforwardForm(auto_id=f"id_reforward_{f.pk}_%s"))
        for f in forwardings
        if (reasons := followup.reforward_reasons(f))
    ]
    history = followup.history(issue)
    carried_into = list(issue.carried_into.select_related("cycle"))
    if not (can_manage or history or carried_into or issue.flag or issue.carried_from_id is None):
        return None
    return {
        "template": "petitions/panels/followup_issue.html",
        "issue": issue,
        "history": history,
        "carried_into": carried_into,
        "can_manage": can_manage and not issue.is_draft,
        "flag_form": forms.FlagForm(
            initial={"flag": issue.flag, "note": issue.flag_note}, auto_id="id_flag_%s"
        ),
        "reforwardable": reforwardable if can_manage else [],
    }


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    """The follow-up board link and, for staff, carrying open issues over to a later cycle."""
    can_manage = can(request.user, cycle.council, MANAGE_PETITIONS)
    form = forms.CarryOverForm(cycle=cycle) if can_manage else None
    has_targets = form is not None and followup.next_cycles(cycle).exists()
    return {
        "template": "petitions/panels/followup_cycle.html",
        "cycle": cycle,
        "open_count": len(followup.open_issues(cycle)) if has_targets else None,
        "carried_count": cycle.issues.filter(carried_from__isnull=False).count(),
        "form": form if has_targets else None,
    }


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    return None


@login_required
def earlier(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggested earlier issues this one repeats: loaded by htmx, as comparing takes a moment."""
    issue = issue_for(request, pk, VIEW)
    context = {
        "issue": issue,
        "suggestions": followup.suggest_earlier(issue),
        "can_manage": can(request.user, issue.council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/panels/followup_earlier.html", context)


@login_required
@require_POST
def link_earlier(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    raw = request.POST.get("earlier", "")
    chosen = PetitionIssue.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if chosen is None:
        messages.error(request, "Chọn kiến nghị đợt trước để gắn.")
        return redirect(issue)
    try:
        actions.link_earlier(issue, chosen, by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Đã ghi nhận: kiến nghị đã nêu ở {chosen.cycle} (#{chosen.pk}).")
    return redirect(issue)


@login_required
@require_POST
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    from hdnd.petitions.views import forwarding, steps  # the issue page holds this step's panel

    issue = issue_for(request, pk, MANAGE_PETITIONS)
    form = forms.FlagForm(request.POST, auto_id="id_flag_%s")
    if form.is_valid():
        try:
            actions.flag_issue(
                issue, by=request.user, flag=form.cleaned_data["flag"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã cập nhật theo dõi giám sát, chất vấn.")
            return redirect(issue)
    return forwarding.issue_page(request, issue, {"flag_form": form, "step": steps.FOLLOW_UP})


@login_required
@require_POST
def reforward(request: HttpRequest, pk: int) -> HttpResponse:
    from hdnd.petitions.views import forwarding, steps  # the issue page holds this step's panel

    found = forwarding_for(request, pk, MANAGE_PETITIONS)
    form = forms.ReforwardForm(request.POST, auto_id=f"id_reforward_{found.pk}_%s")
    if form.is_valid():
        try:
            made = actions.reforward(found, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, f"Đã chuyển lại đến {found.agency}, hạn trả lời {made.due_on:%d/%m/%Y}."
            )
            return redirect(found.issue)
    extra = {"reforward_form": form, "reforward_id": found.pk, "step": steps.FOLLOW_UP}
    return forwarding.issue_page(request, issue_for(request, found.issue_id, VIEW), extra)


@login_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    form = forms.CarryOverForm(request.POST, cycle=cycle)
    if not form.is_valid():
        messages.error(request, "Chọn một đợt tiếp xúc sau đợt này để nhận kiến nghị.")
        return redirect(cycle)
    try:
        carried = actions.carry_over(cycle, form.cleaned_data["target"], by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect(cycle)
    messages.success(
        request, f"Đã chuyển {len(carried)} kiến nghị chưa giải quyết sang {form.cleaned_data['target']}."
    )
    return redirect("petitions:synthesis", form.cleaned_data["target"].pk)


@login_required
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """A council's follow-up: work in progress by target date, flagged issues, poorly rated answers."""
    council = council_for(request, pk, VIEW)
    today = timezone.localdate()
    poor = (
        followup.latest_answers()
        .filter(
            forwarding__council=council,
            forwarding__reforwards__isnull=True,
            ratings__rating__in=followup.POOR_RATINGS,
        )
        .select_related("forwarding__issue", "forwarding__agency")
        .distinct()
        .order_by("answered_at")
    )
    context = {
        "council": council,
        "today": today,
        "in_progress": followup.in_progress([council.pk]),
        "flagged": PetitionIssue.objects.filter(council=council).exclude(flag="").select_related("cycle"),
        "poor": poor,
    }
    return render(request, "petitions/followup_board.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A delegate's petitions: those they carried or heard at a meeting, with each issue's answers.

    Published answers are shown as voters read them; the delegate also sees answers not yet published
    (they may rate them), marked as such.
    """
    people = RoleAssignment.objects.active().filter(
        user_id=request.user.pk or 0, role=Role.DELEGATE, person__isnull=False
    )
    person_ids = list(people.values_list("person_id", flat=True))
    petitions = (
        Petition.objects.filter(Q(delegate_id__in=person_ids) | Q(meeting__delegates__in=person_ids))
        .distinct()
        .select_related("meeting", "issue", "council")
        .order_by("-pk")
    )
    page = Paginator(petitions, 30).get_page(request.GET.get("page"))
    issue_ids = {p.issue_id for p in page if p.issue_id}
    answers: dict[int, list[Answer]] = {}
    for answer in (
        followup.latest_answers()
        .filter(forwarding__issue_id__in=issue_ids)
        .select_related("forwarding__agency")
    ):
        answers.setdefault(answer.forwarding.issue_id, []).append(answer)
    rows = [(p, answers.get(p.issue_id or 0, [])) for p in page]
    return render(
        request, "petitions/followup_mine.html", {"page": page, "rows": rows, "is_delegate": bool(person_ids)}
    )


@login_required
def answer_document(request: HttpRequest, pk: int) -> FileResponse:
    """An answer's document, to whoever may read the issue (never a public /media/ URL)."""
    answer = answer_for(request, pk, VIEW)
    return uploads.serve_file(answer.document, "van-ban-tra-loi")
