"""The national list of administrative units: the package adapter, the loader, and lookups across changes.

Only ``read_national_list`` touches the ``vietnam-provinces`` package (including its private 2025
conversion tables), so a package upgrade changes this one function. Everything else works on the plain
``UnitRecord`` and ``ChangeRecord`` values it returns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.core.text import fold, nfc

from .models import REFORM_DATE, AdminUnit, Level, UnitChange, UnitKind

SOURCE = "vietnam-provinces"
OLD_END = REFORM_DATE - timedelta(days=1)  # the last day of the pre-reform list
COMMUNE_BASIS = "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"
PROVINCE_BASIS = "Nghị quyết 202/2025/QH15"
CODE_WIDTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}
BATCH = 1000
MAX_DEPTH = 20  # no real chain is longer than a handful of changes; this only stops bad data looping
KINDS = {
    "tỉnh": UnitKind.PROVINCE,
    "thành phố trung ương": UnitKind.CENTRAL_CITY,
    "huyện": UnitKind.RURAL_DISTRICT,
    "quận": UnitKind.URBAN_DISTRICT,
    "thị xã": UnitKind.TOWN,
    "thành phố": UnitKind.PROVINCIAL_CITY,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "thị trấn": UnitKind.TOWNLET,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}

Key = tuple[str, str, date | None]  # (level, code, valid_from): how a unit is matched across loads


@dataclass(frozen=True)
class UnitRecord:
    """One unit as the package describes it."""

    level: str
    code: str
    name: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    parent: Key | None

    @property
    def key(self) -> Key:
        return (self.level, self.code, self.valid_from)


@dataclass(frozen=True)
class ChangeRecord:
    """One (old unit, new unit) pair of the official 2025 mapping."""

    from_key: Key
    to_key: Key
    kind: str
    legal_basis: str


@dataclass
class NationalList:
    units: list[UnitRecord]
    changes: list[ChangeRecord]
    unmapped: list[str] = field(default_factory=list)  # old communes the official mapping omits
    unknown: list[str] = field(default_factory=list)  # mapping rows naming communes not on the old list


def code_of(level: str, value: Any) -> str:
    """GSO codes are ints in the package; we keep them zero-padded (province 2, district 3, commune 5)."""
    return f"{int(value):0{CODE_WIDTH[level]}d}"


def _kind(division_type: Any) -> str:
    return KINDS[str(division_type.value if hasattr(division_type, "value") else division_type)]


def _change_kind(targets: int, partly: bool = False) -> str:
    return UnitChange.Kind.SPLIT_INTO if targets > 1 or partly else UnitChange.Kind.MERGED_INTO


# ---------------------------------------------------------------- the adapter (the only package user)


def read_national_list() -> NationalList:
    """Today's list, the pre-reform list and the official 2025 mapping, as plain records."""
    import vietnam_provinces as today
    import vietnam_provinces.legacy as before
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as province_map
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as commune_map

    provinces, province_changes, new_province_key = _provinces(
        list(before.Province.iter_all()), list(today.Province.iter_all()), province_map
    )
    districts = [_district(d) for d in before.District.iter_all()]
    old_communes = [_old_commune(w) for w in before.Ward.iter_all()]
    new_communes = [_new_commune(w, new_province_key) for w in today.Ward.iter_all()]
    national = NationalList(provinces + districts + old_communes + new_communes, province_changes)
    _commune_changes(national, old_communes, new_communes, commune_map)
    return national


def package_version() -> str:
    """The installed version of the package the national list comes from."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(SOURCE)
    except PackageNotFoundError:
        return "?"


def _provinces(
    old: list[Any], new: list[Any], mapping: Any
) -> tuple[list[UnitRecord], list[ChangeRecord], Callable[[Any], Key]]:
    """A province the reform left alone (1:1, same code, same name) is one row valid throughout."""
    old_names = {int(p.code): nfc(p.name) for p in old}
    new_names = {int(p.code): nfc(p.name) for p in new}
    targets = {code: [int(t.code) for t in mapping[code].new_provinces] for code in old_names}
    kept = {code for code, to in targets.items() if to == [code] and new_names[code] == old_names[code]}

    def new_key(code: Any) -> Key:
        return (Level.PROVINCE, code_of(Level.PROVINCE, code), None if int(code) in kept else REFORM_DATE)

    units = [_province(p, None, None if int(p.code) in kept else OLD_END) for p in old]
    units += [_province(p, REFORM_DATE, None) for p in new if int(p.code) not in kept]
    changes = [
        ChangeRecord(
            (Level.PROVINCE, code_of(Level.PROVINCE, code), None),
            new_key(target),
            _change_kind(len(to)),
            PROVINCE_BASIS,
        )
        for code, to in targets.items()
        if code not in kept
        for target in to
    ]
    return units, changes, new_key


def _province(p: Any, valid_from: date | None, valid_to: date | None) -> UnitRecord:
    code = code_of(Level.PROVINCE, p.code)
    return UnitRecord(Level.PROVINCE, code, nfc(p.name), _kind(p.division_type), valid_from, valid_to, None)


def _district(d: Any) -> UnitRecord:
    parent = (Level.PROVINCE, code_of(Level.PROVINCE, d.province_code), None)
    code = code_of(Level.DISTRICT, d.code)
    return UnitRecord(Level.DISTRICT, code, nfc(d.name), _kind(d.division_type), None, OLD_END, parent)


def _old_commune(w: Any) -> UnitRecord:
    parent = (Level.DISTRICT, code_of(Level.DISTRICT, w.district_code), None)
    code = code_of(Level.COMMUNE, w.code)
    return UnitRecord(Level.COMMUNE, code, nfc(w.name), _kind(w.division_type), None, OLD_END, parent)


def _new_commune(w: Any, province_key: Callable[[Any], Key]) -> UnitRecord:
    code = code_of(Level.COMMUNE, w.code)
    kind = _kind(w.division_type)
    return UnitRecord(
        Level.COMMUNE, code, nfc(w.name), kind, REFORM_DATE, None, province_key(w.province_code)
    )


def _commune_changes(
    national: NationalList, old: list[UnitRecord], new: list[UnitRecord], mapping: Any
) -> None:
    """One change per (old commune, new commune) pair; gaps in the mapping are counted, not guessed."""
    old_codes = {u.code for u in old}
    new_codes = {u.code for u in new}
    for raw_code, entry in mapping.items():
        code = code_of(Level.COMMUNE, raw_code)
        targets = [code_of(Level.COMMUNE, t.code) for t in entry.new_wards]
        if code not in old_codes or not set(targets) <= new_codes:
            national.unknown.append(code)
            continue
        kind = _change_kind(len(targets), bool(entry.old_ward.is_partly_merged))
        for target in dict.fromkeys(targets):
            to_key = (Level.COMMUNE, target, REFORM_DATE)
            national.changes.append(ChangeRecord((Level.COMMUNE, code, None), to_key, kind, COMMUNE_BASIS))
    mapped = {code_of(Level.COMMUNE, c) for c in mapping}
    national.unmapped = sorted(old_codes - mapped)


# ---------------------------------------------------------------- the loader


@dataclass
class LoadReport:
    """What one run of the loader did."""

    created: dict[str, int]
    updated: int
    changes_created: int
    unmapped: list[str]
    unknown: list[str]
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or self.updated or self.changes_created)

    def counts(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "changes_created": self.changes_created,
            "unmapped_old_communes": len(self.unmapped),
            "unknown_mapping_rows": len(self.unknown),
        }


def load_national_units(national: NationalList | None = None) -> LoadReport:
    """Bring the units table in line with the package: create what is missing, fix what differs."""
    started = time.monotonic()
    national = national or read_national_list()
    with transaction.atomic():
        ids, created, updated = _sync_units(national.units)
        changes_created = _sync_changes(national.changes, ids)
        report = LoadReport(created, updated, changes_created, national.unmapped, national.unknown)
        if report.changed:
            record(action="units.load", after=report.counts(), note=f"Nguồn: gói {SOURCE}")
            _analyze_units()
    report.seconds = time.monotonic() - started
    return report


def _analyze_units() -> None:
    """PostgreSQL's statistics of the units and their changes at once after a load of thousands of rows
    (inside the transaction too: ANALYZE reads the rows it may see), not when autovacuum comes by: a plan
    made for empty tables after a bulk load ran for 15 minutes once (``generate_national``, which
    analyses for the same reason)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE councils_adminunit, councils_unitchange")


_EXISTING = ("id", "level", "code", "valid_from", "name", "kind", "parent_id", "valid_to", "source")


def _sync_units(records: list[UnitRecord]) -> tuple[dict[Key, int], dict[str, int], int]:
    """Create the missing units level by level; return every key's id, the counts created and updated."""
    existing = {(row[1], row[2], row[3]): row for row in AdminUnit.objects.values_list(*_EXISTING)}
    ids: dict[Key, int] = {key: row[0] for key, row in existing.items()}
    created: dict[str, int] = {}
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):  # parents before children
        fresh = [_unit(r, ids) for r in records if r.level == level and r.key not in existing]
        AdminUnit.objects.bulk_create(fresh, batch_size=BATCH)
        ids.update({(u.level, u.code, u.valid_from): u.pk for u in fresh})
        created[str(level)] = len(fresh)
    return ids, created, _update_units(records, existing, ids)


def _unit(r: UnitRecord, ids: dict[Key, int]) -> AdminUnit:
    parent_id = ids[r.parent] if r.parent else None
    return AdminUnit(
        level=r.level,
        code=r.code,
        name=r.name,
        name_key=fold(r.name),
        kind=r.kind,
        parent_id=parent_id,
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        source=SOURCE,
    )


def _update_units(
    records: list[UnitRecord], existing: dict[Key, tuple[Any, ...]], ids: dict[Key, int]
) -> int:
    """Rows loaded earlier from the package follow its corrections; rows entered by hand are left alone."""
    stale = []
    for r in records:
        row = existing.get(r.key)
        if row is None or row[8] != SOURCE:
            continue
        parent_id = ids[r.parent] if r.parent else None
        if (row[4], row[5], row[6], row[7]) != (r.name, r.kind, parent_id, r.valid_to):
            unit = _unit(r, ids)
            unit.pk = row[0]
            stale.append(unit)
    fields = ["name", "name_key", "kind", "parent", "valid_to"]
    AdminUnit.objects.bulk_update(stale, fields, batch_size=BATCH)
    return len(stale)


def _sync_changes(changes: list[ChangeRecord], ids: dict[Key, int]) -> int:
    """Create the reform's change rows that are not there yet; return how many."""
    existing = set(UnitChange.objects.values_list("from_unit_id", "to_unit_id", "effective_on"))
    fresh: dict[tuple[int, int, date], UnitChange] = {}
    for c in changes:
        key = (ids[c.from_key], ids[c.to_key], REFORM_DATE)
        if key not in existing and key not in fresh:
            fresh[key] = UnitChange(
                from_unit_id=key[0],
                to_unit_id=key[1],
                kind=c.kind,
                effective_on=REFORM_DATE,
                legal_basis=c.legal_basis,
                source=SOURCE,
            )
    UnitChange.objects.bulk_create(fresh.values(), batch_size=BATCH)
    return len(fresh)


# ---------------------------------------------------------------- lookups the pages and the API share

LEVEL_RANK = Case(
    When(level=Level.PROVINCE, then=Value(0)),
    When(level=Level.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def units_for_list(level: str = "", on: date | None = None, query: str = "") -> QuerySet[AdminUnit]:
    """Units valid on ``on`` (today), of one level or all, matching ``query`` without accents."""
    units = AdminUnit.objects.valid_on(on).search(query)
    return with_parents(units.filter(level=level) if level else units)


def with_parents(units: QuerySet[AdminUnit]) -> QuerySet[AdminUnit]:
    """Order units for display and load two levels of parents: ``unit.province`` then needs no query."""
    return units.select_related("parent__parent").alias(rank=LEVEL_RANK).order_by("rank", "code", "pk")


def ancestors(unit: AdminUnit) -> list[AdminUnit]:
    """The unit's parents from the province down (no queries once parents are select_related)."""
    chain = []
    while unit.parent_id is not None:
        unit = unit.parent  # type: ignore[assignment]
        chain.append(unit)
    return chain[::-1]


def _valid(valid_from: date | None, valid_to: date | None, on: date) -> bool:
    return (valid_from is None or valid_from <= on) and (valid_to is None or valid_to >= on)


def successors_today(unit: AdminUnit, on: date | None = None) -> list[AdminUnit]:
    """The units valid on ``on`` (today) that carry ``unit`` on, through every change since.

    A unit valid that day is its own answer. A district has no change rows of its own: its successors
    are its communes' successors.
    """
    on = on or timezone.localdate()
    if unit.is_valid_on(on):
        return [unit]
    found: set[int] = set()
    start = {unit.pk}
    if unit.level == Level.DISTRICT:
        for pk, valid_from, valid_to in unit.children.values_list("id", "valid_from", "valid_to"):
            (found if _valid(valid_from, valid_to, on) else start).add(pk)
    found |= _follow_changes(start, on)
    return list(with_parents(AdminUnit.objects.filter(pk__in=found)))


def _follow_changes(start: set[int], on: date) -> set[int]:
    """Breadth-first through UnitChange, one query per layer; cycles and dead ends end quietly."""
    found: set[int] = set()
    seen = set(start)
    frontier = set(start)
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        edges = AdminUnit.objects.filter(
            changes_in__from_unit_id__in=frontier, changes_in__effective_on__lte=on
        ).values_list("id", "valid_from", "valid_to")
        frontier = set()
        for pk, valid_from, valid_to in edges:
            if pk not in seen:
                seen.add(pk)
                (found if _valid(valid_from, valid_to, on) else frontier).add(pk)
    return found


def predecessors(unit: AdminUnit) -> list[AdminUnit]:
    """The units that went directly into ``unit`` (for a current unit: what it was formed from)."""
    return list(with_parents(AdminUnit.objects.filter(changes_out__to_unit=unit).distinct()))


def changes_of(unit: AdminUnit) -> QuerySet[UnitChange]:
    """Every change into or out of ``unit``, oldest first, with both ends loaded."""
    return UnitChange.objects.filter(Q(from_unit=unit) | Q(to_unit=unit)).select_related(
        "from_unit", "to_unit"
    )


# ---------------------------------------------------------------- finding a unit the way people name it


def parse_day(value: str) -> date | None:
    """A date written as 2025-07-01 or 01/07/2025; None when ``value`` is not a date."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _describe(units: Iterable[AdminUnit]) -> str:
    parts = []
    for u in units:
        period = f"từ {u.valid_from:%d/%m/%Y}" if u.valid_from else ""
        period += f" đến {u.valid_to:%d/%m/%Y}" if u.valid_to else ""
        parts.append(f"{u.name} ({period.strip() or 'không thời hạn'})")
    return "; ".join(parts)


def find_unit(level: str, code: str, hint: str = "", default_on: date | None = None) -> AdminUnit | None:
    """The unit of ``level`` with ``code``, told apart by ``hint`` (a day it was valid, or its name).

    With no hint, a code used once is enough; a reused code falls back to the unit valid on
    ``default_on``. None when nothing matches; ValidationError (Vietnamese) when several do.
    """
    code = code_of(level, code) if code.strip().isdigit() else code.strip()
    units = AdminUnit.objects.filter(level=level, code=code).order_by(F("valid_from").asc(nulls_first=True))
    day = parse_day(hint) if hint else None
    if day:
        units = units.valid_on(day)
    elif hint:
        units = units.filter(name_key=fold(hint))
    matches = list(units[:5])
    if len(matches) > 1 and default_on and not hint:
        matches = [u for u in matches if u.is_valid_on(default_on)] or matches
    if len(matches) > 1:
        raise ValidationError(
            f"Mã {code} ứng với nhiều đơn vị: {_describe(matches)}. "
            "Hãy ghi thêm tên hoặc một ngày đơn vị còn hiệu lực."
        )
    return matches[0] if matches else None
