"""Permission-matrix rows for the petition pages (see ``tests/matrix.py`` for the format).

Reading needs VIEW: every role in its own council and, for the supervising roles, in the councils
below. Writes need MANAGE_PETITIONS, which only the council's administrators and office staff hold,
in their own council. A successful POST redirects (302).
"""

from __future__ import annotations

from typing import Any

from hdnd.councils.models import Council
from hdnd.petitions.models import PetitionIssue
from hdnd.petitions.tests import support
from tests.matrix import ALL_ROLES, STAFF, Row, by_scope

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def cycle_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.cycle(council).pk}


def cycle_with_petition(world: Any, council: Council) -> dict[str, Any]:
    at = support.meeting(council)
    support.petition(at)
    return {"pk": at.cycle_id}


def meeting_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.meeting(council).pk}


def grouped_petition(world: Any, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"pk": road.petitions.order_by("pk").values_list("pk", flat=True)[0]}


def draft_issue(world: Any, council: Council) -> dict[str, Any]:
    road, _ = support.two_draft_issues(council)
    return {"pk": road.pk}


def other_issue(world: Any, council: Council) -> dict[str, Any]:
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
