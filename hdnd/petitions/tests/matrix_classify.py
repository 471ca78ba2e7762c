"""Permission-matrix rows for the classify pages and API endpoints (see ``tests/matrix.py``).

Suggestions, the classification and the field list are read with VIEW; classifying, the review page
and a council's own fields need MANAGE_PETITIONS (administrators and office staff, own council);
national fields are edited by system administrators only.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.models import Field
from hdnd.petitions.tests import support
from tests.matrix import LOGIN, STAFF, USERS, Row, by_scope

from .support import PETITION_READERS, responder_gets_404

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"


def system_admin_only(ok: int) -> dict[str, Any]:
    return {**dict.fromkeys(USERS, 403), "anonymous": LOGIN, "system_admin": ok}


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def cycle_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.cycle(council).pk}


def draft_issue(world: World, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"pk": road.pk}


def api_issue(world: World, council: Council) -> dict[str, Any]:
    return {"issue_id": draft_issue(world, council)["pk"]}


def own_field(world: World, council: Council) -> dict[str, Any]:
    made = Field.objects.create(council=council, name="Chợ và thương mại", keywords="chợ dân sinh")
    return {"pk": made.pk}


def national_field(world: World, council: Any) -> dict[str, Any]:
    made = Field.objects.create(council=None, name="Lĩnh vực thử", keywords="thử nghiệm")
    return {"pk": made.pk}


def field_data(world: World, council: Any) -> dict[str, Any]:
    return {"name": "Chợ và thương mại (sửa)", "committee_kind": "ban_kinh_te_ngan_sach", "keywords": "chợ"}


ROWS = [
    Row(
        "petitions:classify_issue",
        STAFF_POST,
        draft_issue,
        method="post",
        data=lambda w, c: {"competence": "tinh"},
    ),
    Row(
        "petitions:classify_apply",
        STAFF_POST,
        draft_issue,
        method="post",
        data=lambda w, c: {"kind": "competence", "value": "xa"},
    ),
    Row("petitions:classify_accept", STAFF_POST, draft_issue, method="post"),
    Row("petitions:classify_review", STAFF_PAGE, cycle_pk),
    Row("petitions:classify_fields", READERS, council_pk),
    Row("petitions:classify_field_add", STAFF_PAGE, council_pk),
    Row("petitions:classify_field_add", STAFF_POST, council_pk, method="post", data=field_data),
    Row("petitions:classify_field_edit", STAFF_PAGE, own_field),
    Row("petitions:classify_field_edit", STAFF_POST, own_field, method="post", data=field_data),
    Row("petitions:classify_field_edit", system_admin_only(200), national_field, target=None),
    Row(
        "petitions:classify_field_edit",
        system_admin_only(302),
        national_field,
        target=None,
        method="post",
        data=field_data,
    ),
    Row("petitions:classify_national_fields", system_admin_only(200), target=None),
    Row("petitions:classify_national_field_add", system_admin_only(200), target=None),
    Row(
        "petitions:classify_national_field_add",
        system_admin_only(302),
        target=None,
        method="post",
        data=field_data,
    ),
    Row("api:classify_suggestions", responder_gets_404(API_READERS), api_issue),
    Row(
        "api:classify_set",
        API_CHANGE,
        api_issue,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"competence": "tinh"},
    ),
    Row("api:classify_accept", API_CHANGE, api_issue, method="post", content_type=JSON),
    Row("api:classify_fields", API_READERS, lambda w, c: {"council_id": c.pk}),
]
