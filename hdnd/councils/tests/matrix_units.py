"""Permission-matrix rows for the unit pages and API (merged into ``matrix.py`` by the lead).

Units are national, public data: everyone reads them, signed in or not. Only system administrators
record changes by hand; anonymous users are sent to the login page first.
"""

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from tests.matrix import LOGIN, Row, everyone, signed_in


def _unit(world: World, council: Council | None) -> dict[str, Any]:
    return {"pk": world.province.unit_id}


def _api_unit(world: World, council: Council | None) -> dict[str, Any]:
    return {"unit_id": world.province.unit_id}


def _change(world: World, council: Council | None) -> dict[str, str]:
    """A valid change between the two communes of province P: it succeeds for whoever may make it."""
    return {
        "from_level": "commune",
        "from_code": world.commune.unit.code,
        "to_level": "commune",
        "to_code": world.other_commune.unit.code,
        "kind": "merged_into",
        "effective_on": "2025-08-01",
    }


def _change_file(world: World, council: Council | None) -> dict[str, Any]:
    """The same valid change, as a one-row CSV upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    change = _change(world, council)
    heading = "Mã đơn vị cũ,Cấp đơn vị cũ,Mã đơn vị mới,Cấp đơn vị mới,Hình thức,Ngày hiệu lực\n"
    row = f"{change['from_code']},xã,{change['to_code']},xã,sáp nhập vào,01/08/2025\n"
    return {"file": SimpleUploadedFile("thay-doi.csv", (heading + row).encode(), "text/csv")}


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
    Row("councils:unitchange_import", SYSTEM_ADMIN_ONLY, target=None),
    Row(
        "councils:unitchange_import",
        {**SYSTEM_ADMIN_ONLY, "system_admin": 302},
        target=None,
        method="post",
        data=_change_file,
        note="a valid one-row file: imported, then redirected to the unit list",
    ),
    Row("api:list_units", everyone(200), target=None),
    Row("api:get_unit", everyone(200), kwargs=_api_unit, target=None),
]
