"""Permission-matrix rows for the reports pages and API endpoints.

Statistics and the cycle's reports are read with VIEW (every role in its own council, the supervising
roles also below); the forwarding letter is the office's draft, downloaded with MANAGE_PETITIONS.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.tests import support
from hdnd.petitions.tests.matrix_api import READERS as API_READERS
from tests.matrix import STAFF, Row, by_scope

from .support import PETITION_READERS

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS)
STAFF_PAGE = by_scope(view=STAFF)
API_STAFF = by_scope(view=STAFF, anonymous=401)


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def cycle_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.forwarded(council).issue.cycle_id}


def forwarding_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": support.forwarded(council).pk}


def cycle_and_agency(world: World, council: Council) -> dict[str, Any]:
    made = support.forwarded(council)
    return {"pk": made.issue.cycle_id, "agency": made.agency_id}


def api_council(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def api_cycle(world: World, council: Council) -> dict[str, Any]:
    return {"cycle_id": support.forwarded(council).issue.cycle_id}


def api_forwarding(world: World, council: Council) -> dict[str, Any]:
    return {"forwarding_id": support.forwarded(council).pk}


def api_cycle_and_agency(world: World, council: Council) -> dict[str, Any]:
    made = support.forwarded(council)
    return {"cycle_id": made.issue.cycle_id, "agency_id": made.agency_id}


ROWS: list[Row] = [
    Row("petitions:reports_statistics", READERS, council_pk),
    Row("petitions:reports_rollup_xlsx", READERS, council_pk),
    Row("petitions:reports_synthesis_docx", READERS, cycle_pk),
    Row("petitions:reports_results_docx", READERS, cycle_pk),
    Row("petitions:reports_results_xlsx", READERS, cycle_pk),
    Row("petitions:reports_forwarding_letter", STAFF_PAGE, forwarding_pk),
    Row("petitions:reports_agency_letter", STAFF_PAGE, cycle_and_agency),
    Row("api:petition_statistics", API_READERS, api_council),
    Row("api:petition_statistics_rollup", API_READERS, api_council),
    Row("api:download_statistics_rollup", API_READERS, api_council),
    Row("api:download_synthesis_report", API_READERS, api_cycle),
    Row("api:download_results_docx", API_READERS, api_cycle),
    Row("api:download_results_xlsx", API_READERS, api_cycle),
    Row("api:download_forwarding_letter", API_STAFF, api_forwarding),
    Row("api:download_agency_letter", API_STAFF, api_cycle_and_agency),
]
