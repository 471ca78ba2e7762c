"""Permission-matrix rows for the sittings pages and API endpoints.

Reading needs VIEW (every role in its own council, the supervising roles also below); planning and
recording a session need MANAGE_SESSIONS (the council's administrators and office staff, in their own
council). The iCal feed is public, like the sessions it lists.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.sittings.tests import support
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope, everyone

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def session_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.session(council).pk}


def convened_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.convened(council).pk}


def in_progress_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.in_progress(council).pk}


def session_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.session(council).pk}


def convened_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.convened(council).pk}


def in_progress_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.in_progress(council).pk}


def plan_form(world: World, council: Council) -> dict[str, Any]:
    return {
        "term": support.term(council).pk,
        "kind": "regular",
        "opens_on": "08/12/2026",
        "closes_on": "10/12/2026",
        "place": "Hội trường",
    }


def plan_json(world: World, council: Council) -> dict[str, Any]:
    return {"term_id": support.term(council).pk, "opens_on": "2026-12-08", "closes_on": "2026-12-10"}


DATES = {"opens_on": "09/12/2026", "closes_on": "11/12/2026", "place": "Hội trường"}

ROWS = [
    Row("sittings:session_list", READERS, council_pk),
    Row("sittings:session_add", STAFF_PAGE, council_pk),
    Row("sittings:session_add", STAFF_POST, council_pk, method="post", data=plan_form),
    Row("sittings:session_ical", everyone(200), council_pk),
    Row("sittings:session_detail", READERS, session_pk),
    Row("sittings:session_edit", STAFF_PAGE, session_pk),
    Row("sittings:session_edit", STAFF_POST, session_pk, method="post", data=lambda w, c: DATES),
    Row(
        "sittings:session_convene",
        STAFF_POST,
        session_pk,
        method="post",
        data=lambda w, c: {"day": "16/11/2026"},
    ),
    Row(
        "sittings:session_documents",
        STAFF_POST,
        session_pk,
        method="post",
        data=lambda w, c: {"day": "30/11/2026"},
    ),
    Row("sittings:session_open", STAFF_POST, convened_pk, method="post"),
    Row("sittings:session_close", STAFF_POST, in_progress_pk, method="post"),
    # API
    Row("api:session_list", API_READERS, council_id),
    Row("api:session_create", API_CREATE, council_id, method="post", data=plan_json, content_type=JSON),
    Row(
        "api:session_counts",
        API_READERS,
        council_id,
        data=lambda w, c: {"first": "2026-01-01", "last": "2026-12-31", "below": "true"},
    ),
    Row("api:session_detail", API_READERS, session_id),
    Row(
        "api:session_update",
        API_CHANGE,
        session_id,
        method="patch",
        data=lambda w, c: {"place": "Hội trường tầng 3"},
        content_type=JSON,
    ),
    Row(
        "api:session_convene",
        API_CHANGE,
        session_id,
        method="post",
        data=lambda w, c: {"day": "2026-11-16"},
        content_type=JSON,
    ),
    Row(
        "api:session_documents",
        API_CHANGE,
        session_id,
        method="post",
        data=lambda w, c: {"day": "2026-11-30"},
        content_type=JSON,
    ),
    Row("api:session_open", API_CHANGE, convened_id, method="post", content_type=JSON),
    Row("api:session_close", API_CHANGE, in_progress_id, method="post", content_type=JSON),
]

from . import matrix_conduct, matrix_documents, matrix_standing  # noqa: E402

ROWS += matrix_conduct.ROWS + matrix_documents.ROWS + matrix_standing.ROWS
