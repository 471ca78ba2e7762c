"""Voters' petitions: contact cycles, voter meetings, petitions and the issues they are synthesised into."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from hdnd.core.text import fold, nfc
from hdnd.councils.models import AdminUnit, BodyKind, Council, CouncilScopedQuerySet, Person

# A public code is read aloud and copied by hand from a printed receipt: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
TEXT_MAX = 5000  # one petition; longer input is refused with a message, never cut


def new_code() -> str:
    """A random public code such as ``K7M2QX9B`` (31**8 ≈ 8.5e11 values)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Cycle(models.Model):
    """A round of voter contact (đợt tiếp xúc cử tri), e.g. "Trước kỳ họp thứ 12" of 2026."""

    class Kind(models.TextChoices):
        BEFORE_SESSION = "before_session", "Trước kỳ họp"
        AFTER_SESSION = "after_session", "Sau kỳ họp"
        THEMATIC = "thematic", "Chuyên đề"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petition_cycles")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.BEFORE_SESSION)
    year = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Cycle"].as_manager()

    class Meta:
        ordering = ["council", "-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "name"], name="cycle_name_unique"),
        ]
        verbose_name = "đợt tiếp xúc cử tri"
        verbose_name_plural = "đợt tiếp xúc cử tri"

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("petitions:cycle_detail", args=[self.pk])


class Field(models.Model):
    """A field of petitions (lĩnh vực) and the committee (Ban) that follows it; council null = national."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="petition_fields"
    )
    name = models.CharField(max_length=160)
    committee_kind = models.CharField(max_length=32, choices=BodyKind.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self) -> str:
        return self.name


class VoterMeeting(models.Model):
    """A voter-contact meeting (buổi tiếp xúc cử tri): where, when, who came, and its minutes."""

    class Kind(models.TextChoices):
        IN_PERSON = "in_person", "Trực tiếp"
        ONLINE = "online", "Trực tuyến"
        JOINT = "joint", "Kết hợp trực tiếp và trực tuyến"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="voter_meetings")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    place = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place_text = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.IN_PERSON)
    delegates = models.ManyToManyField(Person, blank=True, related_name="voter_meetings")
    officials = models.TextField(blank=True, help_text="Đại diện cơ quan trả lời, giải trình tại buổi")
    voter_count = models.PositiveIntegerField(null=True, blank=True)
    minutes = models.TextField(blank=True)
    code = models.CharField(max_length=CODE_LENGTH, unique=True, editable=False, default=new_code)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["VoterMeeting"].as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["council", "cycle", "date"], name="meeting_council_cycle_idx")]
        verbose_name = "buổi tiếp xúc cử tri"
        verbose_name_plural = "buổi tiếp xúc cử tri"

    def __str__(self) -> str:
        return f"Tiếp xúc cử tri {self.date:%d/%m/%Y} tại {self.place_text}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:meeting_detail", args=[self.pk])


class Competence(models.TextChoices):
    """Which level must resolve an issue (LEGAL.md: Classifications; huyện only before 1/7/2025)."""

    CENTRAL = "trung_uong", "Trung ương"
    PROVINCE = "tinh", "Tỉnh"
    COMMUNE = "xa", "Xã"


class PetitionIssue(models.Model):
    """A synthesised petition (kiến nghị đã tổng hợp): one issue that one or more petitions raise."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        CONFIRMED = "confirmed", "Đã xác nhận"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petition_issues")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="issues")
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, null=True, blank=True, related_name="issues")
    competence = models.CharField(max_length=12, choices=Competence.choices, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # "Tồn qua nhiều kỳ họp": the same issue raised again in a later cycle.
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_into"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["PetitionIssue"].as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["council", "cycle", "status"], name="issue_council_cycle_idx")]
        verbose_name = "kiến nghị đã tổng hợp"
        verbose_name_plural = "kiến nghị đã tổng hợp"

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class Petition(models.Model):
    """One voter's opinion or petition (ý kiến, kiến nghị cử tri) as it was raised, from any source."""

    class Source(models.TextChoices):
        MEETING = "meeting", "Tiếp xúc cử tri"
        LOWER_COUNCIL = "lower_council", "HĐND cấp dưới chuyển lên"
        RECEPTION = "reception", "Tiếp công dân"
        LETTER = "letter", "Đơn, thư"

    class Status(models.TextChoices):
        NEW = "new", "Mới"
        GROUPED = "grouped", "Đã tổng hợp"
        DUPLICATE_KEPT = "duplicate_kept", "Trùng, lưu theo dõi"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petitions")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="petitions")
    meeting = models.ForeignKey(
        VoterMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.MEETING)
    from_council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="forwarded_petitions"
    )
    text = models.TextField()
    text_key = models.TextField(editable=False)
    voter_place = models.CharField(max_length=255, blank=True)
    voter_unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    delegate = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on_the_spot = models.BooleanField(default=False)
    answer = models.TextField(blank=True)
    issue = models.ForeignKey(
        PetitionIssue, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Petition"].as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["council", "cycle", "status"], name="petition_council_cycle_idx")]
        verbose_name = "ý kiến, kiến nghị cử tri"
        verbose_name_plural = "ý kiến, kiến nghị cử tri"

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = nfc(self.text)
        self.answer = nfc(self.answer)
        self.voter_place = nfc(self.voter_place)
        self.text_key = fold(self.text)
        super().save(*args, **kwargs)


# Which status a petition may move to from each status (tables, not branches).
PETITION_TRANSITIONS: dict[str, frozenset[str]] = {
    Petition.Status.NEW: frozenset({Petition.Status.GROUPED, Petition.Status.DUPLICATE_KEPT}),
    Petition.Status.GROUPED: frozenset({Petition.Status.GROUPED, Petition.Status.DUPLICATE_KEPT}),
    Petition.Status.DUPLICATE_KEPT: frozenset({Petition.Status.GROUPED}),
}
ISSUE_TRANSITIONS: dict[str, frozenset[str]] = {
    PetitionIssue.Status.DRAFT: frozenset({PetitionIssue.Status.CONFIRMED}),
    PetitionIssue.Status.CONFIRMED: frozenset(),
}
TRANSITIONS = {"petition": PETITION_TRANSITIONS, "issue": ISSUE_TRANSITIONS}
