"""Questioning (chất vấn) and explanation (giải trình): question slips from delegates, the topics chosen
for questioning at a session or a standing-committee meeting, and the explanation sessions the standing
committee holds; the commitments officials make there are ``followup.Commitment``."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from hdnd.core.text import nfc
from hdnd.councils.models import Agency, Council, CouncilScopedQuerySet, Person
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions.models import Resolution
from hdnd.sittings.models import Session, StandingMeeting

from .followup import Recommendation
from .supervisions import Finding


class Satisfaction(models.TextChoices):
    """How the delegates judged an answer or an explanation."""

    SATISFIED = "satisfied", "Thỏa đáng"
    PARTLY = "partly", "Chưa thỏa đáng hoàn toàn"
    UNSATISFIED = "unsatisfied", "Chưa thỏa đáng"


# The criteria of the supervision guidance for choosing questioning topics, as (field, label).
CRITERIA = (
    ("pressing", "Vấn đề bức xúc, được cử tri và dư luận quan tâm"),
    ("violations", "Có dấu hiệu vi phạm pháp luật"),
    ("unaccepted_answers", "Đã trả lời, giải trình nhưng chưa được chấp nhận"),
    ("supervision_findings", "Qua giám sát phát hiện hạn chế, bất cập"),
)


class QuestioningTopic(models.Model):
    """A group of issues selected for questioning (nhóm vấn đề chất vấn) at a session or, between
    sessions, at a meeting of the standing committee; with who answers, the result and the resolution."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Đề xuất"
        SELECTED = "selected", "Được lựa chọn chất vấn"
        QUESTIONED = "questioned", "Đã chất vấn"
        CONCLUDED = "concluded", "Đã có nghị quyết, kết luận"
        DECLINED = "declined", "Không lựa chọn"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="questioning_topics")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    standing_meeting = models.ForeignKey(
        StandingMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=255, help_text="Nhóm vấn đề chất vấn")
    pressing = models.BooleanField(default=False)
    violations = models.BooleanField(default=False)
    unaccepted_answers = models.BooleanField(default=False)
    supervision_findings = models.BooleanField(default=False)
    reasons = models.TextField(blank=True, help_text="Lý do lựa chọn")
    respondents = models.CharField(max_length=255, blank=True, help_text="Người trả lời chất vấn")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+")
    issues = models.ManyToManyField(PetitionIssue, blank=True, related_name="+")
    findings = models.ManyToManyField(Finding, blank=True, related_name="questioning_topics")
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="questioning_topics")
    history_note = models.TextField(blank=True, help_text="Quá trình của kiến nghị được chất vấn lại")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    questioned_on = models.DateField(null=True, blank=True)
    answers = models.TextField(blank=True, help_text="Tóm tắt trả lời chất vấn")
    satisfaction = models.CharField(max_length=12, choices=Satisfaction.choices, blank=True)
    conclusion = models.TextField(blank=True, help_text="Kết luận của chủ tọa")
    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["QuestioningTopic"].as_manager()

    class Meta:
        ordering = ["council", "-created_at", "-pk"]
        verbose_name = "nhóm vấn đề chất vấn"
        verbose_name_plural = "nhóm vấn đề chất vấn"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:topic_detail", args=[self.pk])

    @property
    def criteria_labels(self) -> list[str]:
        return [label for field, label in CRITERIA if getattr(self, field)]

    @property
    def where(self) -> str:
        if self.session_id is not None:
            return str(self.session)
        if self.standing_meeting_id is not None:
            return str(self.standing_meeting)
        return "Chưa xếp lịch"


class QuestionSlip(models.Model):
    """A delegate's question (phiếu chất vấn) to an official who must answer in person."""

    class Channel(models.TextChoices):
        BEFORE_SESSION = "before_session", "Trước kỳ họp"
        DURING_SESSION = "during_session", "Tại kỳ họp"
        BETWEEN_SESSIONS = "between_sessions", "Giữa hai kỳ họp (qua Thường trực HĐND)"

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tiếp nhận"
        ANSWERED_IN_PERSON = "answered_in_person", "Đã trả lời trực tiếp"
        ANSWERED_IN_WRITING = "answered_in_writing", "Đã trả lời bằng văn bản"
        WITHDRAWN = "withdrawn", "Đại biểu rút lại"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="question_slips")
    delegate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    topic = models.ForeignKey(
        QuestioningTopic, on_delete=models.SET_NULL, null=True, blank=True, related_name="slips"
    )
    addressee = models.CharField(max_length=255, help_text="Người bị chất vấn (họ tên, chức vụ)")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    content = models.TextField()
    submitted_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    answer = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    satisfaction = models.CharField(max_length=12, choices=Satisfaction.choices, blank=True)
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="question_slips"
    )
    issues = models.ManyToManyField(PetitionIssue, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["QuestionSlip"].as_manager()

    class Meta:
        ordering = ["council", "-submitted_on", "-pk"]
        verbose_name = "phiếu chất vấn"
        verbose_name_plural = "phiếu chất vấn"

    def __str__(self) -> str:
        text = self.content if len(self.content) <= 90 else f"{self.content[:89]}…"
        return f"Chất vấn {self.addressee}: {text}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.content = nfc(self.content)
        self.addressee = nfc(self.addressee)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:slip_detail", args=[self.pk])


class ExplanationSession(models.Model):
    """An explanation session (phiên giải trình) at a meeting of the standing committee."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        HELD = "held", "Đã tổ chức"
        CONCLUDED = "concluded", "Đã ban hành kết luận"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="explanation_sessions")
    standing_meeting = models.ForeignKey(
        StandingMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=255, help_text="Nội dung giải trình")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    officials = models.CharField(max_length=255, help_text="Người giải trình (họ tên, chức vụ)")
    planned_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    participants = models.TextField(blank=True, help_text="Thành phần tham dự")
    answers = models.TextField(blank=True, help_text="Tóm tắt nội dung giải trình")
    satisfaction = models.CharField(max_length=12, choices=Satisfaction.choices, blank=True)
    conclusion = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    issues = models.ManyToManyField(PetitionIssue, blank=True, related_name="+")
    findings = models.ManyToManyField(Finding, blank=True, related_name="explanations")
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="explanations")
    notice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_number = models.PositiveIntegerField(null=True, blank=True)
    notice_symbol = models.CharField(max_length=40, blank=True)
    notice_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ExplanationSession"].as_manager()

    class Meta:
        ordering = ["council", "-planned_on", "-pk"]
        verbose_name = "phiên giải trình"
        verbose_name_plural = "phiên giải trình"

    def __str__(self) -> str:
        return f"Giải trình: {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.title = nfc(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("oversight:explanation_detail", args=[self.pk])


TOPIC_TRANSITIONS: dict[str, frozenset[str]] = {
    QuestioningTopic.Status.PROPOSED: frozenset(
        {QuestioningTopic.Status.SELECTED, QuestioningTopic.Status.DECLINED}
    ),
    QuestioningTopic.Status.SELECTED: frozenset({QuestioningTopic.Status.QUESTIONED}),
    QuestioningTopic.Status.QUESTIONED: frozenset({QuestioningTopic.Status.CONCLUDED}),
    QuestioningTopic.Status.CONCLUDED: frozenset(),
    QuestioningTopic.Status.DECLINED: frozenset({QuestioningTopic.Status.PROPOSED}),
}
EXPLANATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ExplanationSession.Status.PLANNED: frozenset({ExplanationSession.Status.HELD}),
    ExplanationSession.Status.HELD: frozenset({ExplanationSession.Status.CONCLUDED}),
    ExplanationSession.Status.CONCLUDED: frozenset(),
}
SLIP_TRANSITIONS: dict[str, frozenset[str]] = {
    QuestionSlip.Status.RECEIVED: frozenset(
        {
            QuestionSlip.Status.ANSWERED_IN_PERSON,
            QuestionSlip.Status.ANSWERED_IN_WRITING,
            QuestionSlip.Status.WITHDRAWN,
        }
    ),
    QuestionSlip.Status.ANSWERED_IN_PERSON: frozenset(),
    QuestionSlip.Status.ANSWERED_IN_WRITING: frozenset(),
    QuestionSlip.Status.WITHDRAWN: frozenset(),
}
