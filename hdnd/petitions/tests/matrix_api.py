"""Permission-matrix rows for the petitions API (see ``tests/matrix.py`` for the format).

The same scope as the pages: reading needs VIEW (every role in its own council, the supervising roles
also below), writing needs MANAGE_PETITIONS (the council's administrators and office staff, in their
own council). A write answers 201 when it creates something, 200 when it changes something; anonymous
callers get 401.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.models import PetitionIssue
from hdnd.petitions.tests import support
from tests.matrix import STAFF, Row, by_scope

from .support import PETITION_READERS

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS, anonymous=401)
CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"


def council_id(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def cycle_id(world: World, council: Council) -> dict[str, Any]:
    return {"cycle_id": support.cycle(council).pk}


def cycle_with_petition(world: World, council: Council) -> dict[str, Any]:
    at = support.meeting(council)
    support.petition(at)
    return {"cycle_id": at.cycle_id}


def meeting_id(world: World, council: Council) -> dict[str, Any]:
    return {"meeting_id": support.meeting(council).pk}


def grouped_petition(world: World, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"petition_id": road.petitions.order_by("pk").values_list("pk", flat=True)[0]}


def draft_issue(world: World, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"issue_id": road.pk}


def last_draft(council: Council) -> int:
    """The lights issue: the last draft that ``grouped_petition``/``draft_issue`` made in the council."""
    last = PetitionIssue.objects.filter(council=council).order_by("-pk").first()
    return last.pk if last else 0


ROWS = [
    Row("api:list_cycles", READERS, council_id),
    Row(
        "api:create_cycle",
        CREATE,
        council_id,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"name": "Sau kỳ họp thứ 11", "kind": "after_session", "year": 2026},
    ),
    Row("api:list_meetings", READERS, cycle_id),
    Row(
        "api:record_meeting",
        CREATE,
        cycle_id,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"date": "2026-11-20", "place_text": "Nhà văn hóa thôn Tây", "kind": "in_person"},
    ),
    Row("api:get_meeting", READERS, meeting_id),
    Row(
        "api:register_petition",
        CREATE,
        meeting_id,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"text": support.LIGHTS},
    ),
    Row(
        "api:register_petitions_from_list",
        CREATE,
        meeting_id,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"text": f"1. {support.ROAD}\n2. {support.LAND}"},
    ),
    Row("api:list_issues", READERS, cycle_id),
    Row("api:synthesize_cycle", CREATE, cycle_with_petition, method="post", content_type=JSON),
    Row("api:confirm_issue", CHANGE, draft_issue, method="post", content_type=JSON),
    Row(
        "api:move_petition",
        CHANGE,
        grouped_petition,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"issue": last_draft(c)},
    ),
    Row("api:split_petition", CREATE, grouped_petition, method="post", content_type=JSON),
    Row("api:mark_duplicate", CHANGE, grouped_petition, method="post", content_type=JSON),
    Row(
        "api:merge_issues",
        CHANGE,
        draft_issue,
        method="post",
        content_type=JSON,
        data=lambda w, c: {"other": last_draft(c)},
    ),
]
