"""Work programmes (``planning``) in the generated years, and the tasks they and the briefings give.

Each council adopts its work programme for the year in December before it (``adopted_by`` the year-end
session's resolution), with three targets on registered figures and about twenty tasks at scale 1,
due month after month and owned in turn by its bodies. ``tasks`` walks any task along
``TASK_TRANSITIONS`` to the history's last day: one not due yet is open, one due is done (a progress
report, ``TaskUpdate``, on the day it was done) or, one in eight, overdue with a partial report.
"""

from __future__ import annotations

from datetime import date, timedelta

from hdnd.councils.models import Council
from hdnd.planning.models import Target, Task, TaskSource, TaskStatus, TaskUpdate, WorkProgramme

from . import wording
from .ground import Ground, per_year, save

TASKS = 20
TARGETS = (
    ("oversight.thematic_held", 3, "Giám sát chuyên đề theo chương trình"),
    ("sittings.standing_meetings", 12, "Họp Thường trực hằng tháng"),
    ("reception.days_held", 12, "Tiếp công dân định kỳ"),
)
OFFICE = "Văn phòng HĐND"


def write(g: Ground) -> dict[str, int]:
    programmes = save(WorkProgramme, [_programme(g, c, year) for year in g.years for c in g.councils])
    targets = [
        Target(programme=p, figure=code, planned=planned, note=note)
        for p in programmes
        for code, planned, note in TARGETS
    ]
    save(Target, targets)
    rows = []
    count = per_year(TASKS, g.scale)
    for programme in programmes:
        council = programme.council
        bodies = list(g.bodies.get(council.pk, {}).values())
        commune = g.commune_name(council)
        for n in range(count):
            due = date(programme.year, 1 + n * 12 // count, 28)
            rows.append(
                Task(
                    council=council,
                    given_by=council,
                    content=wording.fill(g.rng, g.pick(wording.TASKS), commune, programme.year),
                    owner_body=bodies[n % len(bodies)] if bodies else None,
                    due_on=due,
                    source=TaskSource.PROGRAMME,
                    programme=programme,
                    source_ref=programme.title,
                )
            )
    updates = tasks(g, rows)
    return {
        "work_programmes": len(programmes),
        "targets": len(targets),
        "programme_tasks": len(rows),
        "task_updates": updates,
    }


def _programme(g: Ground, council: Council, year: int) -> WorkProgramme:
    adopted = date(year - 1, 12, g.rng.randint(10, 22))
    ready = adopted <= g.as_of
    return WorkProgramme(
        council=council,
        year=year,
        title=f"Chương trình công tác năm {year} của {council.name}",
        status="adopted" if ready else "draft",
        adopted_on=adopted if ready else None,
        adopted_by=f"Nghị quyết của {council.name} tại kỳ họp cuối năm {year - 1}" if ready else "",
    )


def tasks(g: Ground, rows: list[Task]) -> int:
    """Walk each task to ``as_of``, write them and their progress reports; the number of reports."""
    reports: list[tuple[Task, TaskUpdate]] = []
    for task in rows:
        if task.due_on > g.as_of:
            continue
        if g.chance(1 / 8):
            task.status, task.progress = TaskStatus.OVERDUE, g.rng.randint(10, 80)
            task.progress_note = g.pick(wording.PROGRESS[2:])
            on = task.due_on - timedelta(days=g.rng.randint(5, 20))
        else:
            on = min(task.due_on - timedelta(days=g.rng.randint(-7, 20)), g.as_of)
            task.status, task.progress, task.done_on = TaskStatus.DONE, 100, on
            task.progress_note = g.pick(wording.PROGRESS[:2])
        update = TaskUpdate(on=on, progress=task.progress, note=task.progress_note, by_label=OFFICE)
        reports.append((task, update))
    save(Task, rows)
    for task, update in reports:
        update.task = task
    save(TaskUpdate, [u for _, u in reports])
    return len(reports)
