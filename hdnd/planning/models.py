"""Work programmes (chương trình công tác): each body's programme for a year, its targets on the
registered figures, and tasks with an owner, a deadline and progress ("rõ người, rõ việc, rõ tiến độ").

A programme belongs to a council and, optionally, one of its bodies (the Thường trực, a Ban, a Tổ đại
biểu); without a body it is the council's own. A target names a figure of ``hdnd.core.figures`` and a
planned value for the year: its actual value is always counted from the records, never typed.

A task is owned by a council (``council``, the tenant key: who sees it and who reports progress) and
given by a council (``given_by``): the same one, or the council above it when the province hands a task
to a commune at a briefing. Its owner inside the owning council is a body, a person, or the council
itself. A task is open, done, or overdue (set by the daily job when its deadline has passed; the
querysets also count an open task past its deadline as overdue, so a page never waits for the job).
"""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.links import detail_url
from hdnd.councils.models import Body, Council, CouncilScopedQuerySet, Person


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ADOPTED = "adopted", "Đã thông qua"


PROGRAMME_TRANSITIONS: dict[str, frozenset[str]] = {
    ProgrammeStatus.DRAFT: frozenset({ProgrammeStatus.ADOPTED}),
    ProgrammeStatus.ADOPTED: frozenset(),
}


class WorkProgramme(models.Model):
    """The annual work programme of a council or of one of its bodies."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="work_programmes")
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="work_programmes"
    )
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    adopted_by = models.CharField(
        max_length=255, blank=True, help_text="Văn bản thông qua, ví dụ Nghị quyết số 12/NQ-HĐND"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["WorkProgramme"].as_manager()

    class Meta:
        ordering = ["council", "-year", "body__kind", "body__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "body", "year"],
                condition=Q(body__isnull=False),
                name="programme_body_year_unique",
            ),
            models.UniqueConstraint(
                fields=["council", "year"],
                condition=Q(body__isnull=True),
                name="programme_council_year_unique",
            ),
        ]
        verbose_name = "chương trình công tác"
        verbose_name_plural = "chương trình công tác"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:programme_detail", args=[self.pk])

    @property
    def owner_label(self) -> str:
        """Whose programme: "Thường trực HĐND", "Ban Pháp chế", or the council's name."""
        return self.body.name if self.body is not None else self.council.name


class Target(models.Model):
    """A planned value for the year of one registered figure (its actual value is counted, never typed)."""

    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="targets")
    figure = models.CharField(max_length=100, help_text="Mã chỉ tiêu trong sổ số liệu")
    planned = models.PositiveIntegerField(validators=[MaxValueValidator(1_000_000)])
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "figure"], name="target_figure_once"),
        ]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.figure}: {self.planned}"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    OVERDUE = "overdue", "Quá hạn"


TASK_TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.OPEN: frozenset({TaskStatus.DONE, TaskStatus.OVERDUE}),
    TaskStatus.OVERDUE: frozenset({TaskStatus.DONE}),
    TaskStatus.DONE: frozenset({TaskStatus.OPEN}),  # reopened when the result is not accepted
}


class TaskSource(models.TextChoices):
    PROGRAMME = "programme", "Chương trình công tác"
    BRIEFING = "briefing", "Kết luận hội nghị giao ban"
    STANDING = "standing", "Kết luận của Thường trực HĐND"
    OTHER = "other", "Khác"


def overdue_condition(today: date, path: str = "") -> Q:
    """Marked overdue, or still open past the deadline on ``today`` (before the daily job runs); ``path``
    reaches the task through a relation (``"task__"``)."""
    return Q(**{f"{path}status": TaskStatus.OVERDUE}) | Q(
        **{f"{path}status": TaskStatus.OPEN, f"{path}due_on__lt": today}
    )


class TaskQuerySet(CouncilScopedQuerySet["Task"]):
    def unfinished(self) -> TaskQuerySet:
        return self.exclude(status=TaskStatus.DONE)

    def overdue(self, today: date | None = None) -> TaskQuerySet:
        """Marked overdue, or still open past the deadline on ``today`` (before the daily job runs)."""
        return self.filter(overdue_condition(today or timezone.localdate()))

    def behind_first(self, today: date | None = None) -> TaskQuerySet:
        """Overdue first, then open by deadline, then done (most recent first)."""
        today = today or timezone.localdate()
        rank = models.Case(
            models.When(status=TaskStatus.OVERDUE, then=0),
            models.When(status=TaskStatus.OPEN, due_on__lt=today, then=0),
            models.When(status=TaskStatus.OPEN, then=1),
            default=2,
        )
        return self.annotate(behind_rank=rank).order_by("behind_rank", "due_on", "pk")

    def with_owners(self) -> TaskQuerySet:
        return self.select_related("council", "given_by", "owner_body", "owner_person", "programme")


class Task(models.Model):
    """A task with its owner, its deadline and its progress, wherever it was given."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="planning_tasks", help_text="HĐND thực hiện"
    )
    given_by = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="planning_tasks_given", help_text="HĐND giao"
    )
    content = models.TextField()
    owner_body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    progress_note = models.TextField(blank=True, help_text="Kết quả, tiến độ báo cáo gần nhất")
    done_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=12, choices=TaskSource.choices, default=TaskSource.OTHER)
    programme = models.ForeignKey(
        WorkProgramme, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    source_ref = models.CharField(max_length=255, blank=True, help_text="Văn bản giao nhiệm vụ")
    source_url = models.CharField(max_length=255, blank=True)
    reminded_on = models.DateField(null=True, blank=True, help_text="Ngày đã nhắc hạn")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["council", "due_on", "pk"]
        indexes = [
            # The reminder job polls unfinished tasks by deadline; pages list a council's by status.
            models.Index(fields=["status", "due_on"], name="planning_task_due_idx"),
            models.Index(fields=["council", "status", "due_on"], name="planning_task_council_idx"),
            models.Index(fields=["given_by", "status"], name="planning_task_given_idx"),
        ]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return detail_url("planning:task_detail", self.pk)  # tables list hundreds

    @property
    def owner(self) -> str:
        """Who does it: a body or a person of the owning council, or the council itself."""
        if self.owner_body is not None:
            return self.owner_body.name
        if self.owner_person is not None:
            return self.owner_person.full_name
        return self.council.name

    @property
    def given_from_above(self) -> bool:
        return self.given_by_id != self.council_id

    def is_overdue(self, today: date | None = None) -> bool:
        if self.status == TaskStatus.OVERDUE:
            return True
        return self.status == TaskStatus.OPEN and self.due_on < (today or timezone.localdate())

    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due_on


class TaskUpdate(models.Model):
    """One progress report on a task (percent and what was done): its history, read by the giver too."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    progress = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    note = models.TextField(blank=True)
    by_label = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "-at", "-pk"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self) -> str:
        return f"{self.progress}% ({self.on:%d/%m/%Y})"
