"""Permission-matrix rows for the core's pages: rules, overrides, the calendar and the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.core.models import CalendarDay, Rule, RuleOverride, RuleUnit
from tests.matrix import Row, by_scope, everyone, signed_in

SYSTEM_ADMIN_ONLY = {**signed_in(403), "system_admin": 200}
OVERRIDE = {
    "value": "15",
    "unit": RuleUnit.CALENDAR_DAYS,
    "legal_basis": "Quy chế làm việc của HĐND, Điều 12",
}


def _rule() -> Rule:
    rule, _ = Rule.objects.get_or_create(
        key="complaint.limitation",
        valid_from=None,
        defaults={
            "title": "Thời hiệu khiếu nại",
            "value": 90,
            "unit": RuleUnit.CALENDAR_DAYS,
            "confidence": "V",
        },
    )
    return rule


def _override(world: Any, council: Any) -> dict[str, int]:
    rule = _rule()
    RuleOverride.objects.get_or_create(
        rule=rule,
        council=council,
        defaults={"value": 60, "unit": RuleUnit.CALENDAR_DAYS, "legal_basis": "Quy chế"},
    )
    return {"council_id": council.pk, "rule_id": rule.pk}


def _calendar_day(world: Any, council: Any) -> dict[str, int]:
    day = CalendarDay.objects.create(day=date(2026, 5, 9), kind=CalendarDay.Kind.WORKING_DAY, reason="Làm bù")
    return {"pk": day.pk}


ROWS = [
    # Liveness and readiness: for load balancers, no sign-in, no data.
    Row("healthz", everyone(200), target=None),
    Row("readyz", everyone(200), target=None),
    Row("core:rule_list", signed_in(200), target=None),
    Row(
        "core:rule_override",
        by_scope(view=("council_admin",)),
        kwargs=lambda world, council: {"council_id": council.pk, "rule_id": _rule().pk},
    ),
    Row(
        "core:rule_override",
        by_scope(view=("council_admin",), ok=302),
        kwargs=lambda world, council: {"council_id": council.pk, "rule_id": _rule().pk},
        method="post",
        data=lambda world, council: OVERRIDE,
        note="saving a valid override redirects to the rules table",
    ),
    Row(
        "core:rule_override_clear", by_scope(view=("council_admin",), ok=302), kwargs=_override, method="post"
    ),
    Row(
        "core:audit_log",
        by_scope(view=("council_admin", "auditor"), view_below=("council_admin", "auditor")),
        kwargs=lambda world, council: {"council_id": council.pk},
    ),
    Row("core:audit_log_national", SYSTEM_ADMIN_ONLY, target=None),
    Row("core:calendar_list", SYSTEM_ADMIN_ONLY, target=None),
    Row(
        "core:calendar_add",
        {**SYSTEM_ADMIN_ONLY, "system_admin": 302},
        target=None,
        method="post",
        data=lambda world, council: {"day": "09/05/2026", "kind": "working_day", "reason": "Làm bù"},
    ),
    Row(
        "core:calendar_remove",
        {**SYSTEM_ADMIN_ONLY, "system_admin": 302},
        kwargs=_calendar_day,
        target=None,
        method="post",
    ),
]
