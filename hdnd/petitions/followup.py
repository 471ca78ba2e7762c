"""After the answer: re-forwarding, flags for supervision or questioning, work in progress, carry-over.

An answer is not the end of an issue. Delegates rate it; an answer that is evasive, partial, still in
progress or unresolved can be forwarded again (chuyển lại) with the reason, or flagged for the council's
supervision or questioning. "Đang giải quyết" answers carry a target date: the agency is reminded when
it comes, and the issue stays on the follow-up board. Issues still open when the next cycle starts are
carried over to it (tồn qua nhiều kỳ họp), keeping a link to their history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Q, QuerySet, Subquery

from .models import (
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    Outcome,
    PetitionIssue,
)

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
