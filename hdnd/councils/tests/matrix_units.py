"""Permission-matrix rows for the unit pages and API (merged into ``matrix.py`` by the lead).

Units are national, public data: everyone reads them, signed in or not. Only system administrators
record changes by hand; anonymous users are sent to the login page first.
"""

from typing import Any

from tests.matrix import LOGIN, Row, everyone, signed_in


def _unit(world: Any, council: Any) -> dict[str, Any]:
    return {"pk": world.province.unit_id}


def _api_unit(world: Any, council: Any) -> dict[str, Any]:
    return {"unit_id": world.province.unit_id}


def _change(world: Any, council: Any) -> dict[str, str]:
    """A valid change between the two communes of province P: it succeeds for whoever may make it."""
    return {
        "from_level": "commune",
        "from_code": world.commune.unit.code,
        "to_level": "commune",
        "to_code": world.other_commune.unit.code,
        "kind": "merged_into",
        "effective_on": "2025-08-01",
    }


SYSTEM_ADMIN_ONLY = {**signed_in(403), "system_admin": 200, "anonymous": LOGIN}

ROWS = [
    Row("councils:unit_list", everyone(200), target=None),
    Row("councils:unit_detail", everyone(200), kwargs=_unit, target=None),
    Row("councils:unitchange_add", SYSTEM_ADMIN_ONLY, target=None),
    Row(
        "councils:unitchange_add",
        {**SYSTEM_ADMIN_ONLY, "system_admin": 302},
        target=None,
        method="post",
        data=_change,
        note="a valid change: saved, then redirected to the old unit",
    ),
    Row("api:list_units", everyone(200), target=None),
    Row("api:get_unit", everyone(200), kwargs=_api_unit, target=None),
]
