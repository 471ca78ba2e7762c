"""Permission-matrix rows for the petitions search page and its API endpoint.

Both read with VIEW, like the other petitions pages: every role in its own council, the supervising
roles also in the councils below; outside scope 404; anonymous callers go to the login page (the API
answers 401).
"""

from __future__ import annotations

from typing import Any

from conftest import World
from hdnd.councils.models import Council
from hdnd.petitions.tests import support
from tests.matrix import Row, by_scope

from .support import PETITION_READERS

READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS)
API_READERS = by_scope(view=PETITION_READERS, view_below=PETITION_READERS, anonymous=401)


def council_pk(world: World, council: Council) -> dict[str, Any]:
    support.petition(support.meeting(council))
    return {"pk": council.pk}


def api_council(world: World, council: Council) -> dict[str, Any]:
    support.petition(support.meeting(council))
    return {"council_id": council.pk}


ROWS: list[Row] = [
    Row("petitions:petition_search", READERS, council_pk, data=lambda w, c: {"q": "duong lien thon"}),
    Row("api:search_petitions", API_READERS, api_council, data=lambda w, c: {"q": "duong lien thon"}),
]
