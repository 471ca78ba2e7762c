"""The figures registry: what each domain app can count for a set of councils and a period.

Reports, the province roll-up, programme targets, dashboards and the briefing read figures only through
here, so a new app adds its figures by declaring them, without touching any of those. Each app declares
its figures in a ``figures.py`` module (found at start-up by ``autodiscover``)::

    from hdnd.core.figures import Figure, register

    register(Figure(
        code="sessions.thematic_held",
        label="Kỳ họp chuyên đề đã tổ chức",
        unit="kỳ họp",
        group="Kỳ họp",
        records=lambda ids, period: Session.objects.filter(council_id__in=ids, ...),
    ))

``records(council_ids, period)`` is the drill-down: a queryset of the records counted, each with a
``council_id`` and, ideally, ``get_absolute_url``. The count is one aggregate query over it, grouped by
council (``count_by_council``); a figure whose count is not a row count (a sum, a distinct count)
gives its own ``count`` with the same contract. Never a Python loop over rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.module_loading import autodiscover_modules

from .periods import Period

type Records = Callable[[Sequence[int], Period], QuerySet[Any]]
type Counter = Callable[[Sequence[int], Period], Mapping[int, int]]


@dataclass(frozen=True)
class Figure:
    """One figure an app can count: its code, Vietnamese label and unit, and the records behind it."""

    code: str
    label: str
    unit: str
    group: str
    records: Records
    count: Counter | None = None
    help: str = ""
    order: int = 0
    council_field: str = "council_id"
    extra: dict[str, Any] = field(default_factory=dict)

    def by_council(self, council_ids: Sequence[int], period: Period) -> dict[int, int]:
        """The figure for each council (councils with nothing counted are left out)."""
        if self.count is not None:
            return {pk: n for pk, n in self.count(council_ids, period).items() if n}
        return count_by_council(self.records(council_ids, period), self.council_field)

    def total(self, council_ids: Sequence[int], period: Period) -> int:
        return sum(self.by_council(council_ids, period).values())


_REGISTRY: dict[str, Figure] = {}


def register(*figures: Figure) -> None:
    """Declare figures; a code may be declared once (a second declaration is a programming error)."""
    for figure in figures:
        if figure.code in _REGISTRY and _REGISTRY[figure.code] is not figure:
            raise ValueError(f"figure {figure.code!r} is declared twice")
        _REGISTRY[figure.code] = figure


def autodiscover() -> None:
    """Import every installed app's ``figures`` module (called once from ``CoreConfig.ready``)."""
    autodiscover_modules("figures")


def all_figures() -> list[Figure]:
    """Every declared figure, in report order (group, then order, then code)."""
    return sorted(_REGISTRY.values(), key=lambda f: (f.group, f.order, f.code))


def get(code: str) -> Figure:
    """The figure of ``code``; ``KeyError`` when no app declares it."""
    return _REGISTRY[code]


def count_by_council(queryset: QuerySet[Any], council_field: str = "council_id") -> dict[int, int]:
    """One aggregate query: the number of rows of ``queryset`` for each council. Each record once: a
    query that joins another table (which may repeat a row) counts distinct keys, one over its own
    table alone counts rows (PostgreSQL sorts for a distinct count; a tenth of a roll-up's time)."""
    grouped = queryset.order_by().values(council_field)
    joined = len(grouped.query.alias_map) > 1
    rows = grouped.annotate(n=Count("pk", distinct=joined))
    return {row[council_field]: row["n"] for row in rows}


def compute(codes: Iterable[str], council_ids: Sequence[int], period: Period) -> dict[str, dict[int, int]]:
    """Several figures at once, each one query: ``{code: {council_id: n}}``."""
    ids = list(council_ids)
    return {code: get(code).by_council(ids, period) for code in codes}
