"""Pages for work programmes, their targets (planned against counted), and tasks.

Objects come through ``permissions`` (404 outside scope, 403 without the right): VIEW_WORK to read,
MANAGE_PLANNING to change. A task's progress is reported in the council that owns it; the council that
gave it extends or reopens it. Writes go through ``actions``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PLANNING, VIEW_WORK, can
from hdnd.core import figures
from hdnd.core.audit import history_for
from hdnd.core.paging import CappedPaginator
from hdnd.core.periods import Period
from hdnd.core.shortcuts import add_errors, post_step, render, run_step

from . import actions, progress
from .forms import (
    AdoptForm,
    ExtendForm,
    ProgrammeForm,
    ProgressForm,
    ReopenForm,
    TargetForm,
    TaskFilterForm,
    TaskForm,
)
from .models import Task, TaskStatus, WorkProgramme
from .permissions import council_for, given_task_for, programme_for, target_for, task_for

GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 25


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


# Programmes --------------------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's programmes for a year: targets behind and tasks overdue, what is behind first."""
    council = council_for(request, pk, VIEW_WORK)
    year = _year(request)
    today = timezone.localdate()
    overdue = Q(tasks__status=TaskStatus.OVERDUE) | Q(tasks__status=TaskStatus.OPEN, tasks__due_on__lt=today)
    programmes = (
        WorkProgramme.objects.filter(council=council, year=year)
        .select_related("body", "council")
        .annotate(
            n_open=Count("tasks", filter=~Q(tasks__status=TaskStatus.DONE), distinct=True),
            n_overdue=Count("tasks", filter=overdue, distinct=True),
        )
    )
    years = sorted(
        set(WorkProgramme.objects.filter(council=council).values_list("year", flat=True)) | {today.year, year}
    )
    context = {
        "council": council,
        "year": year,
        "years": years,
        "rows": progress.summaries(programmes, today),
        "can_manage": can(request.user, council, MANAGE_PLANNING),
    }
    return render(request, "planning/programme_list.html", context)


@login_required
@GET_POST
def programme_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PLANNING)
    form = ProgrammeForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            programme = actions.create_programme(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lập chương trình công tác (dự thảo).")
            return redirect(programme)
    return render(request, "planning/programme_form.html", {"council": council, "form": form})


def _programme_page(request: HttpRequest, programme: WorkProgramme, extra: Mapping[str, Any]) -> HttpResponse:
    council = programme.council
    manage = can(request.user, council, MANAGE_PLANNING)
    today = timezone.localdate()
    tasks = Task.objects.filter(programme=programme).with_owners().behind_first(today)
    context: dict[str, Any] = {
        "council": council,
        "programme": programme,
        "targets": progress.target_progress([programme], today)[programme.pk],
        "quarters_ended": progress.quarters_ended(programme.year, today),
        "tasks": tasks,
        "today": today,
        "can_manage": manage,
        "history": history_for(programme),
    }
    if manage:
        context |= {
            "adopt_form": AdoptForm(initial={"adopted_on": today}),
            "target_form": TargetForm(),
            "task_form": TaskForm(council=council, programme=programme),
        }
    return render(request, "planning/programme_detail.html", context | dict(extra))


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, programme_for(request, pk, VIEW_WORK), {})


@login_required
@require_POST
def programme_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        programme,
        AdoptForm(request.POST),
        lambda data: actions.adopt_programme(programme, by=request.user, **data),
        "Đã ghi nhận chương trình được thông qua.",
        page=lambda extra: _programme_page(request, programme, extra),
        name="adopt_form",
    )


@login_required
@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        programme,
        TargetForm(request.POST),
        lambda data: actions.add_target(programme, by=request.user, **data),
        "Đã thêm chỉ tiêu.",
        page=lambda extra: _programme_page(request, programme, extra),
        name="target_form",
    )


@login_required
@require_POST
def target_remove(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk, MANAGE_PLANNING)
    return run_step(
        request,
        target.programme,
        lambda: actions.remove_target(target, by=request.user),
        "Đã bỏ chỉ tiêu.",
    )


@login_required
def target_records(request: HttpRequest, pk: int) -> HttpResponse:
    """The records behind a target's actual value, for a quarter or the year (``?ky=2026-Q1``)."""
    target = target_for(request, pk, VIEW_WORK)
    programme = target.programme
    try:
        figure = figures.get(target.figure)
    except KeyError:
        raise Http404 from None
    try:
        period = Period.parse(request.GET.get("ky") or str(programme.year))
    except ValidationError:
        period = Period.parse(str(programme.year))
    if period.year != programme.year:
        period = Period.parse(str(programme.year))
    records = figure.records([programme.council_id], period)
    by_body = bool(progress.body_field(figure) and programme.body_id)
    if by_body:
        records = records.filter(**{progress.body_field(figure): programme.body_id})
    page = CappedPaginator(records.order_by("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    periods = [Period.parse(f"{programme.year}-Q{q}") for q in progress.QUARTERS] + [
        Period.parse(str(programme.year))
    ]
    context = {
        "council": programme.council,
        "programme": programme,
        "target": target,
        "figure": figure,
        "period": period,
        "periods": periods,
        "by_body": by_body,
        "page": page,
    }
    return render(request, "planning/target_records.html", context)


@login_required
@require_POST
def programme_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        programme,
        TaskForm(request.POST, council=programme.council, programme=programme),
        lambda data: actions.add_task(programme.council, by=request.user, programme=programme, **data),
        "Đã giao nhiệm vụ.",
        page=lambda extra: _programme_page(request, programme, extra),
        name="task_form",
    )


# Tasks -------------------------------------------------------------------------------------------------


@login_required
def task_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's tasks (``?giao=1``: those it gave to the councils below), behind first."""
    council = council_for(request, pk, VIEW_WORK)
    today = timezone.localdate()
    given = request.GET.get("giao") == "1"
    tasks = (
        Task.objects.filter(given_by=council).exclude(council=council)
        if given
        else Task.objects.filter(council=council)
    )
    counts = tasks.aggregate(
        total=Count("pk"),
        overdue=Count(
            "pk", filter=Q(status=TaskStatus.OVERDUE) | Q(status=TaskStatus.OPEN, due_on__lt=today)
        ),
        done=Count("pk", filter=Q(status=TaskStatus.DONE)),
    )
    status = TaskFilterForm(request.GET).data.get("status", "")
    if status == "behind":
        tasks = tasks.overdue(today)
    elif status in (TaskStatus.OPEN, TaskStatus.DONE):
        tasks = tasks.filter(status=status)
    page = CappedPaginator(tasks.with_owners().behind_first(today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "council": council,
        "given": given,
        "status": status,
        "counts": counts,
        "page": page,
        "today": today,
        "can_manage": can(request.user, council, MANAGE_PLANNING),
    }
    return render(request, "planning/task_list.html", context)


@login_required
@GET_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_PLANNING)
    form = TaskForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            task = actions.add_task(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã giao nhiệm vụ.")
            return redirect(task)
    return render(request, "planning/task_form.html", {"council": council, "form": form})


def _task_page(request: HttpRequest, task: Task, extra: Mapping[str, Any]) -> HttpResponse:
    report = can(request.user, task.council, MANAGE_PLANNING)
    give = can(request.user, task.given_by, MANAGE_PLANNING)
    context: dict[str, Any] = {
        "council": task.council,
        "task": task,
        "today": timezone.localdate(),
        "updates": task.updates.all(),
        "briefing_items": _briefing_items(task),
        "can_report": report and task.status != TaskStatus.DONE,
        "can_give": give,
        "history": history_for(task),
    }
    if report:
        context["progress_form"] = ProgressForm(initial={"progress": task.progress})
    if give:
        context |= {"extend_form": ExtendForm(), "reopen_form": ReopenForm()}
    return render(request, "planning/task_detail.html", context | dict(extra))


def _briefing_items(task: Task) -> list[Any]:
    # Briefing conclusions name their tasks (briefings depends on planning, never the reverse).
    related = getattr(task, "briefing_items", None)
    return list(related.select_related("briefing")) if related is not None else []


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, task_for(request, pk, VIEW_WORK), {})


@login_required
@require_POST
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        task,
        ProgressForm(request.POST),
        lambda data: actions.report_progress(task, by=request.user, **data),
        "Đã báo cáo tiến độ.",
        page=lambda extra: _task_page(request, task, extra),
        name="progress_form",
    )


@login_required
@require_POST
def task_extend(request: HttpRequest, pk: int) -> HttpResponse:
    task = given_task_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        task,
        ExtendForm(request.POST),
        lambda data: actions.extend_task(task, by=request.user, **data),
        "Đã gia hạn nhiệm vụ.",
        page=lambda extra: _task_page(request, task, extra),
        name="extend_form",
    )


@login_required
@require_POST
def task_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    task = given_task_for(request, pk, MANAGE_PLANNING)
    return post_step(
        request,
        task,
        ReopenForm(request.POST),
        lambda data: actions.reopen_task(task, by=request.user, **data),
        "Đã mở lại nhiệm vụ.",
        page=lambda extra: _task_page(request, task, extra),
        name="reopen_form",
    )
