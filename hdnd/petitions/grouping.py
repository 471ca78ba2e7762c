"""What the synthesis of a cycle is made of, apart from the actions: the petitions still to group, the
grouping itself (``synthesis.grouping``) and saving the groups as draft issues. Shared by the
synthesis in one request (``actions.synthesis.synthesize_cycle``) and the background run (``background``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from hdnd.councils.models import Council

from .models import Cycle, Petition, PetitionIssue

TITLE_MAX = 160


def title_of(text: str, limit: int = TITLE_MAX) -> str:
    """An issue title from a petition: the text up to ``limit`` characters, cut at a word, with '…'."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def pending_petitions(council: Council, cycle: Cycle) -> QuerySet[Petition]:
    """The cycle's petitions not yet synthesised (its own and those forwarded from other councils)."""
    return Petition.objects.filter(
        council=council, cycle=cycle, status=Petition.Status.NEW, issue__isnull=True
    ).order_by("pk")


def group_petitions(petitions: Sequence[Petition]) -> list[list[Petition]]:
    """Near-duplicate petitions grouped together, the groups in the order of their first petition."""
    from hdnd.petitions.synthesis.grouping import group_texts

    groups: dict[int, list[Petition]] = {}
    for label, petition in zip(group_texts([p.text for p in petitions]), petitions, strict=True):
        groups.setdefault(label, []).append(petition)
    return sorted(groups.values(), key=lambda members: members[0].pk)


def save_groups(council: Council, cycle: Cycle, groups: Sequence[Sequence[Petition]]) -> list[PetitionIssue]:
    """One draft issue per group, titled after its first petition; call inside a transaction."""
    issues = PetitionIssue.objects.bulk_create(
        PetitionIssue(council=council, cycle=cycle, title=title_of(members[0].text)) for members in groups
    )
    for issue, members in zip(issues, groups, strict=True):
        # Only petitions still new: one moved by hand meanwhile keeps its place.
        Petition.objects.filter(
            pk__in=[p.pk for p in members], status=Petition.Status.NEW, issue__isnull=True
        ).update(issue=issue, status=Petition.Status.GROUPED)
    return issues


def issue_choices(issues: Sequence[PetitionIssue]) -> list[tuple[int, str]]:
    """Draft issues as (pk, "#pk title") choices for the move and merge forms."""
    return [(issue.pk, f"#{issue.pk} {title_of(issue.title, 80)}") for issue in issues if issue.is_draft]
