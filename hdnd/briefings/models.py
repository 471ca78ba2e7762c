"""The briefing between levels (hội nghị giao ban): the province's Thường trực HĐND meets the Thường
trực of the councils below it, in person and from online points (điểm cầu), for a reporting period.

A briefing is planned, invited (the invitation takes the next number of the host's GM-HĐND series),
held, then concluded when its conclusion notice is issued (the next number of the host's TB-HĐND series,
shared with the standing committee's and the sessions' notices). Each numbered item of the notice with a
deadline becomes one ``planning.Task`` for each commune or body it names: the commune sees it on its own
pages and reports progress there, and the next briefing opens with their follow-up.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from hdnd.core.periods import Period
from hdnd.councils.models import Body, Council, CouncilScopedQuerySet, Person
from hdnd.planning.models import Task

INVITATION_SYMBOL = "GM-HĐND"
NOTICE_SYMBOL = "TB-HĐND"  # the council's shared series (hdnd.sittings.models.DocumentCounter)


def numbered(number: int | None, symbol: str) -> str:
    """``05/TB-HĐND`` (NĐ 30/2020 writes a 0 before numbers below 10); '' while unnumbered."""
    return f"{number:02d}/{symbol}" if number else ""


class BriefingStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    INVITED = "invited", "Đã gửi giấy mời"
    HELD = "held", "Đã họp"
    CONCLUDED = "concluded", "Đã ban hành thông báo kết luận"


TRANSITIONS: dict[str, frozenset[str]] = {
    BriefingStatus.PLANNED: frozenset({BriefingStatus.INVITED}),
    BriefingStatus.INVITED: frozenset({BriefingStatus.HELD}),
    BriefingStatus.HELD: frozenset({BriefingStatus.CONCLUDED}),
    BriefingStatus.CONCLUDED: frozenset(),
}
# Until it is held the briefing's plan (date, agenda, participants, points) may change.
PLANNING = frozenset({BriefingStatus.PLANNED, BriefingStatus.INVITED})


class Briefing(models.Model):
    """One briefing conference of a host council with the councils below it, for a reporting period."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="briefings")
    period = models.CharField(max_length=10, help_text="Kỳ: 2026-Q1, 2026-H1, 2026-9M, 2026")
    meets_on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=255, blank=True, help_text="Điểm cầu chính")
    chair = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=BriefingStatus.choices, default=BriefingStatus.PLANNED)
    held_on = models.DateField(null=True, blank=True)
    invitation_year = models.PositiveSmallIntegerField(null=True, blank=True)
    invitation_number = models.PositiveIntegerField(null=True, blank=True)
    invitation_on = models.DateField(null=True, blank=True)
    notice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_number = models.PositiveIntegerField(null=True, blank=True)
    notice_on = models.DateField(null=True, blank=True)
    notice_text = models.TextField(blank=True, help_text="Đánh giá chung của thông báo kết luận")
    notice_recipients = models.TextField(blank=True, help_text="Nơi nhận, mỗi dòng một nơi")
    signer_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Briefing"].as_manager()

    class Meta:
        ordering = ["council", "-meets_on", "-pk"]
        indexes = [models.Index(fields=["council", "meets_on"], name="briefing_council_meets_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "notice_year", "notice_number"],
                condition=Q(notice_number__isnull=False),
                name="briefing_notice_number_unique",
            ),
            models.UniqueConstraint(
                fields=["council", "invitation_year", "invitation_number"],
                condition=Q(invitation_number__isnull=False),
                name="briefing_invitation_number_unique",
            ),
        ]
        verbose_name = "hội nghị giao ban"
        verbose_name_plural = "hội nghị giao ban"

    def __str__(self) -> str:
        return f"Hội nghị giao ban {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("briefings:briefing_detail", args=[self.pk])

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)

    @property
    def period_label(self) -> str:
        return self.period_obj.label

    @property
    def invitation_symbol(self) -> str:
        return numbered(self.invitation_number, INVITATION_SYMBOL)

    @property
    def notice_symbol(self) -> str:
        return numbered(self.notice_number, NOTICE_SYMBOL)

    @property
    def is_planning(self) -> bool:
        return self.status in PLANNING


class BriefingPoint(models.Model):
    """An online point (điểm cầu) and who attended there."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="points")
    name = models.CharField(max_length=255)
    address = models.CharField(max_length=255, blank=True)
    attendees = models.TextField(blank=True, help_text="Người dự tại điểm cầu, mỗi dòng một người")

    class Meta:
        ordering = ["briefing", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "name"], name="briefing_point_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A council invited to the briefing (its Thường trực), where it joined from, and whether it came."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="participants")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    point = models.ForeignKey(
        BriefingPoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="participants"
    )
    attended = models.BooleanField(null=True, help_text="Trống: chưa điểm danh")
    attendees = models.CharField(max_length=500, blank=True, help_text="Người dự, chức vụ")

    class Meta:
        ordering = ["briefing", "council__name_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "council"], name="briefing_participant_once")
        ]

    def __str__(self) -> str:
        return self.council.name


class AgendaItem(models.Model):
    """One item of the briefing's agenda, in order."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    presenter = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["briefing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "position"], name="briefing_agenda_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Contribution(models.Model):
    """What a speaker said at the briefing, with the council they spoke for (empty: the host)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="contributions")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    speaker = models.CharField(max_length=255)
    speaker_title = models.CharField(max_length=255, blank=True)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["briefing", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.content[:60]}"


class ConclusionItem(models.Model):
    """A numbered item of the conclusion notice; with a deadline, a task for each council and body named."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField()
    content = models.TextField()
    due_on = models.DateField(null=True, blank=True)
    councils = models.ManyToManyField(Council, blank=True, related_name="+")
    bodies = models.ManyToManyField(Body, blank=True, related_name="+")
    # Filled when the notice is issued: one task per council and body named.
    tasks = models.ManyToManyField(Task, blank=True, related_name="briefing_items")

    class Meta:
        ordering = ["briefing", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "position"], name="briefing_conclusion_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:80]}"

    @property
    def is_task(self) -> bool:
        return self.due_on is not None
