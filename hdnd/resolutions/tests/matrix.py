"""Permission-matrix rows for the resolutions pages and API endpoints.

Reading needs VIEW (every role in its own council, the supervising roles also below), and drafts
MANAGE_RESOLUTIONS; writing needs MANAGE_RESOLUTIONS (the council's administrators and office staff,
in their own council). Reviewing a commune's resolutions needs REVIEW_RESOLUTIONS, which the province's
office staff, standing and committee members hold over the communes below. The public register is open.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from hdnd.councils.models import Council
from hdnd.resolutions import actions
from hdnd.resolutions.tests import support
from hdnd.sittings import conduct
from hdnd.sittings.tests import support as sittings
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope, everyone

REVIEWERS = ("office_staff", "standing_member", "committee_member")
DELEGATES = ("delegate", "standing_member", "committee_member")  # the roles of the council's delegates
READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
# Allowed, but the rule refuses (the commune responds only once the province has given its findings):
# the review page again with 422, as the API answers.
STAFF_REFUSED = by_scope(view=STAFF, ok=422)
REVIEW_POST = by_scope(view_below=REVIEWERS, ok=302)
DRAFT_FILE = {**by_scope(view=STAFF), "anonymous": 404}
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
API_REVIEW = by_scope(view_below=REVIEWERS, ok=200, anonymous=401)
JSON = "application/json"


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def draft_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.draft(council).pk}


def received_draft_pk(world: World, council: Council) -> dict[str, Any]:
    """A draft on the agenda of a convened session: the council's delegates have received it."""
    draft = support.draft(council)
    conduct.add_agenda_item(
        sittings.convened(council), by=None, kind="draft_resolution", title=draft.title, resolution=draft
    )
    return {"pk": draft.pk}


def adopted_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.adopted(council).pk}


def published_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.published(council).pk}


def by_symbol(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk, "symbol": support.published(council).symbol}


def public_file(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.attachment(support.published(council)).pk}


def draft_file(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.attachment(support.draft(council)).pk}


def signed_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("nghi-quyet-da-ky.pdf", b"%PDF-1.4 signed", "application/pdf")


def public_text_file(world: World, council: Council) -> dict[str, Any]:
    return {"pk": actions.enter_text(support.published(council), by=None, upload=signed_pdf()).pk}


def draft_text_file(world: World, council: Council) -> dict[str, Any]:
    return {"pk": actions.enter_text(support.draft(council), by=None, upload=signed_pdf()).pk}


def full_text(world: World, council: Council) -> dict[str, Any]:
    return {"text": "Điều 1. Thông qua dự toán.\nĐiều 2. Tổ chức thực hiện.", "file": signed_pdf()}


def task_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.task(support.published(council)).pk}


def review_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.review_of(council).pk}


def ids(name: str, make: Any) -> Any:
    """The same builders for the API, whose path parameters are named ``<thing>_id``."""

    def kwargs(world: World, council: Council) -> dict[str, Any]:
        return {name: make(world, council)["pk"]}

    return kwargs


def link_target(world: World, council: Council) -> dict[str, Any]:
    target = support.published(council, title=support.FEES)
    return {"kind": "amends", "target": target.symbol}


def upload(world: World, council: Council) -> dict[str, Any]:
    return {"title": "Phụ lục", "file": SimpleUploadedFile("phu-luc.pdf", b"%PDF-1.4", "application/pdf")}


ROWS = [
    Row("resolutions:resolution_list", READERS, council_pk),
    Row("resolutions:resolution_add", STAFF_PAGE, council_pk),
    Row(
        "resolutions:resolution_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"title": support.BUDGET, "kind": "individual"},
    ),
    Row("resolutions:resolution_detail", READERS, published_pk),
    Row("resolutions:resolution_detail", STAFF_PAGE, draft_pk, note="drafts: managers only"),
    Row(
        "resolutions:resolution_detail",
        by_scope(view=(*STAFF, *DELEGATES)),
        received_draft_pk,
        note="a draft before a convened session: its delegates too",
    ),
    Row("resolutions:resolution_edit", STAFF_PAGE, draft_pk),
    Row(
        "resolutions:resolution_edit",
        STAFF_POST,
        draft_pk,
        method="post",
        data=lambda w, c: {"title": support.FEES, "kind": "normative"},
    ),
    Row(
        "resolutions:resolution_adopt",
        STAFF_POST,
        draft_pk,
        method="post",
        data=lambda w, c: {"adopted_on": "10/12/2026"},
    ),
    Row(
        "resolutions:resolution_publish",
        STAFF_POST,
        adopted_pk,
        method="post",
        data=lambda w, c: {"on": "11/12/2026"},
    ),
    Row(
        "resolutions:resolution_status",
        STAFF_POST,
        published_pk,
        method="post",
        data=lambda w, c: {"status": "in_force", "on": "01/01/2027"},
    ),
    Row("resolutions:resolution_link", STAFF_POST, published_pk, method="post", data=link_target),
    Row("resolutions:attachment_add", STAFF_POST, published_pk, method="post", data=upload),
    Row("resolutions:attachment_download", everyone(200), public_file),
    Row("resolutions:attachment_download", DRAFT_FILE, draft_file),
    Row("resolutions:resolution_text", STAFF_POST, adopted_pk, method="post", data=full_text),
    Row("resolutions:text_file", everyone(200), public_text_file),
    Row("resolutions:text_file", DRAFT_FILE, draft_text_file),
    Row(
        "resolutions:task_add",
        STAFF_POST,
        published_pk,
        method="post",
        data=lambda w, c: {"requirement": "Báo cáo", "agency_name": "UBND", "due_on": "30/06/2027"},
    ),
    Row(
        "resolutions:task_done",
        STAFF_POST,
        task_pk,
        method="post",
        data=lambda w, c: {"done_on": "01/06/2027"},
    ),
    # Provincial review
    Row("resolutions:review_board", by_scope(view=REVIEWERS), council_pk),
    Row("api:resolution_review_list", by_scope(view=REVIEWERS, anonymous=401), ids("council_id", council_pk)),
    Row("resolutions:review_start", REVIEW_POST, published_pk, method="post"),
    Row("resolutions:review_detail", READERS, review_pk),
    Row(
        "resolutions:review_findings",
        REVIEW_POST,
        review_pk,
        method="post",
        data=lambda w, c: {"text": "Điều 2 chưa đúng thẩm quyền.", "on": "15/01/2027"},
    ),
    Row(
        "resolutions:review_response",
        STAFF_REFUSED,
        review_pk,
        method="post",
        data=lambda w, c: {"text": "Đã sửa đổi Điều 2.", "on": "15/02/2027"},
    ),
    Row("resolutions:review_close", REVIEW_POST, review_pk, method="post"),
    # Public register
    Row("resolutions:public_register", everyone(200), council_pk),
    Row("resolutions:public_province", everyone(200), council_pk),
    Row("resolutions:public_detail", everyone(200), published_pk),
    Row("resolutions:public_detail", everyone(404), draft_pk, note="drafts are never public"),
    Row("resolutions:public_detail", everyone(404), adopted_pk, note="adopted, not yet published"),
    Row("resolutions:public_by_symbol", everyone(302), by_symbol),
]

ROWS += [
    Row("api:resolution_list", API_READERS, council_id),
    Row(
        "api:resolution_create",
        API_CREATE,
        council_id,
        method="post",
        data=lambda w, c: {"title": support.BUDGET},
        content_type=JSON,
    ),
    Row("api:resolution_detail", API_READERS, ids("resolution_id", published_pk)),
    Row("api:resolution_detail", by_scope(view=STAFF, anonymous=401), ids("resolution_id", draft_pk)),
    Row(
        "api:resolution_update",
        API_CHANGE,
        ids("resolution_id", draft_pk),
        method="patch",
        data=lambda w, c: {"field": "Đất đai"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_adopt",
        API_CHANGE,
        ids("resolution_id", draft_pk),
        method="post",
        data=lambda w, c: {"adopted_on": "2026-12-10"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_publish",
        API_CHANGE,
        ids("resolution_id", adopted_pk),
        method="post",
        data=lambda w, c: {"on": "2026-12-11"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_status",
        API_CHANGE,
        ids("resolution_id", published_pk),
        method="post",
        data=lambda w, c: {"status": "in_force", "on": "2027-01-01"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_link",
        API_CREATE,
        ids("resolution_id", published_pk),
        method="post",
        data=lambda w, c: {"kind": "replaces", "target_id": support.published(c, title=support.FEES).pk},
        content_type=JSON,
    ),
    Row("api:resolution_tasks", API_READERS, ids("resolution_id", published_pk)),
    Row(
        "api:resolution_task_create",
        API_CREATE,
        ids("resolution_id", published_pk),
        method="post",
        data=lambda w, c: {"requirement": "Báo cáo", "agency_name": "UBND", "due_on": "2027-06-30"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_task_done",
        API_CHANGE,
        ids("task_id", task_pk),
        method="post",
        data=lambda w, c: {"done_on": "2027-06-01"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_review_start",
        {**by_scope(view_below=REVIEWERS, ok=201, anonymous=401), "system_admin": (422, 201, 201)},
        ids("resolution_id", published_pk),
        method="post",
        content_type=JSON,
        note="a province has no council above to review it: 422",
    ),
    Row("api:resolution_review_detail", API_READERS, ids("review_id", review_pk)),
    Row(
        "api:resolution_review_findings",
        API_REVIEW,
        ids("review_id", review_pk),
        method="post",
        data=lambda w, c: {"text": "Điều 2 chưa đúng thẩm quyền.", "on": "2027-01-15"},
        content_type=JSON,
    ),
    Row(
        "api:resolution_review_response",
        {
            **API_CHANGE,
            "council_admin": (422, 403, 404),
            "office_staff": (422, 403, 404),
            "system_admin": 422,
        },
        ids("review_id", review_pk),
        method="post",
        data=lambda w, c: {"text": "Đã sửa đổi.", "on": "2027-02-15"},
        content_type=JSON,
        note="no findings yet: 422",
    ),
    Row(
        "api:resolution_review_close",
        API_REVIEW,
        ids("review_id", review_pk),
        method="post",
        content_type=JSON,
    ),
    Row("api:public_resolution_list", everyone(200), council_id),
    Row("api:public_resolution_detail", everyone(200), ids("resolution_id", published_pk)),
    Row("api:public_resolution_detail", everyone(404), ids("resolution_id", draft_pk)),
    # Files (api/files.py): the .docx as the resolution page; attachments uploaded as multipart.
    Row("api:resolution_docx", API_READERS, ids("resolution_id", published_pk)),
    Row("api:resolution_docx", by_scope(view=STAFF, anonymous=401), ids("resolution_id", draft_pk)),
    Row("api:resolution_pdf", by_scope(view=STAFF, anonymous=401), ids("resolution_id", draft_pk)),
    Row("api:resolution_attach", API_CREATE, ids("resolution_id", published_pk), method="post", data=upload),
    Row("api:attachment_download", everyone(200), ids("attachment_id", public_file)),
    Row("api:attachment_download", DRAFT_FILE, ids("attachment_id", draft_file)),
    Row("api:resolution_text", API_CHANGE, ids("resolution_id", adopted_pk), method="post", data=full_text),
    Row("api:resolution_text_file", API_READERS, ids("resolution_id", public_text_file)),
    Row("api:public_resolution_pdf", everyone(404), ids("resolution_id", draft_pk)),
]

from . import matrix_documents  # noqa: E402

ROWS += matrix_documents.ROWS
