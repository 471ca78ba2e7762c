"""Search plans on PostgreSQL at a size where the planner prefers the indexes: one province with 40,000
petitions, made once for this module (the other search tests: ``test_search.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pytest
from django.db import connection, transaction

from conftest import World
from hdnd.core import gin
from hdnd.councils.models import Council
from hdnd.councils.tests.factories import CouncilFactory
from hdnd.petitions import search, search_plans
from hdnd.petitions.tests import support

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

COPY_ROWS = """
    INSERT INTO petitions_petition (council_id, cycle_id, source, reference, text, text_key, voter_place,
        answered_on_the_spot, answer, status, created_at)
    SELECT council_id, cycle_id, source, reference, text, text_key, voter_place, answered_on_the_spot,
        answer, status, created_at
    FROM petitions_petition, generate_series(1, 19) WHERE text_key NOT LIKE '%bi boi lap%'
"""


@pytest.fixture(scope="module")
def crowded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Council]:
    """A province with 40,000 petitions, enough for the planner to prefer the indexes, made once for the
    plan tests below in a transaction rolled back after them (each test runs in a savepoint of its own).

    The search indexes gather the rows in their pending list and merge it once, as a bulk load does
    (``gin.loading_in_bulk``: 8 s against 20 s row by row); the switches run outside the transaction,
    each committed at once, and the list is off again after the module."""
    from bench.petition_generator import generate

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            gin.with_pending_list(cursor, search_plans.GIN_INDEXES)
        outer = transaction.atomic()
        outer.__enter__()
        province = cast(Council, CouncilFactory())
        cycle = support.cycle(province)
        support.in_bulk(province, cycle, [p.text for p in generate(2000)])
        support.in_bulk(province, cycle, [BOI_LAP])  # once: the copies below leave it out
        with connection.cursor() as cursor:
            cursor.execute(COPY_ROWS)
            gin.merge_pending(cursor, search_plans.GIN_INDEXES)
            cursor.execute("ANALYZE petitions_petition")
    yield province
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
        with connection.cursor() as cursor:
            gin.without_pending_list(cursor, search_plans.GIN_INDEXES)


BOI_LAP = "Cử tri phản ánh ao, kênh mương nội đồng bị bồi lấp."


@pytest.mark.parametrize("query", ["kenh muong noi dong", "ao"])
def test_a_selective_query_uses_the_trigram_index(crowded: Council, query: str, monkeypatch: Any) -> None:
    monkeypatch.setattr(search_plans, "SMALL_SCOPE", 20_000)  # 40,000 rows: a large scope
    results = search.search_petitions([crowded.pk], query)
    plan = results[: search.PER_PAGE].explain()
    assert "petition_text_trgm_idx" in plan, plan
    assert len(list(results[: search.PER_PAGE])) >= 1


def test_a_commune_s_search_reads_its_rows_first_and_a_province_s_uses_the_indexes(
    crowded: Council, world: World, monkeypatch: Any
) -> None:
    monkeypatch.setattr(
        search_plans, "SMALL_SCOPE", 20_000
    )  # 40,000 rows in the province, none in the commune
    commune = search.search_petitions([world.commune.pk], "duong thon")
    assert commune.query.search_plan.small  # type: ignore[attr-defined]
    plan = commune.order_by().explain()
    assert "trgm" not in plan, plan
    assert "council_id" in plan, plan
    province = search.search_petitions([crowded.pk], "kenh muong noi dong")
    assert not province.query.search_plan.small  # type: ignore[attr-defined]
    assert "petition_text_trgm_idx" in province.order_by().explain()
    words = search.Results(search.search_petitions([crowded.pk], "kenh muong noi dong")).plan
    assert words is not None
    assert words.listed
    with search_plans.reading_the_word_lists():
        assert "petition_text_word_list_idx" in search_plans.slice_matches(words, range(1)).explain()
