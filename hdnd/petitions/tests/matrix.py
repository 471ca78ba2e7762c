"""Permission-matrix rows for the petition pages (see ``tests/matrix.py`` for the format).

Reading needs VIEW: every role in its own council and, for the supervising roles, in the councils
below. Writes need MANAGE_PETITIONS, which only the council's administrators and office staff hold,
in their own council. A successful POST redirects (302).
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.core.actions import seed_rules
from hdnd.councils.models import Council
from hdnd.petitions.models import PetitionIssue, SynthesisRun
from hdnd.petitions.tests import support
from tests.matrix import STAFF, Row, by_scope

from .support import PETITION_READERS, responder_gets_404

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS)
# Answering: the council's staff on the agency's behalf, and the responder of that very agency.
ANSWERERS = (*STAFF, "agency_responder")
ANSWER_PAGE = by_scope(view=ANSWERERS)
ANSWER_POST = by_scope(view=ANSWERERS, ok=302)
# Rating an answer: the council's own delegates only (a system administrator is no delegate).
RATE_POST = {**by_scope(view=("delegate",), ok=302), "system_admin": 403}
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def cycle_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.cycle(council).pk}


def cycle_with_petition(world: World, council: Council) -> dict[str, Any]:
    at = support.meeting(council)
    support.petition(at)
    return {"pk": at.cycle_id}


def synthesis_run_pk(world: World, council: Council) -> dict[str, Any]:
    cycle = support.cycle(council)
    return {"pk": SynthesisRun.objects.create(council=council, cycle=cycle, total=10, done=4).pk}


def meeting_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.meeting(council).pk}


def grouped_petition(world: World, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"pk": road.petitions.order_by("pk").values_list("pk", flat=True)[0]}


def draft_issue(world: World, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"pk": road.pk}


def other_issue(world: World, council: Council) -> dict[str, Any]:
    """The lights issue: the last draft of the council that ``grouped_petition``/``draft_issue`` made."""
    last = PetitionIssue.objects.filter(council=council).order_by("-pk").first()
    return {"issue": last.pk if last else ""}


ROWS = [
    Row("petitions:cycle_list", READERS, council_pk),
    Row("petitions:cycle_add", STAFF_PAGE, council_pk),
    Row(
        "petitions:cycle_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"name": "Sau kỳ họp thứ 11", "kind": "after_session", "year": 2026},
    ),
    Row("petitions:cycle_detail", READERS, cycle_pk),
    Row("petitions:meeting_add", STAFF_PAGE, cycle_pk),
    Row(
        "petitions:meeting_add",
        STAFF_POST,
        cycle_pk,
        method="post",
        data=lambda w, c: {"date": "20/11/2026", "place_text": "Nhà văn hóa thôn Tây", "kind": "in_person"},
    ),
    Row("petitions:synthesis", READERS, cycle_pk),
    Row("petitions:synthesis", STAFF_POST, cycle_with_petition, method="post"),
    Row("petitions:synthesis_run", READERS, synthesis_run_pk),
    Row("petitions:meeting_detail", READERS, meeting_pk),
    Row(
        "petitions:petition_add",
        STAFF_POST,
        meeting_pk,
        method="post",
        data=lambda w, c: {"text": support.LIGHTS},
    ),
    Row("petitions:petition_paste", STAFF_PAGE, meeting_pk),
    Row(
        "petitions:petition_paste",
        STAFF_POST,
        meeting_pk,
        method="post",
        data=lambda w, c: {"text": f"1. {support.ROAD}\n2. {support.LAND}"},
    ),
    Row("petitions:petition_move", STAFF_POST, grouped_petition, method="post", data=other_issue),
    Row("petitions:petition_split", STAFF_POST, grouped_petition, method="post"),
    Row("petitions:petition_duplicate", STAFF_POST, grouped_petition, method="post"),
    Row("petitions:issue_merge", STAFF_POST, draft_issue, method="post", data=other_issue),
    Row("petitions:issue_confirm", STAFF_POST, draft_issue, method="post"),
]


def confirmed_issue(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.confirmed_issue(council).pk}


def forwardable_issue(world: World, council: Council) -> dict[str, Any]:
    seed_rules()
    return {"pk": support.confirmed_issue(council).pk}


def the_agency(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.agency(council).pk}


def agency_choice(world: World, council: Council) -> dict[str, Any]:
    return {"agencies": [support.agency(council).pk]}


def forwarding_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.forwarded(council).pk}


def answer_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.answered(council, world.user("system_admin")).pk}


ROWS += [
    Row("petitions:issue_detail", responder_gets_404(READERS), confirmed_issue),
    Row("petitions:issue_forward", STAFF_POST, forwardable_issue, method="post", data=agency_choice),
    Row("petitions:overdue_board", READERS, council_pk),
    Row("petitions:agency_inbox", ANSWER_PAGE, the_agency),
    Row("petitions:forwarding_acknowledge", ANSWER_POST, forwarding_pk, method="post"),
    Row(
        "petitions:forwarding_letter_number",
        STAFF_POST,
        forwarding_pk,
        method="post",
        data=lambda world, council: {"letter_number": "45/HĐND-VP"},
    ),
    Row("petitions:forwarding_answer", ANSWER_PAGE, forwarding_pk),
    Row(
        "petitions:forwarding_answer",
        ANSWER_POST,
        forwarding_pk,
        method="post",
        data=lambda w, c: {"outcome": "giai_trinh", "text": "Tuyến đường đã có trong kế hoạch năm 2027."},
    ),
    Row(
        "petitions:answer_rate", RATE_POST, answer_pk, method="post", data=lambda w, c: {"rating": "partial"}
    ),
]

from . import matrix_api, matrix_classify, matrix_followup, matrix_intake, matrix_public, matrix_reports  # noqa: E402

for module in (matrix_api, matrix_classify, matrix_followup, matrix_intake, matrix_public, matrix_reports):
    ROWS += module.ROWS

from . import matrix_search  # noqa: E402

ROWS += matrix_search.ROWS
