"""Earlier letters on the same matter, found by the petitions' grouping engine (``petitions.synthesis``).

The engine is a pure library: it compares texts, and knows nothing of letters. Candidates are the
council's letters of the last ``LOOKBACK_DAYS``, newest first and at most ``CANDIDATES`` of them (one
query); staff confirm a match when they classify.
"""

from __future__ import annotations

from datetime import timedelta

from hdnd.petitions.synthesis.linking import suggest_links

from .models import Letter

LOOKBACK_DAYS = 3 * 365
CANDIDATES = 2000
LIMIT = 3


def similar_letters(letter: Letter) -> list[tuple[Letter, float]]:
    """Up to three earlier letters of the council that likely raise the same matter, best first."""
    since = letter.received_on - timedelta(days=LOOKBACK_DAYS)
    candidates = list(
        Letter.objects.filter(council_id=letter.council_id, received_on__gte=since)
        .exclude(pk=letter.pk)
        .filter(pk__lt=letter.pk)
        .only("pk", "code", "subject", "content", "received_on", "kind", "status", "council_id")
        .order_by("-pk")[:CANDIDATES]
    )
    if not candidates:
        return []
    texts = [f"{other.subject}. {other.content}" for other in candidates]
    links = suggest_links([f"{letter.subject}. {letter.content}"], texts, limit=LIMIT)
    return [(candidates[link.earlier], link.score) for link in links]
