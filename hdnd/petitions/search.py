"""Accent-insensitive search over voters' petitions: the query, its filters, highlighting and paging.

Shared by the search page (``views_search``), the API (``api_search``) and ``bench/petition_search.py``.
The query is folded like ``Petition.text_key`` (``core.text.fold``: no accents, đ→d, lower case), cut
into words, and every word must be found in the petition's key, in any order:

- a word of 3 characters or more matches anywhere (``text_key LIKE '%word%'``): "duong" finds
  "đường", "tuyen" finds "tuyến" and "tuyển". On PostgreSQL the GIN trigram index of migration 0004
  answers it without reading every row.
- a shorter word (1–2 characters: "xã", "lũ", "đê") has no trigram of its own and as a fragment would
  match almost every petition ("xa" is in "xay", "xanh"), so it must be a whole word: bounded by the
  start or end of the text or by one of ``SEPARATORS``. Written as a regular expression whose
  separators are a positive class, pg_trgm extracts the padded trigrams of the word (" xa", "xa ")
  from it and the same index answers it.

Results are ordered newest entered first (``-pk``: ids grow with entry time, and the primary key index
walks that order). Counting stops at ``core.paging.COUNT_CAP``, as in every register: counting a common
word over a million petitions costs more than the page itself.

On PostgreSQL, ``search_plans`` leads each search to a fast exact plan: a commune's few rows read
first, a common word found among the newest petitions or proved common by the word index, a rarer one
left to the trigram index (``docs/petitions-search.md``, ``bench/petition_search.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hdnd.accounts.scope import VIEW_PETITIONS, scope_of
from hdnd.core import paging
from hdnd.core.paging import COUNT_CAP  # noqa: F401 (bench/petition_search.py reads search.COUNT_CAP)
from hdnd.core.text import fold
from hdnd.councils.models import Council

from . import search_plans
from .models import Answer, Petition, PetitionIssue

QUERY_MAX = 200  # characters; longer queries are refused with a message
WORDS_MAX = 10
SHORT = 3  # words shorter than this must match as whole words
PER_PAGE = 50
# What may stand beside a short word in a folded text. A positive class of ASCII marks (not [^a-z0-9],
# not typographic quotes or dashes): only then does pg_trgm read it as a blank and use the padded
# trigrams of the word. '-' last so that it is no range in either engine.
SEPARATORS = " ,.;:!?()\"'/-"
_WORD = re.compile(r"\w+")


class State:
    """Where a petition is on its way to an answer (the search's "trạng thái" filter)."""

    NEW = "new"
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"

    CHOICES = (
        (NEW, "Chưa tổng hợp"),
        (DRAFT, "Kiến nghị dự thảo"),
        (CONFIRMED, "Kiến nghị đã xác nhận"),
        (ANSWERED, "Đã có trả lời"),
        (UNANSWERED, "Đã xác nhận, chưa có trả lời"),
    )


@dataclass(frozen=True)
class Filters:
    """The optional filters beside the query (all empty: no filter)."""

    cycle: int | None = None
    year: int | None = None
    source: str = ""
    state: str = ""

    def __bool__(self) -> bool:
        return bool(self.cycle or self.year or self.source or self.state)


def words_of(query: str) -> list[str]:
    """The folded words of ``query``, each once, longest first (the index narrows best on those)."""
    unique = dict.fromkeys(_WORD.findall(fold(query)))
    return sorted(unique, key=len, reverse=True)


def short_word_pattern(word: str) -> str:
    """A regular expression for ``word`` as a whole word, the same in PostgreSQL and Python."""
    separators = f"[{SEPARATORS}]"
    return f"(^|{separators}){re.escape(word)}({separators}|$)"


def word_condition(word: str) -> Q:
    return search_plans.word_condition(word, short_word_pattern(word))


def searchable_council_ids(user: Any, council: Council) -> list[int]:
    """``council`` and, where the user's role sees below (``accounts.scope.BELOW``), the councils under it."""
    found = Council.objects.filter(Q(pk=council.pk) | Q(parent=council) | Q(parent__parent=council))
    visible = scope_of(user).council_ids_for(VIEW_PETITIONS)
    if visible is not None:
        found = found.filter(pk__in=set(visible) | {council.pk})
    return list(found.values_list("pk", flat=True))


def _latest_outcome() -> Subquery:
    answers = Answer.objects.filter(forwarding__issue=OuterRef("issue_id")).order_by("-answered_at", "-pk")
    return Subquery(answers.values("outcome")[:1])


def _state_filter(state: str) -> Q:
    answered = Exists(Answer.objects.filter(forwarding__issue=OuterRef("issue_id")))
    confirmed = Q(issue__status=PetitionIssue.Status.CONFIRMED)
    return {
        State.NEW: Q(issue__isnull=True),
        State.DRAFT: Q(issue__status=PetitionIssue.Status.DRAFT),
        State.CONFIRMED: confirmed,
        State.ANSWERED: Q(answered),
        State.UNANSWERED: confirmed & ~Q(answered),
    }.get(state, Q())


def search_petitions(
    council_ids: list[int], query: str, filters: Filters | None = None
) -> QuerySet[Petition]:
    """Petitions of ``council_ids`` containing every word of ``query`` (accent-insensitive), newest first.

    The bare rows: ``Results`` counts them and reads them a page at a time, with what a result shows.
    """
    filters = filters or Filters()
    scope = (
        Petition.objects.filter(council_id=council_ids[0])
        if len(council_ids) == 1
        else Petition.objects.filter(council_id__in=council_ids)
    )
    queryset = _filtered(scope, filters)
    words = words_of(query)
    patterns = {word: short_word_pattern(word) for word in words if len(word) < SHORT}
    plan = search_plans.plan_for(council_ids, words, patterns, queryset)
    if plan is not None and plan.small:
        found = search_plans.scanned(queryset, words, patterns)
        return search_plans.attach(found.order_by("-pk"), plan)
    for word in words:
        queryset = queryset.filter(word_condition(word))
    return search_plans.attach(queryset.order_by("-pk"), plan)


def _filtered(queryset: QuerySet[Petition], filters: Filters) -> QuerySet[Petition]:
    if filters.cycle:
        queryset = queryset.filter(cycle_id=filters.cycle)
    if filters.year:
        queryset = queryset.filter(cycle__year=filters.year)
    if filters.source:
        queryset = queryset.filter(source=filters.source)
    if filters.state:
        queryset = queryset.filter(_state_filter(filters.state))
    return queryset


# What a result row shows, on the page and in the API. Loading only these builds a page's 300 model
# instances a quarter faster (9.4 → 7.3 ms for 50 rows at 1,000,000); the others, a petition's answer
# among them, are not shown.
ROW_FIELDS = (
    "council_id",
    "cycle_id",
    "meeting_id",
    "from_council_id",
    "issue_id",
    "source",
    "text",
    "received_on",
    "voter_place",
    "council__name",
    "cycle__name",
    "cycle__year",
    "meeting__date",
    "meeting__place_text",
    "issue__title",
    "issue__status",
    "from_council__name",
)


def rows_of(ids: list[int]) -> list[Petition]:
    """The petitions ``ids``, newest first, with their council, cycle, meeting and issue, and
    ``latest_outcome`` (the outcome code of the latest answer to the issue, or None): one query.

    Joining the other tables only for a page's ids keeps a common word's thousands of matches from
    being joined before they are sorted.
    """
    if not ids:
        return []
    rows = (
        Petition.objects.filter(pk__in=ids)
        .select_related("council", "cycle", "meeting", "issue", "from_council")
        .only(*ROW_FIELDS)
        .annotate(latest_outcome=_latest_outcome())
        .order_by("-pk")
    )
    return list(rows)


# Highlighting --------------------------------------------------------------------------------------


_UNEVEN: set[str] = set()  # the characters met so far that fold to none (NFD marks) or to several


@cache
def _fold_char(char: str) -> str:
    key = " " if char.isspace() else fold(char)
    if len(key) != 1:
        _UNEVEN.add(char)
    return key


def _folded_with_positions(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded character by character, and for each folded character its index in ``text``."""
    keys = list(map(_fold_char, text))
    if _UNEVEN.isdisjoint(text):  # NFC text: each character folds to one, in its place
        return "".join(keys), range(len(text))
    origin: list[int] = []
    for index, key in enumerate(keys):
        origin.extend([index] * len(key))
    return "".join(keys), origin


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    folded, origin = _folded_with_positions(text)
    spans: list[tuple[int, int]] = []
    for word in words:
        pattern = re.escape(word) if len(word) >= SHORT else short_word_pattern(word)
        for match in re.finditer(pattern, folded):
            start, end = match.span()
            if len(word) < SHORT:  # the pattern includes the separators around the word
                start, end = match.start(2) - len(word), match.start(2)
            if end > start:
                spans.append((origin[start], origin[end - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with each place a query word matched wrapped in ``<mark>``."""
    parts: list[str] = []
    last = 0
    for start, end in _spans(text, words):
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


# Paging --------------------------------------------------------------------------------------------


class Results:
    """The matches of a search, counted up to ``COUNT_CAP`` and read a page at a time.

    ``newest`` is a newest-first run of the matches (``search_plans``: a small scope's matches, or a large
    scope's among the newest petitions); ``found`` up to ``COUNT_CAP + 1`` matching ids, the cheapest
    way to learn how many match. With no more than the cap, the page is sorted from them; with more, it
    is sliced from ``newest`` when that holds it, else read by the database's plan for the ordered query.
    Off PostgreSQL (no plan) one query gives ``found`` and the page is read the same way.
    """

    def __init__(self, queryset: QuerySet[Petition]) -> None:
        self.queryset = queryset
        self.plan = search_plans.plan_of(queryset)

    @cached_property
    def newest(self) -> list[int]:
        plan = self.plan
        if plan is None or plan.found_nowhere:
            return []
        if plan.small:
            return search_plans.scope_first(self.queryset)
        if plan.window:
            walked = search_plans.newest_window(plan, min(search_plans.PROBE, plan.window))
            if len(walked) <= paging.COUNT_CAP and (
                not plan.listed or len(walked) * plan.window >= paging.COUNT_CAP * search_plans.PROBE
            ):  # at the rate of the newest, the whole window fills the count
                walked = search_plans.newest_window(plan, plan.window)
            if len(walked) > paging.COUNT_CAP or not plan.listed:
                return walked
        return search_plans.by_word_index(plan) if plan.listed else []

    @cached_property
    def found(self) -> list[int]:
        """Up to ``COUNT_CAP + 1`` matching ids."""
        plan = self.plan
        if plan is not None and (plan.small or plan.listed or plan.found_nowhere):
            return self.newest
        if plan is not None and plan.window and len(self.newest) > paging.COUNT_CAP:
            return self.newest
        return list(self.queryset.order_by().values_list("pk", flat=True)[: paging.COUNT_CAP + 1])

    @property
    def count(self) -> int:
        return min(len(self.found), paging.COUNT_CAP)

    @property
    def more(self) -> bool:
        return len(self.found) > paging.COUNT_CAP

    def page_ids(self, offset: int, limit: int) -> list[int]:
        if not self.more:
            return sorted(self.found, reverse=True)[offset : offset + limit]
        if offset + limit <= len(self.newest):
            return self.newest[offset : offset + limit]
        if self.plan is not None and not self.plan.small:
            if self.plan.listed:
                return search_plans.by_word_index(self.plan, offset + limit)[offset:]
            ids = search_plans.newest_window(self.plan, search_plans.PAGE_WINDOW, offset + limit)
            if len(ids) == offset + limit:
                return ids[offset:]
        return list(self.queryset.values_list("pk", flat=True)[offset : offset + limit])

    def page(self, offset: int, limit: int) -> list[Petition]:
        return rows_of(self.page_ids(offset, limit))


class CappedPaginator(paging.CappedPaginator):
    """``core.paging``'s capped paginator over ``Results``: counted from the ids ``Results`` found, and a
    page read the way ``Results`` reads it."""

    def __init__(self, queryset: QuerySet[Petition], per_page: int) -> None:
        super().__init__(queryset, per_page)
        self.results = Results(queryset)

    @cached_property
    def found(self) -> int:
        return len(self.results.found)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        return Page(self.results.page((number - 1) * self.per_page, self.per_page), number, self)


class CappedPageNumberPagination(paging.CappedPageNumberPagination):
    """``core.paging``'s capped API pagination, over ``Results`` (the same count and page as the page's)."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page_size = self._get_page_size(pagination.page_size)
        results = Results(queryset)
        return {
            self.items_attribute: results.page((pagination.page - 1) * page_size, page_size),
            "count": results.count,
        }
