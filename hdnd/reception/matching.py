"""Earlier letters on the same matter, found by the petitions' grouping engine (``petitions.synthesis``).

The engine is a pure library: it compares texts, and knows nothing of letters. Candidates are the
council's letters of the last ``LOOKBACK_DAYS``, newest first and at most ``CANDIDATES`` of them (one
query); staff confirm a match when they classify. The worker finds them once, after the letter is
received, and stores them with it (``Letter.earlier_matches``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hdnd.core import publiccache
from hdnd.petitions.synthesis.linking import suggest_links

from .models import Letter

LOOKBACK_DAYS = 3 * 365
CANDIDATES = 2000
LIMIT = 3


def similar_letters(letter: Letter) -> list[tuple[Letter, float]]:
    """Up to three earlier letters of the council that likely raise the same matter, best first: those the
    worker stored with the letter (``store_matches``), or found here while it has not, and asked for.
    Finding them analyses up to ``CANDIDATES`` letters (30 ms for 180 at national size), and the answer
    does not change: only earlier letters are compared, and a letter's text is not edited."""
    found = letter.earlier_matches
    if found is None:
        found = earlier_matches(letter)
        publiccache.ask_once(f"reception.matches:{letter.pk}", lambda: store_later(letter.pk))
    letters = Letter.objects.filter(pk__in=[pk for pk, _ in found], council_id=letter.council_id).only(*SHOWN)
    by_pk = {other.pk: other for other in letters}
    return [(by_pk[pk], score) for pk, score in found if pk in by_pk]


SHOWN = ("pk", "code", "subject", "content", "received_on", "kind", "status", "council_id")


def earlier_matches(letter: Letter) -> list[list[Any]]:
    """[[pk, score], …]: the council's earlier letters on the same matter, found by the grouping engine."""
    since = letter.received_on - timedelta(days=LOOKBACK_DAYS)
    candidates = list(
        Letter.objects.filter(council_id=letter.council_id, received_on__gte=since, pk__lt=letter.pk)
        .only("pk", "subject", "content")
        .order_by("-pk")[:CANDIDATES]
    )
    if not candidates:
        return []
    texts = [f"{other.subject}. {other.content}" for other in candidates]
    links = suggest_links([f"{letter.subject}. {letter.content}"], texts, limit=LIMIT)
    return [[candidates[link.earlier].pk, link.score] for link in links]


def store_matches(letter_id: int) -> None:
    """Find a letter's earlier matches and store them with it (the ``store_letter_matches`` task)."""
    letter = Letter.objects.filter(pk=letter_id).only("pk", "council_id", "received_on", "subject", "content")
    found = letter.first()
    if found is not None:
        Letter.objects.filter(pk=letter_id).update(earlier_matches=earlier_matches(found))
    publiccache.answered(f"reception.matches:{letter_id}")


def store_later(letter_id: int) -> None:
    """Ask the worker to find and store a letter's earlier matches."""
    from .tasks import store_letter_matches  # the tasks module imports the actions, which import this one

    store_letter_matches.enqueue(letter_id)
