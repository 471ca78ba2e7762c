"""Cross-cutting records: the audit log, the rules table, the working-day calendar, the task workers'
heartbeats and the mail outbox.

These models reference ``councils.Council`` by name only (the tenant key); core's Python code
imports nothing from the domain apps.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .querysets import valid_on_q

if TYPE_CHECKING:
    from hdnd.councils.models import Council


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        """The event history of one object, oldest first."""
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self.filter(content_type=ct, object_id=str(obj.pk)).order_by("id")


class AuditEntry(models.Model):
    """One line of the append-only audit log, chained to the previous line by hash."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # PROTECT: the law requires us to keep who did what; users are deactivated, never deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # HMAC-SHA256 of ``hash`` under settings.AUDIT_KEY, which lives outside the database: whoever edits a
    # row and recomputes the chain cannot re-sign it without the key.
    mac = models.CharField(max_length=64, blank=True, default="")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "id"], name="audit_object_idx"),
            # The council's audit log page lists newest first, filtered by council.
            models.Index(fields=["council", "-id"], name="audit_council_idx"),
        ]
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác"

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit entries are append-only.")

    def changes(self) -> list[tuple[str, Any, Any]]:
        """The fields whose values differ between ``before`` and ``after``, as (field, old, new)."""
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        empty = (None, "")
        return [
            (k, before.get(k), after.get(k))
            for k in keys
            if before.get(k) != after.get(k) and not (before.get(k) in empty and after.get(k) in empty)
        ]


class RuleUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "ngày"
    WORKING_DAYS = "working_days", "ngày làm việc"
    HOURS = "hours", "giờ"
    PERCENT = "percent", "phần trăm"
    COUNT = "count", "số lượng"
    BEFORE_NEXT_REGULAR_SESSION = "before_next_session", "trước kỳ họp thường lệ tiếp theo"
    TEXT = "text", "văn bản"


class RuleDirection(models.TextChoices):
    AFTER = "after", "sau mốc"
    BEFORE = "before", "trước mốc"


class Confidence(models.TextChoices):
    VERIFIED = "V", "Đã kiểm chứng (V)"
    DRAFT = "D", "Dự thảo / nguồn thứ ba (D)"
    RECALLED = "M", "Theo trí nhớ, chưa kiểm lại (M)"
    INFERRED = "I", "Suy luận / thực tiễn địa phương (I)"


class RuleQuerySet(models.QuerySet["Rule"]):
    def in_force(self, on: date | None = None) -> RuleQuerySet:
        return self.filter(valid_on_q(on))


class Rule(models.Model):
    """A deadline or classification rule as data: key, value, unit, legal basis, period, confidence."""

    key = models.CharField(max_length=80, db_index=True)
    title = models.CharField(max_length=255)
    value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    text_value = models.TextField(blank=True)
    unit = models.CharField(max_length=24, choices=RuleUnit.choices)
    # "Before" rules give the latest day to act ahead of an event (convene ≥20 days before a session).
    direction = models.CharField(max_length=8, choices=RuleDirection.choices, default=RuleDirection.AFTER)
    legal_basis = models.CharField(max_length=255)
    confidence = models.CharField(max_length=1, choices=Confidence.choices)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="rule_key_period_unique"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(valid_from__isnull=True), name="rule_key_open_start_unique"
            ),
        ]
        verbose_name = "quy định"
        verbose_name_plural = "bảng quy định"

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    @property
    def area(self) -> str:
        """The first part of the key (``complaint`` for ``complaint.resolve_first.complex``)."""
        return self.key.split(".", 1)[0]

    def period_status(self, on: date | None = None) -> str:
        """``in_force``, ``future`` or ``expired`` on the given day (today by default)."""
        on = on or timezone.localdate()
        if self.valid_from and self.valid_from > on:
            return "future"
        if self.valid_to and self.valid_to < on:
            return "expired"
        return "in_force"


class RuleOverride(models.Model):
    """A council's own value for a rule, set in its working rules (quy chế)."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="overrides")
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="rule_overrides")
    value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    text_value = models.TextField(blank=True)
    unit = models.CharField(max_length=24, choices=RuleUnit.choices)
    legal_basis = models.CharField(max_length=255, help_text="Văn bản của HĐND quy định giá trị này")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "council"], name="rule_override_unique")]
        verbose_name = "quy định riêng của HĐND"
        verbose_name_plural = "quy định riêng của HĐND"

    def __str__(self) -> str:
        return f"{self.rule.key} @ {self.council_id}"


class CalendarDay(models.Model):
    """A day whose working status differs from the default: an extra day off or a make-up Saturday."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", "Ngày nghỉ thêm"
        WORKING_DAY = "working_day", "Ngày làm việc bù"

    day = models.DateField(unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reason = models.CharField(max_length=255)
    legal_basis = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày điều chỉnh lịch làm việc"
        verbose_name_plural = "lịch làm việc điều chỉnh"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"


class PeriodicRun(models.Model):
    """When the scheduler last enqueued one periodic job, so restarts do not run it again too early."""

    name = models.CharField(max_length=100, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "lần chạy việc định kỳ"
        verbose_name_plural = "lần chạy việc định kỳ"

    def __str__(self) -> str:
        return self.name


def effective_rule(key: str, council: Council | None = None, on: date | None = None) -> Rule | RuleOverride:
    """The rule in force for ``key`` on ``on``, replaced by the council's override where it has one."""
    rule = Rule.objects.in_force(on).filter(key=key).order_by("-valid_from").first()
    if rule is None:
        raise Rule.DoesNotExist(f"No rule {key!r} in force")
    if council is not None:
        override = RuleOverride.objects.select_related("rule").filter(rule=rule, council=council).first()
        if override is not None:
            return override
    return rule


class Rulebook:
    """``effective_rule`` for many days at once: every version of the rules ``keys`` and the council's
    overrides read in two queries, each day then answered from them as ``effective_rule`` answers it (a
    list of sessions, each with its own dates, asked a query per rule and day)."""

    def __init__(self, keys: Iterable[str], council: Council | None = None) -> None:
        wanted = list(keys)
        self.versions: dict[str, list[Rule]] = {}
        for rule in Rule.objects.filter(key__in=wanted):
            self.versions.setdefault(rule.key, []).append(rule)
        overrides = RuleOverride.objects.select_related("rule").filter(rule__key__in=wanted, council=council)
        self.overrides = {override.rule_id: override for override in overrides} if council else {}

    def effective(self, key: str, on: date | None = None) -> Rule | RuleOverride:
        on = on or timezone.localdate()
        in_force = [
            rule
            for rule in self.versions.get(key, [])
            if (rule.valid_from is None or rule.valid_from <= on)
            and (rule.valid_to is None or rule.valid_to >= on)
        ]
        if not in_force:
            raise Rule.DoesNotExist(f"No rule {key!r} in force")
        rule = max(in_force, key=lambda found: found.valid_from or date.min)
        return self.overrides.get(rule.pk, rule)


class Submission(models.Model):
    """One submitted form or API write, remembered for a day so a repeat returns the first result.

    The key hashes who sent it, where, and the token the form carried (``_submission``) or the API's
    ``Idempotency-Key``; ``hdnd.core.idempotency`` writes and replays these rows."""

    class State(models.TextChoices):
        RUNNING = "running", "Đang xử lý"
        DONE = "done", "Đã xong"

    key = models.CharField(max_length=64, unique=True)
    body_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=2000, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    body = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:12]} ({self.state})"


class TaskWorker(models.Model):
    """A task worker process (``manage.py db_worker``) that beats while it lives (``core.workers``).

    ``worker_id`` is the id the worker writes into the task rows it claims; a running task row whose
    worker stopped beating was left by a dead worker and is recovered by the periodic sweep."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "máy xử lý tác vụ nền"
        verbose_name_plural = "máy xử lý tác vụ nền"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"


class OutboxMail(models.Model):
    """One e-mail to send, written in the transaction of the change it tells about (``core.outbox``).

    The sender claims due rows, sends them and marks them sent; a row whose sender died is due again
    when its claim lapses and is sent again under the same ``message_id``, so receivers can drop the
    copy. A mail server's refusal is retried with a growing delay; after the last try the row fails."""

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không được"

    message_id = models.CharField(max_length=255, unique=True)
    subject = models.TextField()
    body = models.TextField()
    recipients = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the row may next be taken: now for a new row, the end of a claim, or the retry's time.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "thư chờ gửi"
        verbose_name_plural = "thư chờ gửi"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx")]

    def __str__(self) -> str:
        return f"{self.subject[:60]} → {', '.join(self.recipients)} ({self.get_status_display()})"
