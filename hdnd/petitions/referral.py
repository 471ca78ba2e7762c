"""Referral between councils: an issue beyond a council's competence goes up to the council above it,
one within a commune's competence goes down to that commune (NQLT 72/2025: the standing committee
forwards what it cannot settle to the competent level).

A referral becomes a petition of the target council, in its newest cycle, with the source
``LOWER_COUNCIL`` or ``HIGHER_COUNCIL``, ``from_council`` and ``origin_issue``: the target synthesises,
forwards and answers it like any other petition, and the source council reads the answer that came back
through ``referral_results``. Only the issue's title and summary travel; voters' places, delegates,
slip numbers and the staff who entered the petitions stay with the source council.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from hdnd.councils.models import Council

from .models import Answer, Competence, Cycle, Forwarding, Petition, PetitionIssue

UP, DOWN = "up", "down"
SOURCE_OF = {UP: Petition.Source.LOWER_COUNCIL, DOWN: Petition.Source.HIGHER_COUNCIL}
BEYOND_COMMUNE = (Competence.PROVINCE, Competence.CENTRAL)
NOTE_MAX = 2000


def direction(source: Council, target: Council) -> str | None:
    """``up`` to the council directly above, ``down`` to one directly below, None for any other."""
    if source.parent_id is not None and target.pk == source.parent_id:
        return UP
    if target.parent_id == source.pk:
        return DOWN
    return None


def targets(council: Council) -> list[Council]:
    """The councils an issue of ``council`` may be referred to: the one above, then the active ones below."""
    below = Council.objects.filter(parent=council, dissolved_on__isnull=True).order_by("name_key")
    above = [council.parent] if council.parent is not None else []
    return [*above, *below]


def newest_cycle(council: Council) -> Cycle | None:
    return Cycle.objects.filter(council=council).order_by("-year", "-created_at", "-pk").first()


# What came back ----------------------------------------------------------------------------------


@dataclass
class ReferralResult:
    """Where one referral of an issue stands in the target council: its petition, the issue that now
    holds it (once synthesised), and the answers given to that issue."""

    petition: Petition
    council: Council
    issue: PetitionIssue | None
    answers: list[Answer] = field(default_factory=list)


def referral_results(issue: PetitionIssue) -> list[ReferralResult]:
    """For an issue that was referred: each target council's issue holding its petition, and the answers."""
    answers = Answer.objects.select_related("forwarding__agency").order_by("answered_at", "pk")
    forwardings = Forwarding.objects.prefetch_related(Prefetch("answers", queryset=answers))
    petitions = (
        Petition.objects.filter(origin_issue=issue)
        .select_related("council", "issue")
        .prefetch_related(Prefetch("issue__forwardings", queryset=forwardings))
        .order_by("pk")
    )
    results = []
    for petition in petitions:
        held = petition.issue
        found = [a for f in held.forwardings.all() for a in f.answers.all()] if held is not None else []
        results.append(ReferralResult(petition, petition.council, held, found))
    return results
