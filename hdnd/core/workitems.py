"""The work registry: what each domain app puts on a signed-in user's start page ("Làm việc").

The start page shows work, not a list of councils: deadlines passed or falling this week, items waiting
for the user's decision, the next session and meeting with what they still lack, and a delegate's own
petitions and receptions. The portal does not read the domain apps' models; each app declares what it
has for a user in a ``workitems.py`` module (found at start-up by ``autodiscover``)::

    from hdnd.core.workitems import Row, Viewer, WorkItem, register

    @register
    def overdue_answers(viewer: Viewer) -> Iterable[WorkItem]:
        ids = viewer.councils(MANAGE_PETITIONS)
        if not ids:            # an empty frozenset: nothing to show, and no query
            return []
        ...

A provider receives the ``Viewer`` (the user, today, the end of the week, their councils per action,
their agencies and their delegate records, each computed once per request) and returns ``WorkItem``s:
a count with its label and link, split into overdue and due this week, and a few ``Row``s, the
nearest first. A provider runs a fixed number of queries, never one per record: one per item with
``first_rows`` (the ``ROWS`` rows shown, the counts riding on them as window aggregates), or a count
and a list cut at ``ROWS`` over a DISTINCT queryset, so the start page costs the same with ten
records or a million (``hdnd/portal/tests/test_work.py`` counts them). Councils the user may act on
come from ``hdnd.accounts.scope``; ``None`` from ``councils`` means every council (a system
administrator).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet, Window
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.accounts.scope import scope_of

ROWS = 5  # rows shown under each item; the link opens the full list


class Section:
    """Where an item goes on the start page, in this order."""

    DEADLINES = "deadlines"  # overdue and due this week
    DECISIONS = "decisions"  # waiting for the user's decision
    COMING = "coming"  # the next session, voter-contact meeting, reception, with what is missing
    MINE = "mine"  # a delegate's own petitions and duties


SECTION_TITLES = {
    Section.DEADLINES: "Quá hạn và đến hạn trong tuần",
    Section.DECISIONS: "Chờ bạn xử lý, quyết định",
    Section.COMING: "Sắp diễn ra và còn thiếu",
    Section.MINE: "Của tôi",
}


@dataclass(frozen=True)
class Row:
    """One record under an item: what it is, where it is, its deadline and what it still lacks."""

    text: str
    url: str
    council: str = ""
    due_on: dt.date | None = None
    note: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class WorkItem:
    """A kind of work waiting for the user: how many, how many overdue or due this week, and where."""

    code: str
    label: str
    count: int
    url: str
    section: str = Section.DEADLINES
    icon: str = "list-check"
    overdue: int = 0
    due_this_week: int = 0
    rows: tuple[Row, ...] = field(default_factory=tuple)
    order: int = 0
    keep: bool = False  # shown even when empty (an agency's inbox: "nothing waiting" is news too)

    @property
    def tone(self) -> str:
        """The card's colour: red when something is overdue, amber when due this week."""
        if self.overdue:
            return "danger"
        return "warning" if self.due_this_week else "neutral"


class Viewer:
    """The user whose start page is drawn, with what providers ask of them computed once."""

    def __init__(self, user: Any, today: dt.date | None = None) -> None:
        self.user = user
        self.today = today or timezone.localdate()
        self.week_end = self.today + dt.timedelta(days=6 - self.today.weekday())  # this Sunday
        self.scope = scope_of(user)

    def councils(self, action: str) -> frozenset[int] | None:
        """Councils where the user may do ``action`` (``None``: every council, for a system administrator)."""
        return self.scope.council_ids_for(action)

    def own_councils(self, action: str) -> frozenset[int] | None:
        """Councils where the user may do ``action`` by a role held there (not by supervising them)."""
        if self.scope.is_system_admin:
            return None
        return frozenset(pk for pk, actions in self.scope.own.items() if action in actions)

    @cached_property
    def _assignments(self) -> list[tuple[str, int | None, int | None]]:
        rows = RoleAssignment.objects.active().filter(user_id=self.user.pk or 0)
        return list(rows.values_list("role", "agency_id", "person_id"))

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles the user holds, in any council."""
        return frozenset(role for role, _, _ in self._assignments)

    @cached_property
    def agency_ids(self) -> frozenset[int]:
        """The agencies the user answers for (agency responders)."""
        return frozenset(a for role, a, _ in self._assignments if role == Role.AGENCY_RESPONDER and a)

    @cached_property
    def person_ids(self) -> frozenset[int]:
        """The user's delegate records (a delegate may sit in more than one council)."""
        return frozenset(p for role, _, p in self._assignments if role == Role.DELEGATE and p)


def in_councils[T: QuerySet[Any]](queryset: T, ids: frozenset[int] | None, field: str = "council_id") -> T:
    """``queryset`` limited to ``ids`` (``None`` leaves it whole: a system administrator's)."""
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def due_counts(today: dt.date, week_end: dt.date, field: str = "due_on") -> dict[str, Any]:
    """Aggregate arguments for ``overdue`` and ``week`` counts of a deadline column (one query)."""
    return {
        "overdue": Count("pk", filter=Q(**{f"{field}__lt": today})),
        "week": Count("pk", filter=Q(**{f"{field}__gte": today, f"{field}__lte": week_end})),
        "total": Count("pk"),
    }


class Counts(TypedDict):
    """A ``WorkItem``'s counts, as keyword arguments."""

    count: int
    overdue: int
    due_this_week: int


@dataclass(frozen=True)
class Shown:
    """The first ``ROWS`` records of an item and how many there are in all (overdue, due this week)."""

    rows: list[Any]
    count: int
    overdue: int = 0
    due_this_week: int = 0

    @property
    def counts(self) -> Counts:
        """The ``WorkItem`` arguments: ``count``, ``overdue``, ``due_this_week``."""
        return {"count": self.count, "overdue": self.overdue, "due_this_week": self.due_this_week}


def first_rows(rows: QuerySet[Any], viewer: Viewer | None = None, field: str = "due_on") -> Shown:
    """The first ``ROWS`` of ``rows`` (ordered) and how many match in all, with a ``viewer`` also how many
    are overdue and due this week by the deadline column ``field``, in ONE query: the counts ride on every
    row as window aggregates (``COUNT(…) OVER ()``, computed over all the matches before the LIMIT). On a
    loaded server each query of the start page costs a round trip and a context switch; two per item
    doubled the page. Not for a DISTINCT queryset (the window would count the duplicates)."""
    counts = due_counts(viewer.today, viewer.week_end, field) if viewer else {"total": Count("pk")}
    found = list(rows.annotate(**{f"work_{k}": Window(v) for k, v in counts.items()})[:ROWS])
    if not found:
        return Shown([], 0)
    top = found[0]
    if viewer is None:
        return Shown(found, top.work_total)
    return Shown(found, top.work_total, top.work_overdue, top.work_week)


def single(ids: frozenset[int] | None) -> int | None:
    """The one council of ``ids``, when there is exactly one (its list is then the item's link)."""
    return next(iter(ids)) if ids is not None and len(ids) == 1 else None


type Provider = Callable[[Viewer], Iterable[WorkItem]]

_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Declare a provider (usable as a decorator); declaring the same function twice is harmless."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def autodiscover() -> None:
    """Import every installed app's ``workitems`` module (called once from ``CoreConfig.ready``)."""
    autodiscover_modules("workitems")


def collect(viewer: Viewer) -> list[WorkItem]:
    """Every provider's items for ``viewer`` that hold something, overdue first, then by order."""
    items = [item for provider in _PROVIDERS for item in provider(viewer) if item.count or item.keep]
    return sorted(items, key=lambda i: (-bool(i.overdue), -bool(i.due_this_week), i.order, i.code))
