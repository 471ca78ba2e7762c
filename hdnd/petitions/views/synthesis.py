"""The synthesis page: a cycle's issues with their petitions, the synthesis itself (at once, or in the
background with a progress bar), and the review steps (move, split, mark duplicate, merge, confirm)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can
from hdnd.core.shortcuts import render, run_step
from hdnd.petitions import background, forms
from hdnd.petitions.actions import synthesis as actions
from hdnd.petitions.grouping import explain_grouping, issue_choices
from hdnd.petitions.models import Cycle, Petition, PetitionIssue
from hdnd.petitions.permissions import cycle_for, issue_for, petition_for, run_for

GET_POST = require_http_methods(["GET", "POST"])
ISSUES_PER_PAGE = 30
SELECT_LIMIT = 100  # more draft issues than this: staff type the issue number instead of picking it


def _synthesis_url(obj: Petition | PetitionIssue) -> str:
    """The synthesis page showing ``obj``'s issue, at its anchor, so review goes on where it was."""
    url = reverse("petitions:synthesis", args=[obj.cycle_id])
    issue_id = obj.issue_id if isinstance(obj, Petition) else obj.pk
    if issue_id is None:
        return url
    before = PetitionIssue.objects.filter(cycle_id=obj.cycle_id, pk__lt=issue_id).count()
    return f"{url}?page={before // ISSUES_PER_PAGE + 1}#issue-{issue_id}"


@login_required
@GET_POST
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's issues with their petitions, a page at a time; POST synthesises the new petitions,
    at once for a few, in the background (with a progress bar) for many."""
    cycle = cycle_for(request, pk, MANAGE_PETITIONS if request.method == "POST" else VIEW)
    if request.method == "POST":
        return _synthesize(request, cycle)
    petitions = Petition.objects.select_related("meeting", "delegate", "from_council").order_by("pk")
    page = Paginator(cycle.issues.order_by("pk"), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    issues = list(
        cycle.issues.filter(pk__in=[issue.pk for issue in page])
        .select_related("field")
        .prefetch_related(Prefetch("petitions", queryset=petitions))
        .order_by("pk")
    )
    if stale := explain_grouping(issues):
        background.explain_soon(stale)
    drafts = cycle.issues.filter(status=PetitionIssue.Status.DRAFT).order_by("pk")
    draft_count = drafts.count()
    choices = issue_choices(list(drafts)) if draft_count <= SELECT_LIMIT else []
    _other_drafts(issues, choices)
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "issues": issues,
        "page": page,
        "draft_count": draft_count,
        "drafts": choices,
        "new_count": background.pending_count(cycle),
        "run": cycle.synthesis_runs.first(),
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/issue_list.html", context)


def _other_drafts(issues: list[PetitionIssue], choices: list[tuple[int, str]]) -> None:
    """Each issue's ``other_drafts``: the options of the move and merge selects, every draft issue but
    itself, printed once for the page: a page of 30 issues and 90 petitions drew up to 100 options in
    each of its 120 selects through the template engine (100 ms at national size)."""
    options = [(pk, format_html('<option value="{}">{}</option>', pk, label)) for pk, label in choices]
    for issue in issues:
        issue.other_drafts = mark_safe("".join(o for pk, o in options if pk != issue.pk))  # type: ignore[attr-defined]  # noqa: S308


def _synthesize(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """At once for a few new petitions, in the background for many; a run whose worker died is
    replaced, and the clerk is told when it stopped."""
    interrupted = list(background.stale_runs().filter(cycle=cycle))
    try:
        if background.pending_count(cycle) > background.SYNC_LIMIT:
            actions.start_synthesis(cycle.council, cycle, by=request.user)
            messages.info(request, "Đã bắt đầu tổng hợp nền; tiến độ hiển thị bên dưới.")
        else:
            issues = actions.synthesize_cycle(cycle.council, cycle, by=request.user)
            messages.success(request, f"Đã tổng hợp thành {len(issues)} kiến nghị (dự thảo).")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        for run in interrupted:
            messages.warning(request, background.RERUN.format(at=background.last_beat(run)))
    return redirect("petitions:synthesis", cycle.pk)


@login_required
def synthesis_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar of a background synthesis, polled by htmx; reloads the page once it ends."""
    run = run_for(request, pk, VIEW)
    response = render(request, "petitions/synthesis_run.html", {"run": run, "cycle": run.cycle})
    if not run.is_active and request.GET.get("polling"):
        response["HX-Refresh"] = "true"
    return response


def _chosen_issue(request: HttpRequest, cycle: Cycle, exclude: int | None) -> PetitionIssue | None:
    form = forms.IssueChoiceForm(request.POST, cycle=cycle, exclude=exclude)
    if not form.is_valid():
        messages.error(request, "Chọn một kiến nghị dự thảo khác của cùng đợt.")
        return None
    return PetitionIssue.objects.get(pk=form.cleaned_data["issue"])


@login_required
@require_POST
def petition_move(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_for(request, pk, MANAGE_PETITIONS)
    target = _chosen_issue(request, petition.cycle, exclude=petition.issue_id)
    if target is None:
        return redirect(_synthesis_url(petition))
    run = lambda: actions.move_petition(petition, target, by=request.user)  # noqa: E731
    return run_step(request, _synthesis_url(petition), run, f"Đã chuyển ý kiến sang kiến nghị #{target.pk}.")


@login_required
@require_POST
def petition_split(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_for(request, pk, MANAGE_PETITIONS)
    run = lambda: actions.split_petition_out(petition, by=request.user)  # noqa: E731
    return run_step(request, _synthesis_url(petition), run, "Đã tách ý kiến thành kiến nghị riêng.")


@login_required
@require_POST
def petition_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_for(request, pk, MANAGE_PETITIONS)
    run = lambda: actions.mark_duplicate_kept(petition, by=request.user)  # noqa: E731
    return run_step(request, _synthesis_url(petition), run, "Đã đánh dấu: trùng, lưu theo dõi.")


@login_required
@require_POST
def issue_merge(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    other = _chosen_issue(request, issue.cycle, exclude=issue.pk)
    if other is None:
        return redirect(_synthesis_url(issue))
    run = lambda: actions.merge_issues(issue, other, by=request.user)  # noqa: E731
    return run_step(request, _synthesis_url(issue), run, f"Đã gộp kiến nghị #{other.pk} vào #{issue.pk}.")


@login_required
@require_POST
def issue_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    run = lambda: actions.confirm_issue(issue, by=request.user)  # noqa: E731
    return run_step(request, _synthesis_url(issue), run, "Đã xác nhận kiến nghị.")
