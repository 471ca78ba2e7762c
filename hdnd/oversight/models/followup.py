"""Recommendations (kiến nghị sau giám sát) and commitments (cam kết tại chất vấn, giải trình), followed
until done: deadline, status, progress, evidence, reminders and escalation.

Both share ``FollowUp``: the status table ``FOLLOW_TRANSITIONS``, the reminder and escalation columns
the hourly job (``hdnd.oversight.followup``) polls, and the rule that a parent's progress is rolled up
from its children. The implementation rate counts only items already due (LEGAL.md, Classifications):
not due, multi-year and excused items are left out (``FollowUpQuerySet.counted``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hdnd.core.text import nfc
from hdnd.councils.models import Agency, Council, CouncilScopedQuerySet
from hdnd.resolutions.models import Resolution
from hdnd.sittings.models import StandingMeeting

from .supervisions import Finding, Supervision


class FollowStatus(models.TextChoices):
    NOT_DUE = "not_due", "Chưa đến hạn"
    DUE = "due", "Đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    PARTLY_DONE = "partly_done", "Thực hiện một phần"
    DONE = "done", "Đã thực hiện xong"
    EXCUSED = "excused", "Chưa thực hiện, lý do khách quan được chấp nhận"


S = FollowStatus
_REPORTED = frozenset({S.PARTLY_DONE, S.DONE, S.EXCUSED})
_OPEN = frozenset({S.NOT_DUE, S.DUE, S.OVERDUE})
# The job moves not due → due (the reminder) → overdue (the escalation); a report moves it to partly
# done, done or excused; the council may reopen what it finds not done (re-supervision).
FOLLOW_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NOT_DUE: frozenset({S.DUE, S.OVERDUE} | _REPORTED),
    S.DUE: frozenset({S.OVERDUE} | _REPORTED),
    S.OVERDUE: _REPORTED,
    S.PARTLY_DONE: _REPORTED | {S.OVERDUE},
    S.DONE: _OPEN,
    S.EXCUSED: _OPEN,
}
OPEN_STATUSES = frozenset({S.NOT_DUE, S.DUE, S.OVERDUE, S.PARTLY_DONE})


class Escalation(models.IntegerChoices):
    NONE = 0, "Chưa báo"
    SUPERIOR = 1, "Đã báo cơ quan cấp trên"
    STANDING_COMMITTEE = 2, "Đã báo Thường trực HĐND"


class FollowUpQuerySet[M: models.Model](CouncilScopedQuerySet[M]):
    def open(self) -> FollowUpQuerySet[M]:
        return self.filter(status__in=OPEN_STATUSES)

    def counted(self, on: date) -> FollowUpQuerySet[M]:
        """Items the implementation rate counts on ``on``: already due (deadline on or before ``on``),
        not multi-year, no accepted objective reason."""
        return self.filter(due_on__lte=on, multi_year=False).exclude(status=S.EXCUSED)

    def done(self) -> FollowUpQuerySet[M]:
        return self.filter(status=S.DONE)

    def overdue(self, on: date) -> FollowUpQuerySet[M]:
        """Open items whose deadline has passed (derived from the date, whatever the job has written)."""
        return self.open().filter(due_on__lt=on)


class RecommendationQuerySet(FollowUpQuerySet["Recommendation"]):
    def top_level(self) -> RecommendationQuerySet:
        """Recommendations without a parent: the ones counted (children roll up into their parent)."""
        return self.filter(parent__isnull=True)


class FollowUp(models.Model):
    """What a recommendation and a commitment share: deadline, status, progress, reminders, escalation."""

    due_on = models.DateField(null=True, blank=True, help_text="Thời hạn thực hiện")
    multi_year = models.BooleanField(default=False, help_text="Thực hiện trong nhiều năm (không tính tỷ lệ)")
    status = models.CharField(max_length=12, choices=FollowStatus.choices, default=FollowStatus.NOT_DUE)
    progress = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    progress_note = models.TextField(blank=True, help_text="Kết quả thực hiện đã báo cáo")
    reported_on = models.DateField(null=True, blank=True)
    reported_by_agency = models.BooleanField(
        default=False, help_text="Báo cáo gần nhất do cán bộ của cơ quan tự ghi (văn phòng cần xem xét)"
    )
    done_on = models.DateField(null=True, blank=True)
    excuse = models.TextField(blank=True, help_text="Lý do khách quan được chấp nhận")
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(choices=Escalation.choices, default=Escalation.NONE)
    escalated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def days_overdue(self, on: date) -> int:
        if self.due_on is None or self.status not in OPEN_STATUSES:
            return 0
        return max((on - self.due_on).days, 0)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_css(self) -> str:
        css: dict[str, str] = {
            S.DONE: "success",
            S.OVERDUE: "danger",
            S.PARTLY_DONE: "warning",
            S.DUE: "primary",
            S.EXCUSED: "secondary",
        }
        return css.get(self.status, "light")


class Recommendation(FollowUp):
    """A recommendation to an agency from a supervision, a conclusion notice or a resolution."""

    class Source(models.TextChoices):
        SUPERVISION = "supervision", "Báo cáo kết quả giám sát"
        NOTICE = "notice", "Thông báo kết luận"
        RESOLUTION = "resolution", "Nghị quyết của HĐND"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="recommendations")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SUPERVISION)
    supervision = models.ForeignKey(
        Supervision, on_delete=models.PROTECT, null=True, blank=True, related_name="recommendations"
    )
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    standing_meeting = models.ForeignKey(
        StandingMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    content = models.TextField()

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["council", "due_on", "pk"]
        indexes = [
            models.Index(fields=["council", "status", "due_on"], name="recommendation_due_idx"),
            models.Index(fields=["status", "due_on"], name="recommendation_job_idx"),
        ]
        verbose_name = "kiến nghị sau giám sát"
        verbose_name_plural = "kiến nghị sau giám sát"

    def __str__(self) -> str:
        return self.content if len(self.content) <= 90 else f"{self.content[:89]}…"

    def save(self, *args: object, **kwargs: object) -> None:
        self.content = nfc(self.content)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:recommendation_detail", args=[self.pk])


class Commitment(FollowUp):
    """A commitment an official made at questioning or an explanation session, followed until fulfilled."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="commitments")
    topic = models.ForeignKey(
        "oversight.QuestioningTopic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )
    explanation = models.ForeignKey(
        "oversight.ExplanationSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commitments",
    )
    slip = models.ForeignKey(
        "oversight.QuestionSlip", on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments"
    )
    official = models.CharField(max_length=255, help_text="Người cam kết (họ tên, chức vụ)")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    content = models.TextField()

    objects = FollowUpQuerySet["Commitment"].as_manager()

    class Meta:
        ordering = ["council", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False) | Q(explanation__isnull=False), name="commitment_has_origin"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="commitment_job_idx")]
        verbose_name = "cam kết"
        verbose_name_plural = "cam kết"

    def __str__(self) -> str:
        return self.content if len(self.content) <= 90 else f"{self.content[:89]}…"

    def save(self, *args: object, **kwargs: object) -> None:
        self.content = nfc(self.content)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:commitment_detail", args=[self.pk])


class Evidence(models.Model):
    """A document proving what was done (văn bản, hình ảnh), attached to a recommendation or commitment."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="oversight/minh-chung/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Evidence"].as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False) | Q(commitment__isnull=False),
                name="evidence_has_owner",
            )
        ]
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self) -> Recommendation | Commitment:
        return self.recommendation or self.commitment  # type: ignore[return-value]


class AccountabilityProposal(models.Model):
    """A proposal to hold an official or body responsible (đề nghị xem xét trách nhiệm) for a
    recommendation left undone, started from it with its history."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="accountability_proposals"
    )
    official = models.CharField(max_length=255, help_text="Người, cơ quan bị đề nghị xem xét trách nhiệm")
    reason = models.TextField()
    history_note = models.TextField(blank=True)
    proposed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["AccountabilityProposal"].as_manager()

    class Meta:
        ordering = ["-proposed_on", "-pk"]
        verbose_name = "đề nghị xem xét trách nhiệm"
        verbose_name_plural = "đề nghị xem xét trách nhiệm"

    def __str__(self) -> str:
        return f"Đề nghị xem xét trách nhiệm: {self.official}"

    def get_absolute_url(self) -> str:
        return f"{self.recommendation.get_absolute_url()}#accountability-{self.pk}"
