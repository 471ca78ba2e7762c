"""Permission-matrix rows for re-forwarding, flags, carry-over, the follow-up board and answer documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from hdnd.core.actions import seed_rules
from hdnd.councils.models import Council
from hdnd.petitions.actions.forwarding import record_answer
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Cycle, Outcome, PetitionIssue
from hdnd.petitions.tests import support
from tests.matrix import STAFF, Row, by_scope, signed_in

from .matrix import (
    READERS,
    STAFF_POST,
    answer_pk,
    council_pk,
    cycle_with_petition,
    forwarding_pk,
    synthesis_run_pk,
    the_agency,
)
from .support import PETITION_READERS, responder_gets_404, responder_reads_own_agency


def confirmed_issue(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.confirmed_issue(council).pk}


def in_progress_forwarding(world: World, council: Council) -> dict[str, Any]:
    made = support.forwarded(council)
    record_answer(
        made,
        by=world.user("system_admin"),
        outcome=Outcome.IN_PROGRESS,
        text="Đang lập dự án sửa đường.",
        target_date=date(2027, 6, 30),
    )
    return {"pk": made.pk}


def cycle_with_open_issue(world: World, council: Council) -> dict[str, Any]:
    issue = support.confirmed_issue(council)
    support.cycle(council, name="Sau kỳ họp thứ 12")
    return {"pk": issue.cycle_id}


def later_cycle(world: World, council: Council) -> dict[str, Any]:
    later = Cycle.objects.filter(council=council, name="Sau kỳ họp thứ 12").first()
    return {"target": later.pk if later else ""}


def answer_with_document(world: World, council: Council) -> dict[str, Any]:
    made = support.forwarded(council)
    answer = record_answer(
        made,
        by=world.user("system_admin"),
        outcome=Outcome.RESOLVED,
        text="Đã sửa xong.",
        document=SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    return {"pk": answer.pk}


ROWS = [
    Row(
        "petitions:followup_flag",
        STAFF_POST,
        confirmed_issue,
        method="post",
        data=lambda w, c: {"flag": "supervision", "note": "Đưa vào giám sát chuyên đề"},
    ),
    Row(
        "petitions:followup_reforward",
        STAFF_POST,
        in_progress_forwarding,
        method="post",
        data=lambda w, c: {"note": "Đề nghị nêu rõ thời gian khởi công."},
    ),
    Row("petitions:followup_carry_over", STAFF_POST, cycle_with_open_issue, method="post", data=later_cycle),
    Row("petitions:followup_board", READERS, council_pk),
    Row("petitions:followup_answer_document", responder_reads_own_agency(READERS), answer_with_document),
]


# The same over the API: anonymous callers get 401; creations 201, changes 200, a queued run 202.
def _api(key: str, make: Any) -> Any:
    return lambda w, c: {key: make(w, c)["pk"]}


def _forwardable(world: World, council: Council) -> dict[str, Any]:
    seed_rules()
    return {"issue_id": support.confirmed_issue(council).pk}


def _agency_ids(world: World, council: Council) -> dict[str, Any]:
    return {"agencies": [support.agency(council).pk]}


API_READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
API_ANSWERERS = (*STAFF, "agency_responder")
JSON = "application/json"

ROWS += [
    Row("api:list_issue_forwardings", responder_gets_404(API_READERS), _api("issue_id", confirmed_issue)),
    Row(
        "api:forward_issue",
        API_CREATE,
        _forwardable,
        method="post",
        content_type=JSON,
        data=_agency_ids,
    ),
    Row(
        "api:record_letter_number",
        API_CHANGE,
        _api("forwarding_id", forwarding_pk),
        method="put",
        content_type=JSON,
        data=lambda w, c: {"letter_number": "45/HĐND-VP"},
    ),
    Row("api:list_overdue", API_READERS, _api("council_id", council_pk)),
    Row(
        "api:list_agency_forwardings",
        by_scope(view=API_ANSWERERS, anonymous=401),
        _api("agency_id", the_agency),
    ),
    Row(
        "api:acknowledge_forwarding",
        by_scope(view=API_ANSWERERS, anonymous=401),
        _api("forwarding_id", forwarding_pk),
        method="post",
        content_type=JSON,
    ),
    Row(
        "api:answer_forwarding",
        by_scope(view=API_ANSWERERS, ok=201, anonymous=401),
        _api("forwarding_id", forwarding_pk),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"outcome": "giai_trinh", "text": "Đã có trong kế hoạch năm 2027."},
    ),
    Row(
        "api:rate_answer",
        {**by_scope(view=("delegate",), anonymous=401), "system_admin": 403},
        _api("answer_id", answer_pk),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"rating": "evasive"},
    ),
    Row(
        "api:reforward_forwarding",
        API_CREATE,
        _api("forwarding_id", in_progress_forwarding),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"note": "Đề nghị nêu rõ thời gian khởi công."},
    ),
    Row(
        "api:flag_issue",
        API_CHANGE,
        _api("issue_id", confirmed_issue),
        method="post",
        content_type=JSON,
        data=lambda w, c: {"flag": "questioning"},
    ),
    Row(
        "api:carry_over_cycle",
        API_CREATE,
        _api("cycle_id", cycle_with_open_issue),
        method="post",
        content_type=JSON,
        data=later_cycle,
    ),
    Row("api:list_in_progress", API_READERS, _api("council_id", council_pk)),
    Row(
        "api:start_synthesis",
        by_scope(view=STAFF, ok=202, anonymous=401),
        _api("cycle_id", cycle_with_petition),
        method="post",
        content_type=JSON,
    ),
    Row("api:get_synthesis_run", API_READERS, _api("run_id", synthesis_run_pk)),
]


def issue_with_earlier(world: World, council: Council) -> dict[str, Any]:
    """A confirmed road issue in an earlier cycle and the same demand, confirmed, in a later one."""
    earlier = support.confirmed_issue(council)
    later = support.cycle(council, name="Trước kỳ họp thứ 13")
    at = support.meeting(council, in_cycle=later)
    support.petition(at, support.ROAD_AGAIN)
    (issue,) = synthesize_cycle(council, later, by=None)
    confirm_issue(issue, by=None)
    return {"pk": issue.pk, "earlier": earlier.pk}


def _earlier_issue(world: World, council: Council) -> dict[str, Any]:
    return {"pk": issue_with_earlier(world, council)["pk"]}


def _earlier_choice(world: World, council: Council) -> dict[str, Any]:
    first = PetitionIssue.objects.filter(council=council).order_by("pk").first()
    return {"earlier": first.pk if first else ""}


ROWS += [
    Row("petitions:followup_earlier", responder_gets_404(READERS), _earlier_issue),
    Row(
        "petitions:followup_link_earlier",
        STAFF_POST,
        _earlier_issue,
        method="post",
        data=_earlier_choice,
    ),
]

ROWS += [
    Row("api:list_earlier", responder_gets_404(API_READERS), _api("issue_id", _earlier_issue)),
    Row(
        "api:link_earlier",
        API_CHANGE,
        _api("issue_id", _earlier_issue),
        method="post",
        content_type=JSON,
        data=_earlier_choice,
    ),
]

ROWS.append(Row("petitions:followup_mine", signed_in(200), target=None))
