"""Sessions of a council (kỳ họp): kinds, who asked for them, dates, status and the lead-time checks;
the numbers of the documents the standing committee issues for them.

A council office numbers its outgoing documents per year and per kind (NĐ 30/2020): one
``DocumentCounter`` row per (council, year, symbol), taken under lock by ``take_document_number``. The
session's convening decision (``12/QĐ-HĐND``) takes its number when the session is convened; the
session notice (``05/TB-HĐND``) when it is issued, from the same TB-HĐND series as the standing
committee's conclusion notices. Standing-committee meetings (``standing``) and the conduct of a session
(``conduct``) have their own modules in this package.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.models import Rule, Rulebook
from hdnd.core.numbering import take_number
from hdnd.core.words import ordinal_words
from hdnd.councils.models import Council, CouncilScopedQuerySet, Term, to_roman

type Shared = tuple[WorkingCalendar, Rulebook]

RULE_REGULAR = "session.convening"
RULE_THEMATIC = "session.convening.thematic"
RULE_DOCUMENTS = "session.convening.documents"
DECISION_SYMBOL = "QĐ-HĐND"
NOTICE_SYMBOL = "TB-HĐND"


def numbered(number: int, symbol: str) -> str:
    """``28/TB-HĐND``; numbers below 10 get a 0 (NĐ 30/2020): ``05/QĐ-HĐND``."""
    return f"{number:02d}/{symbol}"


class DocumentCounter(models.Model):
    """The last number a council gave in a year to its outgoing documents of one kind (symbol), locked
    while numbering: session notices and conclusion notices share the ``TB-HĐND`` series."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    symbol = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "symbol"], name="document_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.council_id}/{self.year}/{self.symbol}: {self.last}"


def number_given(council_id: int, year: int, symbol: str, number: int) -> bool:
    """Whether the council already gave ``number`` of the (year, symbol) series to a document."""
    from .standing import StandingMeeting  # the standing module imports this one

    sessions = Session.objects.filter(council_id=council_id)
    if symbol == DECISION_SYMBOL:
        return sessions.filter(decision_year=year, decision_number=number).exists()
    if symbol != NOTICE_SYMBOL:
        return False
    meetings = StandingMeeting.objects.filter(council_id=council_id, notice_year=year, notice_number=number)
    notices = Q(notice_year=year, notice_number=number) | Q(results_year=year, results_number=number)
    return sessions.filter(notices).exists() or meetings.exists()


def take_document_number(council_id: int, year: int, symbol: str, wanted: int | None = None) -> int:
    """The next number of the council's (year, symbol) series, or ``wanted`` (a document issued before the
    platform, typed with its real number) unless it was given already. Call inside the transaction that
    saves the document: the counter row stays locked until it commits."""
    if wanted is not None and wanted < 1:
        raise ValidationError({"number": "Số văn bản phải lớn hơn 0."})
    taken = take_number(DocumentCounter, wanted=wanted, council_id=council_id, year=year, symbol=symbol)
    # Checked under the counter's lock, so two clerks typing the same number cannot both have it.
    if wanted is not None and number_given(council_id, year, symbol, wanted):
        raise ValidationError({"number": f"Số {numbered(wanted, symbol)} năm {year} đã được dùng."})
    return taken


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
    # The convening decision (quyết định triệu tập, QĐ-HĐND), numbered when the session is convened; it is
    # dated ``convened_on``.
    decision_year = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_number = models.PositiveIntegerField(null=True, blank=True)
    # The session notice (thông báo về kỳ họp, TB-HĐND), numbered and dated when it is issued.
    notice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notice_number = models.PositiveIntegerField(null=True, blank=True)
    notice_on = models.DateField(null=True, blank=True, help_text="Ngày ban hành thông báo về kỳ họp")
    # The results notice (thông báo kết quả kỳ họp, TB-HĐND), numbered and dated when issued after closing.
    results_year = models.PositiveSmallIntegerField(null=True, blank=True)
    results_number = models.PositiveIntegerField(null=True, blank=True)
    results_on = models.DateField(null=True, blank=True, help_text="Ngày ban hành thông báo kết quả kỳ họp")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-opens_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_number_in_term"),
            models.UniqueConstraint(
                fields=["council", "decision_year", "decision_number"],
                condition=Q(decision_number__isnull=False),
                name="session_decision_number_unique",
            ),
            models.UniqueConstraint(
                fields=["council", "notice_year", "notice_number"],
                condition=Q(notice_number__isnull=False),
                name="session_notice_number_unique",
            ),
            models.UniqueConstraint(
                fields=["council", "results_year", "results_number"],
                condition=Q(results_number__isnull=False),
                name="session_results_number_unique",
            ),
        ]
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
    def decision_symbol(self) -> str:
        """``12/QĐ-HĐND`` once convened, empty before."""
        return numbered(self.decision_number, DECISION_SYMBOL) if self.decision_number else ""

    @property
    def notice_symbol(self) -> str:
        """``05/TB-HĐND`` once the notice is issued, empty while it is a draft."""
        return numbered(self.notice_number, NOTICE_SYMBOL) if self.notice_number else ""

    @property
    def results_symbol(self) -> str:
        """``07/TB-HĐND`` once the results notice is issued, empty while it is a draft."""
        return numbered(self.results_number, NOTICE_SYMBOL) if self.results_number else ""

    @property
    def convening_rule(self) -> str:
        return RULE_THEMATIC if self.kind in (self.Kind.THEMATIC, self.Kind.AD_HOC) else RULE_REGULAR

    def _latest(self, rule_key: str, shared: Shared | None = None) -> date | None:
        calendar, rules = shared or (None, None)
        try:
            return deadline(rule_key, self.opens_on, self.council, calendar, rules)
        except (Rule.DoesNotExist, ValueError):
            return None

    def convening_deadline(self, shared: Shared | None = None) -> date | None:
        """The last day to convene the session, from the rules table (None when no rule is in force).
        ``shared``: a calendar and the council's rules a list of sessions shares (``deadline_rules``)."""
        return self._latest(self.convening_rule, shared)

    def documents_deadline(self, shared: Shared | None = None) -> date | None:
        return self._latest(RULE_DOCUMENTS, shared)

    def warnings(self, today: date | None = None, shared: Shared | None = None) -> list[str]:
        """Lead times the session missed (or is missing now), in Vietnamese."""
        today = today or timezone.localdate()
        found: list[str] = []
        latest = self.convening_deadline(shared)
        if latest is not None:
            convened = self.convened_on or (today if self.status == self.Status.PLANNED else None)
            if convened is not None and convened > latest:
                found.append(
                    f"Triệu tập muộn: phải triệu tập chậm nhất ngày {latest:%d/%m/%Y} "
                    f"(kỳ họp khai mạc {self.opens_on:%d/%m/%Y})."
                )
        latest = self.documents_deadline(shared)
        if latest is not None and self.status != self.Status.CLOSED:
            sent = self.documents_sent_on or today
            if sent > latest:
                found.append(f"Gửi tài liệu muộn: phải gửi đến đại biểu chậm nhất ngày {latest:%d/%m/%Y}.")
        return found


def deadline_rules(council: Council) -> Shared:
    """A calendar and the council's session rules, for a list of its sessions to share (two queries,
    and one for the calendar's years, instead of three a deadline)."""
    return WorkingCalendar(), Rulebook([RULE_REGULAR, RULE_THEMATIC, RULE_DOCUMENTS], council)


# Transitions, as data: a session is convened, opens, closes. Dates may still move while planned.
TRANSITIONS: dict[str, frozenset[str]] = {
    Session.Status.PLANNED: frozenset({Session.Status.CONVENED}),
    Session.Status.CONVENED: frozenset({Session.Status.IN_PROGRESS}),
    Session.Status.IN_PROGRESS: frozenset({Session.Status.CLOSED}),
    Session.Status.CLOSED: frozenset(),
}
