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
council (``count_by_council``); a figure whose count is not a row count gives its own ``count`` with
the same contract. Never a Python loop over rows.

Figures that narrow one set of records (letters received in the period: all of them, by kind, by
status) declare it with ``Among(base, where)``: ``compute`` then counts them together, one query with a
filtered aggregate each (``COUNT(*) FILTER (WHERE …)``) instead of one query a figure. A roll-up reads
51 figures in 21 queries so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Aggregate, Count, Model, Q, QuerySet, Sum
from django.db.models.constants import LOOKUP_SEP
from django.utils.module_loading import autodiscover_modules

from .periods import Period

type Records = Callable[[Sequence[int], Period], QuerySet[Any]]
type Counter = Callable[[Sequence[int], Period], Mapping[int, int]]


@dataclass(frozen=True)
class Among:
    """The records of a figure that narrows a shared set: ``base(ids, period).filter(where)``.

    The figures declared on the same ``base`` (the same function) are counted together. ``where`` reads
    the base's own columns and its single-valued relations only (a foreign key, not the reverse): the
    shared query counts each row of the base once, where a filter through a multi-valued relation
    would repeat rows or, negated, mean something else. ``sum_of`` names a column summed instead of
    counting rows (the citizens of a reception)."""

    base: Records
    where: Q = field(default_factory=Q)
    sum_of: str = ""

    def __call__(self, council_ids: Sequence[int], period: Period) -> QuerySet[Any]:
        found = self.base(council_ids, period)
        return found.filter(self.where) if self.where else found


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
        if isinstance(self.records, Among) and self.records.sum_of:
            return count_together([self], council_ids, period)[self.code]
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
    table alone counts rows (PostgreSQL sorts for a distinct count; a tenth of a roll-up's time), as
    ``COUNT(*)``: an index holding the council and the period's column answers it alone, where
    ``COUNT(id)`` reads every row (a province's 37.000 petitions: 4 ms against 20)."""
    grouped = queryset.order_by().values(council_field)
    rows = grouped.annotate(n=Count("pk", distinct=True) if joins(grouped) else Count("*"))
    return {row[council_field]: row["n"] for row in rows}


def compute(codes: Iterable[str], council_ids: Sequence[int], period: Period) -> dict[str, dict[int, int]]:
    """Several figures at once: ``{code: {council_id: n}}``."""
    return compute_figures([get(code) for code in codes], council_ids, period)


def compute_figures(
    figures: Iterable[Figure], council_ids: Sequence[int], period: Period
) -> dict[str, dict[int, int]]:
    """The figures for each council (``{code: {council_id: n}}``, nothing counted left out): one query
    for each set of figures declared ``Among`` the same base, one for each other figure."""
    ids = list(council_ids)
    found: dict[str, dict[int, int]] = {}
    families: dict[tuple[Records, str], list[Figure]] = {}
    for figure in figures:
        if figure.count is None and isinstance(figure.records, Among):
            families.setdefault((figure.records.base, figure.council_field), []).append(figure)
        else:
            found[figure.code] = figure.by_council(ids, period)
    for members in families.values():
        found.update(count_together(members, ids, period))
    return found


def count_together(
    figures: Sequence[Figure], council_ids: Sequence[int], period: Period
) -> dict[str, dict[int, int]]:
    """Figures declared ``Among`` one base, each council's values in one aggregate query.

    Each row once: a base that joins another table counts distinct keys, and sums its summed figures
    each alone (over the narrowed records, where a join cannot repeat a reception's citizens)."""
    among = {f.code: _among(f) for f in figures}
    base = among[figures[0].code].base(council_ids, period).order_by()
    field_name = figures[0].council_field
    _single_valued(base.model, [a.where for a in among.values()])
    joined = joins(base)
    alone = [f for f in figures if joined and among[f.code].sum_of]
    aggregates = {
        f"f{index}": _aggregate(a, joined)
        for index, (code, a) in enumerate(among.items())
        if not (joined and a.sum_of)
    }
    codes = [code for code, a in among.items() if not (joined and a.sum_of)]
    result: dict[str, dict[int, int]] = {code: {} for code in among}
    if aggregates:
        keys = list(aggregates)
        for row in base.values(field_name).annotate(**aggregates):
            for key, code in zip(keys, codes, strict=True):
                if row[key]:
                    result[code][row[field_name]] = row[key]
    for figure in alone:
        rows = figure.records(council_ids, period).order_by().values(field_name)
        totals = rows.annotate(n=Sum(among[figure.code].sum_of))
        result[figure.code] = {row[field_name]: row["n"] for row in totals if row["n"]}
    return result


def _aggregate(among: Among, joined: bool) -> Aggregate:
    """A figure's aggregate in its base's query: a sum, a count of every row (``COUNT(*)``, which an index
    can answer alone), or a filtered count, of distinct keys when the base joins another table."""
    if among.sum_of:
        return Sum(among.sum_of, filter=among.where or None)
    if not among.where and not joined:
        return Count("*")
    return Count("pk", filter=among.where or None, distinct=joined)


def joins(queryset: QuerySet[Any]) -> bool:
    """Whether the query reads another table than its own (a lookup such as ``council_id__in`` sets up a
    join it never uses: only the aliases the query refers to count)."""
    return sum(1 for used in queryset.query.alias_refcount.values() if used) > 1


def _among(figure: Figure) -> Among:
    if not isinstance(figure.records, Among):
        raise TypeError(f"figure {figure.code!r} is not declared Among a base")
    return figure.records


def _single_valued(model: type[Model], conditions: Iterable[Q]) -> None:
    """Refuse a condition through a multi-valued relation (see ``Among``): a programming error."""
    pending = list(conditions)
    while pending:
        for child in pending.pop().children:
            if isinstance(child, Q):
                pending.append(child)
            elif isinstance(child, tuple):
                _follow(model, str(child[0]))


def _follow(model: type[Model], lookup: str) -> None:
    current: Any = model
    for part in lookup.split(LOOKUP_SEP):
        try:
            relation = current._meta.get_field(part)
        except FieldDoesNotExist:
            return  # a lookup (``in``, ``gte``), or an annotation of the base
        if relation.many_to_many or relation.one_to_many:
            raise ValueError(f"Among: {lookup!r} reads a multi-valued relation of {model.__name__}")
        if not relation.is_relation:
            return
        current = relation.related_model
