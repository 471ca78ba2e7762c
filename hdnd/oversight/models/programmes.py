"""The council's annual supervision programme (chương trình giám sát), each body's own annual plan, and
the proposals they are built from (Ban, delegates, the Fatherland Front, voters)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from hdnd.core.text import nfc
from hdnd.councils.models import Body, Council, CouncilScopedQuerySet, Person
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions.models import Resolution


class SupervisionProgramme(models.Model):
    """A year's programme: the council's own (adopted by resolution) when ``body`` is empty, else the
    annual supervision plan of one body (Thường trực, a Ban, a Tổ đại biểu)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ADOPTED = "adopted", "Đã thông qua, ban hành"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="supervision_programmes")
    year = models.PositiveSmallIntegerField()
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    # The resolution adopting the council's programme (optional: plans of bodies have none).
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["SupervisionProgramme"].as_manager()

    class Meta:
        ordering = ["council", "-year", "body_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], condition=Q(body__isnull=True), name="programme_council_year"
            ),
            models.UniqueConstraint(fields=["council", "year", "body"], name="programme_body_year"),
        ]
        verbose_name = "chương trình giám sát"
        verbose_name_plural = "chương trình giám sát"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:programme_detail", args=[self.pk])

    @property
    def is_council_programme(self) -> bool:
        return self.body_id is None


class ProgrammeProposal(models.Model):
    """A proposed supervision topic for the programme, with its need, content, scope and object."""

    class Source(models.TextChoices):
        COMMITTEE = "committee", "Ban của HĐND"
        STANDING = "standing", "Thường trực HĐND"
        DELEGATE_GROUP = "delegate_group", "Tổ đại biểu"
        DELEGATE = "delegate", "Đại biểu HĐND"
        FRONT = "front", "Ủy ban MTTQ Việt Nam"
        VOTERS = "voters", "Ý kiến, kiến nghị cử tri"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Đề xuất"
        ACCEPTED = "accepted", "Đưa vào chương trình"
        DECLINED = "declined", "Không đưa vào"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(SupervisionProgramme, on_delete=models.CASCADE, related_name="proposals")
    source = models.CharField(max_length=16, choices=Source.choices)
    proposer = models.CharField(max_length=255, blank=True, help_text="Cơ quan, người đề xuất")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    topic = models.CharField(max_length=255, help_text="Tên chuyên đề giám sát")
    need = models.TextField(blank=True, help_text="Sự cần thiết")
    content = models.TextField(blank=True, help_text="Nội dung giám sát")
    scope = models.TextField(blank=True, help_text="Phạm vi (thời kỳ, địa bàn)")
    subjects = models.TextField(blank=True, help_text="Đối tượng chịu giám sát")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    # Evidence from voters' petitions (issues flagged for supervision, many petitions, carried over).
    issues = models.ManyToManyField(PetitionIssue, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ProgrammeProposal"].as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = "đề xuất nội dung giám sát"
        verbose_name_plural = "đề xuất nội dung giám sát"

    def __str__(self) -> str:
        return self.topic

    def save(self, *args: object, **kwargs: object) -> None:
        self.topic = nfc(self.topic)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return self.programme.get_absolute_url()
