"""Every audited change to the rules table and the calendar goes through one function here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from .audit import record
from .models import CalendarDay, Rule, RuleOverride
from .rules_seed import RULES

if TYPE_CHECKING:
    from hdnd.councils.models import Council

OVERRIDE_FIELDS = ("value", "unit", "text_value", "legal_basis")


def _snapshot(obj: Any, fields: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def set_rule_override(
    rule: Rule,
    council: Council,
    *,
    value: Decimal | None,
    unit: str,
    legal_basis: str,
    text_value: str = "",
    by: Any,
) -> RuleOverride:
    """Give ``council`` its own value for ``rule``, as its working rules (quy chế) say."""
    wanted = {"value": value, "unit": unit, "text_value": text_value, "legal_basis": legal_basis}
    with transaction.atomic():
        override = RuleOverride.objects.select_for_update().filter(rule=rule, council=council).first()
        before = _snapshot(override, OVERRIDE_FIELDS) if override else None
        if override is None:
            override = RuleOverride(rule=rule, council=council)
        elif before == wanted:
            return override
        for name, new in wanted.items():
            setattr(override, name, new)
        override.save()
        record(
            action="rule.override_set",
            actor=by,
            obj=rule,
            council=council,
            before=before,
            after=wanted,
            note=f"Quy định riêng của {council}",
        )
    return override


def clear_rule_override(rule: Rule, council: Council, *, by: Any) -> bool:
    """Return ``council`` to the national value of ``rule``; False when it had no override."""
    with transaction.atomic():
        override = RuleOverride.objects.select_for_update().filter(rule=rule, council=council).first()
        if override is None:
            return False
        before = _snapshot(override, OVERRIDE_FIELDS)
        override.delete()
        record(
            action="rule.override_cleared",
            actor=by,
            obj=rule,
            council=council,
            before=before,
            note=f"Bỏ quy định riêng của {council}",
        )
    return True


CALENDAR_FIELDS = ("day", "kind", "reason", "legal_basis")


def add_calendar_day(day: date, kind: str, *, reason: str, legal_basis: str = "", by: Any) -> CalendarDay:
    """Add an extra day off or a make-up working day to the national calendar."""
    with transaction.atomic():
        calendar_day = CalendarDay.objects.create(day=day, kind=kind, reason=reason, legal_basis=legal_basis)
        record(
            action="calendar.day_added",
            actor=by,
            obj=calendar_day,
            after=_snapshot(calendar_day, CALENDAR_FIELDS),
        )
    return calendar_day


def remove_calendar_day(calendar_day: CalendarDay, *, by: Any) -> None:
    """Take an administrator's adjustment out of the calendar again."""
    with transaction.atomic():
        locked = CalendarDay.objects.select_for_update().get(pk=calendar_day.pk)
        record(action="calendar.day_removed", actor=by, obj=locked, before=_snapshot(locked, CALENDAR_FIELDS))
        locked.delete()


RULE_FIELDS = (
    "title",
    "value",
    "text_value",
    "unit",
    "direction",
    "legal_basis",
    "confidence",
    "valid_to",
    "notes",
)


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def seed_rules(by: Any = None) -> SeedResult:
    """Load ``rules_seed.RULES`` into the rules table; rows are matched on (key, valid_from).

    Rows already there take the shipped text and values; councils' overrides are other rows and stay.
    Rules that are no longer shipped are kept (overrides and history point at them).
    """
    result = SeedResult()
    with transaction.atomic():
        # One locked read of every shipped key: a reseed that changes nothing is one query, not 61.
        shipped = Rule.objects.select_for_update().filter(key__in={seed.key for seed in RULES})
        existing = {(rule.key, rule.valid_from): rule for rule in shipped}
        for seed in RULES:
            wanted = seed.fields()
            rule = existing.get((seed.key, seed.valid_from))
            label = f"{seed.key} ({seed.valid_from:%d/%m/%Y})" if seed.valid_from else seed.key
            if rule is None:
                rule = Rule.objects.create(key=seed.key, valid_from=seed.valid_from, **wanted)
                record(action="rule.seeded", actor=by, obj=rule, after=wanted)
                result.created.append(label)
                continue
            before = _snapshot(rule, RULE_FIELDS)
            if before == wanted:
                result.unchanged += 1
                continue
            for name, new in wanted.items():
                setattr(rule, name, new)
            rule.save(update_fields=list(wanted))
            record(action="rule.reseeded", actor=by, obj=rule, before=before, after=wanted)
            result.updated.append(label)
    return result
