"""After the answer: re-forwarding, flags for supervision or questioning, work in progress, carry-over.

An answer is not the end of an issue. Delegates rate it; an answer that is evasive, partial, still in
progress or unresolved can be forwarded again (chuyển lại) with the reason, or flagged for the council's
supervision or questioning. "Đang giải quyết" answers carry a target date: the agency is reminded when
it comes, and the issue stays on the follow-up board. Issues still open when the next cycle starts are
carried over to it (tồn qua nhiều kỳ họp), keeping a link to their history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.core.text import nfc

from .forwarding import SYSTEM, _mail_on_commit, forward_issue
from .models import (
    TEXT_MAX,
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    IssueFlag,
    Outcome,
    PetitionIssue,
)

ACTION_LABELS: dict[str, str] = {
    "petitions.reforward": "Chuyển lại kiến nghị sau trả lời chưa đạt",
    "petitions.flag_issue": "Đưa kiến nghị vào giám sát hoặc chất vấn",
    "petitions.carry_over": "Chuyển kiến nghị chưa giải quyết sang đợt sau",
    "petitions.remind_in_progress": "Nhắc cơ quan báo cáo kết quả kiến nghị đang giải quyết",
    "petitions.link_earlier": "Gắn kiến nghị với kiến nghị đã nêu ở đợt trước",
}
EARLIER_LIMIT = 5000  # earlier issues compared with one issue: the newest, of the council's past cycles

# Outcomes that close a forwarding; anything else (or no answer) keeps the issue open.
CLOSING_OUTCOMES = frozenset({Outcome.RESOLVED, Outcome.EXPLAINED})
POOR_RATINGS = frozenset({AnswerRating.Rating.PARTIAL, AnswerRating.Rating.EVASIVE})


def latest_answers() -> QuerySet[Answer]:
    """Each forwarding's latest answer (a later answer updates an earlier one)."""
    newest = Answer.objects.filter(forwarding=OuterRef("forwarding")).order_by("-answered_at", "-pk")
    return Answer.objects.filter(pk=Subquery(newest.values("pk")[:1]))


def current_forwardings(issue: PetitionIssue) -> list[Forwarding]:
    """The issue's forwardings that still count: those not superseded by a re-forwarding.

    Prefetch ``forwardings__answers`` and ``forwardings__reforwards`` when calling it for many issues.
    """
    return [forwarding for forwarding in issue.forwardings.all() if not forwarding.reforwards.all()]


def is_closed(issue: PetitionIssue) -> bool:
    """True when every current forwarding has a closing answer (resolved, or explained)."""
    forwardings = current_forwardings(issue)
    if not forwardings:
        return False
    for forwarding in forwardings:
        answers = sorted(forwarding.answers.all(), key=lambda a: (a.answered_at, a.pk))
        if not answers or answers[-1].outcome not in CLOSING_OUTCOMES:
            return False
    return True


def reforward_reasons(forwarding: Forwarding) -> list[str]:
    """Why a forwarding may be forwarded again: its latest answer's outcome or its delegates' ratings."""
    if forwarding.status != Forwarding.Status.ANSWERED or forwarding.reforwards.exists():
        return []
    answers = sorted(forwarding.answers.all(), key=lambda a: (a.answered_at, a.pk))
    if not answers:
        return []
    latest = answers[-1]
    reasons = []
    if latest.outcome not in CLOSING_OUTCOMES:
        reasons.append(latest.get_outcome_display())
    poor = {r.get_rating_display() for r in latest.ratings.all() if r.rating in POOR_RATINGS}
    reasons.extend(f"Đại biểu đánh giá: {label}" for label in sorted(poor))
    return reasons


def reforward(forwarding: Forwarding, *, by: Any, note: str, on: date | None = None) -> Forwarding:
    """Forward an issue again to the same agency after an answer that was not good enough."""
    note = nfc(note or "")
    if not note:
        raise ValidationError({"note": "Nhập lý do chuyển lại (nội dung cần cơ quan trả lời thêm)."})
    if len(note) > TEXT_MAX:
        raise ValidationError({"note": f"Lý do dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")})
    with transaction.atomic():
        locked = (
            Forwarding.objects.select_for_update(of=("self",)).select_related("agency").get(pk=forwarding.pk)
        )
        if not reforward_reasons(locked):
            raise ValidationError(
                "Chỉ chuyển lại khi cơ quan đã trả lời mà kết quả chưa xong hoặc đại biểu đánh giá chưa "
                "thỏa đáng, và kiến nghị chưa được chuyển lại."
            )
        (made,) = forward_issue(locked.issue, [locked.agency], by=by, on=on, reforward_of=locked, note=note)
    return made


def flag_issue(issue: PetitionIssue, *, by: Any, flag: str, note: str = "") -> PetitionIssue:
    """Put an issue on the supervision or questioning list (or take it off with an empty flag)."""
    note = nfc(note or "")
    if flag and flag not in IssueFlag.values:
        raise ValidationError({"flag": "Chọn giám sát hoặc chất vấn."})
    if len(note) > TEXT_MAX:
        raise ValidationError({"flag_note": f"Ghi chú dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")})
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        if locked.is_draft:
            raise ValidationError("Xác nhận kiến nghị trước khi đưa vào giám sát hoặc chất vấn.")
        before = {"flag": locked.flag, "flag_note": locked.flag_note}
        locked.flag, locked.flag_note = flag, note if flag else ""
        locked.save(update_fields=["flag", "flag_note"])
        record(
            action="petitions.flag_issue",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"flag": locked.flag, "flag_note": locked.flag_note},
        )
    return locked


def open_issues(cycle: Cycle) -> list[PetitionIssue]:
    """Confirmed issues of a cycle not closed by their answers and not referred to another council."""
    issues = (
        cycle.issues.filter(status=PetitionIssue.Status.CONFIRMED, referred_to__isnull=True)
        .prefetch_related("forwardings__answers", "forwardings__reforwards")
        .order_by("pk")
    )
    return [issue for issue in issues if not is_closed(issue)]


def next_cycles(cycle: Cycle) -> QuerySet[Cycle]:
    """The council's cycles an issue of ``cycle`` may be carried over to: the later ones."""
    later = Q(year__gt=cycle.year) | Q(year=cycle.year, created_at__gt=cycle.created_at)
    return Cycle.objects.filter(council_id=cycle.council_id).filter(later).exclude(pk=cycle.pk)


def carry_over(source: Cycle, target: Cycle, *, by: Any) -> list[PetitionIssue]:
    """Carry the source cycle's open issues over to a later cycle, once each, linked to their history."""
    if not next_cycles(source).filter(pk=target.pk).exists():
        raise ValidationError({"target": "Chọn một đợt tiếp xúc sau đợt này của cùng HĐND."})
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=target.pk)  # two staff carrying over at once: one wins
        already = set(
            PetitionIssue.objects.filter(cycle=target, carried_from__isnull=False).values_list(
                "carried_from_id", flat=True
            )
        )
        pending = [issue for issue in open_issues(source) if issue.pk not in already]
        if not pending:
            raise ValidationError("Không còn kiến nghị chưa giải quyết nào cần chuyển sang đợt này.")
        carried = PetitionIssue.objects.bulk_create(
            PetitionIssue(
                council_id=target.council_id,
                cycle=target,
                title=issue.title,
                summary=issue.summary,
                field_id=issue.field_id,
                competence=issue.competence,
                agency_id=issue.agency_id,
                status=PetitionIssue.Status.CONFIRMED,
                carried_from=issue,
            )
            for issue in pending
        )
        record(
            action="petitions.carry_over",
            actor=by,
            obj=target,
            council=target.council,
            after={
                "from_cycle": source.pk,
                "issues": {o.pk: n.pk for o, n in zip(pending, carried, strict=True)},
            },
        )
    return carried


def earlier_candidates(issue: PetitionIssue) -> QuerySet[PetitionIssue]:
    """The council's confirmed issues of earlier cycles that this one might repeat."""
    earlier_cycles = Cycle.objects.filter(council_id=issue.council_id).filter(
        Q(year__lt=issue.cycle.year) | Q(year=issue.cycle.year, created_at__lt=issue.cycle.created_at)
    )
    return PetitionIssue.objects.filter(
        cycle__in=earlier_cycles, status=PetitionIssue.Status.CONFIRMED
    ).select_related("cycle")


def suggest_earlier(issue: PetitionIssue, limit: int = 3) -> list[tuple[PetitionIssue, float]]:
    """Earlier issues this one likely repeats ("tồn qua nhiều kỳ họp"), best first, with their scores."""
    from .synthesis.linking import suggest_links

    if issue.carried_from_id is not None:
        return []
    candidates = list(earlier_candidates(issue).order_by("-pk")[:EARLIER_LIMIT])
    if not candidates:
        return []
    text = " ".join([issue.title, issue.summary, *issue.petitions.values_list("text", flat=True)[:5]])
    links = suggest_links([text], [f"{c.title} {c.summary}" for c in candidates], limit=limit)
    return [(candidates[link.earlier], link.score) for link in links]


def link_earlier(issue: PetitionIssue, earlier: PetitionIssue, *, by: Any) -> PetitionIssue:
    """Record that an issue repeats one of an earlier cycle, so its page shows that history."""
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",))
            .select_related("council", "cycle")
            .get(pk=issue.pk)
        )
        if locked.carried_from_id is not None:
            raise ValidationError("Kiến nghị này đã được gắn với một kiến nghị đợt trước.")
        if not earlier_candidates(locked).filter(pk=earlier.pk).exists():
            raise ValidationError("Chỉ gắn với kiến nghị đã xác nhận ở một đợt trước của cùng HĐND.")
        locked.carried_from = earlier
        locked.save(update_fields=["carried_from"])
        record(
            action="petitions.link_earlier",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"carried_from": earlier.pk},
        )
    return locked


def history(issue: PetitionIssue) -> list[PetitionIssue]:
    """The earlier issues this one carries over, newest first (tồn qua nhiều kỳ họp)."""
    chain: list[PetitionIssue] = []
    seen = {issue.pk}
    current = issue.carried_from
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.carried_from
    return chain


# Work in progress -----------------------------------------------------------------------------


def in_progress(council_ids: Iterable[int] | None) -> QuerySet[Answer]:
    """Latest answers "đang giải quyết" whose forwarding was not forwarded again, soonest target first."""
    answers = latest_answers().filter(outcome=Outcome.IN_PROGRESS, forwarding__reforwards__isnull=True)
    if council_ids is not None:
        answers = answers.filter(forwarding__council_id__in=list(council_ids))
    return answers.select_related("forwarding__issue", "forwarding__agency", "forwarding__council").order_by(
        "target_date", "pk"
    )


def remind_in_progress(on: date) -> list[Answer]:
    """Once, on its target date, ask the agency to report on work it said was in progress."""
    reminded = []
    for candidate in in_progress(None).filter(target_date__lte=on, follow_up_reminded_at__isnull=True):
        with transaction.atomic():
            locked = Answer.objects.select_for_update().get(pk=candidate.pk)
            if locked.follow_up_reminded_at is not None:
                continue
            locked.follow_up_reminded_at = timezone.now()
            locked.save(update_fields=["follow_up_reminded_at"])
            forwarding = candidate.forwarding
            record(
                action="petitions.remind_in_progress",
                actor=SYSTEM,
                obj=forwarding,
                council=forwarding.council,
                after={"answer": locked.pk, "target_date": locked.target_date},
            )
            _mail_on_commit(
                "Đề nghị báo cáo kết quả giải quyết kiến nghị cử tri",
                f"Kiến nghị “{forwarding.issue}” có lộ trình hoàn thành ngày {locked.target_date:%d/%m/%Y}. "
                "Đề nghị cơ quan báo cáo kết quả giải quyết.",
                [forwarding.agency.email],
            )
        reminded.append(locked)
    return reminded
