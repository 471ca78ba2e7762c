"""Pages for voter contact: cycles, meetings, petition entry, and the synthesis of petitions into issues.

Every object comes through ``get_object_for_user``: 404 outside the user's scope, 403 inside it
without the right. Writes go through ``actions``; the forms only check and clean the input.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Prefetch, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import ANSWER_PETITIONS, MANAGE_PETITIONS, VIEW, can, get_object_for_user
from hdnd.core.shortcuts import post_step, render
from hdnd.councils.models import Agency, Council

from . import actions, background, forms, forwarding, panels
from .models import (
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    Petition,
    PetitionIssue,
    SynthesisRun,
    VoterMeeting,
)

GET_POST = require_http_methods(["GET", "POST"])


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def _cycle(request: HttpRequest, pk: int, action: str) -> Cycle:
    return get_object_for_user(request.user, Cycle.objects.select_related("council"), pk, action)


def _meeting(request: HttpRequest, pk: int, action: str) -> VoterMeeting:
    queryset = VoterMeeting.objects.select_related("council", "cycle", "place")
    return get_object_for_user(request.user, queryset, pk, action)


def _add_errors(form: Any, error: ValidationError) -> None:
    """Show an action's validation error on the form: on its field when the form has it."""
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, texts in pairs:
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _synthesis_url(obj: Petition | PetitionIssue) -> str:
    """The synthesis page showing ``obj``'s issue, at its anchor, so review goes on where it was."""
    url = reverse("petitions:synthesis", args=[obj.cycle_id])
    issue_id = obj.issue_id if isinstance(obj, Petition) else obj.pk
    if issue_id is None:
        return url
    before = PetitionIssue.objects.filter(cycle_id=obj.cycle_id, pk__lt=issue_id).count()
    return f"{url}?page={before // ISSUES_PER_PAGE + 1}#issue-{issue_id}"


# Cycles ------------------------------------------------------------------------------------------


@login_required
def cycle_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
    cycles = Cycle.objects.filter(council=council).annotate(
        meeting_count=Count("meetings", distinct=True), petition_count=Count("petitions", distinct=True)
    )
    context = {
        "council": council,
        "cycles": cycles,
        "can_manage": can(request.user, council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/cycle_list.html", context)


@login_required
@GET_POST
def cycle_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_PETITIONS)
    form = forms.CycleForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = actions.create_cycle(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Đã tạo đợt tiếp xúc cử tri.")
            return redirect(cycle)
    return render(request, "petitions/cycle_form.html", {"council": council, "form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, VIEW)
    meetings = cycle.meetings.annotate(petition_count=Count("petitions")).order_by("-date", "-pk")
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "meetings": meetings,
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
        "panels": panels.collect(request, cycle, panels.CYCLE),
    }
    return render(request, "petitions/cycle_detail.html", context)


# Meetings and petition entry ---------------------------------------------------------------------


@login_required
@GET_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk, MANAGE_PETITIONS)
    form = forms.MeetingForm(request.POST or None, council=cycle.council)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.record_meeting(cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Đã ghi nhận buổi tiếp xúc; mã tra cứu: {meeting.code}.")
            return redirect(meeting)
    return render(
        request, "petitions/meeting_form.html", {"council": cycle.council, "cycle": cycle, "form": form}
    )


def _meeting_context(request: HttpRequest, meeting: VoterMeeting, form: Any) -> dict[str, Any]:
    petitions = meeting.petitions.select_related("delegate").order_by("pk")
    return {
        "council": meeting.council,
        "cycle": meeting.cycle,
        "meeting": meeting,
        "delegates": meeting.delegates.order_by("name_key"),
        "petitions": petitions,
        "form": form,
        "can_manage": can(request.user, meeting.council, MANAGE_PETITIONS),
        "panels": panels.collect(request, meeting, panels.MEETING),
    }


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, VIEW)
    form = forms.PetitionForm(meeting=meeting)
    return render(request, "petitions/meeting_detail.html", _meeting_context(request, meeting, form))


@login_required
@require_POST
def petition_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Keyboard-first entry: htmx gets the updated list and a fresh form; typed text survives errors."""
    meeting = _meeting(request, pk, MANAGE_PETITIONS)
    form = forms.PetitionForm(request.POST, meeting=meeting)
    saved = False
    if form.is_valid():
        try:
            actions.register_petition(
                meeting.council,
                by=request.user,
                cycle=meeting.cycle,
                meeting=meeting,
                source=Petition.Source.MEETING,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            saved = True
            form = forms.PetitionForm(meeting=meeting)
    if not getattr(request, "htmx", False):
        if saved:
            messages.success(request, "Đã lưu ý kiến.")
            return redirect(meeting)
        return render(request, "petitions/meeting_detail.html", _meeting_context(request, meeting, form))
    context = {**_meeting_context(request, meeting, form), "saved": saved}
    return render(request, "petitions/meeting_detail.html#entry", context)


@login_required
@GET_POST
def petition_paste(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, MANAGE_PETITIONS)
    form = forms.PasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.register_petitions_from_list(
                meeting.council,
                by=request.user,
                cycle=meeting.cycle,
                meeting=meeting,
                source=Petition.Source.MEETING,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Đã nhập {len(created)} ý kiến.")
            return redirect(meeting)
    context = {"council": meeting.council, "cycle": meeting.cycle, "meeting": meeting, "form": form}
    return render(request, "petitions/petition_paste.html", context)


# Synthesis and review ----------------------------------------------------------------------------


ISSUES_PER_PAGE = 30
SELECT_LIMIT = 100  # more draft issues than this: staff type the issue number instead of picking it


@login_required
@GET_POST
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's issues with their petitions, a page at a time; POST synthesises the new petitions,
    at once for a few, in the background (with a progress bar) for many."""
    cycle = _cycle(request, pk, MANAGE_PETITIONS if request.method == "POST" else VIEW)
    if request.method == "POST":
        try:
            if background.pending_count(cycle) > background.SYNC_LIMIT:
                background.start_synthesis(cycle.council, cycle, by=request.user)
                messages.info(request, "Đã bắt đầu tổng hợp nền; tiến độ hiển thị bên dưới.")
            else:
                issues = actions.synthesize_cycle(cycle.council, cycle, by=request.user)
                messages.success(request, f"Đã tổng hợp thành {len(issues)} kiến nghị (dự thảo).")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("petitions:synthesis", cycle.pk)
    petitions = Petition.objects.select_related("meeting", "delegate", "from_council").order_by("pk")
    page = Paginator(cycle.issues.order_by("pk"), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    issues = list(
        cycle.issues.filter(pk__in=[issue.pk for issue in page])
        .select_related("field")
        .prefetch_related(Prefetch("petitions", queryset=petitions))
        .order_by("pk")
    )
    drafts = cycle.issues.filter(status=PetitionIssue.Status.DRAFT).order_by("pk")
    draft_count = drafts.count()
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "issues": issues,
        "page": page,
        "draft_count": draft_count,
        "drafts": actions.issue_choices(list(drafts)) if draft_count <= SELECT_LIMIT else [],
        "new_count": background.pending_count(cycle),
        "run": cycle.synthesis_runs.first(),
        "can_manage": can(request.user, cycle.council, MANAGE_PETITIONS),
    }
    return render(request, "petitions/issue_list.html", context)


@login_required
def synthesis_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar of a background synthesis, polled by htmx; reloads the page once it ends."""
    run = get_object_for_user(request.user, SynthesisRun.objects.select_related("cycle"), pk, VIEW)
    response = render(request, "petitions/synthesis_run.html", {"run": run, "cycle": run.cycle})
    if not run.is_active and request.GET.get("polling"):
        response["HX-Refresh"] = "true"
    return response


def _review(request: HttpRequest, run: Any, done: str, success: str) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(done)


def _petition(request: HttpRequest, pk: int) -> Petition:
    return get_object_for_user(request.user, Petition.objects.all(), pk, MANAGE_PETITIONS)


def _issue(request: HttpRequest, pk: int) -> PetitionIssue:
    return get_object_for_user(request.user, PetitionIssue.objects.all(), pk, MANAGE_PETITIONS)


def _chosen_issue(request: HttpRequest, cycle: Cycle, exclude: int | None) -> PetitionIssue | None:
    form = forms.IssueChoiceForm(request.POST, cycle=cycle, exclude=exclude)
    if not form.is_valid():
        messages.error(request, "Chọn một kiến nghị dự thảo khác của cùng đợt.")
        return None
    return PetitionIssue.objects.get(pk=form.cleaned_data["issue"])


@login_required
@require_POST
def petition_move(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    target = _chosen_issue(request, petition.cycle, exclude=petition.issue_id)
    if target is None:
        return redirect(_synthesis_url(petition))
    run = lambda: actions.move_petition(petition, target, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), f"Đã chuyển ý kiến sang kiến nghị #{target.pk}.")


@login_required
@require_POST
def petition_split(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    run = lambda: actions.split_petition_out(petition, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), "Đã tách ý kiến thành kiến nghị riêng.")


@login_required
@require_POST
def petition_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    run = lambda: actions.mark_duplicate_kept(petition, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(petition), "Đã đánh dấu: trùng, lưu theo dõi.")


@login_required
@require_POST
def issue_merge(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    other = _chosen_issue(request, issue.cycle, exclude=issue.pk)
    if other is None:
        return redirect(_synthesis_url(issue))
    run = lambda: actions.merge_issues(issue, other, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(issue), f"Đã gộp kiến nghị #{other.pk} vào #{issue.pk}.")


@login_required
@require_POST
def issue_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    run = lambda: actions.confirm_issue(issue, by=request.user)  # noqa: E731
    return _review(request, run, _synthesis_url(issue), "Đã xác nhận kiến nghị.")


# Forwarding, answers and ratings -----------------------------------------------------------------
#
# Issues, forwardings and answers are read with VIEW (answers are published to voters anyway). Acting
# on a forwarding needs MANAGE_PETITIONS (office staff, on the agency's behalf) or ANSWER_PETITIONS
# *and* a responder's seat in that very agency: a responder of another agency gets 404.


def _issue_context(request: HttpRequest, issue: PetitionIssue, **extra: Any) -> dict[str, Any]:
    answers = Answer.objects.select_related("answered_by").prefetch_related(
        Prefetch("ratings", queryset=AnswerRating.objects.order_by("pk"))
    )
    forwardings = issue.forwardings.select_related("agency").prefetch_related(Prefetch("answers", answers))
    can_manage = can(request.user, issue.council, MANAGE_PETITIONS)
    context = {
        "council": issue.council,
        "cycle": issue.cycle,
        "issue": issue,
        "petitions": issue.petitions.select_related("meeting").order_by("pk"),
        "forwardings": forwardings,
        "today": timezone.localdate(),
        "can_manage": can_manage,
        "can_rate": forwarding.is_delegate_of(request.user, issue.council_id),
        "rating_form": forms.RatingForm(),
        "panels_before": panels.collect(request, issue, panels.ISSUE_BEFORE_FORWARDING),
        "panels_after": panels.collect(request, issue, panels.ISSUE_AFTER_FORWARDING),
    }
    if can_manage and not issue.is_draft and "form" not in extra:
        context["form"] = forms.ForwardForm(council=issue.council)
    return {**context, **extra}


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = PetitionIssue.objects.select_related("council", "cycle", "field")
    issue = get_object_for_user(request.user, queryset, pk, VIEW)
    return render(request, "petitions/issue_detail.html", _issue_context(request, issue))


@login_required
@require_POST
def issue_forward(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = PetitionIssue.objects.select_related("council", "cycle", "field")
    issue = get_object_for_user(request.user, queryset, pk, MANAGE_PETITIONS)
    form = forms.ForwardForm(request.POST, council=issue.council)
    if form.is_valid():
        try:
            created = forwarding.forward_issue(
                issue,
                form.cleaned_data["agencies"],
                by=request.user,
                letter_number=form.cleaned_data["letter_number"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Đã chuyển kiến nghị đến {len(created)} cơ quan.")
            return redirect(issue)
    return render(request, "petitions/issue_detail.html", _issue_context(request, issue, form=form))


@login_required
@require_POST
def forwarding_letter_number(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or correct the number of the letter that forwarded an issue (staff of the council)."""
    queryset = Forwarding.objects.select_related("council", "issue")
    found = get_object_for_user(request.user, queryset, pk, MANAGE_PETITIONS)

    def run(data: dict[str, Any]) -> object:
        return forwarding.record_letter_number(found, by=request.user, **data)

    back_to = f"{found.issue.get_absolute_url()}#forwarding-{found.pk}"
    return post_step(
        request, back_to, forms.LetterNumberForm(request.POST), run, "Đã ghi số công văn chuyển."
    )


def _answering(request: HttpRequest, council_id: int, agency_id: int) -> None:
    """404 for a responder of another agency, 403 for roles that do not answer."""
    if can(request.user, council_id, MANAGE_PETITIONS):
        return
    if forwarding.responds_for(request.user, agency_id):
        return
    if can(request.user, council_id, ANSWER_PETITIONS):
        raise Http404
    raise PermissionDenied


def _forwarding(request: HttpRequest, pk: int) -> Forwarding:
    queryset = Forwarding.objects.select_related("council", "agency", "issue")
    found = get_object_for_user(request.user, queryset, pk, VIEW)
    _answering(request, found.council_id, found.agency_id)
    return found


@login_required
def agency_inbox(request: HttpRequest, pk: int) -> HttpResponse:
    """The issues forwarded to one agency: open ones first, with their due dates and answers."""
    agency = get_object_for_user(request.user, Agency.objects.select_related("council"), pk, VIEW)
    _answering(request, agency.council_id, agency.pk)
    forwardings = (
        Forwarding.objects.filter(agency=agency)
        .select_related("issue")
        .prefetch_related(Prefetch("answers", Answer.objects.order_by("pk")))
        .order_by(Case(When(status=Forwarding.Status.ANSWERED, then=1), default=0), "due_on", "pk")
    )
    context = {
        "council": agency.council,
        "agency": agency,
        "forwardings": forwardings,
        "today": timezone.localdate(),
    }
    return render(request, "petitions/agency_inbox.html", context)


@login_required
@require_POST
def forwarding_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    found = _forwarding(request, pk)
    run = lambda: forwarding.acknowledge_forwarding(found, by=request.user)  # noqa: E731
    done = reverse("petitions:agency_inbox", args=[found.agency_id])
    return _review(request, run, done, "Đã xác nhận nhận kiến nghị.")


@login_required
@GET_POST
def forwarding_answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = _forwarding(request, pk)
    form = forms.AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            forwarding.record_answer(found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Đã ghi nhận trả lời.")
            return redirect("petitions:agency_inbox", found.agency_id)
    context = {"council": found.council, "forwarding": found, "form": form}
    return render(request, "petitions/forwarding_answer.html", context)


@login_required
@require_POST
def answer_rate(request: HttpRequest, pk: int) -> HttpResponse:
    answer = Answer.objects.filter(pk=pk).first()
    if answer is None:
        raise Http404
    queryset = Forwarding.objects.select_related("issue")
    found = get_object_for_user(request.user, queryset, answer.forwarding_id, VIEW)
    if not forwarding.is_delegate_of(request.user, found.council_id):
        raise PermissionDenied
    form = forms.RatingForm(request.POST)
    issue = found.issue
    if not form.is_valid():
        messages.error(request, "Chọn mức đánh giá.")
        return redirect(issue)
    run = lambda: forwarding.rate_answer(answer, by=request.user, rating=form.cleaned_data["rating"])  # noqa: E731
    return _review(request, run, issue.get_absolute_url(), "Đã ghi nhận đánh giá của đại biểu.")


@login_required
def overdue_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Quá hạn: the council's forwardings past their due date, counted per agency and listed."""
    council = _council(request, pk, VIEW)
    today = timezone.localdate()
    overdue = Forwarding.objects.filter(council=council).overdue(today)
    per_agency = (
        overdue.values("agency_id", "agency__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "agency__name")
    )
    rows = [
        (f, f.days_overdue(today)) for f in overdue.select_related("agency", "issue").order_by("due_on", "pk")
    ]
    context = {"council": council, "per_agency": per_agency, "rows": rows, "today": today}
    return render(request, "petitions/overdue_board.html", context)
