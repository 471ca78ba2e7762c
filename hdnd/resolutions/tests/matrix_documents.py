"""Permission-matrix rows for the resolutions documents (.docx and PDF).

Staff downloads read as the resolution page: VIEW (every role in its own council, the supervising roles
also below) for an adopted or published resolution, MANAGE_RESOLUTIONS for a draft. The public PDF is
open for published resolutions and 404 for drafts and adopted, not yet published ones.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.resolutions.tests import support
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope, everyone

# Not imported from matrix.py: that module imports this one at its end.
READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)


def draft_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.draft(council).pk}


def adopted_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.adopted(council).pk}


def published_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.published(council).pk}


ROWS: list[Row] = [
    Row("resolutions:resolution_docx", READERS, published_pk),
    Row("resolutions:resolution_docx", READERS, adopted_pk, note="adopted, not yet published"),
    Row("resolutions:resolution_docx", STAFF_PAGE, draft_pk, note="drafts: managers only"),
    Row("resolutions:resolution_pdf", READERS, published_pk),
    Row("resolutions:resolution_pdf", STAFF_PAGE, draft_pk, note="drafts: managers only"),
    Row("resolutions:public_resolution_pdf", everyone(200), published_pk),
    Row("resolutions:public_resolution_pdf", everyone(404), draft_pk, note="drafts are never public"),
    Row("resolutions:public_resolution_pdf", everyone(404), adopted_pk, note="adopted, not yet published"),
]
