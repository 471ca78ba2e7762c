"""Permission-matrix rows for the sittings documents (.docx and PDF).

The convening decision and the session notice read as the session page: VIEW (every role in its own
council, the supervising roles also below); 404 outside scope; anonymous users go to the login page.
"""

from __future__ import annotations

from typing import Any

from hdnd.councils.models import Council
from hdnd.sittings.tests import support
from tests.matrix import ALL_ROLES, Row, by_scope

# Not imported from matrix.py: that module imports this one.
READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)


def convened_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.convened(council).pk}


def planned_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.session(council).pk}


ROWS: list[Row] = [
    Row("sittings:session_convening_docx", READERS, convened_pk),
    Row("sittings:session_convening_pdf", READERS, convened_pk),
    Row("sittings:session_notice_docx", READERS, planned_pk, note="a planned session: draft notice"),
    Row("sittings:session_notice_pdf", READERS, convened_pk),
]
