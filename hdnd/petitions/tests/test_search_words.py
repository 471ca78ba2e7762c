"""The distinct words of the petitions and the word list index (migration 0009), on PostgreSQL.

A search word is turned into the distinct words that hold it, then the petitions holding one of those
are read through the word list index, the newest slice of ids first. These tests go through the
actions that write petitions and through ``search.Results`` as the page and the API use it.
"""

from __future__ import annotations

import unicodedata
from importlib import import_module
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from hdnd.core import paging
from hdnd.core.text import fold
from hdnd.councils.models import Council
from hdnd.petitions import search, search_plans
from hdnd.petitions.actions.synthesis import merge_issues
from hdnd.petitions.models import Petition
from hdnd.petitions.tests import support

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

LAND = "Cấp GCNQSDĐ cho hộ dân thôn Nà Khuổi"


def _words() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM petitions_search_word")
        return {word for (word,) in cursor.fetchall()}


def _large(monkeypatch: Any) -> None:
    """Every scope read as a province's: through the word list index."""
    monkeypatch.setattr(search_plans, "SMALL_SCOPE", 0)


def _results(council: Council, query: str) -> search.Results:
    results = search.Results(search.search_petitions([council.pk], query))
    assert results.plan is not None
    assert not results.plan.small
    return results


def _texts(council: Council, query: str) -> list[str]:
    results = _results(council, query)
    return [petition.text for petition in results.page(0, search.PER_PAGE)]


def test_a_petition_entered_adds_its_words_folded(world: World) -> None:
    support.petition(support.meeting(world.province), LAND)
    assert {"cap", "gcnqsdd", "ho", "dan", "thon", "na", "khuoi"} <= _words()
    assert "đ" not in "".join(_words())


def test_a_word_inside_a_word_is_found_through_the_word_list(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    at = support.meeting(world.province)
    support.petition(at, LAND)
    support.petition(at, "Sổ QSDĐ của hộ ông Lò Văn Pó")
    results = _results(world.province, "qsdd")
    assert sorted(results.plan.lists["qsdd"] or []) == ["gcnqsdd", "qsdd"]  # type: ignore[union-attr]
    assert [p.text for p in results.page(0, 5)] == ["Sổ QSDĐ của hộ ông Lò Văn Pó", LAND]


@pytest.mark.parametrize("query", ["GCNQSDĐ", "gcnqsdd", "khuổi", "KHUOI", "Nà", "Nà Khuổi"])
def test_accents_and_d_fold_on_both_sides(world: World, monkeypatch: Any, query: str) -> None:
    _large(monkeypatch)
    support.petition(support.meeting(world.province), LAND)
    assert _texts(world.province, query) == [LAND]
    assert _texts(world.province, unicodedata.normalize("NFD", query)) == [LAND]


def test_short_words_stay_whole_words(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    support.petition(support.meeting(world.province), LAND)
    assert _texts(world.province, "ho") == [LAND]  # "hộ" stands alone
    assert _texts(world.province, "kh") == []  # only inside "khuổi"


def test_a_word_no_petition_holds_is_answered_without_reading_petitions(
    world: World, monkeypatch: Any
) -> None:
    _large(monkeypatch)
    support.petition(support.meeting(world.province), LAND)
    with CaptureQueriesContext(connection) as queries:
        results = _results(world.province, "thon sân bay")
        assert (results.count, results.page_ids(0, 50)) == (0, [])
    read = [q["sql"] for q in queries.captured_queries if 'FROM "petitions_petition"' in q["sql"]]
    assert read == []


def test_an_edit_adds_the_new_words_and_the_old_ones_stop_matching(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    made = support.petition(support.meeting(world.province), support.ROAD)
    made.text = "Đề nghị nạo vét mương Phiêng Lũng"
    made.save(update_fields=["text"])
    assert {"phieng", "lung", "muong"} <= _words()
    assert _texts(world.province, "phiêng") == [made.text]
    assert _texts(world.province, "tuyen duong") == []


def test_an_update_of_the_key_alone_adds_its_words(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    made = support.petition(support.meeting(world.province), support.ROAD)
    Petition.objects.filter(pk=made.pk).update(text_key=fold("Kè chống sạt lở bờ suối Nậm Mu"))
    assert {"ke", "sat", "suoi", "mu"} <= _words()
    assert [p.pk for p in _results(world.province, "nam mu").page(0, 5)] == [made.pk]


def test_petitions_inserted_in_bulk_add_their_words(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    cycle = support.cycle(world.province)
    Petition.objects.bulk_create(
        Petition(council=world.province, cycle=cycle, source=Petition.Source.LETTER, text=text)
        for text in ("Xây trạm bơm Huổi Cốc", "Cứng hóa kênh Pác Đon")
    )
    assert {"tram", "bom", "huoi", "coc", "cung", "hoa", "kenh", "pac", "don"} <= _words()
    assert _texts(world.province, "pac đon") == ["Cứng hóa kênh Pác Đon"]


def test_a_deleted_petition_is_no_longer_found(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    at = support.meeting(world.province)
    kept = support.petition(at, support.ROAD)
    gone = support.petition(at, LAND)
    gone.delete()
    assert "gcnqsdd" in _words()  # words are only added: a lone word left behind leads nowhere
    assert _texts(world.province, "gcnqsdd") == []
    assert _texts(world.province, "thon") == [kept.text]


def test_merging_issues_keeps_every_petition_found(world: World, monkeypatch: Any) -> None:
    _large(monkeypatch)
    road, lights = support.two_draft_issues(world.province)
    merge_issues(road, lights, by=None)
    found = _texts(world.province, "de nghi")
    assert sorted(found) == sorted([support.ROAD, support.ROAD_AGAIN, support.LIGHTS])


def test_slices_are_read_newest_first_and_stop_beyond_the_cap(world: World, monkeypatch: Any) -> None:
    """Ids in slices of 2: the count and the first page come from the newest slices alone."""
    _large(monkeypatch)
    monkeypatch.setattr(search_plans, "SLICE_BITS", 1)
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    at = support.meeting(world.province)
    made = [support.petition(at, f"Đề nghị sửa đường thôn số {n}.") for n in range(1, 11)]
    words = import_module("hdnd.petitions.migrations.0009_search_distinct_words")
    with connection.cursor() as cursor:  # the index keys each word by id >> 16; rebuilt here by id >> 1
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events before the DDL
        cursor.execute("DROP INDEX petition_text_word_list_idx")
        cursor.execute(words.FUNCTIONS.replace(">> 16)", ">> 1)"))
        cursor.execute(words.LIST_INDEX_SQL)
    results = _results(world.province, "duong thon")
    assert (results.count, results.more) == (3, True)
    assert results.found == [p.pk for p in reversed(made)][:4]
    assert [p.pk for p in results.page(3, 3)] == [made[6].pk, made[5].pk, made[4].pk]


def test_the_next_slices_follow_the_rate_found_so_far() -> None:
    """Slices of 65,536 ids; the newest (10) alone first, then as many as the rate says, a quarter over."""
    last = (10 << 16) + 100
    assert search_plans._next_slices(10, 10, last, 0, 1001) == range(10, 11)
    # 100 ids read, 50 found: 951 more need 1,902 ids, 2,378 with the quarter: the next slice alone.
    assert search_plans._next_slices(9, 10, last, 50, 1001) == range(9, 10)
    # Slices 10 to 8 read (131,172 ids), 300 found: the 701 more need about 306,500 ids, 383,000 with
    # the quarter: 6 slices, 7 down to 2.
    assert search_plans._next_slices(7, 10, last, 300, 1001) == range(2, 8)
    # A rate that all the slices left cannot fill: every one of them at once.
    assert search_plans._next_slices(7, 10, last, 1, 1001) == range(8)
    # The slice read so far held no id (the last id opens its slice): never an empty range.
    assert search_plans._next_slices(9, 10, 10 << 16, 1, 2) == range(9, 10)
