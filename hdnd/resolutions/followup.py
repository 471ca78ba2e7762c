"""Implementation follow-up (tổ chức thực hiện): tasks and reports a resolution requires, with due dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.councils.models import Agency

from .models import Resolution, ResolutionTask, Status

ACTION_LABELS = {
    "resolutions.add_task": "Giao nhiệm vụ thực hiện nghị quyết",
    "resolutions.complete_task": "Ghi nhận hoàn thành nhiệm vụ thực hiện nghị quyết",
}


def add_task(
    resolution: Resolution,
    *,
    by: Actor,
    requirement: str,
    due_on: date,
    agency: Agency | None = None,
    agency_name: str = "",
) -> ResolutionTask:
    """Record what the resolution requires, of whom and by when."""
    if resolution.status == Status.DRAFT:
        raise ValidationError("Nghị quyết còn là dự thảo.")
    if not nfc(requirement):
        raise ValidationError({"requirement": "Nhập nội dung yêu cầu."})
    if agency is not None and agency.council_id != resolution.council_id:
        raise ValidationError({"agency": "Chọn cơ quan của HĐND này."})
    if agency is None and not nfc(agency_name):
        raise ValidationError({"agency_name": "Chọn hoặc nhập cơ quan thực hiện."})
    with transaction.atomic():
        task = ResolutionTask.objects.create(
            council_id=resolution.council_id,
            resolution=resolution,
            requirement=nfc(requirement),
            agency=agency,
            agency_name=nfc(agency_name),
            due_on=due_on,
        )
        record(
            action="resolutions.add_task",
            actor=by,
            obj=resolution,
            council=resolution.council,
            after={"task": task.pk, "requirement": task.requirement, "due_on": due_on},
        )
    return task


def complete_task(task: ResolutionTask, *, by: Actor, done_on: date, report: str = "") -> ResolutionTask:
    """Record that the task was done (or the report received) on ``done_on``."""
    with transaction.atomic():
        locked = ResolutionTask.objects.select_for_update().get(pk=task.pk)
        if locked.done_on is not None:
            raise ValidationError("Nhiệm vụ này đã được ghi nhận hoàn thành.")
        locked.done_on, locked.report = done_on, nfc(report)
        locked.save(update_fields=["done_on", "report"])
        record(
            action="resolutions.complete_task",
            actor=by,
            obj=locked.resolution,
            council=locked.council,
            after={"task": locked.pk, "done_on": done_on, "late": locked.is_overdue()},
        )
    return locked
