"""Permission-matrix rows for the oversight pages and API (see ``tests/matrix.py`` for the format).

Reading needs VIEW_WORK (every role but an agency's responder in its own council, the supervising roles
also below; the responder reads the recommendations and commitments addressed to their agency); every change
needs MANAGE_OVERSIGHT (administrators and office staff, own council). A page step that succeeds
redirects (302); the API answers 200 or 201, and 401 to anonymous callers. Objects are arranged through
the same actions users go through (``support``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.councils.models import Council, Term
from hdnd.oversight import actions
from hdnd.oversight.models import Recommendation
from hdnd.oversight.tests import support
from hdnd.sittings.models import Session
from tests.matrix import STAFF, WORK_READERS, Row, by_scope

READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"
# Progress and evidence: the office, or the addressed agency's own responder. The cast's responder
# answers for "Sở Xây dựng tỉnh An Bình", so on another agency's item they get 404, on theirs ``ok``.
OTHER_AGENCY = {"agency_responder": (404, 404, 404)}
# An agency's responder reads the recommendations and commitments addressed to their agency: the lists show
# them those (200), an item addressed to their agency opens, another agency's is 404.
ADDRESSED_LIST = {**READERS, "agency_responder": (200, 404, 404)}
API_ADDRESSED_LIST = {**API_READERS, "agency_responder": (200, 404, 404)}
ANOTHER_AGENCYS = {**READERS, **OTHER_AGENCY}
API_ANOTHER_AGENCYS = {**API_READERS, **OTHER_AGENCY}
REPORT_POST = {**STAFF_POST, **OTHER_AGENCY}
REPORT_CHANGE = {**API_CHANGE, **OTHER_AGENCY}
REPORT_CREATE = {**API_CREATE, **OTHER_AGENCY}
OWN_AGENCY_POST = {**STAFF_POST, "agency_responder": (302, 404, 404)}
# A folded step opened on its page fetches its form (GET): the right to take the step, 200 for htmx.
STEP_FORM: dict[str, Any] = {"headers": {"HX-Request": "true"}}
OWN_AGENCY_PAGE = {**STAFF_PAGE, "agency_responder": (200, 404, 404)}
REPORT_PAGE = {**STAFF_PAGE, **OTHER_AGENCY}
OWN_AGENCY_CHANGE = {**API_CHANGE, "agency_responder": (200, 404, 404)}
OWN_AGENCY_CREATE = {**API_CREATE, "agency_responder": (201, 404, 404)}


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: Any, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def programme_pk(world: Any, council: Council) -> dict[str, Any]:
    return {
        "pk": actions.create_programme(council, by=None, year=2026, title="Chương trình giám sát năm 2026").pk
    }


def supervision_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.planned(council).pk}


def _recommendation(council: Council, due_on: date = date(2026, 9, 30)) -> Any:
    support.rules()
    supervision = support.established(council)
    return actions.add_recommendation(
        council,
        by=None,
        agency=support.agency(council),
        content="Rà soát đất công",
        on=date(2026, 5, 15),
        due_on=due_on,
        supervision=supervision,
    )


def recommendation_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": _recommendation(council).pk}


def responders_agency(world: Any, council: Council) -> Any:
    """The cast responder's agency in the province; an agency of the council elsewhere."""
    if council == world.province:
        return world.user("agency_responder").role_assignments.get().agency
    return support.agency(council)


def own_agency_pk(world: Any, council: Council) -> dict[str, Any]:
    """A recommendation addressed to the responder's own agency."""
    support.rules()
    item = actions.add_recommendation(
        council,
        by=None,
        agency=responders_agency(world, council),
        content="Rà soát đất công",
        on=date(2026, 5, 15),
        due_on=date(2026, 9, 30),
        supervision=support.established(council),
    )
    return {"pk": item.pk}


def own_agency_commitment_pk(world: Any, council: Council) -> dict[str, Any]:
    support.rules()
    item = actions.add_commitment(
        support.topic(council),
        by=None,
        official="Giám đốc Sở Xây dựng",
        agency=responders_agency(world, council),
        content="Khơi thông cống thoát nước",
        on=date(2026, 6, 1),
        due_on=date(2026, 9, 1),
    )
    return {"pk": item.pk}


def evidence_upload(world: Any, council: Council) -> dict[str, Any]:
    return {"title": "Quyết định thu hồi", "file": support.pdf()}


def self_report(world: Any, council: Council) -> dict[str, Any]:
    return {"agency_id": support.agency(council).pk, "on": "2026-03-18", "file": support.pdf()}


def overdue_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": _recommendation(council, due_on=date(2025, 12, 31)).pk}


def commitment(council: Council) -> Any:
    support.rules()
    return actions.add_commitment(
        support.topic(council),
        by=None,
        official="Giám đốc Sở Xây dựng",
        agency=support.agency(council),
        content="Khơi thông cống thoát nước",
        on=date(2026, 6, 1),
        due_on=date(2026, 9, 1),
    )


def commitment_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": commitment(council).pk}


def evidence_pk(world: Any, council: Council) -> dict[str, Any]:
    item = _recommendation(council)
    return {"pk": actions.attach_evidence(item, by=None, title="Báo cáo", upload=support.pdf()).pk}


def own_agency_evidence_pk(world: Any, council: Council) -> dict[str, Any]:
    item = Recommendation.objects.get(pk=own_agency_pk(world, council)["pk"])
    return {"pk": actions.attach_evidence(item, by=None, title="Báo cáo", upload=support.pdf()).pk}


def self_report_pk(world: Any, council: Council) -> dict[str, Any]:
    target = support.plan_sent(council).targets.get()
    return {"pk": actions.receive_self_report(target, by=None, on=date(2026, 6, 1), upload=support.pdf()).pk}


def topic_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.topic(council).pk}


def session_topic_pk(world: Any, council: Council) -> dict[str, Any]:
    term = Term.objects.create(council=council, number=17, starts_on=date(2026, 3, 15))
    session = Session.objects.create(
        council=council, term=term, number=2, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
    )
    topic = actions.create_topic(
        council, by=None, title="Ngập úng", criteria={"pressing": True}, session=session
    )
    return {"pk": topic.pk}


def slip_pk(world: Any, council: Council) -> dict[str, Any]:
    slip = actions.submit_slip(
        council,
        by=None,
        delegate=support.person(council),
        channel="between_sessions",
        addressee="Giám đốc Sở Xây dựng",
        agency=support.agency(council),
        content="Vì sao chậm khơi thông cống?",
        submitted_on=date(2026, 5, 4),
    )
    return {"pk": slip.pk}


def explanation_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.explanation(council).pk}


def api(builder: Any, key: str = "pk") -> Any:
    return lambda world, council: {key: builder(world, council)["pk"]}


def step(builder: Any, slug: str) -> Any:
    return lambda world, council: {**builder(world, council), "step": slug}


def new_supervision(world: Any, council: Council) -> dict[str, Any]:
    return {"kind": "thematic", "title": "Quản lý đất công", "body": support.body(council).pk}


def new_api_supervision(world: Any, council: Council) -> dict[str, Any]:
    return {"kind": "survey", "title": "Bếp ăn bán trú", "body_id": support.body(council).pk}


def new_topic(world: Any, council: Council) -> dict[str, Any]:
    return {"title": "Ngập úng đô thị", "pressing": True, "agency_ids": [support.agency(council).pk]}


def new_explanation(world: Any, council: Council) -> dict[str, Any]:
    return {
        "title": "Tiến độ cấp giấy chứng nhận",
        "agency_id": support.agency(council).pk,
        "officials": "Giám đốc Sở",
        "planned_on": "2026-06-10",
    }


def new_commitment(world: Any, council: Council) -> dict[str, Any]:
    return {
        "official": "Giám đốc Sở",
        "agency_id": support.agency(council).pk,
        "content": "Khơi thông cống",
        "due_on": "2026-09-01",
    }


def new_recommendation(world: Any, council: Council) -> dict[str, Any]:
    support.rules()
    return {"agency_id": support.agency(council).pk, "content": "Rà soát đất công", "due_on": "2026-09-30"}


def fieldwork_supervision(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.plan_sent(council).pk}


ROWS: list[Row] = [
    Row("oversight:home", READERS, council_pk),
    Row("oversight:suggestions", READERS, council_pk),
    Row("oversight:programme_add", STAFF_PAGE, council_pk),
    Row("oversight:programme_detail", READERS, programme_pk),
    Row(
        "oversight:programme_step",
        STAFF_POST,
        step(programme_pk, "de-xuat"),
        method="post",
        data=lambda w, c: {"source": "voters", "topic": "Ngập úng đô thị"},
    ),
    Row("oversight:programme_step", STAFF_PAGE, step(programme_pk, "de-xuat"), **STEP_FORM),
    Row("oversight:supervision_list", READERS, council_pk),
    Row("oversight:supervision_add", STAFF_PAGE, council_pk),
    Row("oversight:supervision_add", STAFF_POST, council_pk, method="post", data=new_supervision),
    Row("oversight:supervision_detail", READERS, supervision_pk),
    Row(
        "oversight:supervision_step",
        STAFF_POST,
        step(supervision_pk, "huy"),
        method="post",
        data=lambda w, c: {"reason": "Trùng lịch kỳ họp"},
    ),
    Row(
        "oversight:supervision_document",
        READERS,
        lambda w, c: {**supervision_pk(w, c), "which": "ke-hoach", "extension": "docx"},
    ),
    Row(
        "oversight:supervision_document",
        READERS,
        lambda w, c: {**supervision_pk(w, c), "which": "quyet-dinh", "extension": "pdf"},
    ),
    Row("oversight:supervision_step", STAFF_PAGE, step(supervision_pk, "kien-nghi"), **STEP_FORM),
    Row("oversight:recommendation_list", ADDRESSED_LIST, council_pk),
    Row("oversight:recommendation_detail", ANOTHER_AGENCYS, recommendation_pk),
    Row("oversight:recommendation_detail", ADDRESSED_LIST, own_agency_pk),
    Row(
        "oversight:recommendation_step",
        STAFF_POST,
        step(recommendation_pk, "ly-do"),
        method="post",
        data=lambda w, c: {"on": "01/06/2026", "reason": "Chờ quy hoạch"},
    ),
    Row("oversight:recommendation_resupervise", STAFF_POST, overdue_pk, method="post"),
    Row("oversight:recommendation_requestion", STAFF_POST, overdue_pk, method="post"),
    Row(
        "oversight:recommendation_letter",
        ANOTHER_AGENCYS,
        lambda w, c: {**overdue_pk(w, c), "extension": "docx"},
    ),
    Row("oversight:evidence_file", ANOTHER_AGENCYS, evidence_pk),
    Row("oversight:evidence_file", ADDRESSED_LIST, own_agency_evidence_pk),
    Row("oversight:self_report_file", READERS, self_report_pk),
    Row(
        "oversight:recommendation_step",
        OWN_AGENCY_POST,
        step(own_agency_pk, "tien-do"),
        method="post",
        data=lambda w, c: {"on": "01/08/2026", "status": "done"},
        note="the addressed agency's responder reports progress",
    ),
    Row(
        "oversight:recommendation_step",
        REPORT_POST,
        step(recommendation_pk, "minh-chung"),
        method="post",
        data=evidence_upload,
        note="another agency's recommendation: 404 to the responder",
    ),
    Row("oversight:recommendation_step", STAFF_PAGE, step(recommendation_pk, "ly-do"), **STEP_FORM),
    Row("oversight:recommendation_step", OWN_AGENCY_PAGE, step(own_agency_pk, "tien-do"), **STEP_FORM),
    Row("oversight:recommendation_step", REPORT_PAGE, step(recommendation_pk, "minh-chung"), **STEP_FORM),
    Row("oversight:commitment_list", ADDRESSED_LIST, council_pk),
    Row("oversight:commitment_detail", ANOTHER_AGENCYS, commitment_pk),
    Row("oversight:commitment_detail", ADDRESSED_LIST, own_agency_commitment_pk),
    Row(
        "oversight:commitment_step",
        REPORT_POST,
        step(commitment_pk, "tien-do"),
        method="post",
        data=lambda w, c: {"on": "01/08/2026", "status": "done"},
    ),
    Row("oversight:commitment_step", REPORT_PAGE, step(commitment_pk, "tien-do"), **STEP_FORM),
    Row("oversight:topic_list", READERS, council_pk),
    Row("oversight:topic_add", STAFF_PAGE, council_pk),
    Row("oversight:topic_detail", READERS, topic_pk),
    Row(
        "oversight:topic_step",
        STAFF_POST,
        step(topic_pk, "lua-chon"),
        method="post",
        data=lambda w, c: {"accept": "1"},
    ),
    Row("oversight:topic_step", STAFF_PAGE, step(topic_pk, "lua-chon"), **STEP_FORM),
    Row("oversight:topic_resolution", READERS, lambda w, c: {**session_topic_pk(w, c), "extension": "docx"}),
    Row("oversight:slip_list", READERS, council_pk),
    Row("oversight:slip_add", STAFF_PAGE, council_pk),
    Row("oversight:slip_detail", READERS, slip_pk),
    Row(
        "oversight:slip_step",
        STAFF_POST,
        step(slip_pk, "tra-loi"),
        method="post",
        data=lambda w, c: {
            "status": "answered_in_writing",
            "answer": "Đã trả lời",
            "answered_on": "01/06/2026",
        },
    ),
    Row("oversight:slip_step", STAFF_PAGE, step(slip_pk, "tra-loi"), **STEP_FORM),
    Row("oversight:explanation_list", READERS, council_pk),
    Row("oversight:explanation_add", STAFF_PAGE, council_pk),
    Row("oversight:explanation_detail", READERS, explanation_pk),
    Row(
        "oversight:explanation_step",
        STAFF_POST,
        step(explanation_pk, "da-giai-trinh"),
        method="post",
        data=lambda w, c: {"held_on": "10/06/2026", "answers": "Đã giải trình tiến độ"},
    ),
    Row("oversight:explanation_step", STAFF_PAGE, step(explanation_pk, "da-giai-trinh"), **STEP_FORM),
    Row("oversight:explanation_document", READERS, lambda w, c: {**explanation_pk(w, c), "extension": "pdf"}),
    Row("oversight:chain", READERS, lambda w, c: {"kind": "recommendation", **recommendation_pk(w, c)}),
    # API
    Row("api:oversight_list_supervisions", API_READERS, council_id),
    Row(
        "api:oversight_create_supervision",
        API_CREATE,
        council_id,
        method="post",
        data=new_api_supervision,
        content_type=JSON,
    ),
    Row("api:oversight_get_supervision", API_READERS, supervision_pk),
    Row(
        "api:oversight_establish_team",
        API_CHANGE,
        supervision_pk,
        method="post",
        data=lambda w, c: {"on": "2026-02-20", "members": [{"role": "head", "name": "Trần Thị Trưởng Đoàn"}]},
        content_type=JSON,
    ),
    Row(
        "api:oversight_send_plan",
        API_CHANGE,
        supervision_pk,
        method="post",
        data=lambda w, c: {
            "on": "2026-03-02",
            "agency_ids": [support.agency(c).pk],
            "report_due_on": "2026-03-20",
        },
        content_type=JSON,
    ),
    Row(
        "api:oversight_add_fieldwork",
        API_CREATE,
        fieldwork_supervision,
        method="post",
        data=lambda w, c: {"on": "2026-04-06", "place": "Trụ sở Sở"},
        content_type=JSON,
    ),
    Row(
        "api:oversight_finish_fieldwork",
        by_scope(view=STAFF, ok=422, anonymous=401),
        supervision_pk,
        method="post",
        data=lambda w, c: {"on": "2026-04-10"},
        content_type=JSON,
        note="not in fieldwork yet: refused (422)",
    ),
    Row(
        "api:oversight_conclude_supervision",
        by_scope(view=STAFF, ok=422, anonymous=401),
        supervision_pk,
        method="post",
        data=lambda w, c: {"on": "2026-05-15", "outcome": "report", "conclusions": "Cơ bản đúng quy định"},
        content_type=JSON,
        note="not drafted yet: refused (422)",
    ),
    Row(
        "api:oversight_add_recommendation",
        API_CREATE,
        lambda w, c: {"pk": support.established(c).pk},
        method="post",
        data=new_recommendation,
        content_type=JSON,
    ),
    Row("api:oversight_list_recommendations", API_ADDRESSED_LIST, council_id),
    Row("api:oversight_recommendation_rate", API_READERS, council_id),
    Row("api:oversight_get_recommendation", API_ANOTHER_AGENCYS, recommendation_pk),
    Row("api:oversight_get_recommendation", API_ADDRESSED_LIST, own_agency_pk),
    Row(
        "api:oversight_recommendation_progress",
        REPORT_CHANGE,
        recommendation_pk,
        method="post",
        data=lambda w, c: {
            "on": "2026-08-01",
            "status": "partly_done",
            "progress": 40,
            "note": "Đã thu hồi 40%",
        },
        content_type=JSON,
    ),
    Row("api:oversight_resupervise", API_CREATE, overdue_pk, method="post", content_type=JSON),
    Row("api:oversight_get_commitment", API_ANOTHER_AGENCYS, commitment_pk),
    Row("api:oversight_get_commitment", API_ADDRESSED_LIST, own_agency_commitment_pk),
    Row(
        "api:oversight_commitment_progress",
        REPORT_CHANGE,
        commitment_pk,
        method="post",
        data=lambda w, c: {"on": "2026-08-01", "status": "done"},
        content_type=JSON,
    ),
    Row(
        "api:oversight_recommendation_progress",
        OWN_AGENCY_CHANGE,
        own_agency_pk,
        method="post",
        data=lambda w, c: {"on": "2026-08-01", "status": "done"},
        content_type=JSON,
        note="the addressed agency's responder reports progress",
    ),
    Row(
        "api:oversight_commitment_progress",
        OWN_AGENCY_CHANGE,
        own_agency_commitment_pk,
        method="post",
        data=lambda w, c: {"on": "2026-08-01", "status": "done"},
        content_type=JSON,
    ),
    # Files over the API (api_files.py), multipart.
    Row(
        "api:oversight_receive_self_report",
        API_CHANGE,
        fieldwork_supervision,
        method="post",
        data=self_report,
    ),
    Row(
        "api:oversight_recommendation_evidence",
        REPORT_CREATE,
        recommendation_pk,
        method="post",
        data=evidence_upload,
    ),
    Row(
        "api:oversight_recommendation_evidence",
        OWN_AGENCY_CREATE,
        own_agency_pk,
        method="post",
        data=evidence_upload,
    ),
    Row(
        "api:oversight_commitment_evidence", REPORT_CREATE, commitment_pk, method="post", data=evidence_upload
    ),
    Row(
        "api:oversight_commitment_evidence",
        OWN_AGENCY_CREATE,
        own_agency_commitment_pk,
        method="post",
        data=evidence_upload,
    ),
    Row("api:oversight_evidence_file", API_ANOTHER_AGENCYS, evidence_pk),
    Row("api:oversight_evidence_file", API_ADDRESSED_LIST, own_agency_evidence_pk),
    Row("api:oversight_list_topics", API_READERS, council_id),
    Row(
        "api:oversight_create_topic", API_CREATE, council_id, method="post", data=new_topic, content_type=JSON
    ),
    Row("api:oversight_get_topic", API_READERS, topic_pk),
    Row(
        "api:oversight_topic_commitment",
        API_CREATE,
        topic_pk,
        method="post",
        data=new_commitment,
        content_type=JSON,
    ),
    Row("api:oversight_list_explanations", API_READERS, council_id),
    Row(
        "api:oversight_create_explanation",
        API_CREATE,
        council_id,
        method="post",
        data=new_explanation,
        content_type=JSON,
    ),
    Row("api:oversight_get_explanation", API_READERS, explanation_pk),
    Row(
        "api:oversight_explanation_held",
        API_CHANGE,
        explanation_pk,
        method="post",
        data=lambda w, c: {"held_on": "2026-06-10", "answers": "Đã giải trình"},
        content_type=JSON,
    ),
    Row(
        "api:oversight_explanation_commitment",
        API_CREATE,
        explanation_pk,
        method="post",
        data=new_commitment,
        content_type=JSON,
    ),
    Row(
        "api:oversight_chain", API_READERS, lambda w, c: {"kind": "recommendation", **recommendation_pk(w, c)}
    ),
]
