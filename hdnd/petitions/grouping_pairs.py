"""Staff's grouping decisions as labelled pairs for the grouping model (issue 14).

Every move, merge, split and confirmation on the synthesis page says that some petitions make the same
demand and others do not; ``record_pairs`` keeps those pairs (``GroupingPair``), the latest decision
about a pair replacing an earlier one. ``staff_pairs`` reads them back as (text, text, label) for
``hdnd.petitions.synthesis.training``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations, islice

from hdnd.core.audit import Actor
from hdnd.petitions.actions import user_of
from hdnd.petitions.models import GroupingPair, Petition

MAX_PAIRS = 500  # per decision: a confirmation of a 300-petition issue need not write 45,000 rows


def record_pairs(
    council_id: int,
    together: Iterable[tuple[int, int]],
    apart: Iterable[tuple[int, int]],
    source: str,
    by: Actor,
) -> None:
    """Keep pairs of petition ids put together and apart by one decision (inside its transaction)."""
    user = user_of(by)
    rows: dict[tuple[int, int], GroupingPair] = {}
    for label, pairs in ((GroupingPair.Label.TOGETHER, together), (GroupingPair.Label.APART, apart)):
        for a, b in islice(pairs, MAX_PAIRS):
            if a != b:
                first, second = min(a, b), max(a, b)
                rows[(first, second)] = GroupingPair(
                    council_id=council_id,
                    first_id=first,
                    second_id=second,
                    label=label,
                    source=source,
                    created_by=user,
                )
    if rows:
        GroupingPair.objects.bulk_create(
            rows.values(),
            update_conflicts=True,
            unique_fields=["first", "second"],
            update_fields=["label", "source", "created_by", "created_at"],
        )


def member_ids(issue_id: int | None, but: int | None = None) -> list[int]:
    """The ids of an issue's petitions (but one), for the pairs a decision makes."""
    if issue_id is None:
        return []
    members = Petition.objects.filter(issue_id=issue_id)
    if but is not None:
        members = members.exclude(pk=but)
    return list(members.values_list("pk", flat=True))


def with_each(one: int, others: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Pairs of ``one`` with each of ``others``."""
    return ((one, other) for other in others if other != one)


def among(ids: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Every pair among ``ids``."""
    return combinations(sorted(set(ids)), 2)


def across(left: Iterable[int], right: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Every pair with one id on each side."""
    right = list(right)
    return ((a, b) for a in left for b in right if a != b)


def staff_pairs(council_id: int | None = None) -> list[tuple[str, str, int]]:
    """(text, text, label) of the kept pairs, of one council or all."""
    pairs = GroupingPair.objects.all()
    if council_id is not None:
        pairs = pairs.filter(council_id=council_id)
    rows = list(pairs.values_list("first_id", "second_id", "label"))
    texts = dict(
        Petition.objects.filter(pk__in={i for a, b, _l in rows for i in (a, b)}).values_list("pk", "text")
    )
    return [(texts[a], texts[b], label) for a, b, label in rows if a in texts and b in texts]
