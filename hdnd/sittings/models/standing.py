"""Standing-committee meetings (phiên họp Thường trực HĐND): agenda, participants, materials, and the
conclusion notice (thông báo kết luận) whose items are tasks with an owner, a deadline and a result.

A meeting is planned, held, then concluded when its notice is issued (``STANDING_TRANSITIONS``). The
notice is numbered per council and year in the council's TB-HĐND series (``DocumentCounter``, shared
with the session notices: ``28/TB-HĐND``). Whether a task is overdue is derived from its dates, never
stored.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.councils.models import Agency, Council, CouncilScopedQuerySet, Membership, Person

from .sessions import NOTICE_SYMBOL, numbered


def notice_symbol(number: int) -> str:
    """``28/TB-HĐND``; numbers below 10 get a 0 (NĐ 30/2020): ``05/TB-HĐND``."""
    return numbered(number, NOTICE_SYMBOL)


class StandingMeeting(models.Model):
    """A meeting of the council's standing committee (Thường trực HĐND), monthly or as needed."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "Thường kỳ hằng tháng"
        AS_NEEDED = "as_needed", "Đột xuất"

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        HELD = "held", "Đã họp"
        CONCLUDED = "concluded", "Đã ban hành thông báo kết luận"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="standing_meetings")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MONTHLY)
    meets_on = models.DateField(help_text="Ngày họp")
    starts_at = models.TimeField(null=True, blank=True, help_text="Giờ bắt đầu")
    place = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    held_on = models.DateField(null=True, blank=True, help_text="Ngày đã họp")
    # The conclusion notice (thông báo kết luận), filled in when it is issued.
    notice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_number = models.PositiveIntegerField(null=True, blank=True)
    notice_symbol = models.CharField(max_length=40, blank=True)
    notice_on = models.DateField(null=True, blank=True, help_text="Ngày ban hành thông báo kết luận")
    notice_text = models.TextField(blank=True, help_text="Nội dung chung của thông báo kết luận")
    notice_recipients = models.TextField(blank=True, help_text="Nơi nhận, mỗi dòng một nơi")
    signer_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["StandingMeeting"].as_manager()

    class Meta:
        ordering = ["council", "-meets_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "notice_year", "notice_number"],
                condition=Q(notice_number__isnull=False),
                name="standing_notice_number_unique",
            )
        ]
        indexes = [models.Index(fields=["council", "meets_on"], name="standing_council_meets_idx")]
        verbose_name = "phiên họp Thường trực HĐND"
        verbose_name_plural = "phiên họp Thường trực HĐND"

    def __str__(self) -> str:
        return f"Phiên họp Thường trực {self.council.name} {self.month_words}"

    def get_absolute_url(self) -> str:
        return reverse("sittings:standing_detail", args=[self.pk])

    @property
    def month_words(self) -> str:
        """ "tháng 11 năm 2026" (the meeting's month, as the notice names it)."""
        day = self.held_on or self.meets_on
        return f"tháng {day.month} năm {day.year}"


# Transitions, as data: held, then concluded when the notice is issued.
STANDING_TRANSITIONS: dict[str, frozenset[str]] = {
    StandingMeeting.Status.PLANNED: frozenset({StandingMeeting.Status.HELD}),
    StandingMeeting.Status.HELD: frozenset({StandingMeeting.Status.CONCLUDED}),
    StandingMeeting.Status.CONCLUDED: frozenset(),
}


class StandingAgendaItem(models.Model):
    """One item of a meeting's agenda, in order: what is discussed and who presents it."""

    meeting = models.ForeignKey(StandingMeeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    presenter = models.CharField(max_length=255, blank=True, help_text="Cơ quan, người trình bày")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="standing_agenda_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class StandingParticipant(models.Model):
    """Who takes part: a member of the Thường trực (by membership) or an invited person or agency (text)."""

    meeting = models.ForeignKey(StandingMeeting, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="standing_meetings"
    )
    name = models.CharField(max_length=255, blank=True, help_text="Người, cơ quan được mời")
    position = models.CharField(max_length=255, blank=True, help_text="Chức vụ, đơn vị")

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="standing_participant_once",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_member(self) -> bool:
        return self.membership_id is not None

    @property
    def display_name(self) -> str:
        if self.membership is not None:
            return self.membership.person.full_name
        return self.name

    @property
    def display_position(self) -> str:
        if self.membership is not None:
            return f"{self.membership.get_role_display()} Thường trực HĐND"
        return self.position


class StandingMaterial(models.Model):
    """A file for the meeting (tờ trình, báo cáo, dự thảo), served only to those who may view the council."""

    meeting = models.ForeignKey(StandingMeeting, on_delete=models.CASCADE, related_name="materials")
    agenda_item = models.ForeignKey(
        StandingAgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="materials"
    )
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="sittings/standing/%Y/")
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return (self.file.name or "tai-lieu").rsplit("/", 1)[-1]


class ConclusionItemQuerySet(CouncilScopedQuerySet["ConclusionItem"]):
    def tasks(self) -> ConclusionItemQuerySet:
        """Items that are tasks: with a deadline."""
        return self.filter(due_on__isnull=False)

    def open(self) -> ConclusionItemQuerySet:
        return self.filter(done_on__isnull=True)

    def overdue(self, today: date | None = None) -> ConclusionItemQuerySet:
        """Not done and past their deadline on ``today``."""
        return self.open().filter(due_on__lt=today or timezone.localdate())


class ConclusionItem(models.Model):
    """One item of the conclusion notice; with a deadline it is a task for its owner (agency or person)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="conclusion_items")
    meeting = models.ForeignKey(StandingMeeting, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField()
    content = models.TextField()
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=255, blank=True, help_text="Cơ quan, người thực hiện (ghi tên)")
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConclusionItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="conclusion_position_unique")
        ]
        indexes = [models.Index(fields=["council", "done_on", "due_on"], name="conclusion_task_due_idx")]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def owner(self) -> str:
        if self.owner_agency is not None:
            return self.owner_agency.name
        if self.owner_person is not None:
            return self.owner_person.full_name
        return self.owner_name

    @property
    def is_task(self) -> bool:
        return self.due_on is not None

    def is_overdue(self, today: date | None = None) -> bool:
        """Not done and past its deadline (derived from the dates, never stored)."""
        if self.due_on is None or self.done_on is not None:
            return False
        return (today or timezone.localdate()) > self.due_on

    def done_late(self) -> bool:
        return self.due_on is not None and self.done_on is not None and self.done_on > self.due_on
