"""Work programmes, targets and tasks over the JSON API, scoped like the pages (VIEW_WORK to read,
MANAGE_PLANNING to change; a task's progress in the council that owns it, its deadline in the council
that gave it). Routers call the same loaders and actions as the pages; refusals answer 404/403/422 in
Vietnamese (``hdnd/api/main.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PLANNING, VIEW_WORK
from hdnd.core.paging import CappedPageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Body, Person

from . import actions, progress
from .models import Task, TaskSource, TaskStatus, WorkProgramme
from .permissions import council_for, given_task_for, programme_for, task_for

router = Router(tags=["Chương trình công tác, nhiệm vụ"])


class PlanningTargetOut(Schema):
    id: int
    figure: str
    label: str
    unit: str
    planned: int
    quarters: list[int]
    year_actual: int
    expected: int
    behind: bool
    counts_whole_council: bool


class PlanningProgrammeOut(Schema):
    id: int
    council_id: int
    body_id: int | None
    owner: str
    year: int
    title: str
    status: str
    adopted_on: dt.date | None
    adopted_by: str


class PlanningProgrammeDetailOut(PlanningProgrammeOut):
    targets: list[PlanningTargetOut]


class PlanningTaskOut(Schema):
    id: int
    council_id: int
    given_by_id: int
    content: str
    owner: str
    owner_body_id: int | None
    owner_person_id: int | None
    due_on: dt.date
    status: str
    overdue: bool
    progress: int
    progress_note: str
    done_on: dt.date | None
    source: str
    source_ref: str
    programme_id: int | None

    @staticmethod
    def resolve_overdue(obj: Task) -> bool:
        return obj.is_overdue()


class PlanningProgrammeIn(NfcIn):
    year: int
    body_id: int | None = None
    title: str = ""
    notes: str = ""


class PlanningAdoptIn(NfcIn):
    adopted_on: dt.date
    adopted_by: str


class PlanningTargetIn(NfcIn):
    figure: str
    planned: int = Field(ge=0, le=1_000_000)
    note: str = ""


class PlanningTaskIn(NfcIn):
    content: str
    due_on: dt.date
    owner_body_id: int | None = None
    owner_person_id: int | None = None
    programme_id: int | None = None
    source: str = TaskSource.OTHER
    source_ref: str = ""


class PlanningProgressIn(NfcIn):
    progress: int = Field(ge=0, le=100)
    note: str = ""
    on: dt.date | None = None
    done: bool = False


class PlanningExtendIn(NfcIn):
    due_on: dt.date
    reason: str


def _programme_out(programme: WorkProgramme, targets: list[progress.TargetProgress] | None = None) -> dict:
    out: dict[str, Any] = {
        "id": programme.pk,
        "council_id": programme.council_id,
        "body_id": programme.body_id,
        "owner": programme.owner_label,
        "year": programme.year,
        "title": programme.title,
        "status": programme.status,
        "adopted_on": programme.adopted_on,
        "adopted_by": programme.adopted_by,
    }
    if targets is not None:
        out["targets"] = [
            {
                "id": row.target.pk,
                "figure": row.target.figure,
                "label": row.label,
                "unit": row.unit,
                "planned": row.target.planned,
                "quarters": row.quarters,
                "year_actual": row.year_actual,
                "expected": row.expected,
                "behind": row.behind,
                "counts_whole_council": not row.by_body,
            }
            for row in targets
        ]
    return out


def _detail(programme: WorkProgramme) -> dict:
    return _programme_out(programme, progress.target_progress([programme])[programme.pk])


def _one_of[M](model: type[M], pk: int | None, field: str, message: str) -> M | None:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk).first()  # type: ignore[attr-defined]
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({field: [message]})
    return found


@router.get("/councils/{council_id}/work-programmes", response={200: list[PlanningProgrammeOut], **ERRORS})
def planning_programme_list(request: HttpRequest, council_id: int, year: int | None = None) -> list[dict]:
    council = council_for(request, council_id, VIEW_WORK)
    programmes = WorkProgramme.objects.filter(council=council).select_related("council", "body")
    if year is not None:
        programmes = programmes.filter(year=year)
    return [_programme_out(p) for p in programmes]


@router.post("/councils/{council_id}/work-programmes", response={201: PlanningProgrammeDetailOut, **ERRORS})
def planning_programme_create(request: HttpRequest, council_id: int, payload: PlanningProgrammeIn) -> Status:
    council = council_for(request, council_id, MANAGE_PLANNING)
    body = _one_of(Body, payload.body_id, "body_id", "Không có cơ quan này.")
    programme = actions.create_programme(
        council, by=request.user, year=payload.year, body=body, title=payload.title, notes=payload.notes
    )
    return Status(201, _detail(programme))


@router.get("/work-programmes/{programme_id}", response={200: PlanningProgrammeDetailOut, **ERRORS})
def planning_programme_detail(request: HttpRequest, programme_id: int) -> dict:
    return _detail(programme_for(request, programme_id, VIEW_WORK))


@router.post("/work-programmes/{programme_id}/adopt", response={200: PlanningProgrammeDetailOut, **ERRORS})
def planning_programme_adopt(request: HttpRequest, programme_id: int, payload: PlanningAdoptIn) -> dict:
    programme = programme_for(request, programme_id, MANAGE_PLANNING)
    return _detail(actions.adopt_programme(programme, by=request.user, **payload.dict()))


@router.post("/work-programmes/{programme_id}/targets", response={201: PlanningProgrammeDetailOut, **ERRORS})
def planning_target_add(request: HttpRequest, programme_id: int, payload: PlanningTargetIn) -> Status:
    programme = programme_for(request, programme_id, MANAGE_PLANNING)
    actions.add_target(programme, by=request.user, **payload.dict())
    return Status(201, _detail(programme))


@router.get("/councils/{council_id}/tasks", response={200: list[PlanningTaskOut], **ERRORS})
@paginate(CappedPageNumberPagination, page_size=50)
def planning_task_list(request: HttpRequest, council_id: int, given: bool = False, status: str = "") -> Any:
    """The council's tasks (``given=true``: those it gave to the councils below), behind first;
    ``status``: open, done or overdue."""
    council = council_for(request, council_id, VIEW_WORK)
    today = timezone.localdate()
    tasks = (
        Task.objects.filter(given_by=council).exclude(council=council)
        if given
        else Task.objects.filter(council=council)
    )
    if status == TaskStatus.OVERDUE:
        tasks = tasks.overdue(today)
    elif status in (TaskStatus.OPEN, TaskStatus.DONE):
        tasks = tasks.filter(status=status)
    return tasks.with_owners().behind_first(today)


@router.post("/councils/{council_id}/tasks", response={201: PlanningTaskOut, **ERRORS})
def planning_task_create(request: HttpRequest, council_id: int, payload: PlanningTaskIn) -> Status:
    council = council_for(request, council_id, MANAGE_PLANNING)
    task = actions.add_task(
        council,
        by=request.user,
        content=payload.content,
        due_on=payload.due_on,
        owner_body=_one_of(Body, payload.owner_body_id, "owner_body_id", "Không có cơ quan này."),
        owner_person=_one_of(Person, payload.owner_person_id, "owner_person_id", "Không có người này."),
        programme=_one_of(WorkProgramme, payload.programme_id, "programme_id", "Không có chương trình này."),
        source=payload.source,
        source_ref=payload.source_ref,
    )
    return Status(201, task)


@router.get("/tasks/{task_id}", response={200: PlanningTaskOut, **ERRORS})
def planning_task_detail(request: HttpRequest, task_id: int) -> Task:
    return task_for(request, task_id, VIEW_WORK)


@router.post("/tasks/{task_id}/progress", response={200: PlanningTaskOut, **ERRORS})
def planning_task_progress(request: HttpRequest, task_id: int, payload: PlanningProgressIn) -> Task:
    task = task_for(request, task_id, MANAGE_PLANNING)
    data = payload.dict()
    data["on"] = data["on"] or timezone.localdate()
    return actions.report_progress(task, by=request.user, **data)


@router.post("/tasks/{task_id}/extend", response={200: PlanningTaskOut, **ERRORS})
def planning_task_extend(request: HttpRequest, task_id: int, payload: PlanningExtendIn) -> Task:
    task = given_task_for(request, task_id, MANAGE_PLANNING)
    return actions.extend_task(task, by=request.user, **payload.dict())


ROUTERS = [router]
