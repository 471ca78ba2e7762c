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
import math
import re
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
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
PROBE = 10_000  # newest ids walked before the window: the window only where their rate fills the count
PAGE_WINDOW = 20_000  # newest ids walked for a page when the count came another way
SHORT = 3  # words shorter than this match as whole words (search.SHORT)
SCANNED = "scanned_key"  # the alias of the folded key matched row by row
# The words of a folded text as migration 0009 indexes them: runs of these letters and digits. A query
# word made only of them lies inside one such word wherever it occurs in a text.
WORD_SPLIT = "[^a-z0-9_]+"
LISTED = re.compile(r"[a-z0-9_]+")
SLICE_BITS = 16  # the word list index keys each word with its slice of ids, id >> SLICE_BITS
LIST_INDEX = "petition_text_word_list_idx"
# The GIN indexes of the search, each taking new petitions at once (``hdnd.core.gin``, migration 0015).
GIN_INDEXES = ("petition_text_trgm_idx", LIST_INDEX, "petitions_search_word_trgm_idx")
LIST_MAX = 300  # distinct words holding a fragment beyond which the fragment is left to the rows
COMMON_SHARE = 0.5  # a word held by more than this share of petitions narrows too little for its list


class Unindexed(Func):
    """``text_key || ''``: the same text, as an expression no index answers."""

    template = "(%(expressions)s || '')"
    output_field = TextField()


class SliceWordsOverlap(Func):
    """``petition_search_words(id, text_key) && keys``: the petition holds one of the words of ``keys``
    ("15:duong": a word within a slice of ids); answered by the word list index (migration 0009)."""

    output_field = BooleanField()

    def __init__(self, keys: list[str]) -> None:
        super().__init__(F("pk"), F("text_key"), Value(keys))

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        (pk, pk_params), (key, key_params), (keys, keys_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = f"(petition_search_words({pk}, {key}) && {keys}::text[])"
        return sql, (*pk_params, *key_params, *keys_params)


@dataclass
class Plan:
    words: tuple[str, ...]
    patterns: dict[str, str]  # each short word's regular expression (search.short_word_pattern)
    base: QuerySet[Petition]  # the scope and the filters, without the words
    small: bool
    scope: int = 0  # the planner's estimate of the scope's petitions
    table: int = 0  # and of all petitions

    @cached_property
    def lists(self) -> dict[str, list[str] | None]:
        """For each word, the distinct words of the petitions that hold it (``word_lists``)."""
        return word_lists(self.words)

    @property
    def found_nowhere(self) -> bool:
        """A word no petition's word holds: nothing matches (the table holds every word ever entered)."""
        return any(found == [] for found in self.lists.values())

    @property
    def listed(self) -> bool:
        """Whether the word list index can find the matches (one word at least is listed)."""
        return any(self.lists.values())

    @cached_property
    def narrowing(self) -> dict[str, list[str]]:
        """The listed words whose lists the index reads: every one held by at most ``COMMON_SHARE`` of
        the petitions, and the rarest. The index intersects the lists skipping through the long ones,
        so its cost follows the rows that hold every word; each row it gives is then checked (about
        2,5 µs here, ten times an entry of a list). A word held by most petitions ("xã", "sổ", "cử")
        narrows too little for its list."""
        listed = [
            (share, word)
            for word, share in zip(self.words, self.frequencies, strict=True)
            if self.lists[word]
        ]
        if not listed:
            return {}
        rarest = min(listed)[0]
        return {word: self.lists[word] or [] for share, word in listed if share <= max(rarest, COMMON_SHARE)}

    @cached_property
    def frequencies(self) -> list[float]:
        """Each word's share of all petitions holding it, from the statistics PostgreSQL keeps of the
        word list index (``word_frequencies``): the sum over the distinct words holding it."""
        known = word_frequencies()
        floor = min(known.values(), default=0.0) / 2  # a word outside the list is rarer than all in it
        shares = []
        for word in self.words:
            holding = self.lists.get(word)
            if holding is not None:
                share = sum(known.get(w, floor) for w in holding)
            elif len(word) >= SHORT:
                share = sum(f for w, f in known.items() if word in w)
            else:
                share = known.get(word, floor)
            shares.append(min(share or floor, 1.0))
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
            "FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = %s "
            "WHERE c.oid = 'petitions_petition'::regclass",
            [LIST_INDEX],
        )
        table, words, shares = cursor.fetchone()
    known: dict[str, float] = {}
    for key, share in zip(words or [], shares or [], strict=False):  # "15:duong": a word in a slice
        word = key.partition(":")[2]
        known[word] = known.get(word, 0.0) + share
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
def _planner(**settings: str) -> Iterator[None]:
    """PostgreSQL planner settings for the statements inside, reset after."""
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET {name} = {value}" for name, value in settings.items()))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"RESET {name}" for name in settings))


def walking_newest_first() -> AbstractContextManager[None]:
    """Read the newest rows in id order instead of gathering every match from an index first."""
    return _planner(enable_bitmapscan="off")


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


def word_lists(words: tuple[str, ...] | list[str]) -> dict[str, list[str] | None]:
    """For each word, the distinct words of ``petitions_search_word`` that hold it (one query): a word of
    3 letters or more anywhere in them, a shorter one as itself. None where the list says nothing: a
    word with other letters than ``LISTED`` (it may span two listed words), or held by more than
    ``LIST_MAX`` words (their lists together are as long as reading the rows)."""
    lists: dict[str, list[str] | None] = dict.fromkeys(words)
    asked = [word for word in words if LISTED.fullmatch(word)]
    if not asked:
        return lists
    parts: list[str] = []
    params: list[str | int] = []
    for word in asked:
        if len(word) < SHORT:
            parts.append("(SELECT %s, word FROM petitions_search_word WHERE word = %s)")
            params += [word, word]
        else:
            parts.append("(SELECT %s, word FROM petitions_search_word WHERE word LIKE %s LIMIT %s)")
            params += [word, "%" + word.replace("_", "\\_") + "%", LIST_MAX + 1]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for word in asked:
        holding = [found for asked_word, found in rows if asked_word == word]
        lists[word] = holding if len(holding) <= LIST_MAX else None
    return lists


def reading_the_word_lists() -> AbstractContextManager[None]:
    """Find the rows through the word list index: never a walk evaluating each row's words, and a
    bitmap large enough to stay exact (a lossy one would split every row of its pages again)."""
    return _planner(enable_seqscan="off", enable_indexscan="off", work_mem="'64MB'")


def slice_matches(plan: Plan, parts: range) -> QuerySet[Petition]:
    """The exact matches among the ids of the slices ``parts``, found through the word list index:
    the rows holding one of the narrowing words' distinct words, each row's key then matched as the
    plain query does."""
    found = scanned(plan.base, plan.words, plan.patterns)
    for holding in plan.narrowing.values():
        found = found.filter(SliceWordsOverlap([f"{part}:{word}" for part in parts for word in holding]))
    return found


def by_word_index(plan: Plan, wanted: int = 0) -> list[int]:
    """Up to ``wanted`` (``COUNT_CAP + 1``) matches, newest first, all of them when fewer. The newest
    slice of ids is read first; then, where it held few, every older one at once (a rare search), else
    the older slices its rate says are still needed, and a quarter more, in one query (a common one:
    its long lists read only as far as the count needs), again until enough are found. Every petition
    holding a word inside a word holds that word, and the table lists it."""
    wanted = wanted or _cap()
    last = Petition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    top = last >> SLICE_BITS
    found: list[int] = []
    with reading_the_word_lists():
        part = top
        while part >= 0 and len(found) < wanted:
            parts = _next_slices(part, top, last, len(found), wanted)
            ids = slice_matches(plan, parts).order_by("-pk").values_list("pk", flat=True)
            found += ids[: wanted - len(found)]
            part = parts.start - 1
    return found


def _next_slices(part: int, top: int, last: int, found: int, wanted: int) -> range:
    """The slices to read next, ``part`` the newest of them: the newest alone first; then as many as
    the rate of matches so far says ``wanted`` needs, with a quarter to spare (all when that is more
    than are left). One query for them all: a query a slice cost a round trip and the query's
    building each, a third of a common search's time."""
    if part == top:
        return range(part, part + 1)
    read = max(last - ((part + 1) << SLICE_BITS), 1)  # ids in the slices read so far (about)
    if found * last < wanted * read:  # all the slices at this rate: too few
        return range(part + 1)
    needed = max(math.ceil((wanted - found) * read / found * 1.25 / (1 << SLICE_BITS)), 1)
    return range(max(part + 1 - needed, 0), part + 1)
