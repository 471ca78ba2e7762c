"""Supervision and questioning topics suggested from voters' petitions, with the evidence.

An issue is suggested when staff flagged it for supervision or questioning, when many petitions raise
it, when its answers were poor (unresolved, or rated partial or evasive by delegates), or when it was
carried over from an earlier cycle. Issues already taken up by a supervision or a questioning topic are
left out. One query, read-only over the petitions models (the flags lead here).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from hdnd.petitions.models import AnswerRating, IssueFlag, Outcome, PetitionIssue

from .models import QuestioningTopic, Supervision

MANY_PETITIONS = 5
LIMIT = 50


@dataclass(frozen=True)
class Suggestion:
    issue: PetitionIssue
    petitions: int
    poor_answers: int
    poor_ratings: int
    carried: bool

    @property
    def evidence(self) -> list[str]:
        """The reasons, as the page lists them."""
        found = []
        if self.issue.flag:
            note = f": {self.issue.flag_note}" if self.issue.flag_note else ""
            found.append(f"{self.issue.get_flag_display()}{note}")
        if self.petitions >= MANY_PETITIONS:
            found.append(f"{self.petitions} ý kiến của cử tri cùng nội dung")
        if self.poor_answers:
            found.append(f"{self.poor_answers} trả lời “chưa giải quyết”")
        if self.poor_ratings:
            found.append(f"{self.poor_ratings} đánh giá trả lời chưa thỏa đáng")
        if self.carried:
            found.append("Tồn đọng từ kỳ trước")
        return found

    @property
    def for_questioning(self) -> bool:
        return self.issue.flag == IssueFlag.QUESTIONING


def candidates(council_id: int) -> QuerySet[PetitionIssue]:
    taken = Supervision.objects.filter(issues=OuterRef("pk")).exclude(status=Supervision.Status.CANCELLED)
    questioned = QuestioningTopic.objects.filter(issues=OuterRef("pk"))
    poor = Q(forwardings__answers__outcome=Outcome.UNRESOLVED)
    badly_rated = Q(
        forwardings__answers__ratings__rating__in=[AnswerRating.Rating.PARTIAL, AnswerRating.Rating.EVASIVE]
    )
    return (
        PetitionIssue.objects.filter(council_id=council_id, status=PetitionIssue.Status.CONFIRMED)
        .annotate(
            n_petitions=Count("petitions", distinct=True),
            n_poor=Count("forwardings__answers", filter=poor, distinct=True),
            n_rated=Count("forwardings__answers__ratings", filter=badly_rated, distinct=True),
        )
        .filter(
            ~Q(flag="")
            | Q(n_petitions__gte=MANY_PETITIONS)
            | Q(n_poor__gt=0)
            | Q(n_rated__gt=0)
            | Q(carried_from__isnull=False)
        )
        .exclude(Exists(taken))
        .exclude(Exists(questioned))
        .select_related("field", "agency", "cycle")
        .order_by("-n_petitions", "-pk")
    )


def suggest(council_id: int, limit: int = LIMIT) -> list[Suggestion]:
    return [
        Suggestion(issue, issue.n_petitions, issue.n_poor, issue.n_rated, issue.carried_from_id is not None)  # type: ignore[attr-defined]
        for issue in candidates(council_id)[:limit]
    ]
