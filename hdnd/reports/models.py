"""Periodic reports (báo cáo định kỳ): the periods a province sets, each council's report for a period, and
the proposals each report carries to the level above.

A province council opens a ``ReportingPeriod`` (quý I, 6 tháng, 9 tháng, năm) for itself and the councils
below it, with a due date; opening it creates one draft ``CouncilReport`` per council, so "who has not
reported" is a query, not a comparison. A report's figures are read live from the records while it is a
draft and frozen into ``figures`` when it is submitted: a record changed afterwards does not move a
submitted report. A report goes draft → submitted → returned (with a reason) → submitted → accepted
(``TRANSITIONS``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.periods import Period, PeriodKind
from hdnd.councils.models import Council, CouncilScopedQuerySet


class PeriodStatus(models.TextChoices):
    OPEN = "open", "Đang nhận báo cáo"
    CLOSED = "closed", "Đã kết thúc"


KIND_LABELS = {
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF: "6 tháng",
    PeriodKind.NINE_MONTHS: "9 tháng",
    PeriodKind.YEAR: "Năm",
}


class ReportingPeriod(models.Model):
    """A period a province council asks itself and the councils below it to report on, by a due date."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="reporting_periods")
    code = models.CharField(max_length=10, help_text="2026-Q1, 2026-H1, 2026-9M hoặc 2026")
    kind = models.CharField(max_length=12, choices=[(k.value, v) for k, v in KIND_LABELS.items()])
    due_on = models.DateField(help_text="Hạn gửi báo cáo")
    due_working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Số ngày làm việc sau ngày cuối kỳ (trống: hạn nhập tay)"
    )
    status = models.CharField(max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    note = models.TextField(blank=True, help_text="Yêu cầu, hướng dẫn gửi kèm")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ReportingPeriod"].as_manager()

    class Meta:
        ordering = ["council", "-code"]
        constraints = [models.UniqueConstraint(fields=["council", "code"], name="reporting_period_unique")]
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"

    def __str__(self) -> str:
        return f"Báo cáo {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:period_detail", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period.parse(self.code)

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại để hoàn thiện"
    ACCEPTED = "accepted", "Đã tiếp nhận"


# The transition table: a report is submitted, then returned for revision or accepted.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.SUBMITTED: frozenset({ReportStatus.RETURNED, ReportStatus.ACCEPTED}),
    ReportStatus.RETURNED: frozenset({ReportStatus.SUBMITTED}),
    ReportStatus.ACCEPTED: frozenset(),
}
EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
SENT = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})


class CouncilReportQuerySet(CouncilScopedQuerySet["CouncilReport"]):
    def unsent(self) -> CouncilReportQuerySet:
        """Reports still with their council: drafts and returned ones."""
        return self.filter(status__in=EDITABLE)

    def late(self, on: date | None = None) -> CouncilReportQuerySet:
        """Not sent although the period's due date has passed (derived, never stored)."""
        on = on or timezone.localdate()
        return self.unsent().filter(period__due_on__lt=on, period__status=PeriodStatus.OPEN)

    def late_first(self) -> CouncilReportQuerySet:
        """Unsent before sent, then by council name: what the province has to chase comes first."""
        sent = models.Case(
            models.When(status__in=SENT, then=1), default=0, output_field=models.IntegerField()
        )
        return self.alias(sent=sent).order_by("sent", "council__name_key", "pk")


class CouncilReport(models.Model):
    """One council's report for a period: figures from its records and the narrative its staff write."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="periodic_reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # Frozen at submission: [{"code", "label", "unit", "group", "value"}, ...] in report order.
    figures = models.JSONField(default=list, blank=True)
    results = models.TextField(blank=True, help_text="Kết quả đạt được")
    shortcomings = models.TextField(blank=True, help_text="Tồn tại, hạn chế và nguyên nhân")
    next_tasks = models.TextField(blank=True, help_text="Nhiệm vụ trọng tâm kỳ tới")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_reason = models.TextField(blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="Lần nhắc gần nhất khi quá hạn")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CouncilReportQuerySet.as_manager()

    class Meta:
        ordering = ["period", "council"]
        constraints = [models.UniqueConstraint(fields=["council", "period"], name="council_report_unique")]
        indexes = [models.Index(fields=["period", "status"], name="council_report_status_idx")]
        verbose_name = "báo cáo định kỳ của HĐND"
        verbose_name_plural = "báo cáo định kỳ của HĐND"

    def __str__(self) -> str:
        return f"Báo cáo {self.period.period.label} của {self.council.name}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_sent(self) -> bool:
        return self.status in SENT

    def is_late(self, on: date | None = None) -> bool:
        """Unsent past the due date (a report sent after the due date is ``sent_late`` instead)."""
        return self.is_editable and (on or timezone.localdate()) > self.period.due_on

    @property
    def sent_late(self) -> bool:
        return self.submitted_at is not None and timezone.localdate(self.submitted_at) > self.period.due_on

    def frozen_values(self) -> dict[str, int]:
        return {row["code"]: row["value"] for row in self.figures}


class ProposalQuerySet(CouncilScopedQuerySet["Proposal"]):
    def unanswered(self) -> ProposalQuerySet:
        return self.filter(answered_on__isnull=True)


class Proposal(models.Model):
    """One proposal (kiến nghị, đề xuất) a council's report makes to the level above, answered one by one."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="report_proposals")
    report = models.ForeignKey(CouncilReport, on_delete=models.CASCADE, related_name="proposals")
    order = models.PositiveSmallIntegerField(default=1)
    text = models.TextField()
    topic = models.CharField(max_length=120, blank=True, help_text="Lĩnh vực, chủ đề")
    # The province's answer (the briefing's answers to proposals fill these in).
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = "kiến nghị, đề xuất với cấp trên"
        verbose_name_plural = "kiến nghị, đề xuất với cấp trên"

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{self.report.get_absolute_url()}#proposal-{self.pk}"


def proposals_for(
    province: Council, period: ReportingPeriod | Period | str, *, sent_only: bool = True
) -> Any:
    """Every proposal the councils below ``province`` made in their reports for ``period``.

    ``period`` is the province's reporting period, or a ``Period`` / code such as ``"2026-Q1"``. Only
    reports sent up (submitted or accepted) count unless ``sent_only`` is False: a draft may still change.
    """
    code = period.code if isinstance(period, ReportingPeriod | Period) else Period.parse(period).code
    found = Proposal.objects.filter(
        Q(council__parent=province) | Q(council__parent__parent=province),
        report__period__council=province,
        report__period__code=code,
    )
    if sent_only:
        found = found.filter(report__status__in=SENT)
    return found.select_related("council", "report__period").order_by("council__name_key", "order", "pk")
