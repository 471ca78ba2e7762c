"""Permission-matrix rows for the sittings documents (.docx and PDF, pages and API) and the step that
issues the session notice.

The convening decision and the session notice read as the session page: VIEW (every role in its own
council, the supervising roles also below); 404 outside scope; anonymous users go to the login page
(401 on the API). Issuing the notice needs MANAGE_SESSIONS (administrators and office staff, own council).
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.sittings.tests import support
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope

# Not imported from matrix.py: that module imports this one.
READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"


def convened_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.convened(council).pk}


def planned_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.session(council).pk}


def convened_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.convened(council).pk}


def planned_id(world: World, council: Council) -> dict[str, Any]:
    return {"session_id": support.session(council).pk}


ROWS: list[Row] = [
    Row("sittings:session_convening_docx", READERS, convened_pk),
    Row("sittings:session_convening_pdf", READERS, convened_pk),
    Row("sittings:session_notice_docx", READERS, planned_pk, note="a planned session: draft notice"),
    Row("sittings:session_notice_pdf", READERS, convened_pk),
    Row(
        "sittings:session_notice_issue",
        STAFF_POST,
        convened_pk,
        method="post",
        data=lambda w, c: {"day": "20/11/2026"},
    ),
    Row(
        "sittings:session_results_issue",
        STAFF_POST,
        lambda w, c: {"pk": support.closed(c).pk},
        method="post",
        data=lambda w, c: {"day": "11/12/2026"},
    ),
    # API
    Row("api:session_convening_decision", API_READERS, convened_id),
    Row("api:session_results_notice", API_READERS, lambda w, c: {"session_id": support.closed(c).pk}),
    Row(
        "api:session_results_issue",
        API_CHANGE,
        lambda w, c: {"session_id": support.closed(c).pk},
        method="post",
        data=lambda w, c: {"issued_on": "2026-12-11"},
        content_type=JSON,
    ),
    Row("api:session_notice", API_READERS, planned_id, note="a planned session: draft notice"),
    Row(
        "api:session_notice_issue",
        API_CHANGE,
        convened_id,
        method="post",
        data=lambda w, c: {"issued_on": "2026-11-20"},
        content_type=JSON,
    ),
    Row("api:session_convening_docx", API_READERS, convened_id),
    Row("api:session_convening_pdf", API_READERS, convened_id),
    Row("api:session_notice_docx", API_READERS, convened_id),
    Row("api:session_notice_pdf", API_READERS, convened_id),
]
