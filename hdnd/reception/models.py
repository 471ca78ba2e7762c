"""Citizen reception and letters: schedules, the reception register, letters and the sealed identity store.

No table here holds a denouncer's identity except ``SealedIdentity``, and that one only as ciphertext
under a key kept outside the database (``HDND_SEALED_KEY``, decision 0011). Constraints say so in the
schema: a reception or a letter of kind "tố cáo" has an empty visitor/sender.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.text import fold, nfc
from hdnd.councils.models import AdminUnit, Agency, Body, Council, CouncilScopedQuerySet, Person

# A case code is read aloud and copied by hand from a receipt: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
TEXT_MAX = 10_000
GROUP_MIN = 5  # "đoàn đông người": five people or more (Luật Tiếp công dân, Điều 30)


def new_case_code() -> str:
    """A random case code such as ``TD7M2QX9BK`` (31**8 ≈ 8.5e11 values after the prefix)."""
    return "TD" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH - 2))


class LetterKind(models.TextChoices):
    """The four kinds of letters (đơn thư) and of what citizens raise at a reception."""

    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"
    PETITION = "kien_nghi", "Kiến nghị"
    REPORT = "phan_anh", "Phản ánh"


PROTECTED_KINDS = frozenset({LetterKind.COMPLAINT, LetterKind.DENUNCIATION})  # never public content


class Host(models.TextChoices):
    """Who receives citizens (the figures count receptions by it)."""

    STANDING = "standing", "Thường trực HĐND"
    DELEGATE = "delegate", "Đại biểu HĐND"
    GROUP = "group", "Tổ đại biểu HĐND"
    OFFICE = "office", "Văn phòng (bộ phận tiếp công dân)"


class ReceptionSlot(models.Model):
    """A scheduled reception day (lịch tiếp công dân): periodic, at a constituency, or ad hoc."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", "Tiếp định kỳ của Thường trực HĐND"
        CONSTITUENCY = "constituency", "Tiếp tại nơi ứng cử của đại biểu, Tổ đại biểu"
        AD_HOC = "ad_hoc", "Tiếp đột xuất"

    class Status(models.TextChoices):
        PLANNED = "planned", "Theo lịch"
        HELD = "held", "Đã tiếp"
        CANCELLED = "cancelled", "Hủy, hoãn"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="reception_slots")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    host = models.CharField(max_length=12, choices=Host.choices)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    hosts = models.ManyToManyField(Person, blank=True, related_name="reception_duties")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=255)
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The delegate's report to the standing committee (rule reception.delegate_report).
    reported_on = models.DateField(null=True, blank=True)
    report = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["ReceptionSlot"].as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["council", "starts_at"], name="slot_council_start_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after"),
        ]
        verbose_name = "lịch tiếp công dân"
        verbose_name_plural = "lịch tiếp công dân"

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"Tiếp công dân {local:%d/%m/%Y %H:%M} tại {self.place}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.place, self.notes, self.report = nfc(self.place), nfc(self.notes), nfc(self.report)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reception:slot_detail", args=[self.pk])

    @property
    def day(self) -> date:
        return timezone.localdate(self.starts_at)

    @property
    def needs_report(self) -> bool:
        """Delegates and delegate groups report to the standing committee after a reception."""
        return self.host in (Host.DELEGATE, Host.GROUP)


class Reception(models.Model):
    """One visit in the reception register (sổ tiếp công dân): who came, about what, what was done."""

    class Visitors(models.TextChoices):
        ONE = "one", "Một người"
        GROUP = "group", "Đoàn đông người"

    class Outcome(models.TextChoices):
        GUIDED = "guided", "Hướng dẫn, giải thích tại chỗ"
        LETTER = "letter", "Tiếp nhận đơn"
        FORWARDED = "forwarded", "Chuyển cơ quan có thẩm quyền"
        ANSWERED = "answered", "Trả lời trực tiếp"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="receptions")
    slot = models.ForeignKey(
        ReceptionSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="receptions"
    )
    received_on = models.DateField()
    host = models.CharField(max_length=12, choices=Host.choices)
    received_by = models.ManyToManyField(Person, blank=True, related_name="receptions_held")
    visitors = models.CharField(max_length=8, choices=Visitors.choices, default=Visitors.ONE)
    group_size = models.PositiveIntegerField(default=1)
    # Name and address of the visitor or the group's representatives; always empty for a denunciation.
    visitor = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=12, choices=LetterKind.choices)
    locality = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    content = models.TextField()
    documents = models.TextField(blank=True, help_text="Giấy tờ, tài liệu công dân cung cấp")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    outcome_note = models.TextField(blank=True)
    petitions = models.ManyToManyField("petitions.Petition", blank=True, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CouncilScopedQuerySet["Reception"].as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["council", "received_on"], name="reception_council_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=LetterKind.DENUNCIATION) | Q(visitor=""), name="reception_no_denouncer"
            ),
            models.CheckConstraint(condition=Q(group_size__gte=1), name="reception_group_size"),
        ]
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"

    def __str__(self) -> str:
        return f"Lượt tiếp ngày {self.received_on:%d/%m/%Y} ({self.get_kind_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.visitor, self.content = nfc(self.visitor), nfc(self.content)
        self.documents, self.outcome_note = nfc(self.documents), nfc(self.outcome_note)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reception:reception_detail", args=[self.pk])


class LetterQuerySet(CouncilScopedQuerySet["Letter"]):
    def waiting_answer(self) -> LetterQuerySet:
        return self.filter(status=Letter.Status.FORWARDED)

    def overdue(self, on: date) -> LetterQuerySet:
        """Forwarded letters whose answer was due before ``on``: derived, never stored."""
        return self.waiting_answer().filter(response_due__lt=on)


class Letter(models.Model):
    """A letter (đơn thư) received by the council: classified, forwarded or guided, and followed up."""

    class Channel(models.TextChoices):
        RECEPTION = "reception", "Qua tiếp công dân"
        POST = "post", "Qua bưu điện, gửi trực tiếp"
        FORWARDED = "forwarded", "Cơ quan, tổ chức khác chuyển đến"
        ONLINE = "online", "Trực tuyến"

    class Status(models.TextChoices):
        NEW = "new", "Mới tiếp nhận"
        AWAITING = "awaiting", "Chờ phân loại"
        ELIGIBLE = "eligible", "Đủ điều kiện xử lý"
        INELIGIBLE = "ineligible", "Không đủ điều kiện xử lý"
        FORWARDED = "forwarded", "Đã chuyển, chưa có trả lời"
        ANSWERED = "answered", "Đã chuyển, đã có trả lời"
        GUIDED = "guided", "Đã hướng dẫn, trả lời"
        KEPT = "kept", "Không xử lý, lưu theo dõi"

    class Escalation(models.IntegerChoices):
        NONE = 0, "Chưa"
        SUPERIOR = 1, "Đã báo cơ quan cấp trên"
        STANDING_COMMITTEE = 2, "Đã báo Thường trực HĐND"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="letters")
    code = models.CharField(max_length=CODE_LENGTH, unique=True, editable=False, default=new_case_code)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    received_on = models.DateField()
    reception = models.ForeignKey(
        Reception, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    from_body = models.CharField(max_length=255, blank=True, help_text="Cơ quan chuyển đơn đến")
    reference = models.CharField(max_length=64, blank=True, help_text="Số, ký hiệu văn bản chuyển đơn")
    kind = models.CharField(max_length=12, choices=LetterKind.choices)
    # Name and address of the sender; always empty for a denunciation (the identity stays on paper or
    # in the sealed store).
    sender = models.CharField(max_length=255, blank=True)
    senders = models.PositiveIntegerField(default=1, help_text="Số người cùng ký đơn")
    locality = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject = models.CharField(max_length=255, help_text="Trích yếu nội dung (không ghi danh tính)")
    content = models.TextField()
    content_key = models.TextField(editable=False, default="")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    classify_due = models.DateField(null=True, blank=True)
    ineligible_reason = models.TextField(blank=True)
    earlier = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="repeats"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    forwarded_on = models.DateField(null=True, blank=True)
    slip_year = models.PositiveSmallIntegerField(null=True, blank=True)
    slip_number = models.PositiveIntegerField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True, db_index=True)
    answered_on = models.DateField(null=True, blank=True)
    answer_summary = models.TextField(blank=True)
    guidance = models.TextField(blank=True)
    guidance_number = models.PositiveIntegerField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    kept_reason = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(choices=Escalation.choices, default=Escalation.NONE)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # The people handling this case: only they may open its sealed identity.
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # A letter that carries a voter's petition stays a petition, linked here.
    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moved_from_petition = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The earlier letters likely on the same matter, [[pk, score], …] best first, as the worker found them
    # after the letter was received (``matching.store_matches``); null until then.
    earlier_matches = models.JSONField(null=True, blank=True, editable=False)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["council", "status", "received_on"], name="letter_council_status_idx"),
            models.Index(fields=["council", "received_on"], name="letter_council_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=LetterKind.DENUNCIATION) | Q(sender=""), name="letter_no_denouncer"
            ),
            models.UniqueConstraint(
                fields=["council", "slip_year", "slip_number"],
                condition=Q(slip_number__isnull=False),
                name="letter_slip_unique",
            ),
        ]
        verbose_name = "đơn thư"
        verbose_name_plural = "sổ đơn thư"

    def __str__(self) -> str:
        # The case code only: this string reaches the audit log (object_repr) and must carry no identity.
        return f"Đơn {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in ("sender", "subject", "content", "from_body", "reference", "answer_summary", "guidance"):
            setattr(self, name, nfc(getattr(self, name)))
        self.content_key = fold(f"{self.subject} {self.content}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"content", "subject"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "content_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reception:letter_detail", args=[self.pk])

    @property
    def is_denunciation(self) -> bool:
        return self.kind == LetterKind.DENUNCIATION

    @property
    def slip_label(self) -> str:
        return f"{self.slip_number}/PC-HĐND" if self.slip_number else ""

    def days_overdue(self, on: date) -> int:
        if self.status != self.Status.FORWARDED or self.response_due is None or on <= self.response_due:
            return 0
        return (on - self.response_due).days


# Which status a letter may move to from each status (the states of a real provincial system).
S = Letter.Status
LETTER_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.AWAITING}),
    S.AWAITING: frozenset({S.ELIGIBLE, S.INELIGIBLE}),
    S.ELIGIBLE: frozenset({S.FORWARDED, S.GUIDED, S.KEPT}),
    S.INELIGIBLE: frozenset({S.GUIDED, S.KEPT}),
    S.FORWARDED: frozenset({S.ANSWERED}),
    S.ANSWERED: frozenset(),
    S.GUIDED: frozenset(),
    S.KEPT: frozenset({S.AWAITING}),  # kept letters are reopened when new facts arrive
}
OPEN_STATUSES = frozenset({S.NEW, S.AWAITING, S.ELIGIBLE, S.INELIGIBLE})
SLOT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReceptionSlot.Status.PLANNED: frozenset({ReceptionSlot.Status.HELD, ReceptionSlot.Status.CANCELLED}),
    ReceptionSlot.Status.HELD: frozenset(),
    ReceptionSlot.Status.CANCELLED: frozenset(),
}


class SealedIdentity(models.Model):
    """The sealed store: one denouncer's identity, encrypted (AES-256-GCM) with a key outside the database.

    Only in the optional mode (``HDND_SEALED_STORE=on``). The row is bound to its letter (the letter's
    id and code are the associated data), so a ciphertext moved to another letter does not open."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="sealed_identity")
    key_id = models.CharField(max_length=16)
    nonce = models.BinaryField(max_length=12)
    ciphertext = models.BinaryField()
    sealed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "danh tính người tố cáo (niêm phong)"
        verbose_name_plural = "kho niêm phong danh tính"

    def __str__(self) -> str:
        return f"Niêm phong #{self.pk}"


class DocumentCounter(models.Model):
    """Yearly numbers of the council's forwarding slips (PC) and guidance letters (``take_number``)."""

    class Series(models.TextChoices):
        SLIP = "slip", "Phiếu chuyển đơn"
        GUIDANCE = "guidance", "Văn bản hướng dẫn"

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=10, choices=Series.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "series"], name="reception_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class LetterAttachment(models.Model):
    """A document received with a letter (the scanned letter, papers the citizen gave), checked like every
    upload (``hdnd.core.uploads``) and stored under a random name, never the uploaded one.

    A denunciation's attachment carries the denouncer's handwriting and signature, so it is kept only in
    the sealed store: the stored file holds its AES-256-GCM ciphertext (``sealed``, ``key_id``, ``nonce``),
    opened only by the case's named handlers; without the sealed store it is refused (docs/reception.md)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="reception/tai-lieu/%Y/")
    suffix = models.CharField(max_length=8, help_text="Loại tệp đã kiểm tra (.pdf, .jpg …)")
    sealed = models.BooleanField(default=False)
    key_id = models.CharField(max_length=16, blank=True)
    nonce = models.BinaryField(max_length=12, null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = CouncilScopedQuerySet["LetterAttachment"].as_manager()

    class Meta:
        ordering = ["letter", "uploaded_at", "pk"]
        verbose_name = "tài liệu kèm đơn"
        verbose_name_plural = "tài liệu kèm đơn"
        constraints = [
            models.CheckConstraint(
                condition=Q(sealed=False) | (~Q(key_id="") & Q(nonce__isnull=False)),
                name="letter_attachment_sealed_has_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reception:attachment_file", args=[self.pk])
