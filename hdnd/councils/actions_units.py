"""Changes to the national list made by hand or by import: one door each, validated and audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hdnd.core.audit import Actor, record
from hdnd.core.text import fold, nfc

from .forms_units import UnitChangeForm
from .models import AdminUnit, Level, UnitChange, UnitKind

# Name prefixes that say what kind a unit is, longest first so "thành phố" is not read as "thành".
_PREFIXES: dict[str, list[tuple[str, str]]] = {
    Level.PROVINCE: [("thanh pho", UnitKind.CENTRAL_CITY), ("tinh", UnitKind.PROVINCE)],
    Level.DISTRICT: [
        ("thanh pho", UnitKind.PROVINCIAL_CITY),
        ("thi xa", UnitKind.TOWN),
        ("huyen", UnitKind.RURAL_DISTRICT),
        ("quan", UnitKind.URBAN_DISTRICT),
    ],
    Level.COMMUNE: [
        ("thi tran", UnitKind.TOWNLET),
        ("dac khu", UnitKind.SPECIAL_ZONE),
        ("phuong", UnitKind.WARD),
        ("xa", UnitKind.COMMUNE),
    ],
}
_PREFIX_WORDS: dict[str, str] = {
    Level.PROVINCE: "“Tỉnh” hoặc “Thành phố”",
    Level.DISTRICT: "“Huyện”, “Quận”, “Thị xã” hoặc “Thành phố”",
    Level.COMMUNE: "“Xã”, “Phường”, “Thị trấn” hoặc “Đặc khu”",
}


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _check_change(from_unit: AdminUnit, to_unit: AdminUnit, kind: str, effective_on: date) -> None:
    """Raise a ValidationError listing every reason the change cannot be recorded."""
    errors = []
    if kind not in UnitChange.Kind.values:
        errors.append("Hình thức thay đổi không hợp lệ.")
    if from_unit.pk == to_unit.pk:
        errors.append("Một đơn vị không thể thay đổi thành chính nó.")
    if from_unit.level != to_unit.level:
        errors.append("Đơn vị cũ và đơn vị mới phải cùng cấp.")
    if from_unit.valid_from and effective_on <= from_unit.valid_from:
        errors.append(
            f"Ngày hiệu lực phải sau ngày {from_unit.name} bắt đầu có hiệu lực "
            f"({_day(from_unit.valid_from)})."
        )
    if from_unit.valid_to and effective_on > from_unit.valid_to + timedelta(days=1):
        errors.append(
            f"{from_unit.name} chỉ có hiệu lực đến ngày {_day(from_unit.valid_to)}, "
            "trước ngày hiệu lực của thay đổi."
        )
    if not to_unit.is_valid_on(effective_on):
        errors.append(f"{to_unit.name} không có hiệu lực vào ngày {_day(effective_on)}.")
    if errors:
        raise ValidationError(errors)


def add_unit_change(
    *,
    from_unit: AdminUnit,
    to_unit: AdminUnit,
    kind: str,
    effective_on: date,
    legal_basis: str = "",
    note: str = "",
    by: Actor = None,
    source: str = "manual",
) -> UnitChange:
    """Record that ``from_unit`` was merged into, split into or renamed to ``to_unit``."""
    _check_change(from_unit, to_unit, kind, effective_on)
    change = UnitChange(
        from_unit=from_unit,
        to_unit=to_unit,
        kind=kind,
        effective_on=effective_on,
        legal_basis=nfc(legal_basis),
        note=nfc(note),
        source=source,
    )
    try:
        with transaction.atomic():
            change.save()
            record(action="units.change_added", actor=by, obj=change, after=_change_data(change))
    except IntegrityError:
        raise ValidationError(
            "Thay đổi này (cùng đơn vị cũ, đơn vị mới và ngày hiệu lực) đã được ghi nhận."
        ) from None
    return change


def _change_data(change: UnitChange) -> dict[str, Any]:
    return {
        "from_unit": change.from_unit_id,
        "from_name": change.from_unit.name,
        "to_unit": change.to_unit_id,
        "to_name": change.to_unit.name,
        "kind": change.kind,
        "effective_on": change.effective_on,
        "legal_basis": change.legal_basis,
        "source": change.source,
    }


def kind_from_name(level: str, name: str) -> str:
    """What a unit is, read from its name: 'Xã Bồ Đề' is a xã, 'Thị xã Sơn Tây' a thị xã."""
    key = fold(name)
    for prefix, kind in _PREFIXES.get(level, []):
        if key.startswith(prefix + " "):
            return kind
    raise ValidationError(
        f"Không xác định được loại đơn vị từ tên “{name}”: tên phải bắt đầu bằng {_PREFIX_WORDS[level]}."
    )


def add_historic_unit(
    *, level: str, code: str, name: str, successor: AdminUnit, effective_on: date, by: Actor = None
) -> AdminUnit:
    """Add a unit the national list no longer carries (e.g. a commune merged away in 2024).

    It ends the day before ``effective_on`` and sits under the successor's parent.
    """
    name = nfc(name)
    kind = kind_from_name(level, name)
    if AdminUnit.objects.filter(level=level, code=code, valid_from__isnull=True).exists():
        raise ValidationError(
            f"Mã {code} đã dùng cho một đơn vị khác không rõ ngày bắt đầu; không thể tạo “{name}”."
        )
    unit = AdminUnit(
        level=level,
        code=code,
        name=name,
        kind=kind,
        parent_id=successor.parent_id,
        valid_to=effective_on - timedelta(days=1),
        source="manual",
    )
    with transaction.atomic():
        unit.save()
        record(
            action="units.historic_added",
            actor=by,
            obj=unit,
            after={"level": level, "code": code, "name": name, "valid_to": unit.valid_to},
        )
    return unit


def add_unit_change_from(data: Mapping[str, Any], *, by: Actor = None, source: str = "manual") -> UnitChange:
    """Record a change from a validated ``UnitChangeForm``, adding the old unit first when asked to."""
    with transaction.atomic():
        from_unit = data["from_unit"] or add_historic_unit(
            level=data["from_level"],
            code=data["from_code"],
            name=data["from_hint"],
            successor=data["to_unit"],
            effective_on=data["effective_on"],
            by=by,
        )
        return add_unit_change(
            from_unit=from_unit,
            to_unit=data["to_unit"],
            kind=data["kind"],
            effective_on=data["effective_on"],
            legal_basis=data.get("legal_basis", ""),
            note=data.get("note", ""),
            by=by,
            source=source,
        )


def import_unit_changes(
    rows: Iterable[tuple[int, Mapping[str, Any]]], *, by: Actor = None, create_missing: bool = False
) -> tuple[int, list[str]]:
    """All or nothing: every row is recorded, or none is and each bad row's messages come back.

    ``rows`` are (line number, values by ``UnitChangeForm`` field name). Rows are checked in order,
    so a row may name an old unit that an earlier row of the same file created.
    """
    errors: list[str] = []
    count = 0
    with transaction.atomic():
        for line, values in rows:
            problems = _import_row(values, by, create_missing)
            errors += [f"Dòng {line}: {problem}" for problem in problems]
            count += not problems
        if errors:
            transaction.set_rollback(True)
    return (0, errors) if errors else (count, [])


def _import_row(values: Mapping[str, Any], by: Actor, create_missing: bool) -> list[str]:
    form = UnitChangeForm(data={**values, "create_missing": create_missing})
    if not form.is_valid():
        return [
            f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
            for name, messages in form.errors.items()
            for message in messages
        ]
    try:
        add_unit_change_from(form.cleaned_data, by=by, source="import")
    except ValidationError as error:
        return [str(message) for message in error.messages]
    return []
