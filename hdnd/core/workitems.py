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

The start page keeps what the providers found for a user (``collect_kept``) until an audited change in
a council their work comes from, as the public pages are kept (``hdnd.core.publiccache``): a provider
reads only what audited actions change, or the day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypedDict

from django.db.models import Count, Q, QuerySet, Window
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from hdnd.accounts.models import Role, RoleAssignment
from hdnd.accounts.scope import scope_of
from hdnd.core import publiccache

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
    def _assignments(self) -> list[tuple[Any, ...]]:
        """The user's roles as (role, council, agency, person, *the councils their work comes from), one
        query: the council of each role, agency and delegate seat and the councils above them."""
        rows = RoleAssignment.objects.active(self.today).filter(user_id=self.user.pk or 0).order_by("pk")
        return list(rows.values_list("role", "council_id", "agency_id", "person_id", *_PLACES, *_ABOVE))

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles the user holds, in any council."""
        return frozenset(row[0] for row in self._assignments)

    @cached_property
    def agency_ids(self) -> frozenset[int]:
        """The agencies the user answers for (agency responders)."""
        return frozenset(row[2] for row in self._assignments if row[0] == Role.AGENCY_RESPONDER and row[2])

    @cached_property
    def person_ids(self) -> frozenset[int]:
        """The user's delegate records (a delegate may sit in more than one council)."""
        return frozenset(row[3] for row in self._assignments if row[0] == Role.DELEGATE and row[3])

    @property
    def holding(self) -> str:
        """A digest of the roles the user holds today, where, for which agency and seat."""
        held = sorted(row[:4] for row in self._assignments)
        return hashlib.sha256(repr(held).encode()).hexdigest()[:16]

    @cached_property
    def places(self) -> frozenset[int]:
        """The councils the user's work is in: those of their roles, agencies and delegate seats. Every
        change in one of them or in a council below it bumps its version (``publiccache.changed``)."""
        return frozenset(pk for row in self._assignments for pk in (row[1], *row[4:6]) if pk is not None)

    @cached_property
    def above(self) -> frozenset[int]:
        """The councils above ``places``, whose own changes can reach the user (a task a province gives a
        commune, a briefing it holds), but not their other communes' changes."""
        found = (pk for row in self._assignments for pk in row[6:] if pk is not None)
        return frozenset(found) - self.places


# What ``Viewer._assignments`` reads after the role, council, agency and seat: the councils of the agency
# and of the seat (the role's own is the second column), then the two councils above each of the three.
_PLACES = ("agency__council_id", "person__council_id")
_ABOVE = tuple(
    f"{start}__parent{'__parent' * up}_id"
    for start in ("council", "agency__council", "person__council")
    for up in range(2)
)


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


def collect_kept(viewer: Viewer) -> publiccache.Counted[list[WorkItem]]:
    """``collect``, kept for the user (``publiccache.kept_for_user``) until an audited change in a council
    their work is in or below it (``Viewer.places``), an entry of a council above those (``Viewer.above``:
    not its other communes' entries), or any entry for a system administrator; for their roles as they
    are (a role granted or ended is another key) and for the day. The start page is where staff come
    back to between tasks: coming back costs a cache read, not the twenty or so queries of the
    providers. After a change of their own the work is counted at once; after the others' changes it is
    served as it was, not ``current``, while the worker counts it again (``core.recount_work``). What a
    provider reads of the clock beyond the day (a reception that has begun) is at most
    ``publiccache.TTL`` old."""
    key, scopes = _kept_under(viewer)
    user = viewer.user.pk

    def recount() -> None:
        from .tasks import recount_work  # the tasks module imports this one

        recount_work.enqueue(user)

    build = lambda: collect(viewer)  # noqa: E731
    return publiccache.kept_for_user(key, scopes, user, build, recount, stamp=viewer.today.isoformat())


def count_work(viewer: Viewer) -> None:
    """Count the user's work anew and keep it (the ``core.recount_work`` task)."""
    key, scopes = _kept_under(viewer)
    scopes = [publiccache.user_scope(viewer.user.pk), *scopes]
    found = lambda: collect(viewer)  # noqa: E731
    publiccache.count_now(key, scopes, found, stamp=viewer.today.isoformat(), hold=publiccache.TTL)


def _kept_under(viewer: Viewer) -> tuple[str, list[str]]:
    """The key of a user's kept work and the versions it depends on (besides the user's own)."""
    if viewer.scope.is_system_admin:
        scopes = [publiccache.ALL]
    else:
        places = map(publiccache.council_scope, sorted(viewer.places))
        scopes = [publiccache.GLOBAL, *places, *map(publiccache.entries_scope, sorted(viewer.above))]
    return f"workitems:{viewer.user.pk}:{viewer.holding}", scopes
