"""Permission-matrix rows for publishing answers and the public pages (see ``tests/matrix.py``).

The public pages and the public API answer everyone, signed in or not, in every council: 200. The
commune page takes an administrative unit of commune level; the province's own unit answers 404 to
everyone. Publishing needs MANAGE_PETITIONS (the council's administrators and office staff, in their
own council): pages redirect (302), the API answers 200.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.actions.publication import publish_issue
from hdnd.petitions.models import PetitionIssue, VoterMeeting
from hdnd.petitions.tests import support
from tests.matrix import STAFF, USERS, Expect, Row, by_scope, everyone

STAFF_POST = by_scope(view=STAFF, ok=302)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
# A province's unit is no commune: its page does not exist, for anyone.
COMMUNE_PAGE: Expect = dict.fromkeys(USERS, (404, 200, 200))
JSON = "application/json"


def answered_issue(world: World, council: Council) -> PetitionIssue:
    """A confirmed road issue the council's first agency has answered (recorded by the system admin)."""
    answer = support.answered(council, world.user("system_admin"))
    return PetitionIssue.objects.get(pk=answer.forwarding.issue_id)


def published_issue(world: World, council: Council) -> PetitionIssue:
    return publish_issue(answered_issue(world, council), by=None)


def answered_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": answered_issue(world, council).pk}


def published_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": published_issue(world, council).pk}


def published_cycle(world: World, council: Council) -> dict[str, Any]:
    return {"pk": published_issue(world, council).cycle_id}


def answered_cycle(world: World, council: Council) -> dict[str, Any]:
    return {"pk": answered_issue(world, council).cycle_id}


def council_pk(world: World, council: Council) -> dict[str, Any]:
    published_issue(world, council)
    return {"pk": council.pk}


def nothing_but_a_published_issue(world: World, council: Council) -> dict[str, Any]:
    published_issue(world, council)
    return {}


def unit_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.unit_id}


def lookup_code(world: World, council: Council) -> dict[str, Any]:
    cache.clear()  # every row requests the lookup from the same address; start each one afresh
    issue = published_issue(world, council)
    meeting = VoterMeeting.objects.filter(petitions__issue=issue).first()
    assert meeting is not None
    return {"ma": meeting.code}


def api_lookup(world: World, council: Council) -> dict[str, Any]:
    return {"code": lookup_code(world, council)["ma"]}


def api_cycle(world: World, council: Council) -> dict[str, Any]:
    return {"cycle_id": published_cycle(world, council)["pk"]}


def api_answered(world: World, council: Council) -> dict[str, Any]:
    return {"issue_id": answered_issue(world, council).pk}


def api_published(world: World, council: Council) -> dict[str, Any]:
    return {"issue_id": published_issue(world, council).pk}


def api_answered_cycle(world: World, council: Council) -> dict[str, Any]:
    return {"cycle_id": answered_issue(world, council).cycle_id}


ROWS = [
    Row("petitions:public_index", everyone(200), nothing_but_a_published_issue),
    Row("petitions:public_lookup", everyone(200), data=lookup_code),
    Row("petitions:public_council", everyone(200), council_pk),
    Row("petitions:public_council_schedule", everyone(200), council_pk),
    Row("petitions:public_council_ical", everyone(200), council_pk),
    Row("petitions:public_cycle", everyone(200), published_cycle),
    Row("petitions:public_cycle_schedule", everyone(200), published_cycle),
    Row("petitions:public_cycle_ical", everyone(200), published_cycle),
    Row("petitions:public_commune", COMMUNE_PAGE, unit_pk),
    Row("petitions:public_issue_publish", STAFF_POST, answered_pk, method="post"),
    Row("petitions:public_issue_unpublish", STAFF_POST, published_pk, method="post"),
    Row("petitions:public_cycle_publish", STAFF_POST, answered_cycle, method="post"),
    Row("api:public_lookup_meeting", everyone(200), api_lookup),
    Row("api:public_cycle_answers", everyone(200), api_cycle),
    Row("api:publish_issue", API_CHANGE, api_answered, method="post", content_type=JSON),
    Row("api:unpublish_issue", API_CHANGE, api_published, method="post", content_type=JSON),
    Row("api:publish_cycle_answers", API_CHANGE, api_answered_cycle, method="post", content_type=JSON),
]
