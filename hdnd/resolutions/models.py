"""Resolutions (nghị quyết) of a council: numbering, statuses, links, publication and follow-up.

A resolution is numbered when it is adopted, in its council's series for the calendar year of its
issue date, one series for normative resolutions (``05/2025/NQ-HĐND``) and one for individual ones
(``12/NQ-HĐND``); ``ResolutionCounter`` holds the last number of each series and is locked while a
number is taken, so two clerks never get the same one.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.calendar import deadline
from hdnd.core.models import Rule
from hdnd.core.text import fold, nfc
from hdnd.councils.models import Agency, Council, CouncilScopedQuerySet

PUBLISH_RULE = "resolution.publish"


class Kind(models.TextChoices):
    NORMATIVE = "normative", "Quy phạm pháp luật"
    INDIVIDUAL = "individual", "Cá biệt"


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ADOPTED = "adopted", "Đã thông qua"
    PUBLISHED = "published", "Đã công bố"
    IN_FORCE = "in_force", "Đang có hiệu lực"
    AMENDED = "amended", "Đã được sửa đổi, bổ sung"
    REPLACED = "replaced", "Đã được thay thế"
    ANNULLED = "annulled", "Đã bị bãi bỏ"
    EXPIRED = "expired", "Hết hiệu lực"


PUBLIC_STATUSES = frozenset(
    {Status.PUBLISHED, Status.IN_FORCE, Status.AMENDED, Status.REPLACED, Status.ANNULLED, Status.EXPIRED}
)
# A resolution another one may amend, replace or annul: one still in effect.
LINKABLE_STATUSES = frozenset({Status.ADOPTED, Status.PUBLISHED, Status.IN_FORCE, Status.AMENDED})
_ENDINGS = frozenset({Status.REPLACED, Status.ANNULLED, Status.EXPIRED})

# The transition table: what each status may become.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.ADOPTED}),
    Status.ADOPTED: frozenset({Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.IN_FORCE, Status.AMENDED} | _ENDINGS),
    Status.IN_FORCE: frozenset({Status.AMENDED} | _ENDINGS),
    Status.AMENDED: frozenset({Status.AMENDED} | _ENDINGS),
    Status.REPLACED: frozenset(),
    Status.ANNULLED: frozenset(),
    Status.EXPIRED: frozenset(),
}


def symbol_for(kind: str, number: int, year: int) -> str:
    """``12/NQ-HĐND`` (individual) or ``05/2025/NQ-HĐND`` (normative); below 10 get a 0 (NĐ 30/2020)."""
    if kind == Kind.NORMATIVE:
        return f"{number:02d}/{year}/NQ-HĐND"
    return f"{number:02d}/NQ-HĐND"


class ResolutionCounter(models.Model):
    """The last number given in one series: a council's normative or individual resolutions of a year."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "kind"], name="resolution_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}/{self.kind}: {self.last}"


def search_words(query: str) -> list[str]:
    """The words a register search filters on: folded, without the "nghị quyết" every row would match."""
    return fold(query).replace("nghi quyet", " ").split()


class ResolutionQuerySet(CouncilScopedQuerySet["Resolution"]):
    def public(self) -> ResolutionQuerySet:
        """What anyone may read: published and later statuses, never drafts or adopted-not-published."""
        return self.filter(status__in=PUBLIC_STATUSES)

    def search(self, query: str) -> ResolutionQuerySet:
        """Accent-insensitive: every word of the folded query is in the symbol, summary or field.

        "Nghị quyết" itself is dropped: every row is one, so "nghi quyet ngan sach" means "ngan sach".
        """
        result = self
        for word in search_words(query):
            result = result.filter(search_key__contains=word)
        return result


class Resolution(models.Model):
    """A resolution of a council (nghị quyết HĐND), from draft to the end of its effect."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="resolutions")
    session = models.ForeignKey(
        "sittings.Session", on_delete=models.PROTECT, null=True, blank=True, related_name="resolutions"
    )
    # The draft-resolution item of a session's agenda that puts this draft to the vote (the session's
    # pages read it as ``item.resolution``); only a pointer, so an item taken off the agenda clears it.
    agenda_item = models.OneToOneField(
        "sittings.SessionAgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolution",
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.INDIVIDUAL)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Năm của số (năm ban hành)")
    number = models.PositiveIntegerField(null=True, blank=True)
    symbol = models.CharField(max_length=40, blank=True)
    title = models.TextField(help_text="Trích yếu")
    field = models.CharField(max_length=120, blank=True, help_text="Lĩnh vực")
    text = models.TextField(blank=True, help_text="Toàn văn")
    # The text as the office has it (the signed .pdf or the .docx); served through the site, never /media/.
    text_file = models.FileField(upload_to="resolutions/toan-van/%Y/", blank=True, help_text="Tệp toàn văn")
    search_key = models.TextField(blank=True, editable=False)
    signer_name = models.CharField(max_length=120, blank=True)
    signer_title = models.CharField(max_length=120, blank=True, default="CHỦ TỊCH")
    signer_capacity = models.CharField(max_length=60, blank=True, default="TM. HỘI ĐỒNG NHÂN DÂN")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(null=True, blank=True, help_text="Ngày thông qua")
    issued_on = models.DateField(null=True, blank=True, help_text="Ngày ký ban hành")
    published_on = models.DateField(null=True, blank=True, help_text="Ngày công bố, đăng tải")
    effective_on = models.DateField(null=True, blank=True, help_text="Ngày có hiệu lực")
    ended_on = models.DateField(null=True, blank=True, help_text="Ngày hết hiệu lực")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year", "kind", "number"],
                condition=Q(number__isnull=False),
                name="resolution_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["council", "year"], name="resolution_council_year_idx"),
            # The register's order: newest first, walked until a page is full (bench/resolutions.py).
            models.Index(fields=["-issued_on", "-id"], name="resolution_newest_idx"),
            models.Index(fields=["council", "-issued_on", "-id"], name="resolution_council_newest_idx"),
        ]
        verbose_name = "nghị quyết"
        verbose_name_plural = "nghị quyết"

    def __str__(self) -> str:
        return f"Nghị quyết {self.symbol}" if self.symbol else f"Dự thảo nghị quyết: {self.title[:80]}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        self.text = nfc(self.text)
        self.field = nfc(self.field)
        self.search_key = fold(f"{self.symbol} {self.title} {self.field}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("resolutions:resolution_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("resolutions:public_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def text_file_kind(self) -> str:
        """ "PDF" or "DOCX" for the uploaded text, '' when there is none."""
        return str(self.text_file.name).rsplit(".", 1)[-1].upper() if self.text_file else ""

    def publication_deadline(self) -> date | None:
        """The last day to publish, counted from the issue (or adoption) date by the rules table."""
        start = self.issued_on or self.adopted_on
        if start is None:
            return None
        try:
            return deadline(PUBLISH_RULE, start, self.council)
        except (Rule.DoesNotExist, ValueError):
            return None

    def publication_warning(self, today: date | None = None) -> str:
        """'' when on time; otherwise a sentence saying how the deadline was or is being missed."""
        due = self.publication_deadline()
        if due is None or self.status == Status.DRAFT:
            return ""
        if self.published_on is not None:
            if self.published_on > due:
                return f"Công bố muộn: hạn chót {due:%d/%m/%Y}, công bố ngày {self.published_on:%d/%m/%Y}."
            return ""
        if (today or timezone.localdate()) > due:
            return f"Quá hạn công bố: hạn chót {due:%d/%m/%Y}, chưa công bố."
        return ""


class Attachment(models.Model):
    """A file attached to a resolution (phụ lục, văn bản ký số)."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="resolutions/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Link(models.Model):
    """One resolution amends, replaces or annuls another (of the same council or one below)."""

    class Kind(models.TextChoices):
        AMENDS = "amends", "Sửa đổi, bổ sung"
        REPLACES = "replaces", "Thay thế"
        ANNULS = "annuls", "Bãi bỏ"

    source = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="resolution_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="resolution_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display().lower()} {self.target}"


# What each link does to its target.
LINK_EFFECT = {
    Link.Kind.AMENDS: Status.AMENDED,
    Link.Kind.REPLACES: Status.REPLACED,
    Link.Kind.ANNULS: Status.ANNULLED,
}


class ResolutionTask(models.Model):
    """A report or task a resolution requires of an agency by a date (tổ chức thực hiện nghị quyết)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="resolution_tasks")
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="tasks")
    requirement = models.TextField(help_text="Nội dung yêu cầu")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency_name = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    report = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ResolutionTask"].as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["council", "done_on", "due_on"], name="resolution_task_due_idx")]

    def __str__(self) -> str:
        return self.requirement[:80]

    @property
    def who(self) -> str:
        return self.agency.name if self.agency else self.agency_name

    def is_overdue(self, today: date | None = None) -> bool:
        """Not done by its date, or done after it."""
        if self.done_on is not None:
            return self.done_on > self.due_on
        return (today or timezone.localdate()) > self.due_on


class ReviewStatus(models.TextChoices):
    SELECTED = "selected", "Đã chọn xem xét"
    FINDINGS = "findings", "Đã có ý kiến xem xét"
    RESPONDED = "responded", "Cấp xã đã xử lý"
    CLOSED = "closed", "Kết thúc"


REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.SELECTED: frozenset({ReviewStatus.FINDINGS, ReviewStatus.CLOSED}),
    ReviewStatus.FINDINGS: frozenset({ReviewStatus.FINDINGS, ReviewStatus.RESPONDED, ReviewStatus.CLOSED}),
    ReviewStatus.RESPONDED: frozenset({ReviewStatus.FINDINGS, ReviewStatus.CLOSED}),
    ReviewStatus.CLOSED: frozenset(),
}


class ResolutionReview(models.Model):
    """The province's review of a commune resolution (giám sát văn bản), its findings and the response.

    ``council`` is the commune's (the scope key: the province sees it as a council below, the commune as
    its own); ``reviewing_council`` is the province's.
    """

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="resolution_reviews")
    reviewing_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    resolution = models.ForeignKey(Resolution, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.SELECTED)
    findings = models.TextField(blank=True)
    findings_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)
    response_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ResolutionReview"].as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution"], condition=~Q(status="closed"), name="resolution_review_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"Xem xét {self.resolution}"

    def get_absolute_url(self) -> str:
        return reverse("resolutions:review_detail", args=[self.pk])
