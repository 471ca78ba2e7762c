"""The conduct of a session: its preparation, agenda, attendance, votes, minutes and results notice.

Everything hangs off ``Session``. A session is never deleted (no action does), so its parts go with it
(CASCADE); people and bodies a part points to are kept (PROTECT). The draft resolution a draft-resolution
item puts to the vote points to the item (``Resolution.agenda_item``, read here as ``item.resolution``):
the resolutions app depends on this one, never the reverse (``hooks``).

Votes count against the whole term (tỷ lệ trên tổng số đại biểu): a motion passes when more than half
of all the term's delegates vote for it, not half of those present. ``SessionVote.delegate_total``
keeps the count the vote was checked against, so a later change to the delegate list does not rewrite
history.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Q

from hdnd.core.text import fold
from hdnd.councils.models import Body, Person

from .sessions import Session


def percent_text(part: int, whole: int) -> str:
    """``90,00%``: two decimals, a decimal comma, as Vietnamese documents write a share."""
    if not whole:
        return "0,00%"
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{share:.2f}%".replace(".", ",")


class PreparatoryMeeting(models.Model):
    """The joint preparatory meeting (hội nghị liên tịch) that settles the session's agenda."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="preparatory_meeting")
    held_on = models.DateField(help_text="Ngày họp liên tịch")
    participants = models.TextField(blank=True, help_text="Thành phần tham dự")
    conclusions = models.TextField(blank=True, help_text="Kết luận")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "hội nghị liên tịch"
        verbose_name_plural = "hội nghị liên tịch"

    def __str__(self) -> str:
        return f"Hội nghị liên tịch ngày {self.held_on:%d/%m/%Y}"


class SessionAgendaItem(models.Model):
    """One item of the session's agenda (chương trình kỳ họp), in its place in the order."""

    class Kind(models.TextChoices):
        REPORT = "report", "Báo cáo"
        SUBMISSION = "submission", "Tờ trình"
        DRAFT_RESOLUTION = "draft_resolution", "Dự thảo nghị quyết"
        QUESTIONING = "questioning", "Chất vấn"
        OTHER = "other", "Khác"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(help_text="Thứ tự trong chương trình")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.TextField()
    presenter = models.CharField(max_length=255, blank=True, help_text="Cơ quan, người trình bày")
    examining_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Ban thẩm tra"
    )
    examination_report = models.FileField(upload_to="sittings/tham-tra/%Y/", blank=True)
    examination_report_on = models.DateField(null=True, blank=True, help_text="Ngày báo cáo thẩm tra")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="session_agenda_position_unique")
        ]
        verbose_name = "nội dung kỳ họp"
        verbose_name_plural = "nội dung kỳ họp"

    def __str__(self) -> str:
        if self.title_says_kind:
            return f"{self.position}. {self.title[:80]}"
        return f"{self.position}. {self.get_kind_display()}: {self.title[:80]}"

    @property
    def title_says_kind(self) -> bool:
        """ "Báo cáo tình hình …" already says it is a report: its kind is not shown before it again."""
        return fold(self.title).startswith(fold(self.get_kind_display()))

    @property
    def is_draft_resolution(self) -> bool:
        return self.kind == self.Kind.DRAFT_RESOLUTION


class SessionDocument(models.Model):
    """A document sent to delegates for one agenda item (PDF, Word or Excel)."""

    item = models.ForeignKey(SessionAgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to="sittings/tai-lieu/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "pk"]
        verbose_name = "tài liệu kỳ họp"
        verbose_name_plural = "tài liệu kỳ họp"

    def __str__(self) -> str:
        return self.title


class SessionAttendance(models.Model):
    """Whether one delegate of the term attended the session (có mặt, vắng có lý do, vắng)."""

    class Status(models.TextChoices):
        PRESENT = "present", "Có mặt"
        EXCUSED = "excused", "Vắng có lý do"
        ABSENT = "absent", "Vắng không có lý do"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["session", "person__name_key"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_attendance_unique")
        ]
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class SessionVote(models.Model):
    """A vote on an agenda item, its counts and result (quá nửa tổng số đại biểu tán thành)."""

    class Method(models.TextChoices):
        SHOW_OF_HANDS = "show_of_hands", "Biểu quyết giơ tay"
        SECRET_BALLOT = "secret_ballot", "Bỏ phiếu kín"
        ELECTRONIC = "electronic", "Biểu quyết điện tử"

    item = models.ForeignKey(SessionAgendaItem, on_delete=models.CASCADE, related_name="votes")
    subject = models.CharField(max_length=255, blank=True, help_text="Nội dung biểu quyết")
    method = models.CharField(max_length=16, choices=Method.choices)
    votes_for = models.PositiveSmallIntegerField()
    votes_against = models.PositiveSmallIntegerField()
    abstentions = models.PositiveSmallIntegerField()
    not_voting = models.PositiveSmallIntegerField()
    present = models.PositiveSmallIntegerField(help_text="Số đại biểu có mặt khi biểu quyết")
    delegate_total = models.PositiveSmallIntegerField(help_text="Tổng số đại biểu của khóa")
    passed = models.BooleanField()
    named = models.BooleanField(default=False, help_text="Có ghi biểu quyết của từng đại biểu")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    votes_for__lte=models.F("present")
                    - models.F("votes_against")
                    - models.F("abstentions")
                    - models.F("not_voting")
                ),
                name="session_vote_within_present",
            )
        ]
        verbose_name = "biểu quyết"
        verbose_name_plural = "biểu quyết"

    def __str__(self) -> str:
        return f"{self.item.title[:60]}: {self.summary}"

    @property
    def percent_for(self) -> str:
        return percent_text(self.votes_for, self.delegate_total)

    @property
    def summary(self) -> str:
        """ "45/50 đại biểu tán thành (90,00%)": the share of all the term's delegates."""
        return f"{self.votes_for}/{self.delegate_total} đại biểu tán thành ({self.percent_for})"

    @property
    def result_label(self) -> str:
        return "Thông qua" if self.passed else "Không thông qua"


class SessionBallot(models.Model):
    """One delegate's vote, where the vote is named (electronic or a recorded show of hands)."""

    class Choice(models.TextChoices):
        FOR = "for", "Tán thành"
        AGAINST = "against", "Không tán thành"
        ABSTAIN = "abstain", "Không biểu quyết ý kiến (phân vân)"
        NOT_VOTING = "not_voting", "Không tham gia biểu quyết"

    vote = models.ForeignKey(SessionVote, on_delete=models.CASCADE, related_name="ballots")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=12, choices=Choice.choices)

    class Meta:
        ordering = ["vote", "person__name_key"]
        constraints = [models.UniqueConstraint(fields=["vote", "person"], name="session_ballot_unique")]
        verbose_name = "phiếu biểu quyết của đại biểu"
        verbose_name_plural = "phiếu biểu quyết của đại biểu"

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"


class SessionMinutes(models.Model):
    """The session's minutes (biên bản kỳ họp) and its results notice (thông báo kết quả kỳ họp)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(blank=True)
    file = models.FileField(upload_to="sittings/bien-ban/%Y/", blank=True)
    chair_name = models.CharField(max_length=120, blank=True, help_text="Chủ tọa kỳ họp")
    secretary_name = models.CharField(max_length=120, blank=True, help_text="Thư ký kỳ họp")
    results_notice = models.TextField(blank=True, help_text="Thông báo kết quả kỳ họp")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "biên bản kỳ họp"
        verbose_name_plural = "biên bản kỳ họp"

    def __str__(self) -> str:
        return f"Biên bản {self.session}"
