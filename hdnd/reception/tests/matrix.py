"""Permission-matrix rows for the reception pages and API (see ``tests/matrix.py`` for the format).

The schedule needs VIEW and the statistics VIEW_WORK (every role in its own council, the statistics not an
agency's responder; the supervising roles also below);
the register and the letters need MANAGE_RECEPTION, held by the council's administrators and office staff
in their own council only. Public pages answer everyone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from hdnd.councils.models import Council
from hdnd.reception.attachments import attach_file
from hdnd.reception.models import Letter, LetterKind
from hdnd.reception.tests import support
from tests.matrix import ALL_ROLES, STAFF, WORK_READERS, Row, by_scope, everyone

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
STAFF_REFUSED = by_scope(view=STAFF, ok=422)  # the staff's empty form is refused with its messages
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
# Statistics are the council's own work (VIEW_WORK): not an agency's responder's.
STATISTICS = by_scope(view=WORK_READERS, view_below=WORK_READERS)
API_STATISTICS = by_scope(view=WORK_READERS, view_below=WORK_READERS, anonymous=401)
API_STAFF = by_scope(view=STAFF, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
JSON = "application/json"
PAST = date(2026, 10, 20)


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: Any, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def slot_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.slot(council).pk}


def _held(council: Council) -> Any:
    from hdnd.reception import actions

    with time_machine.travel(PAST):
        return actions.hold_slot(support.slot(council), by=None)


def held_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": _held(council).pk}


def reception_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.reception(council).pk}


def _letter(council: Council, state: str = "new", kind: str = LetterKind.COMPLAINT) -> Letter:
    with time_machine.travel(PAST):
        return {
            "new": support.letter,
            "awaiting": support.awaiting,
            "eligible": support.eligible,
            "forwarded": support.forwarded,
        }[state](
            council,
            kind=kind,
            content=support.COMPLAINT if kind == LetterKind.COMPLAINT else support.DENUNCIATION,
        )


def letter_pk(state: str = "new", kind: str = LetterKind.COMPLAINT) -> Any:
    return lambda world, council: {"pk": _letter(council, state, kind).pk}


def letter_id(state: str = "new") -> Any:
    return lambda world, council: {"letter_id": _letter(council, state).pk}


def scan() -> dict[str, Any]:
    return {"title": "Bản scan đơn", "file": SimpleUploadedFile("don.pdf", b"%PDF-1.4 don")}


def attachment_pk(world: Any, council: Council) -> dict[str, Any]:
    """A complaint's scanned letter (not sealed: readable by the office)."""
    upload = SimpleUploadedFile("don.pdf", b"%PDF-1.4 don")
    return {"pk": attach_file(_letter(council), by=None, title="Bản scan đơn", upload=upload).pk}


def document(which: str, state: str, fmt: str, kind: str = LetterKind.COMPLAINT) -> Any:
    return lambda world, council: {"pk": _letter(council, state, kind).pk, "which": which, "fmt": fmt}


def slot_form(world: Any, council: Council) -> dict[str, Any]:
    return {
        "kind": "periodic",
        "host": "standing",
        "day": "15/12/2026",
        "starts": "08:00",
        "ends": "11:00",
        "place": "Trụ sở",
    }


def reception_form(world: Any, council: Council) -> dict[str, Any]:
    return {
        "received_on": "15/10/2026",
        "host": "office",
        "visitors": "group",
        "group_size": "12",
        "kind": "kien_nghi",
        "content": support.PETITION,
        "outcome": "guided",
    }


def letter_form(world: Any, council: Council) -> dict[str, Any]:
    support.rules()
    return {
        "channel": "post",
        "received_on": "05/10/2026",
        "kind": "phan_anh",
        "subject": "Phản ánh xả rác",
        "content": support.REPORT,
        "senders": "1",
    }


def letter_json(world: Any, council: Council) -> dict[str, Any]:
    support.rules()
    return {
        "channel": "post",
        "received_on": "2026-10-05",
        "kind": "phan_anh",
        "subject": "Xả rác",
        "content": support.REPORT,
    }


def visit_json(world: Any, council: Council) -> dict[str, Any]:
    return {
        "received_on": "2026-10-15",
        "host": "office",
        "kind": "kien_nghi",
        "content": support.PETITION,
        "outcome": "guided",
        "visitors": "group",
        "group_size": 12,
    }


def slot_json(world: Any, council: Council) -> dict[str, Any]:
    return {
        "kind": "periodic",
        "host": "standing",
        "starts_at": "2026-12-15T08:00:00+07:00",
        "ends_at": "2026-12-15T11:00:00+07:00",
        "place": "Trụ sở",
    }


def agency_form(world: Any, council: Council) -> dict[str, Any]:
    return {"agency": support.agency(council).pk, "forwarded_on": "08/10/2026"}


ROWS = [
    # Schedules
    Row("reception:slot_list", READERS, council_pk),
    Row("reception:slot_add", STAFF_PAGE, council_pk),
    Row("reception:slot_add", STAFF_POST, council_pk, method="post", data=slot_form),
    Row("reception:notice_docx", READERS, council_pk),
    Row("reception:notice_pdf", READERS, council_pk),
    Row("reception:slot_detail", READERS, slot_pk),
    Row("reception:slot_edit", STAFF_PAGE, slot_pk),
    Row("reception:slot_edit", STAFF_POST, slot_pk, method="post", data=slot_form),
    Row(
        "reception:slot_hold", STAFF_POST, held_pk, method="post", note="already held: refused with a message"
    ),
    Row(
        "reception:slot_cancel",
        STAFF_POST,
        slot_pk,
        method="post",
        data=lambda w, c: {"reason": "Trùng lịch họp"},
    ),
    Row(
        "reception:slot_report",
        STAFF_POST,
        held_pk,
        method="post",
        data=lambda w, c: {"reported_on": "20/10/2026", "report": "Tiếp 3 lượt công dân."},
    ),
    # The register
    Row("reception:reception_list", STAFF_PAGE, council_pk),
    Row("reception:reception_add", STAFF_PAGE, council_pk),
    Row("reception:reception_add", STAFF_POST, council_pk, method="post", data=reception_form),
    Row("reception:reception_detail", STAFF_PAGE, reception_pk),
    Row("reception:reception_petition", STAFF_REFUSED, reception_pk, method="post", data=lambda w, c: {}),
    # Letters
    Row("reception:letter_list", STAFF_PAGE, council_pk),
    Row("reception:letter_add", STAFF_PAGE, council_pk),
    Row("reception:letter_add", STAFF_POST, council_pk, method="post", data=letter_form),
    Row("reception:letter_detail", STAFF_PAGE, letter_pk("awaiting")),
    Row("reception:letter_submit", STAFF_POST, letter_pk("new"), method="post"),
    Row(
        "reception:letter_classify",
        STAFF_POST,
        letter_pk("awaiting"),
        method="post",
        data=lambda w, c: {"kind": "khieu_nai", "eligible": "1"},
    ),
    Row("reception:letter_forward", STAFF_POST, letter_pk("eligible"), method="post", data=agency_form),
    Row(
        "reception:letter_answer",
        STAFF_POST,
        letter_pk("forwarded"),
        method="post",
        data=lambda w, c: {"answered_on": "20/10/2026", "summary": "Đã thụ lý."},
    ),
    Row(
        "reception:letter_guide",
        STAFF_POST,
        letter_pk("eligible"),
        method="post",
        data=lambda w, c: {"guided_on": "20/10/2026", "guidance": "Gửi đơn đến Chủ tịch UBND xã."},
    ),
    Row(
        "reception:letter_keep",
        STAFF_POST,
        letter_pk("eligible"),
        method="post",
        data=lambda w, c: {"reason": "Đơn trùng"},
    ),
    Row("reception:letter_reopen", STAFF_POST, letter_pk("new"), method="post"),
    Row("reception:letter_handlers", STAFF_POST, letter_pk("new"), method="post", data=lambda w, c: {}),
    Row("reception:letter_petition", STAFF_REFUSED, letter_pk("new"), method="post", data=lambda w, c: {}),
    Row("reception:letter_reveal", STAFF_POST, letter_pk("new", LetterKind.DENUNCIATION), method="post"),
    Row("reception:letter_attach", STAFF_POST, letter_pk("new"), method="post", data=lambda w, c: scan()),
    Row("reception:attachment_file", STAFF_PAGE, attachment_pk),
    Row("reception:letter_document", STAFF_PAGE, document("phieu-chuyen", "forwarded", "docx")),
    Row("reception:letter_document", STAFF_PAGE, document("phieu-chuyen", "forwarded", "pdf")),
    Row(
        "reception:letter_document", STAFF_PAGE, document("ban-trich", "new", "docx", LetterKind.DENUNCIATION)
    ),
    # Statistics
    Row("reception:statistics", STATISTICS, council_pk),
    Row("reception:report_docx", STATISTICS, council_pk),
    Row("reception:report_pdf", STATISTICS, council_pk),
    Row("reception:statistics_xlsx", STATISTICS, council_pk),
    # Public pages
    Row("reception:public_schedule", everyone(200), council_pk),
    Row("reception:public_ical", everyone(200), council_pk),
    Row("reception:public_statistics", everyone(200), council_pk),
    Row("reception:public_lookup", everyone(200), target=None),
    # API
    Row("api:reception_slot_list", API_READERS, council_id),
    Row(
        "api:reception_slot_create", API_CREATE, council_id, method="post", data=slot_json, content_type=JSON
    ),
    Row("api:reception_slot_detail", API_READERS, lambda w, c: {"slot_id": support.slot(c).pk}),
    Row("api:reception_visit_list", API_STAFF, council_id),
    Row(
        "api:reception_visit_create",
        API_CREATE,
        council_id,
        method="post",
        data=visit_json,
        content_type=JSON,
    ),
    Row("api:letter_list", API_STAFF, council_id),
    Row("api:letter_create", API_CREATE, council_id, method="post", data=letter_json, content_type=JSON),
    Row("api:letter_detail", API_STAFF, letter_id()),
    Row("api:letter_attach", API_CREATE, letter_id(), method="post", data=lambda w, c: scan()),
    Row("api:letter_attachment_file", API_STAFF, lambda w, c: {"attachment_id": attachment_pk(w, c)["pk"]}),
    Row("api:letter_submit", API_STAFF, letter_id(), method="post", content_type=JSON),
    Row(
        "api:letter_classify",
        API_STAFF,
        letter_id("awaiting"),
        method="post",
        data=lambda w, c: {"kind": "khieu_nai", "eligible": True},
        content_type=JSON,
    ),
    Row(
        "api:letter_forward",
        API_STAFF,
        letter_id("eligible"),
        method="post",
        data=lambda w, c: {"agency_id": support.agency(c).pk, "forwarded_on": "2026-10-08"},
        content_type=JSON,
    ),
    Row(
        "api:letter_answer",
        API_STAFF,
        letter_id("forwarded"),
        method="post",
        data=lambda w, c: {"answered_on": "2026-10-20", "summary": "Đã thụ lý."},
        content_type=JSON,
    ),
    Row(
        "api:letter_guide",
        API_STAFF,
        letter_id("eligible"),
        method="post",
        data=lambda w, c: {"guided_on": "2026-10-20", "guidance": "Gửi đơn đến UBND xã."},
        content_type=JSON,
    ),
    Row(
        "api:letter_keep",
        API_STAFF,
        letter_id("eligible"),
        method="post",
        data=lambda w, c: {"reason": "Đơn trùng"},
        content_type=JSON,
    ),
    Row("api:reception_statistics", API_STATISTICS, council_id, data=lambda w, c: {"period": "2026-Q4"}),
    Row("api:letter_progress", everyone(404), lambda w, c: {"code": "TD23456789"}, target=None),
]
