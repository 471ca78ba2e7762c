"""Permission-matrix rows for the briefings pages and API.

Reading needs VIEW_WORK (every role but an agency's responder in its own council, the supervising roles also
below); changing needs MANAGE_BRIEFINGS in the host council (its administrators and office staff). The
documents download for anyone who may read the briefing.
"""

from __future__ import annotations

from typing import Any

from hdnd.briefings.tests import support
from hdnd.councils.models import Council
from tests.matrix import STAFF, WORK_READERS, Row, by_scope

READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
API_DELETE = by_scope(view=STAFF, ok=204, anonymous=401)
JSON = "application/json"


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: Any, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def planned_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.planned(council).pk}


def invited_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.invited(council).pk}


def held_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.held(council).pk}


def concluded_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.concluded(council).pk}


def point_pk(world: Any, council: Council) -> dict[str, Any]:
    briefing = support.planned(council)
    return {"pk": briefing.points.get_or_create(name="Điểm cầu thử")[0].pk}


def held_point_pk(world: Any, council: Council) -> dict[str, Any]:
    briefing = support.held(council)
    return {"pk": briefing.points.get_or_create(name="Điểm cầu thử")[0].pk}


def participant_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.held(council).participants.earliest("pk").pk}


def contribution_pk(world: Any, council: Council) -> dict[str, Any]:
    from hdnd.briefings import actions

    found = actions.add_contribution(support.held(council), by=None, speaker="Ông A", content="Ý kiến")
    return {"pk": found.pk}


def conclusion_pk(world: Any, council: Council) -> dict[str, Any]:
    from hdnd.briefings import actions

    found = actions.add_conclusion_item(support.held(council), by=None, content="Kết luận")
    return {"pk": found.pk}


def answer_kwargs(world: Any, council: Council) -> dict[str, Any]:
    briefing = support.held(council)
    found = support.proposal(support.below(council)[0], briefing)
    return {"pk": briefing.pk, "proposal_pk": found.pk}


def briefing_id(make: Any) -> Any:
    return lambda world, council: {"briefing_id": make(council).pk}


def create_form(world: Any, council: Council) -> dict[str, Any]:
    return {"period": "2026-Q2", "meets_on": "15/07/2026", "starts_at": "08:00", "place": "Hội trường"}


def participants_form(world: Any, council: Council) -> dict[str, Any]:
    return {"councils": [c.pk for c in support.below(council)]}


def conclusion_form(world: Any, council: Council) -> dict[str, Any]:
    return {"content": "Rà soát", "due_on": "29/05/2026", "councils": [support.below(council)[0].pk]}


ROWS = [
    Row("briefings:briefing_list", READERS, council_pk),
    Row("briefings:briefing_add", STAFF_PAGE, council_pk),
    Row("briefings:briefing_add", STAFF_POST, council_pk, method="post", data=create_form),
    Row("briefings:briefing_detail", READERS, concluded_pk),
    Row("briefings:briefing_materials", READERS, concluded_pk),
    Row("briefings:briefing_edit", STAFF_PAGE, planned_pk),
    Row("briefings:briefing_edit", STAFF_POST, planned_pk, method="post", data=create_form),
    Row("briefings:briefing_agenda", STAFF_PAGE, planned_pk),
    Row(
        "briefings:briefing_agenda",
        STAFF_POST,
        planned_pk,
        method="post",
        data=lambda w, c: {"items": "Kết quả quý I | Văn phòng\nKiến nghị của các đơn vị"},
    ),
    Row("briefings:briefing_participants", STAFF_PAGE, planned_pk),
    Row("briefings:briefing_participants", STAFF_POST, planned_pk, method="post", data=participants_form),
    Row(
        "briefings:point_add",
        STAFF_POST,
        planned_pk,
        method="post",
        data=lambda w, c: {"name": "Điểm cầu số 2"},
    ),
    Row("briefings:point_remove", STAFF_POST, point_pk, method="post"),
    Row(
        "briefings:point_attendees",
        STAFF_POST,
        held_point_pk,
        method="post",
        data=lambda w, c: {"attendees": "Ông A\nBà B"},
    ),
    Row(
        "briefings:attendance",
        STAFF_POST,
        participant_pk,
        method="post",
        data=lambda w, c: {"attended": "yes", "attendees": "Ông A, Chủ tịch"},
    ),
    Row(
        "briefings:invitation_issue",
        STAFF_POST,
        planned_pk,
        method="post",
        data=lambda w, c: {"issued_on": "08/04/2026"},
    ),
    Row("briefings:invitation_docx", READERS, invited_pk),
    Row("briefings:invitation_pdf", READERS, invited_pk),
    Row(
        "briefings:briefing_held",
        STAFF_POST,
        invited_pk,
        method="post",
        data=lambda w, c: {"day": "15/04/2026"},
    ),
    Row(
        "briefings:contribution_add",
        STAFF_POST,
        held_pk,
        method="post",
        data=lambda w, c: {"speaker": "Ông A", "content": "Đề nghị hướng dẫn"},
    ),
    Row("briefings:contribution_remove", STAFF_POST, contribution_pk, method="post"),
    Row(
        "briefings:proposal_answer",
        STAFF_POST,
        answer_kwargs,
        method="post",
        data=lambda w, c: {"answer": "Sẽ hướng dẫn trong quý II."},
    ),
    Row("briefings:conclusion_add", STAFF_POST, held_pk, method="post", data=conclusion_form),
    Row("briefings:conclusion_remove", STAFF_POST, conclusion_pk, method="post"),
    Row("briefings:notice", STAFF_PAGE, held_pk),
    Row(
        "briefings:notice",
        STAFF_POST,
        held_pk,
        method="post",
        data=lambda w, c: {"issued_on": "17/04/2026", "text": "Thống nhất đánh giá."},
    ),
    Row("briefings:notice_docx", READERS, concluded_pk),
    Row("briefings:notice_pdf", READERS, concluded_pk),
    # API
    Row("api:briefing_list_api", API_READERS, council_id),
    Row(
        "api:briefing_create_api",
        API_CREATE,
        council_id,
        method="post",
        data=lambda w, c: {"period": "2026-Q2", "meets_on": "2026-07-15"},
        content_type=JSON,
    ),
    Row("api:briefing_detail_api", API_READERS, briefing_id(support.concluded)),
    Row(
        "api:briefing_invite_api",
        API_CHANGE,
        briefing_id(support.planned),
        method="post",
        data=lambda w, c: {"day": "2026-04-08"},
        content_type=JSON,
    ),
    Row(
        "api:briefing_held_api",
        API_CHANGE,
        briefing_id(support.invited),
        method="post",
        data=lambda w, c: {"day": "2026-04-15"},
        content_type=JSON,
    ),
    Row(
        "api:briefing_attendance_api",
        API_CHANGE,
        lambda w, c: {"participant_id": support.held(c).participants.earliest("pk").pk},
        method="patch",
        data=lambda w, c: {"attended": True, "attendees": "Ông A"},
        content_type=JSON,
    ),
    Row(
        "api:briefing_contribution_api",
        API_CREATE,
        briefing_id(support.held),
        method="post",
        data=lambda w, c: {"speaker": "Ông A", "content": "Ý kiến"},
        content_type=JSON,
    ),
    Row(
        "api:briefing_conclusion_api",
        API_CREATE,
        briefing_id(support.held),
        method="post",
        data=lambda w, c: {
            "content": "Kết luận",
            "due_on": "2026-05-29",
            "council_ids": [support.below(c)[0].pk],
        },
        content_type=JSON,
    ),
    Row(
        "api:briefing_notice_api",
        API_CHANGE,
        briefing_id(support.held),
        method="post",
        data=lambda w, c: {"issued_on": "2026-04-17", "text": "Thống nhất."},
        content_type=JSON,
    ),
    Row(
        "api:briefing_answer_api",
        API_CHANGE,
        lambda w, c: {
            "briefing_id": (b := support.held(c)).pk,
            "proposal_id": support.proposal(support.below(c)[0], b).pk,
        },
        method="post",
        data=lambda w, c: {"answer": "Sẽ hướng dẫn."},
        content_type=JSON,
    ),
    Row(
        "api:briefing_update_api",
        API_CHANGE,
        briefing_id(support.planned),
        method="put",
        data=lambda w, c: {"period": "2026-Q1", "meets_on": "2026-04-16", "place": "Phòng họp số 2"},
        content_type=JSON,
    ),
    Row("api:briefing_agenda_api", API_READERS, briefing_id(support.planned)),
    Row(
        "api:briefing_agenda_set_api",
        API_CHANGE,
        briefing_id(support.planned),
        method="put",
        data=lambda w, c: {"items": [{"title": "Kết quả quý I", "presenter": "Văn phòng"}]},
        content_type=JSON,
    ),
    Row("api:briefing_participants_api", API_READERS, briefing_id(support.planned)),
    Row(
        "api:briefing_participants_set_api",
        API_CHANGE,
        briefing_id(support.planned),
        method="put",
        data=lambda w, c: {"council_ids": [support.below(c)[0].pk]},
        content_type=JSON,
    ),
    Row("api:briefing_points_api", API_READERS, briefing_id(support.planned)),
    Row(
        "api:briefing_point_create_api",
        API_CREATE,
        briefing_id(support.planned),
        method="post",
        data=lambda w, c: {"name": "Điểm cầu số 2", "address": "UBND phường"},
        content_type=JSON,
    ),
    Row(
        "api:briefing_point_attendees_api",
        API_CHANGE,
        lambda w, c: {"point_id": held_point_pk(w, c)["pk"]},
        method="patch",
        data=lambda w, c: {"attendees": ["Ông A", "Bà B"]},
        content_type=JSON,
    ),
    Row(
        "api:briefing_point_delete_api",
        API_DELETE,
        lambda w, c: {"point_id": point_pk(w, c)["pk"]},
        method="delete",
    ),
    Row("api:briefing_contributions_api", API_READERS, briefing_id(support.held)),
    Row(
        "api:briefing_contribution_delete_api",
        API_DELETE,
        lambda w, c: {"contribution_id": contribution_pk(w, c)["pk"]},
        method="delete",
    ),
    Row("api:briefing_conclusions_api", API_READERS, briefing_id(support.concluded)),
    Row(
        "api:briefing_conclusion_delete_api",
        API_DELETE,
        lambda w, c: {"item_id": conclusion_pk(w, c)["pk"]},
        method="delete",
    ),
    Row("api:briefing_proposals_api", API_READERS, briefing_id(support.held)),
]
