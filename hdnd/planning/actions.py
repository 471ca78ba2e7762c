"""Every change to work programmes, targets and tasks, and the daily reminder and overdue jobs.

Each runs in a transaction, locks the row it changes, checks the transition table (``PROGRAMME_TRANSITIONS``,
``TASK_TRANSITIONS``) and writes one audit entry; mail goes out after commit. ``add_task`` is also the
door the briefings app uses to turn a conclusion into tasks for named communes and bodies.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core import figures
from hdnd.core.audit import Actor, record
from hdnd.core.calendar import WorkingCalendar, add_working_days
from hdnd.core.outbox import queue_mail
from hdnd.core.periods import MAX_YEAR, MIN_YEAR
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Body, Council, Person

from .models import (
    PROGRAMME_TRANSITIONS,
    TASK_TRANSITIONS,
    ProgrammeStatus,
    Target,
    Task,
    TaskSource,
    TaskStatus,
    TaskUpdate,
    WorkProgramme,
)

ACTION_LABELS = {
    "planning.create_programme": "Lập chương trình công tác",
    "planning.edit_programme": "Sửa chương trình công tác",
    "planning.adopt_programme": "Thông qua chương trình công tác",
    "planning.add_target": "Thêm chỉ tiêu vào chương trình công tác",
    "planning.remove_target": "Bỏ chỉ tiêu khỏi chương trình công tác",
    "planning.add_task": "Giao nhiệm vụ",
    "planning.report_progress": "Báo cáo tiến độ thực hiện nhiệm vụ",
    "planning.extend_task": "Gia hạn nhiệm vụ",
    "planning.reopen_task": "Mở lại nhiệm vụ",
    "planning.mark_overdue": "Nhiệm vụ chuyển sang quá hạn",
    "planning.remind_task": "Nhắc hạn nhiệm vụ",
}
# Registered with the audit log by the app's ready() (apps.py).

SYSTEM = "nhắc hạn tự động"
REMIND_WORKING_DAYS = 3  # remind the owner this many working days before the deadline
TITLE_MAX = 255


# Programmes and targets ----------------------------------------------------------------------------


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."})


def create_programme(
    council: Council, *, by: Actor, year: int, title: str = "", body: Body | None = None, notes: str = ""
) -> WorkProgramme:
    """Open the draft work programme of the council, or of one of its bodies, for ``year``."""
    _check_year(year)
    if body is not None and body.council_id != council.pk:
        raise ValidationError({"body": "Chọn cơ quan của HĐND này."})
    owner = body.name if body is not None else council.name
    title = nfc(title) or f"Chương trình công tác năm {year} của {owner}"
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": "Tên chương trình dài quá 255 ký tự."})
    with transaction.atomic():
        taken = WorkProgramme.objects.select_for_update().filter(council=council, body=body, year=year)
        if taken.exists():
            raise ValidationError({"year": f"{owner} đã có chương trình công tác năm {year}."})
        programme = WorkProgramme.objects.create(
            council=council, body=body, year=year, title=title, notes=nfc(notes)
        )
        record(
            action="planning.create_programme",
            actor=by,
            obj=programme,
            council=council,
            after={"year": year, "body": owner, "title": title},
        )
    return programme


def _lock_programme(programme: WorkProgramme) -> WorkProgramme:
    return (
        WorkProgramme.objects.select_for_update(of=("self",))
        .select_related("council", "body")
        .get(pk=programme.pk)
    )


def _draft(programme: WorkProgramme) -> None:
    if programme.status != ProgrammeStatus.DRAFT:
        raise ValidationError("Chương trình đã thông qua, không sửa chỉ tiêu được.")


def adopt_programme(
    programme: WorkProgramme, *, by: Actor, adopted_on: date, adopted_by: str
) -> WorkProgramme:
    """Record that the programme was adopted, on which day and by which document."""
    adopted_by = nfc(adopted_by)
    if not adopted_by:
        raise ValidationError({"adopted_by": "Ghi văn bản thông qua (nghị quyết, kết luận phiên họp…)."})
    if len(adopted_by) > TITLE_MAX:
        raise ValidationError({"adopted_by": "Văn bản thông qua dài quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock_programme(programme)
        if adopted_on.year not in (locked.year - 1, locked.year):
            raise ValidationError(
                {"adopted_on": "Ngày thông qua phải trong năm của chương trình hoặc năm trước."}
            )
        change_status(
            locked,
            ProgrammeStatus.ADOPTED,
            table=PROGRAMME_TRANSITIONS,
            refusal="Chương trình này đã được thông qua.",
            by=by,
            action="planning.adopt_programme",
            also={"adopted_on": adopted_on, "adopted_by": adopted_by},
        )
    return locked


def add_target(programme: WorkProgramme, *, by: Actor, figure: str, planned: int, note: str = "") -> Target:
    """Plan a value for the year of one registered figure."""
    try:
        declared = figures.get(figure)
    except KeyError:
        raise ValidationError({"figure": "Chọn một chỉ tiêu trong sổ số liệu."}) from None
    if not 0 <= planned <= 1_000_000:
        raise ValidationError({"planned": "Giá trị kế hoạch phải từ 0 đến 1.000.000."})
    note = nfc(note)
    if len(note) > TITLE_MAX:
        raise ValidationError({"note": "Ghi chú dài quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock_programme(programme)
        _draft(locked)
        if locked.targets.filter(figure=figure).exists():
            raise ValidationError({"figure": f"Chương trình đã có chỉ tiêu “{declared.label}”."})
        target = Target.objects.create(programme=locked, figure=figure, planned=planned, note=note)
        record(
            action="planning.add_target",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"figure": figure, "label": declared.label, "planned": planned},
        )
    return target


def remove_target(target: Target, *, by: Actor) -> None:
    """Take a target off a draft programme."""
    with transaction.atomic():
        locked = _lock_programme(target.programme)
        _draft(locked)
        current = locked.targets.filter(pk=target.pk).first()
        if current is None:
            return
        current.delete()
        record(
            action="planning.remove_target",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"figure": current.figure, "planned": current.planned},
        )


# Tasks ---------------------------------------------------------------------------------------------


def _may_give(given_by: Council, council: Council) -> bool:
    """A council gives tasks to itself and to the councils below it (two levels at most)."""
    if given_by.pk == council.pk:
        return True
    parent = council.parent
    return parent is not None and (parent.pk == given_by.pk or parent.parent_id == given_by.pk)


def _check_owner(council: Council, body: Body | None, person: Person | None) -> None:
    if body is not None and body.council_id != council.pk:
        raise ValidationError({"owner_body": "Chọn cơ quan của HĐND thực hiện nhiệm vụ."})
    if person is not None and person.council_id != council.pk:
        raise ValidationError({"owner_person": "Chọn người của HĐND thực hiện nhiệm vụ."})
    if body is not None and person is not None:
        raise ValidationError(
            {"owner_person": "Chọn một cơ quan hoặc một người thực hiện, không chọn cả hai."}
        )


def add_task(
    council: Council,
    *,
    by: Actor,
    content: str,
    due_on: date,
    given_by: Council | None = None,
    owner_body: Body | None = None,
    owner_person: Person | None = None,
    source: str = TaskSource.OTHER,
    programme: WorkProgramme | None = None,
    source_ref: str = "",
    source_url: str = "",
) -> Task:
    """Give ``council`` (its body, one of its people, or the council itself) a task with a deadline.

    ``given_by`` is the council giving it: ``council`` itself, or a council above it (a briefing's host)."""
    given_by = given_by or council
    content = nfc(content)
    if not content:
        raise ValidationError({"content": "Nhập nội dung nhiệm vụ."})
    if not _may_give(given_by, council):
        raise ValidationError({"council": f"{given_by} không giao nhiệm vụ cho {council} được."})
    _check_owner(council, owner_body, owner_person)
    if source not in TaskSource.values:
        raise ValidationError({"source": "Chọn nguồn giao nhiệm vụ."})
    if programme is not None and programme.council_id != council.pk:
        raise ValidationError({"programme": "Chọn chương trình công tác của HĐND này."})
    if programme is not None:
        source = TaskSource.PROGRAMME
    source_ref = nfc(source_ref)
    if len(source_ref) > TITLE_MAX:
        raise ValidationError({"source_ref": "Văn bản giao nhiệm vụ dài quá 255 ký tự."})
    with transaction.atomic():
        task = Task.objects.create(
            council=council,
            given_by=given_by,
            content=content,
            owner_body=owner_body,
            owner_person=owner_person,
            due_on=due_on,
            source=source,
            programme=programme,
            source_ref=source_ref or (programme.title if programme else ""),
            source_url=source_url[:255],
        )
        record(
            action="planning.add_task",
            actor=by,
            obj=task,
            council=council,
            after={
                "content": content[:200],
                "owner": task.owner,
                "given_by": given_by.name,
                "due_on": due_on,
                "source": source,
            },
        )
        if task.given_from_above:
            queue_mail(
                f"{given_by} giao nhiệm vụ"[:200],
                f"{given_by} giao cho {council}: “{content[:300]}”. Thời hạn: {due_on:%d/%m/%Y}.",
                [council.email],
            )
    return task


def _lock_task(task: Task) -> Task:
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("council", "given_by", "owner_body", "owner_person")
        .get(pk=task.pk)
    )


def report_progress(
    task: Task, *, by: Actor, progress: int, note: str = "", on: date | None = None, done: bool = False
) -> Task:
    """The owner reports how far the task has come; at 100% (or ``done``) the task is done on ``on``."""
    on = on or timezone.localdate()
    note = nfc(note)
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": "Tiến độ tính theo phần trăm, từ 0 đến 100."})
    done = done or progress == 100
    if done and not note:
        raise ValidationError({"note": "Ghi kết quả thực hiện khi báo cáo hoàn thành."})
    with transaction.atomic():
        locked = _lock_task(task)
        if locked.status == TaskStatus.DONE:
            raise ValidationError("Nhiệm vụ đã hoàn thành; muốn báo cáo tiếp, đề nghị nơi giao mở lại.")
        if progress < locked.progress:
            raise ValidationError({"progress": f"Tiến độ đã báo cáo là {locked.progress}%, không giảm được."})
        before = {"status": locked.status, "progress": locked.progress}
        fields = ["progress", "progress_note"]
        if done:
            check_transition(TASK_TRANSITIONS, locked.status, TaskStatus.DONE, "Không ghi hoàn thành được.")
            locked.status, locked.done_on, progress = TaskStatus.DONE, on, 100
            fields += ["status", "done_on"]
        locked.progress, locked.progress_note = progress, note or locked.progress_note
        locked.save(update_fields=fields)
        TaskUpdate.objects.create(task=locked, on=on, progress=progress, note=note, by_label=_label(by))
        record(
            action="planning.report_progress",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"status": locked.status, "progress": progress, "note": note[:200]},
        )
        if done and locked.given_from_above:
            queue_mail(
                f"{locked.council} báo cáo hoàn thành nhiệm vụ"[:200],
                f"{locked.council} đã hoàn thành nhiệm vụ “{locked.content[:300]}”: {note[:500]}",
                [locked.given_by.email],
            )
    return locked


def _label(by: Actor) -> str:
    if by is not None and getattr(by, "is_authenticated", False):
        full = getattr(by, "get_full_name", lambda: "")()
        return (full or by.get_username())[:150]  # type: ignore[union-attr]
    return str(by or "hệ thống")[:150]


def extend_task(task: Task, *, by: Actor, due_on: date, reason: str) -> Task:
    """The giver moves the deadline (an overdue task is open again until the new one)."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": "Ghi lý do gia hạn."})
    with transaction.atomic():
        locked = _lock_task(task)
        if locked.status == TaskStatus.DONE:
            raise ValidationError("Nhiệm vụ đã hoàn thành, không gia hạn được.")
        if due_on <= locked.due_on:
            raise ValidationError({"due_on": "Thời hạn mới phải sau thời hạn cũ."})
        before = {"due_on": locked.due_on, "status": locked.status}
        locked.due_on, locked.status, locked.reminded_on = due_on, TaskStatus.OPEN, None
        locked.save(update_fields=["due_on", "status", "reminded_on"])
        record(
            action="planning.extend_task",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"due_on": due_on, "status": locked.status},
            note=reason,
        )
    return locked


def reopen_task(task: Task, *, by: Actor, reason: str) -> Task:
    """The giver does not accept the result: the task is open again (or overdue past its deadline)."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": "Ghi lý do mở lại nhiệm vụ."})
    with transaction.atomic():
        locked = _lock_task(task)
        change_status(
            locked,
            TaskStatus.OPEN,
            table=TASK_TRANSITIONS,
            refusal="Chỉ mở lại nhiệm vụ đã hoàn thành.",
            by=by,
            action="planning.reopen_task",
            also={"done_on": None},
        )
    return locked


# Daily jobs ------------------------------------------------------------------------------------------


def mark_overdue(today: date) -> list[Task]:
    """Open tasks whose deadline has passed become overdue (one audit entry each; the owner is told)."""
    marked = []
    for candidate in Task.objects.filter(status=TaskStatus.OPEN, due_on__lt=today).select_related("council"):
        with transaction.atomic():
            locked = _lock_task(candidate)
            if locked.status != TaskStatus.OPEN or locked.due_on >= today:
                continue
            change_status(
                locked,
                TaskStatus.OVERDUE,
                table=TASK_TRANSITIONS,
                refusal="",
                by=SYSTEM,
                action="planning.mark_overdue",
            )
            queue_mail(
                "Nhiệm vụ quá hạn",
                f"Nhiệm vụ “{locked.content[:300]}” (hạn {locked.due_on:%d/%m/%Y}) chưa hoàn thành.",
                [locked.council.email, locked.given_by.email if locked.given_from_above else ""],
            )
        marked.append(locked)
    return marked


def send_reminders(today: date) -> list[Task]:
    """Remind the owner once, ``REMIND_WORKING_DAYS`` working days before the deadline (not on days off)."""
    calendar = WorkingCalendar.for_span(today, today)
    if not calendar.is_working_day(today):
        return []
    horizon = add_working_days(today, REMIND_WORKING_DAYS, calendar)
    reminded = []
    candidates = Task.objects.filter(
        status=TaskStatus.OPEN, reminded_on__isnull=True, due_on__gte=today, due_on__lte=horizon
    )
    for candidate in candidates:
        with transaction.atomic():
            locked = _lock_task(candidate)
            if locked.reminded_on is not None or locked.status != TaskStatus.OPEN:
                continue
            locked.reminded_on = today
            locked.save(update_fields=["reminded_on"])
            record(
                action="planning.remind_task",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                after={"due_on": locked.due_on},
            )
            queue_mail(
                "Nhắc hạn nhiệm vụ",
                f"Nhiệm vụ “{locked.content[:300]}” cần hoàn thành trước ngày {locked.due_on:%d/%m/%Y}.",
                [locked.council.email],
            )
        reminded.append(locked)
    return reminded
