"""Supervisions and surveys (giám sát chuyên đề, khảo sát, tái giám sát): the team and the decision
establishing it, the bodies supervised and their self-reports, fieldwork, findings and the outcome.

A supervision moves through ``TRANSITIONS`` (data, read by ``hdnd.core.workflow.change_status``); the
days it must keep (a self-report, a supplement, the members' notes, the draft report) are columns filled
from the rules table when the step that starts them is recorded, so "what is late" is a plain filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.text import nfc
from hdnd.councils.models import Agency, Body, BodyKind, Council, CouncilScopedQuerySet, Person
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions.models import Resolution

from .programmes import ProgrammeProposal, SupervisionProgramme

# The symbol of the decision establishing a team (QĐ), by the body that supervises (NĐ 30/2020: the
# issuing body's abbreviation). The council's standing committee issues "QĐ-HĐND".
DECISION_SYMBOLS: dict[str, str] = {
    BodyKind.STANDING: "QĐ-HĐND",
    BodyKind.LEGAL: "QĐ-BPC",
    BodyKind.ECONOMY_BUDGET: "QĐ-BKTNS",
    BodyKind.CULTURE_SOCIETY: "QĐ-BVHXH",
    BodyKind.URBAN: "QĐ-BĐT",
    BodyKind.ETHNIC: "QĐ-BDT",
    BodyKind.DELEGATE_GROUP: "QĐ-TĐB",
}
COUNCIL_DECISION = "QĐ-HĐND"
NOTICE_SYMBOL = "TB-HĐND"


def numbered(number: int, symbol: str) -> str:
    """``05/QĐ-HĐND``: numbers below 10 get a 0 (NĐ 30/2020)."""
    return f"{number:02d}/{symbol}"


class SupervisionQuerySet(CouncilScopedQuerySet["Supervision"]):
    def active(self) -> SupervisionQuerySet:
        return self.exclude(status__in=[Supervision.Status.CONCLUDED, Supervision.Status.CANCELLED])

    def held_between(self, first: date, last: date) -> SupervisionQuerySet:
        """Supervisions that went out to the supervised (fieldwork began) within [first, last]."""
        return self.filter(fieldwork_started_on__gte=first, fieldwork_started_on__lte=last).exclude(
            status=Supervision.Status.CANCELLED
        )


class Supervision(models.Model):
    """One supervision or survey by a body of the council or by a delegate."""

    class Kind(models.TextChoices):
        THEMATIC = "thematic", "Giám sát chuyên đề"
        SURVEY = "survey", "Khảo sát"
        RESUPERVISION = "resupervision", "Tái giám sát"

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        ESTABLISHED = "established", "Đã thành lập đoàn"
        PLAN_SENT = "plan_sent", "Đã gửi kế hoạch, đề cương"
        FIELDWORK = "fieldwork", "Đang làm việc trực tiếp"
        DRAFTING = "drafting", "Dự thảo báo cáo"
        CONSULTING = "consulting", "Xin ý kiến dự thảo"
        CONCLUDED = "concluded", "Đã kết luận"
        CANCELLED = "cancelled", "Không thực hiện"

    class Outcome(models.TextChoices):
        REPORT = "report", "Báo cáo kết quả giám sát"
        NOTICE = "notice", "Thông báo kết luận giám sát"
        RESOLUTION = "resolution", "Dự thảo nghị quyết về giám sát trình kỳ họp"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="supervisions")
    programme = models.ForeignKey(
        SupervisionProgramme, on_delete=models.PROTECT, null=True, blank=True, related_name="supervisions"
    )
    proposal = models.ForeignKey(
        ProgrammeProposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="supervisions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.THEMATIC)
    title = models.CharField(max_length=255, help_text="Tên cuộc giám sát")
    content = models.TextField(blank=True, help_text="Nội dung giám sát")
    scope = models.TextField(blank=True, help_text="Phạm vi, thời kỳ giám sát")
    # Who supervises: a body of the council, or one delegate.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A re-supervision re-checks an earlier supervision and some of its recommendations.
    rechecks = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="resupervisions"
    )
    rechecked_recommendations = models.ManyToManyField(
        "oversight.Recommendation", blank=True, related_name="resupervisions"
    )
    history_note = models.TextField(blank=True, help_text="Quá trình của kiến nghị được tái giám sát")
    issues = models.ManyToManyField(PetitionIssue, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    planned_month = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Tháng dự kiến")
    # The decision establishing the team (quyết định thành lập đoàn giám sát).
    decision_year = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_number = models.PositiveIntegerField(null=True, blank=True)
    decision_symbol = models.CharField(max_length=40, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    plan_sent_on = models.DateField(null=True, blank=True, help_text="Ngày gửi kế hoạch, đề cương")
    fieldwork_started_on = models.DateField(null=True, blank=True)
    fieldwork_ended_on = models.DateField(null=True, blank=True)
    member_notes_due_on = models.DateField(null=True, blank=True)
    draft_report_due_on = models.DateField(null=True, blank=True)
    draft_report_on = models.DateField(null=True, blank=True)
    consultation_until = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField(null=True, blank=True)
    conclusions = models.TextField(blank=True, help_text="Kết quả, kết luận giám sát")
    report = models.FileField(upload_to="oversight/bao-cao/%Y/", blank=True)
    # The conclusion notice (thông báo kết luận, TB-HĐND series shared with the standing committee).
    notice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_number = models.PositiveIntegerField(null=True, blank=True)
    notice_symbol = models.CharField(max_length=40, blank=True)
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupervisionQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__isnull=True) | Q(person__isnull=True), name="supervision_one_supervisor"
            ),
        ]
        indexes = [models.Index(fields=["council", "status"], name="supervision_council_status_idx")]
        verbose_name = "cuộc giám sát"
        verbose_name_plural = "cuộc giám sát, khảo sát"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:supervision_detail", args=[self.pk])

    @property
    def supervisor(self) -> str:
        if self.person_id is not None:
            return f"Đại biểu {self.person}"
        return str(self.body) if self.body_id is not None else "Hội đồng nhân dân"

    @property
    def decision_symbol_for_body(self) -> str:
        return DECISION_SYMBOLS.get(self.body.kind, COUNCIL_DECISION) if self.body else COUNCIL_DECISION

    @property
    def kind_words(self) -> str:
        """ "giám sát", "khảo sát", "tái giám sát" (as a sentence says it)."""
        words: dict[str, str] = {self.Kind.SURVEY: "khảo sát", self.Kind.RESUPERVISION: "tái giám sát"}
        return words.get(self.kind, "giám sát")

    def late(self, on: date | None = None) -> list[Late]:
        """What is late on ``on``: each step whose day has passed without being done (no queries beyond
        the prefetched ``targets``)."""
        on = on or timezone.localdate()
        found: list[Late] = []
        for target in self.targets.all():
            found += target.late(on)
        if self.status == self.Status.DRAFTING and self.draft_report_due_on and self.draft_report_due_on < on:
            found.append(
                Late(
                    "Dự thảo báo cáo kết quả", self.draft_report_due_on, (on - self.draft_report_due_on).days
                )
            )
        if self.status == self.Status.CONSULTING and self.consultation_until and self.consultation_until < on:
            found.append(
                Late(
                    "Kết luận sau khi xin ý kiến dự thảo",
                    self.consultation_until,
                    (on - self.consultation_until).days,
                )
            )
        return found


@dataclass(frozen=True)
class Late:
    """One late step: what, the day it was due and how many days late it is."""

    what: str
    due_on: date
    days: int


# A supervision by one delegate needs no team decision; every other step follows the order below.
TRANSITIONS: dict[str, frozenset[str]] = {
    Supervision.Status.PLANNED: frozenset(
        {Supervision.Status.ESTABLISHED, Supervision.Status.PLAN_SENT, Supervision.Status.CANCELLED}
    ),
    Supervision.Status.ESTABLISHED: frozenset({Supervision.Status.PLAN_SENT, Supervision.Status.CANCELLED}),
    Supervision.Status.PLAN_SENT: frozenset(
        {Supervision.Status.FIELDWORK, Supervision.Status.DRAFTING, Supervision.Status.CANCELLED}
    ),
    Supervision.Status.FIELDWORK: frozenset({Supervision.Status.DRAFTING}),
    Supervision.Status.DRAFTING: frozenset({Supervision.Status.CONSULTING, Supervision.Status.CONCLUDED}),
    Supervision.Status.CONSULTING: frozenset({Supervision.Status.CONCLUDED}),
    Supervision.Status.CONCLUDED: frozenset(),
    Supervision.Status.CANCELLED: frozenset(),
}
# The steps in the order the status page draws them.
STEPS = (
    Supervision.Status.PLANNED,
    Supervision.Status.ESTABLISHED,
    Supervision.Status.PLAN_SENT,
    Supervision.Status.FIELDWORK,
    Supervision.Status.DRAFTING,
    Supervision.Status.CONSULTING,
    Supervision.Status.CONCLUDED,
)


class TeamMember(models.Model):
    """A member of the supervision team (đoàn giám sát)."""

    class Role(models.TextChoices):
        HEAD = "head", "Trưởng đoàn"
        DEPUTY = "deputy", "Phó Trưởng đoàn"
        MEMBER = "member", "Thành viên"
        SECRETARY = "secretary", "Thư ký"
        INVITED = "invited", "Mời tham gia"

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=120)
    position = models.CharField(max_length=255, blank=True)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["supervision", "pk"]
        verbose_name = "thành viên đoàn giám sát"
        verbose_name_plural = "thành viên đoàn giám sát"

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class SupervisedAgency(models.Model):
    """A body under supervision (đối tượng chịu giám sát): its self-report and any supplement asked."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="targets")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    report_due_on = models.DateField(help_text="Hạn gửi báo cáo")
    report_received_on = models.DateField(null=True, blank=True)
    report_file = models.FileField(upload_to="oversight/tu-bao-cao/%Y/", blank=True)
    supplement_requested_on = models.DateField(null=True, blank=True)
    supplement_due_on = models.DateField(null=True, blank=True)
    supplement_received_on = models.DateField(null=True, blank=True)

    objects = CouncilScopedQuerySet["SupervisedAgency"].as_manager()

    class Meta:
        ordering = ["supervision", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["supervision", "agency"], name="supervised_agency_once")
        ]
        verbose_name = "cơ quan chịu giám sát"
        verbose_name_plural = "cơ quan chịu giám sát"

    def __str__(self) -> str:
        return str(self.agency)

    def late(self, on: date) -> list[Late]:
        found = []
        if self.report_received_on is None and self.report_due_on < on:
            found.append(
                Late(f"Báo cáo của {self.agency}", self.report_due_on, (on - self.report_due_on).days)
            )
        supplement_due = self.supplement_due_on
        if supplement_due and self.supplement_received_on is None and supplement_due < on:
            found.append(
                Late(f"Tài liệu bổ sung của {self.agency}", supplement_due, (on - supplement_due).days)
            )
        return found


class Fieldwork(models.Model):
    """A session of direct work (làm việc trực tiếp, khảo sát thực tế) with a supervised body or on site."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="fieldwork")
    on = models.DateField()
    place = models.CharField(max_length=255)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["supervision", "on", "pk"]
        verbose_name = "buổi làm việc trực tiếp"
        verbose_name_plural = "buổi làm việc trực tiếp"

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} · {self.place}"


class Finding(models.Model):
    """A finding of a supervision (kết quả, hạn chế phát hiện), possibly about a voters' petition issue."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="findings")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    issue = models.ForeignKey(
        PetitionIssue, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Finding"].as_manager()

    class Meta:
        ordering = ["supervision", "pk"]
        verbose_name = "phát hiện qua giám sát"
        verbose_name_plural = "phát hiện qua giám sát"

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: object, **kwargs: object) -> None:
        self.text = nfc(self.text)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return f"{self.supervision.get_absolute_url()}#finding-{self.pk}"
