"""Voters' petitions: contact cycles, voter meetings, petitions and the issues they are synthesised into."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from hdnd.core.text import fold, nfc
from hdnd.councils.models import AdminUnit, Agency, BodyKind, Council, CouncilScopedQuerySet, Person

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
    # The session the round prepares for (before) or reports back on (after), so a report can say whose
    # voter contact it counts. SET_NULL: a session removed while planned only unlinks the round.
    session = models.ForeignKey(
        "sittings.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="petition_cycles"
    )
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
        # "Trước kỳ họp … năm 2026" already says its year: never "… năm 2026 (demo) (2026)".
        return self.name if str(self.year) in self.name else f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("petitions:cycle_detail", args=[self.pk])


class Field(models.Model):
    """A field of petitions (lĩnh vực) and the committee (Ban) that follows it; council null = national."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="petition_fields"
    )
    name = models.CharField(max_length=160)
    committee_kind = models.CharField(max_length=32, choices=BodyKind.choices, blank=True)
    # Keyword rules for classification suggestions: one phrase per line, matched accent-insensitively.
    keywords = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="field_name_unique"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(council__isnull=True), name="field_national_name_unique"
            ),
        ]
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


class IssueFlag(models.TextChoices):
    """Where an issue goes when its answer is not good enough."""

    SUPERVISION = "supervision", "Đưa vào giám sát"
    QUESTIONING = "questioning", "Đưa vào chất vấn"


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
    # The agency expected to answer (cơ quan có thẩm quyền), set by staff, possibly from a suggestion.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # Referred to another council (higher when beyond competence, or down to a commune).
    referred_to = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="referred_issues"
    )
    referred_at = models.DateTimeField(null=True, blank=True)
    # Flagged after an unsatisfactory answer: to be followed in supervision or questioning.
    flag = models.CharField(max_length=12, choices=IssueFlag.choices, blank=True)
    flag_note = models.TextField(blank=True)
    # Published to voters (công khai kết quả trả lời, NQLT 72/2025 Art. 51).
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # "Tồn qua nhiều kỳ họp": the same issue raised again in a later cycle.
    carried_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="carried_into"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Why each petition after the first is in the group, as the worker explained it, under the group's
    # texts and the pair model it was explained from ({"key": …, "reasons": […]}; ``grouping.store_reasons``).
    grouping_reasons = models.JSONField(default=dict, blank=True, editable=False)

    objects = CouncilScopedQuerySet["PetitionIssue"].as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["council", "cycle", "status"], name="issue_council_cycle_idx"),
            # The public pages read only published issues (a fifth of the country's): which councils and
            # cycles have some, and how many, without touching the rest.
            models.Index(
                fields=["council", "cycle"],
                condition=Q(published_at__isnull=False, status="confirmed"),
                name="issue_published_idx",
            ),
        ]
        verbose_name = "kiến nghị đã tổng hợp"
        verbose_name_plural = "kiến nghị đã tổng hợp"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("petitions:issue_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PetitionQuerySet(CouncilScopedQuerySet["Petition"]):
    def bulk_create(self, objs: Iterable[Petition], *args: Any, **kwargs: Any) -> list[Petition]:
        """Insert many at once with their search key: ``bulk_create`` skips ``save()``, which sets it."""
        petitions = list(objs)
        for petition in petitions:
            petition.text = nfc(petition.text)
            petition.text_key = fold(petition.text)
        return super().bulk_create(petitions, *args, **kwargs)


class Petition(models.Model):
    """One voter's opinion or petition (ý kiến, kiến nghị cử tri) as it was raised, from any source."""

    class Source(models.TextChoices):
        MEETING = "meeting", "Tiếp xúc cử tri"
        LOWER_COUNCIL = "lower_council", "HĐND cấp dưới chuyển lên"
        HIGHER_COUNCIL = "higher_council", "HĐND cấp trên chuyển xuống"
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
    # The other council's issue this petition was referred from; its answer flows back there.
    origin_issue = models.ForeignKey(
        "PetitionIssue", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    received_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=64, blank=True, help_text="Số phiếu, số đơn hoặc số công văn")
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

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["council", "cycle", "status"], name="petition_council_cycle_idx"),
            # The figure of petitions received in a period, over a province's councils (figures.received).
            models.Index(fields=["council", "received_on"], name="petition_council_received_idx"),
        ]
        verbose_name = "ý kiến, kiến nghị cử tri"
        verbose_name_plural = "ý kiến, kiến nghị cử tri"

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = nfc(self.text)
        self.answer = nfc(self.answer)
        self.voter_place = nfc(self.voter_place)
        self.text_key = fold(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_key"}
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


class ForwardingQuerySet(CouncilScopedQuerySet["Forwarding"]):
    def open(self) -> ForwardingQuerySet:
        """Forwardings still waiting for an answer."""
        return self.exclude(status=Forwarding.Status.ANSWERED)

    def overdue(self, on: date) -> ForwardingQuerySet:
        """Open forwardings whose answer was due before ``on`` (quá hạn): derived, never stored."""
        return self.open().filter(due_on__lt=on)


class Forwarding(models.Model):
    """An issue forwarded to one agency to answer (chuyển kiến nghị), with its answer deadline."""

    class Status(models.TextChoices):
        SENT = "sent", "Đã chuyển"
        ACKNOWLEDGED = "acknowledged", "Cơ quan đã nhận"
        ANSWERED = "answered", "Đã trả lời"

    class Escalation(models.IntegerChoices):
        NONE = 0, "Chưa báo"
        SUPERIOR = 1, "Đã báo cơ quan cấp trên"
        STANDING_COMMITTEE = 2, "Đã báo Thường trực HĐND"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petition_forwardings")
    issue = models.ForeignKey(PetitionIssue, on_delete=models.PROTECT, related_name="forwardings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="petition_forwardings")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SENT)
    sent_on = models.DateField()
    due_on = models.DateField()
    # The local day of the first answer (set once, by ``record_answer``): the day the forwarding counts
    # as answered, on time when it is on or before ``due_on``. Stored, so the statistics and the report
    # figures read one column instead of looking up each forwarding's first answer.
    answered_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(choices=Escalation.choices, default=Escalation.NONE)
    letter_number = models.CharField(max_length=40, blank=True, help_text="Số công văn chuyển")
    # Forwarded again after an answer delegates found unsatisfactory.
    reforward_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reforwards"
    )
    note = models.TextField(blank=True)

    objects = ForwardingQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "agency"],
                condition=~Q(status="answered"),
                name="forwarding_open_unique",
            ),
        ]
        indexes = [
            # The reminder and escalation jobs poll open forwardings by due date.
            models.Index(fields=["status", "due_on"], name="forwarding_status_due_idx"),
            # The figure of issues forwarded in a period, over a province's councils (figures.forwarded).
            models.Index(fields=["council", "sent_on"], name="forwarding_council_sent_idx"),
            # The figure of forwardings answered in a period (figures.answered).
            models.Index(fields=["council", "answered_on"], name="forwarding_council_answer_idx"),
        ]
        verbose_name = "chuyển kiến nghị"
        verbose_name_plural = "chuyển kiến nghị"

    def __str__(self) -> str:
        return f"{self.issue} → {self.agency}"

    def days_overdue(self, on: date) -> int:
        """Calendar days past the due date on ``on`` (0 when not overdue or already answered)."""
        if self.status == self.Status.ANSWERED:
            return 0
        return max((on - self.due_on).days, 0)


class Outcome(models.TextChoices):
    """How an agency answered (LEGAL.md: Classifications)."""

    RESOLVED = "da_giai_quyet", "Đã giải quyết xong"
    IN_PROGRESS = "dang_giai_quyet", "Đang giải quyết (có lộ trình)"
    EXPLAINED = "giai_trinh", "Giải trình, cung cấp thông tin"
    UNRESOLVED = "chua_giai_quyet", "Chưa giải quyết"


class UnresolvedReason(models.TextChoices):
    OBJECTIVE = "khach_quan", "Khách quan"
    NO_RESOURCES = "thieu_nguon_luc", "Thiếu nguồn lực"
    BEYOND_COMPETENCE = "vuot_tham_quyen", "Vượt thẩm quyền"
    NO_GUIDANCE = "chua_co_huong_dan", "Chưa có hướng dẫn"
    OTHER = "khac", "Khác"


class Answer(models.Model):
    """An agency's answer to a forwarded issue (trả lời kiến nghị); a later answer updates an earlier one."""

    forwarding = models.ForeignKey(Forwarding, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    target_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=20, choices=UnresolvedReason.choices, blank=True)
    document = models.FileField(upload_to="petitions/answers/%Y/", blank=True)
    # "Đang giải quyết": when the agency was last reminded that its target date has come.
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="dang_giai_quyet") | Q(target_date__isnull=False),
                name="answer_in_progress_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="chua_giai_quyet") | ~Q(reason=""),
                name="answer_unresolved_has_reason",
            ),
        ]
        # Report figures read the answers given in a period, or after a day (``figures.overdue``).
        indexes = [models.Index(fields=["answered_at"], name="answer_answered_at_idx")]
        verbose_name = "trả lời kiến nghị"
        verbose_name_plural = "trả lời kiến nghị"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = nfc(self.text)
        super().save(*args, **kwargs)


class AnswerRating(models.Model):
    """A delegate's view of an answer (đánh giá trả lời): satisfactory, partial or evasive."""

    class Rating(models.TextChoices):
        SATISFACTORY = "satisfactory", "Thỏa đáng"
        PARTIAL = "partial", "Chưa thỏa đáng hoàn toàn"
        EVASIVE = "evasive", "Né tránh, chung chung"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=16, choices=Rating.choices)
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["answer", "user"], name="answer_rating_unique")]
        verbose_name = "đánh giá trả lời"
        verbose_name_plural = "đánh giá trả lời"

    def __str__(self) -> str:
        return self.get_rating_display()


# An issue may be forwarded only once it is confirmed; a forwarding's answers may be updated.
FORWARDABLE_ISSUE_STATUSES = frozenset({PetitionIssue.Status.CONFIRMED})
FORWARDING_TRANSITIONS: dict[str, frozenset[str]] = {
    Forwarding.Status.SENT: frozenset({Forwarding.Status.ACKNOWLEDGED, Forwarding.Status.ANSWERED}),
    Forwarding.Status.ACKNOWLEDGED: frozenset({Forwarding.Status.ANSWERED}),
    Forwarding.Status.ANSWERED: frozenset({Forwarding.Status.ANSWERED}),
}
TRANSITIONS = {
    "petition": PETITION_TRANSITIONS,
    "issue": ISSUE_TRANSITIONS,
    "forwarding": FORWARDING_TRANSITIONS,
}


class SynthesisRun(models.Model):
    """One background synthesis of a cycle (tổng hợp nền), with its progress for the progress bar."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tổng hợp"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="synthesis_runs")
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="synthesis_runs")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    issues_created = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set at each step of a running run; silence longer than background.STALE_AFTER means its worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = CouncilScopedQuerySet["SynthesisRun"].as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "lượt tổng hợp"
        verbose_name_plural = "lượt tổng hợp"

    def __str__(self) -> str:
        return f"{self.cycle}: {self.get_status_display()}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    ACTIVE = ("queued", "running")

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class GroupingPair(models.Model):
    """Two petitions a council's staff put together or apart on the synthesis page: a labelled pair.

    Kept on every move, merge, split and confirmation (``grouping_pairs.record_pairs``), the latest
    decision about a pair winning; ``python -m hdnd.petitions.synthesis.training --staff-pairs`` adds
    them to the shared labelled pairs when the grouping model is fitted again.
    """

    class Label(models.IntegerChoices):
        APART = 0, "Khác nội dung"
        TOGETHER = 1, "Cùng nội dung"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="grouping_pairs")
    first = models.ForeignKey("Petition", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("Petition", on_delete=models.CASCADE, related_name="+")
    label = models.PositiveSmallIntegerField(choices=Label.choices)
    source = models.CharField(max_length=16)  # move, merge, split, confirm
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now=True)

    objects = CouncilScopedQuerySet["GroupingPair"].as_manager()

    class Meta:
        verbose_name = "cặp ý kiến đã phân nhóm"
        verbose_name_plural = "cặp ý kiến đã phân nhóm"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="grouping_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="grouping_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id}: {self.get_label_display()}"
