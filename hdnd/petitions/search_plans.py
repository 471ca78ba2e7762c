"""How a petition search is led to a fast plan on PostgreSQL (DESIGN.md §7: p95 under 50 ms at 1,000,000).

``search.search_petitions`` builds the exact query (every word a fragment of ``text_key``) and attaches
a ``Plan``: the words, the scope with its filters, and whether the scope is small. ``search.Results``
asks this module for the matches in the cheapest exact way:

- a small scope (``SMALL_SCOPE`` petitions or fewer, by the planner's estimate from its statistics: a
  commune's officer, and a province's in the country's data) is read through the council index and
  every row's key matched in turn (``scope_first``): the words are matched on ``text_key || ''``,
  which no index answers, so the planner cannot AND the commune's few hundred rows with a common
  word's trigram list of 400,000; the ids come newest first, so the page is sliced from them;
- a large scope (the benchmark's province holding all 1,000,000) first estimates how common the
  search is, from the statistics PostgreSQL keeps of the word index (migration 0008; read once every
  few minutes, no rows read): a common one walks the newest ``WINDOW`` petitions newest first
  (``newest_window``), where it fills the capped count at once, in page order;
- a less common one asks the word index for petitions holding every word as a whole word, each
  rechecked as fragments (``by_word_index``): its lists are short where a common word's trigrams are
  all common and long, and more than ``COUNT_CAP`` there is more than ``COUNT_CAP`` in all;
- otherwise, and whenever those fall short, the trigram index (migration 0004) answers, as before.

The word index only proves that there are more than ``COUNT_CAP`` matches (each is an exact match); it
never decides which petitions match, so a word found inside another ("nhiem" in "o nhiem", "qsdd" in
"gcnqsdd") is found as before.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value

from hdnd.core import paging

from .models import Petition

# Petitions (estimated) up to which the scope's rows are read first: every commune, and every province
# of the country's data (the largest about 50,000 over five years), whose rows lie together a meeting
# at a time; the benchmark's province of 1,000,000 is above.
SMALL_SCOPE = 100_000
WINDOW = 40_000  # newest ids walked first over a large scope (the walk stops at the capped count)
PAGE_WINDOW = 20_000  # newest ids walked for a page when the count came another way
SHORT = 3  # words shorter than this match as whole words (search.SHORT)
SCANNED = "scanned_key"  # the alias of the folded key matched row by row


class Unindexed(Func):
    """``text_key || ''``: the same text, as an expression no index answers."""

    template = "(%(expressions)s || '')"
    output_field = TextField()


class WordsMatch(Func):
    """``to_tsvector('simple', text_key) @@ to_tsquery('simple', query)``, answered by the word index."""

    arg_joiner = ") @@ to_tsquery('simple'::regconfig, "
    template = "(to_tsvector('simple'::regconfig, %(expressions)s))"
    output_field = BooleanField()


@dataclass
class Plan:
    words: tuple[str, ...]
    patterns: dict[str, str]  # each short word's regular expression (search.short_word_pattern)
    base: QuerySet[Petition]  # the scope and the filters, without the words
    small: bool
    scope: int = 0  # the planner's estimate of the scope's petitions
    table: int = 0  # and of all petitions

    def words_query(self) -> str:
        """The words for ``to_tsquery``, each a whole word."""
        return " & ".join(self.words)

    @cached_property
    def frequencies(self) -> list[float]:
        """Each word's share of all petitions holding it as a word (or a word's start), from the
        statistics PostgreSQL keeps of the word index (``word_frequencies``)."""
        known = word_frequencies()
        floor = min(known.values(), default=0.0) / 2  # a word outside the list is rarer than all in it
        shares = []
        for word in self.words:
            share = sum(f for w, f in known.items() if w.startswith(word)) if len(word) >= SHORT else 0.0
            shares.append(min(share or known.get(word, floor), 1.0))
        return shares

    @cached_property
    def estimated(self) -> float:
        """The share of the scope's petitions expected to match: between the rarest word's share (words
        of one phrase, "kênh mương", come together) and the product of all (words independent), taken
        as their geometric mean. It counts words, not fragments, so it errs low."""
        product = 1.0
        for share in self.frequencies:
            product *= share
        return float((min(self.frequencies) * product) ** 0.5)

    @cached_property
    def window(self) -> int:
        """How many newest petitions a large scope walks first: ``WINDOW`` when the estimate puts the
        capped count there, else 0 (a rarer search)."""
        expected = WINDOW * self.estimated * self.scope / max(self.table, 1)
        return WINDOW if expected >= _cap() else 0

    @cached_property
    def likely_more(self) -> bool:
        """Whether the word index likely proves more matches than the cap."""
        return self.estimated * self.scope >= 2 * _cap()


@dataclass(frozen=True)
class Statistics:
    """What PostgreSQL's statistics say of the petitions: how many, and the commonest words with the
    share of petitions holding each (``pg_stats`` of the word index; ANALYZE and autovacuum refresh
    them)."""

    table: int = 0
    words: dict[str, float] | None = None
    read_at: float = 0.0


_STATISTICS = Statistics()
STATISTICS_KEPT = 600  # seconds the statistics are kept in the process


def statistics() -> Statistics:
    """The statistics, read once every ``STATISTICS_KEPT`` seconds (one query)."""
    global _STATISTICS
    if _STATISTICS.words is not None and time.monotonic() - _STATISTICS.read_at < STATISTICS_KEPT:
        return _STATISTICS
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
            "FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = 'petition_text_words_idx' "
            "WHERE c.oid = 'petitions_petition'::regclass"
        )
        table, words, shares = cursor.fetchone()
    known = dict(zip(words, shares, strict=False)) if words else {}
    _STATISTICS = Statistics(max(int(table), 0), known, time.monotonic())
    return _STATISTICS


def word_frequencies() -> dict[str, float]:
    return statistics().words or {}


def _cap() -> int:
    return paging.COUNT_CAP + 1


def _plan_rows(plan: Any) -> int:
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def estimated_scope(council_ids: list[int]) -> tuple[int, int]:
    """The planner's estimates of the petitions of ``council_ids`` and of all petitions (its
    statistics: no rows read)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT 1 FROM petitions_petition WHERE council_id = ANY(%s)",
            [list(council_ids)],
        )
        scope = _plan_rows(cursor.fetchone()[0])
    return scope, max(statistics().table, scope)


def plan_for(
    council_ids: list[int], words: list[str], patterns: dict[str, str], base: QuerySet[Petition]
) -> Plan | None:
    """The plan of a search on PostgreSQL (None elsewhere, or without words: the plain query is fast)."""
    if connection.vendor != "postgresql" or not words:
        return None
    scope, table = estimated_scope(council_ids)
    return Plan(tuple(words), patterns, base, scope <= SMALL_SCOPE, scope, table)


def attach(queryset: QuerySet[Petition], plan: Plan | None) -> QuerySet[Petition]:
    """Carry ``plan`` on the query: Django copies it into every queryset derived from this one."""
    queryset.query.search_plan = plan  # type: ignore[attr-defined]
    return queryset


def plan_of(queryset: QuerySet[Any]) -> Plan | None:
    return getattr(queryset.query, "search_plan", None)


def scanned(
    queryset: QuerySet[Petition], words: tuple[str, ...] | list[str], patterns: dict[str, str]
) -> QuerySet[Petition]:
    """``queryset`` with every word matched row by row on ``text_key || ''``, which no index answers:
    a word of 3 letters or more anywhere, a shorter one first as a fragment (cheap) and then as a
    whole word (its regular expression in ``patterns``, dearer: only on the rows that hold it)."""
    queryset = queryset.alias(**{SCANNED: Unindexed(F("text_key"))})
    for word in words:
        queryset = queryset.filter(**{f"{SCANNED}__contains": word})
    for word in words:
        if len(word) < SHORT:
            queryset = queryset.filter(**{f"{SCANNED}__regex": patterns[word]})
    return queryset


def word_condition(word: str, pattern: str) -> Q:
    """One word as the trigram index answers it: anywhere, or a short one as a whole word (``pattern``)."""
    if len(word) >= SHORT:
        return Q(text_key__contains=word)
    return Q(text_key__regex=pattern)


@contextmanager
def walking_newest_first() -> Iterator[None]:
    """Read the newest rows in id order instead of gathering every match from an index first."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_bitmapscan = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_bitmapscan")


def scope_first(queryset: QuerySet[Petition]) -> list[int]:
    """Up to ``COUNT_CAP + 1`` matching ids of a small scope, newest first (sorted after reading the
    scope: ``id + 0`` keeps the planner off walking the whole primary key for them)."""
    newest = (F("pk") + 0).desc()
    return list(queryset.order_by(newest).values_list("pk", flat=True)[: _cap()])


def newest_window(plan: Plan, size: int, wanted: int = 0) -> list[int]:
    """Up to ``wanted`` (``COUNT_CAP + 1``) matching ids among the newest ``size`` petitions, newest
    first."""
    last = Petition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    window = scanned(plan.base, plan.words, plan.patterns).filter(pk__gt=last - size).order_by("-pk")
    ids = window.values_list("pk", flat=True)
    with walking_newest_first():
        return list(ids[: wanted or _cap()])


def by_word_index(plan: Plan) -> list[int]:
    """Up to ``COUNT_CAP + 1`` exact matches among the petitions holding every word as a word (or as a
    word's start), in no order. Fewer proves nothing: a word may also be found inside others."""
    found = scanned(plan.base, plan.words, plan.patterns).filter(
        WordsMatch(F("text_key"), Value(plan.words_query()))
    )
    return list(found.order_by().values_list("pk", flat=True)[: _cap()])
