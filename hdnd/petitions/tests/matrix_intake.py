"""Permission-matrix rows for the intake pages and API endpoints (see ``tests/matrix.py``).

Reading the reception list needs VIEW; entering, importing and referring need MANAGE_PETITIONS (the
council's administrators and office staff, in their own council). Referral targets the council above
(from the commune) or the first commune below (from a province), each given a cycle to receive it.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.tests import support
from tests.matrix import STAFF, Row, by_scope, signed_in

from .support import PETITION_READERS, responder_gets_404

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
# Sending a whole cycle up is for communes: the province's own staff are refused (422).
API_REFER_UP = {
    **by_scope(view=STAFF, ok=200, anonymous=401),
    "council_admin": (422, 403, 404),
    "office_staff": (422, 403, 404),
    "system_admin": (422, 200, 200),
}
JSON = "application/json"


def xlsx_upload(*rows: tuple[Any, ...], name: str = "y-kien.xlsx") -> SimpleUploadedFile:
    """An .xlsx with the template's header row and ``rows`` below it."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STT", "Nội dung ý kiến, kiến nghị", "Nơi cử tri", "Đại biểu"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def one_row(world: World, council: Any) -> dict[str, Any]:
    return {"file": xlsx_upload((1, support.LIGHTS, "Tổ dân phố 3", ""))}


def received_import(world: World, council: Any) -> dict[str, Any]:
    return {**one_row(world, council), "source": "letter", "received_on": "20/11/2026"}


def target_of(council: Council) -> Council:
    """The council above, or else the first council below."""
    if council.parent_id is not None:
        return Council.objects.get(pk=council.parent_id)
    below = Council.objects.filter(parent=council).order_by("pk").first()
    assert below is not None
    return below


def referable_issue(world: World, council: Council) -> dict[str, Any]:
    support.cycle(target_of(council), name="Sau kỳ họp thứ 11")
    return {"pk": support.confirmed_issue(council).pk}


def to_target(world: World, council: Council) -> dict[str, Any]:
    return {"to_council": target_of(council).pk, "note": "Vượt thẩm quyền cấp xã."}


def cycle_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.cycle(council).pk}


def meeting_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.meeting(council).pk}


def as_api(build: Any, name: str) -> Any:
    def kwargs(world: World, council: Council) -> dict[str, Any]:
        return {name: build(world, council)["pk"]}

    return kwargs


ROWS = [
    Row("petitions:intake_received", READERS, cycle_pk),
    Row(
        "petitions:intake_received",
        STAFF_POST,
        cycle_pk,
        method="post",
        data=lambda w, c: {
            "source": "reception",
            "received_on": "20/11/2026",
            "reference": "15/TCD",
            "text": support.LIGHTS,
        },
    ),
    Row("petitions:intake_received_import", STAFF_PAGE, cycle_pk),
    Row("petitions:intake_received_import", STAFF_POST, cycle_pk, method="post", data=received_import),
    Row("petitions:intake_meeting_import", STAFF_PAGE, meeting_pk),
    Row("petitions:intake_meeting_import", STAFF_POST, meeting_pk, method="post", data=one_row),
    Row(
        "petitions:intake_template",
        signed_in(200),
        lambda w, c: {"kind": "tiep-xuc", "fmt": "xlsx"},
        target=None,
    ),
    Row("petitions:intake_refer", STAFF_POST, referable_issue, method="post", data=to_target),
    Row("petitions:intake_refer_up", STAFF_POST, cycle_pk, method="post"),
    # API
    Row("api:intake_list_received", API_READERS, as_api(cycle_pk, "cycle_id")),
    Row(
        "api:intake_register_received",
        API_CREATE,
        as_api(cycle_pk, "cycle_id"),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"source": "letter", "reference": "Đơn 7", "text": support.LAND},
    ),
    Row(
        "api:intake_import_meeting",
        {**API_CREATE, "anonymous": 401},
        as_api(meeting_pk, "meeting_id"),
        method="post",
        data=one_row,
    ),
    Row(
        "api:intake_import_received",
        API_CREATE,
        as_api(cycle_pk, "cycle_id"),
        method="post",
        data=lambda w, c: {**one_row(w, c), "source": "reception", "received_on": "2026-11-20"},
    ),
    Row(
        "api:intake_refer_issue",
        API_CREATE,
        as_api(referable_issue, "issue_id"),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"to_council_id": target_of(c).pk},
    ),
    Row(
        "api:intake_refer_cycle_up",
        API_REFER_UP,
        as_api(cycle_pk, "cycle_id"),
        method="post",
        content_type=JSON,
    ),
    Row("api:intake_issue_referrals", responder_gets_404(API_READERS), as_api(referable_issue, "issue_id")),
]
