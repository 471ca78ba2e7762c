"""Sessions of a council (kỳ họp): kinds, who asked for them, dates, status and the lead-time checks.

Standing-committee meetings, attendance, votes and the session's documents come in a later slice; they
will hang off ``Session`` (agenda items, attendance rows and votes each with a ``session`` foreign key).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone

from hdnd.core.calendar import deadline
from hdnd.core.models import Rule
from hdnd.councils.models import Council, CouncilScopedQuerySet, Term, to_roman

RULE_REGULAR = "session.convening"
RULE_THEMATIC = "session.convening.thematic"
RULE_DOCUMENTS = "session.convening.documents"

_UNITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def ordinal_words(number: int) -> str:
    """The ordinal as documents write it: 1 → "thứ nhất", 4 → "thứ tư", 21 → "thứ hai mươi mốt"."""
    if number == 1:
        return "thứ nhất"
    if number == 4:
        return "thứ tư"
    if not 1 < number < 100:
        return f"thứ {number}"
    tens, unit = divmod(number, 10)
    if tens == 0:
        return f"thứ {_UNITS[unit]}"
    head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
    if unit == 0:
        return f"thứ {head}"
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 4 and tens > 1:
        tail = "tư"
    else:
        tail = _UNITS[unit]
    return f"thứ {head} {tail}"


class SessionQuerySet(CouncilScopedQuerySet["Session"]):
    def held(self) -> SessionQuerySet:
        return self.filter(status__in=[Session.Status.IN_PROGRESS, Session.Status.CLOSED])


class Session(models.Model):
    """A session of a council (kỳ họp), numbered within its term (kỳ họp thứ mười hai, khóa XVI)."""

    class Kind(models.TextChoices):
        FIRST = "first", "Kỳ họp thứ nhất của khóa"
        REGULAR = "regular", "Thường lệ"
        THEMATIC = "thematic", "Chuyên đề"
        AD_HOC = "ad_hoc", "Bất thường"

    class Requester(models.TextChoices):
        STANDING = "standing", "Thường trực HĐND"
        PC_CHAIR = "pc_chair", "Chủ tịch UBND"
        DELEGATES = "delegates", "Ít nhất một phần ba tổng số đại biểu HĐND"

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        CONVENED = "convened", "Đã triệu tập"
        IN_PROGRESS = "in_progress", "Đang họp"
        CLOSED = "closed", "Đã bế mạc"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sittings")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sittings")
    number = models.PositiveSmallIntegerField(help_text="Số thứ tự kỳ họp trong khóa")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    requested_by = models.CharField(max_length=16, choices=Requester.choices, blank=True)
    requesting_delegates = models.PositiveSmallIntegerField(null=True, blank=True)
    delegate_total = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Tổng số đại biểu khi có đề nghị (để kiểm tra một phần ba)"
    )
    opens_on = models.DateField(help_text="Ngày khai mạc dự kiến")
    closes_on = models.DateField(help_text="Ngày bế mạc dự kiến")
    place = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    convened_on = models.DateField(null=True, blank=True, help_text="Ngày ký quyết định triệu tập")
    documents_sent_on = models.DateField(null=True, blank=True, help_text="Ngày gửi tài liệu đến đại biểu")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-opens_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="session_number_in_term")]
        indexes = [models.Index(fields=["council", "opens_on"], name="session_council_opens_idx")]
        verbose_name = "kỳ họp"
        verbose_name_plural = "kỳ họp"

    def __str__(self) -> str:
        return f"Kỳ họp {ordinal_words(self.number)}, {self.council.name} khóa {to_roman(self.term.number)}"

    def get_absolute_url(self) -> str:
        return reverse("sittings:session_detail", args=[self.pk])

    @property
    def number_words(self) -> str:
        return ordinal_words(self.number)

    @property
    def convening_rule(self) -> str:
        return RULE_THEMATIC if self.kind in (self.Kind.THEMATIC, self.Kind.AD_HOC) else RULE_REGULAR

    def _latest(self, rule_key: str) -> date | None:
        try:
            return deadline(rule_key, self.opens_on, self.council)
        except (Rule.DoesNotExist, ValueError):
            return None

    def convening_deadline(self) -> date | None:
        """The last day to convene the session, from the rules table (None when no rule is in force)."""
        return self._latest(self.convening_rule)

    def documents_deadline(self) -> date | None:
        return self._latest(RULE_DOCUMENTS)

    def warnings(self, today: date | None = None) -> list[str]:
        """Lead times the session missed (or is missing now), in Vietnamese."""
        today = today or timezone.localdate()
        found: list[str] = []
        latest = self.convening_deadline()
        if latest is not None:
            convened = self.convened_on or (today if self.status == self.Status.PLANNED else None)
            if convened is not None and convened > latest:
                found.append(
                    f"Triệu tập muộn: phải triệu tập chậm nhất ngày {latest:%d/%m/%Y} "
                    f"(kỳ họp khai mạc {self.opens_on:%d/%m/%Y})."
                )
        latest = self.documents_deadline()
        if latest is not None and self.status != self.Status.CLOSED:
            sent = self.documents_sent_on or today
            if sent > latest:
                found.append(f"Gửi tài liệu muộn: phải gửi đến đại biểu chậm nhất ngày {latest:%d/%m/%Y}.")
        return found


# Transitions, as data: a session is convened, opens, closes. Dates may still move while planned.
TRANSITIONS: dict[str, frozenset[str]] = {
    Session.Status.PLANNED: frozenset({Session.Status.CONVENED}),
    Session.Status.CONVENED: frozenset({Session.Status.IN_PROGRESS}),
    Session.Status.IN_PROGRESS: frozenset({Session.Status.CLOSED}),
    Session.Status.CLOSED: frozenset(),
}


# Features with their own model modules (standing-committee meetings; the conduct of a session).
from .models_conduct import *  # noqa: E402, F403
from .models_standing import *  # noqa: E402, F403
