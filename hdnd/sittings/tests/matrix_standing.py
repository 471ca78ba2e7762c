"""Permission-matrix rows for standing-committee meetings (pages and API), and the helpers that arrange
meetings through the same actions users go through (``test_standing.py`` uses them too).

Reading needs VIEW (every role in its own council, the supervising roles also below); every change
needs MANAGE_SESSIONS (administrators and office staff, own council). Materials and the notice's
.docx/PDF are served like the meeting page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from hdnd.core.audit import Actor
from hdnd.councils.models import Body, BodyKind, Council, Membership, MembershipRole, Person
from hdnd.sittings import standing
from hdnd.sittings.models import ConclusionItem, StandingMaterial, StandingMeeting
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"
MEETS_ON = date(2026, 11, 5)


# Arrange -----------------------------------------------------------------------------------------------


def standing_seat(
    council: Council, name: str = "Nguyễn Văn An", role: str = MembershipRole.CHAIR
) -> Membership:
    """A seat in the council's Thường trực HĐND (the body is created the first time)."""
    body, _ = Body.objects.get_or_create(
        council=council, kind=BodyKind.STANDING, defaults={"name": "Thường trực HĐND"}
    )
    person = Person.objects.create(council=council, full_name=name)
    return Membership.objects.create(
        person=person, council=council, body=body, role=role, starts_on=date(2026, 3, 16)
    )


def meeting(council: Council, by: Actor = None, *, meets_on: date = MEETS_ON) -> StandingMeeting:
    return standing.create_meeting(council, by=by, meets_on=meets_on, place="Phòng họp Thường trực")


def held(council: Council, by: Actor = None, *, meets_on: date = MEETS_ON) -> StandingMeeting:
    return standing.mark_held(meeting(council, by, meets_on=meets_on), by=by, held_on=meets_on)


def concluded(
    council: Council, by: Actor = None, *, meets_on: date = MEETS_ON, due_on: date = date(2026, 12, 15)
) -> StandingMeeting:
    """A held meeting with one task (owner: a text name) and its notice issued a few days later."""
    found = held(council, by, meets_on=meets_on)
    standing.add_conclusion_item(
        found, by=by, content="Rà soát hồ sơ dự án đường ven biển", owner_name="Sở Xây dựng", due_on=due_on
    )
    return standing.issue_notice(found, by=by, issued_on=meets_on + timedelta(days=3))


def task(council: Council, by: Actor = None) -> ConclusionItem:
    item = concluded(council, by).conclusions.first()
    assert item is not None
    return item


def pdf_upload(name: str = "to-trinh.pdf", size: int = 0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + b"x" * size, content_type="application/pdf")


def material(council: Council, by: Actor = None) -> StandingMaterial:
    return standing.upload_material(meeting(council, by), by=by, upload=pdf_upload(), title="Tờ trình")


# Rows --------------------------------------------------------------------------------------------------


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def meeting_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": meeting(council).pk}


def held_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": held(council).pk}


def concluded_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": concluded(council).pk}


def meeting_id(world: World, council: Council) -> dict[str, Any]:
    return {"meeting_id": meeting(council).pk}


def held_id(world: World, council: Council) -> dict[str, Any]:
    return {"meeting_id": held(council).pk}


def participant_pk(world: World, council: Council) -> dict[str, Any]:
    found = meeting(council)
    added = standing.add_participants(found, by=None, invited=[("Giám đốc Sở Tài chính", "")])
    return {"pk": added[0].pk}


def material_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": material(council).pk}


def task_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": task(council).pk}


def draft_item_pk(world: World, council: Council) -> dict[str, Any]:
    item = standing.add_conclusion_item(
        held(council), by=None, content="Chuẩn bị kỳ họp", owner_name="Văn phòng"
    )
    return {"pk": item.pk}


def task_id(world: World, council: Council) -> dict[str, Any]:
    return {"task_id": task(council).pk}


MEETING_FORM = {"kind": "monthly", "meets_on": "10/12/2026", "place": "Phòng họp số 1"}
MEETING_JSON = {"kind": "monthly", "meets_on": "2026-12-10", "place": "Phòng họp số 1"}


def upload_form(world: World, council: Council) -> dict[str, Any]:
    return {"title": "Báo cáo", "file": pdf_upload()}


ROWS = [
    Row("sittings:standing_list", READERS, council_pk),
    Row("sittings:standing_tasks", READERS, council_pk),
    Row("sittings:standing_add", STAFF_PAGE, council_pk),
    Row("sittings:standing_add", STAFF_POST, council_pk, method="post", data=lambda w, c: MEETING_FORM),
    Row("sittings:standing_detail", READERS, meeting_pk),
    Row("sittings:standing_edit", STAFF_PAGE, meeting_pk),
    Row("sittings:standing_edit", STAFF_POST, meeting_pk, method="post", data=lambda w, c: MEETING_FORM),
    Row("sittings:standing_agenda", STAFF_PAGE, meeting_pk),
    Row(
        "sittings:standing_agenda",
        STAFF_POST,
        meeting_pk,
        method="post",
        data=lambda w, c: {"items": "Báo cáo công tác tháng | Văn phòng"},
    ),
    Row(
        "sittings:standing_participants",
        STAFF_POST,
        meeting_pk,
        method="post",
        data=lambda w, c: {"invited": "Giám đốc Sở Tài chính"},
    ),
    Row("sittings:standing_participant_remove", STAFF_POST, participant_pk, method="post"),
    Row("sittings:standing_material_add", STAFF_POST, meeting_pk, method="post", data=upload_form),
    Row("sittings:standing_material", READERS, material_pk),
    Row("sittings:standing_material_remove", STAFF_POST, material_pk, method="post"),
    Row(
        "sittings:standing_held",
        STAFF_POST,
        meeting_pk,
        method="post",
        data=lambda w, c: {"day": "05/11/2026"},
    ),
    Row(
        "sittings:standing_conclusion_add",
        STAFF_POST,
        held_pk,
        method="post",
        data=lambda w, c: {"content": "Giao Văn phòng chuẩn bị kỳ họp", "owner_name": "Văn phòng"},
    ),
    Row("sittings:standing_conclusion_remove", STAFF_POST, draft_item_pk, method="post"),
    Row("sittings:standing_notice", STAFF_PAGE, held_pk),
    Row(
        "sittings:standing_notice",
        STAFF_POST,
        held_pk,
        method="post",
        data=lambda w, c: {"issued_on": "08/11/2026", "text": "Thống nhất chương trình kỳ họp."},
    ),
    Row("sittings:standing_notice_docx", READERS, concluded_pk),
    Row("sittings:standing_notice_pdf", READERS, concluded_pk),
    Row(
        "sittings:standing_task_done",
        STAFF_POST,
        task_pk,
        method="post",
        data=lambda w, c: {"done_on": "10/12/2026", "result": "Đã rà soát"},
    ),
    # API
    Row("api:standing_meeting_list", API_READERS, council_id),
    Row(
        "api:standing_meeting_create",
        API_CREATE,
        council_id,
        method="post",
        data=lambda w, c: MEETING_JSON,
        content_type=JSON,
    ),
    Row("api:standing_task_list", API_READERS, council_id, data=lambda w, c: {"show": "all"}),
    Row("api:standing_meeting_detail", API_READERS, meeting_id),
    Row(
        "api:standing_meeting_update",
        API_CHANGE,
        meeting_id,
        method="put",
        data=lambda w, c: MEETING_JSON,
        content_type=JSON,
    ),
    Row(
        "api:standing_meeting_agenda",
        API_CHANGE,
        meeting_id,
        method="put",
        data=lambda w, c: {"items": [{"title": "Báo cáo công tác tháng", "presenter": "Văn phòng"}]},
        content_type=JSON,
    ),
    Row(
        "api:standing_meeting_participants",
        API_CHANGE,
        meeting_id,
        method="post",
        data=lambda w, c: {"invited": [{"name": "Giám đốc Sở Tài chính"}]},
        content_type=JSON,
    ),
    Row(
        "api:standing_participant_delete",
        API_CHANGE,
        lambda w, c: {"participant_id": participant_pk(w, c)["pk"]},
        method="delete",
    ),
    Row(
        "api:standing_conclusion_delete",
        API_CHANGE,
        lambda w, c: {"item_id": draft_item_pk(w, c)["pk"]},
        method="delete",
    ),
    Row("api:standing_meeting_material", API_CREATE, meeting_id, method="post", data=upload_form),
    Row(
        "api:standing_material_delete",
        API_CHANGE,
        lambda w, c: {"material_id": material_pk(w, c)["pk"]},
        method="delete",
    ),
    Row("api:standing_notice_docx", API_READERS, lambda w, c: {"meeting_id": concluded(c).pk}),
    Row("api:standing_notice_pdf", API_READERS, lambda w, c: {"meeting_id": concluded(c).pk}),
    Row(
        "api:standing_meeting_held",
        API_CHANGE,
        meeting_id,
        method="post",
        data=lambda w, c: {"held_on": "2026-11-05"},
        content_type=JSON,
    ),
    Row(
        "api:standing_meeting_conclusion",
        API_CREATE,
        held_id,
        method="post",
        data=lambda w, c: {"content": "Giao Văn phòng chuẩn bị kỳ họp", "owner_name": "Văn phòng"},
        content_type=JSON,
    ),
    Row(
        "api:standing_meeting_notice",
        API_CHANGE,
        held_id,
        method="post",
        data=lambda w, c: {"issued_on": "2026-11-08", "text": "Thống nhất chương trình kỳ họp."},
        content_type=JSON,
    ),
    Row(
        "api:standing_task_done",
        API_CHANGE,
        task_id,
        method="post",
        data=lambda w, c: {"done_on": "2026-12-10", "result": "Đã rà soát"},
        content_type=JSON,
    ),
]
