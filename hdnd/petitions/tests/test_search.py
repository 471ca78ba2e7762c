"""Searching voters' petitions: accent-insensitive words in any order, scope, filters, paging, the index."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.core import paging
from hdnd.core.text import fold
from hdnd.councils.models import Council
from hdnd.petitions import search, search_plans
from hdnd.petitions.actions.entry import register_petition, register_petitions_from_list
from hdnd.petitions.actions.synthesis import synthesize_cycle
from hdnd.petitions.models import Cycle, Petition
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db

SHORT_WORDS = "Cử tri xã Đông Hòa đề nghị nạo vét kênh, mùa lũ ngập úng."
BUILD = "Đề nghị xây trường mầm non thôn Nam."
HTML = "Đề nghị <script>alert(1)</script> sửa đường & cống."


def _url(council: Council) -> str:
    return reverse("petitions:petition_search", args=[council.pk])


def _api(council: Council) -> str:
    return reverse("api:search_petitions", kwargs={"council_id": council.pk})


def _found(council: Council, query: str, **filters: Any) -> list[str]:
    results = search.search_petitions([council.pk], query, search.Filters(**filters))
    return [p.text for p in results]


def _texts(response: Any) -> list[str]:
    return [petition.text for petition, _, _ in response.context["hits"]]


def _login(client: Any, world: World, name: str) -> None:
    client.force_login(world.user(name))


@pytest.fixture
def meeting(world: World) -> Any:
    at = support.meeting(world.province)
    for text in (support.ROAD, support.LIGHTS, support.LAND, SHORT_WORDS, BUILD):
        support.petition(at, text)
    return at


# The query ----------------------------------------------------------------------------------------


def test_a_query_without_accents_finds_the_text_with_them(meeting: Any) -> None:
    assert _found(meeting.council, "duong lien thon") == [support.ROAD]


def test_a_decomposed_query_finds_the_composed_text(meeting: Any) -> None:
    query = unicodedata.normalize("NFD", "đường liên thôn")
    assert query != unicodedata.normalize("NFC", query)
    assert _found(meeting.council, query) == [support.ROAD]


def test_words_match_in_any_order(meeting: Any) -> None:
    assert _found(meeting.council, "THÔN liên Đường") == [support.ROAD]


def test_every_word_must_be_in_the_same_petition(meeting: Any) -> None:
    assert _found(meeting.council, "chiếu sáng") == [support.LIGHTS]
    assert _found(meeting.council, "chiếu sáng liên thôn") == []


def test_short_words_match_whole_words_only(meeting: Any) -> None:
    # "xa" is in "xây" too, but as a two-letter word it must stand alone; "lũ" is followed by a comma.
    assert _found(meeting.council, "xã") == [SHORT_WORDS]
    assert _found(meeting.council, "lũ kênh") == [SHORT_WORDS]
    assert _found(meeting.council, "xây") == [BUILD]


def test_results_come_newest_first(meeting: Any) -> None:
    assert _found(meeting.council, "đề nghị")[:2] == [BUILD, SHORT_WORDS]


def test_filters_narrow_by_cycle_year_source_and_state(world: World, meeting: Any) -> None:
    council = meeting.council
    later = Cycle.objects.create(council=council, name="Sau kỳ họp thứ 13", year=2027)
    letter = register_petition(
        council, by=None, cycle=later, text="Đơn đề nghị sửa đường thôn Bắc.", source=Petition.Source.LETTER
    )
    assert _found(council, "duong", cycle=later.pk) == [letter.text]
    assert _found(council, "duong", year=2026) == [support.ROAD]
    assert _found(council, "duong", source=Petition.Source.LETTER) == [letter.text]
    assert _found(council, "duong", state=search.State.NEW) == [letter.text, support.ROAD]
    assert _found(council, "duong", state=search.State.ANSWERED) == []


def test_the_state_filter_follows_the_issue_and_its_answer(world: World) -> None:
    answer = support.answered(world.province, world.user("office_staff"))
    council = world.province
    assert _found(council, "duong", state=search.State.ANSWERED) == [support.ROAD_AGAIN, support.ROAD]
    assert _found(council, "duong", state=search.State.UNANSWERED) == []
    assert _found(council, "chieu sang", state=search.State.DRAFT) == [support.LIGHTS]
    hit = search.Results(search.search_petitions([council.pk], "duong")).page(0, 1)[0]
    assert getattr(hit, "latest_outcome", None) == answer.outcome


def test_highlighting_escapes_the_text_and_marks_each_word() -> None:
    marked = search.highlight(HTML, search.words_of("DUONG cong"))
    assert "<script>" not in marked
    assert "&lt;script&gt;" in marked
    assert "<mark>đường</mark>" in marked
    assert "<mark>cống</mark>" in marked
    assert "&amp;" in marked


def test_highlighting_keeps_the_original_letters_of_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Sửa đường làng")
    marked = search.highlight(text, ["duong"])
    assert fold(marked.replace("<mark>", "[").replace("</mark>", "]")) == "sua [duong] lang"


def test_short_words_are_highlighted_only_where_they_stand_alone() -> None:
    assert search.highlight("Xây ở xã.", ["xa"]) == "Xây ở <mark>xã</mark>."


# The page -----------------------------------------------------------------------------------------


def test_the_page_shows_matches_with_their_meeting_cycle_and_marks(
    client: Any, world: World, meeting: Any
) -> None:
    _login(client, world, "delegate")
    response = client.get(_url(world.province), {"q": "duong lien thon"})
    assert response.status_code == 200
    assert _texts(response) == [support.ROAD]
    page = response.content.decode()
    assert "<mark>đường</mark> <mark>liên</mark> <mark>thôn</mark>" in page
    assert "20/11/2026, Nhà văn hóa thôn Đông" in page
    assert "Trước kỳ họp thứ 12" in page
    assert "Chưa tổng hợp" in page


def test_the_page_links_the_issue_with_its_status_and_latest_outcome(client: Any, world: World) -> None:
    answer = support.answered(world.province, world.user("office_staff"))
    _login(client, world, "delegate")
    page = client.get(_url(world.province), {"q": "duong"}).content.decode()
    assert answer.forwarding.issue.get_absolute_url() in page
    assert "Đã xác nhận" in page
    assert "Đã giải quyết xong" in page


def test_an_empty_query_shows_how_to_search(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "office_staff")
    for params in ({}, {"q": "  "}):
        response = client.get(_url(world.province), params)
        assert response.status_code == 200
        assert response.context["page"] is None
        assert "có dấu hay không dấu đều được" in response.content.decode()


def test_no_results_says_so(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "office_staff")
    response = client.get(_url(world.province), {"q": "sân bay quốc tế"})
    assert response.status_code == 200
    assert "Không tìm thấy ý kiến, kiến nghị nào" in response.content.decode()


def test_a_query_over_200_characters_is_refused_with_a_message(
    client: Any, world: World, meeting: Any
) -> None:
    _login(client, world, "office_staff")
    response = client.get(_url(world.province), {"q": "đường " * 40})
    assert response.status_code == 422
    assert "tối đa 200 ký tự" in response.content.decode()
    assert response.context["page"] is None


def test_more_than_ten_words_are_refused(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "office_staff")
    response = client.get(_url(world.province), {"q": "a b c d e f g h i j k"})
    assert response.status_code == 422
    assert "Nhập tối đa 10 từ." in response.content.decode()


def test_filters_alone_list_the_petitions(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "office_staff")
    response = client.get(_url(world.province), {"q": "", "source": "meeting"})
    assert len(_texts(response)) == 5


def test_the_petitions_landing_page_has_a_search_box(client: Any, world: World) -> None:
    _login(client, world, "delegate")
    page = client.get(reverse("petitions:cycle_list", args=[world.province.pk])).content.decode()
    assert f'action="{_url(world.province)}"' in page


# Scope --------------------------------------------------------------------------------------------


@pytest.fixture
def commune_petition(world: World) -> Petition:
    return support.petition(
        support.meeting(world.commune), "Đề nghị nạo vét kênh mương nội đồng xã Đông Hòa."
    )


def test_province_staff_find_the_petitions_of_the_communes_below(
    client: Any, world: World, commune_petition: Petition
) -> None:
    _login(client, world, "office_staff")
    response = client.get(_url(world.province), {"q": "kenh muong"})
    assert _texts(response) == [commune_petition.text]
    assert "HĐND xã Đông Hòa" in response.content.decode()


def test_a_role_that_does_not_see_below_finds_only_its_own_council(
    client: Any, world: World, commune_petition: Petition
) -> None:
    _login(client, world, "delegate")
    assert _texts(client.get(_url(world.province), {"q": "kenh muong"})) == []


def test_commune_staff_find_their_commune_and_nothing_of_the_province(
    client: Any, world: World, meeting: Any, commune_petition: Petition
) -> None:
    _login(client, world, "commune_staff")
    assert _texts(client.get(_url(world.commune), {"q": "de nghi"})) == [commune_petition.text]
    assert client.get(_url(world.province), {"q": "de nghi"}).status_code == 404


def test_another_province_gets_404(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "office_staff")
    assert client.get(_url(world.other_province), {"q": "duong"}).status_code == 404
    assert client.get(_api(world.other_province), {"q": "duong"}).status_code == 404


# Paging and queries -------------------------------------------------------------------------------


def _many(council: Council, count: int, grouped: bool = False) -> None:
    """``count`` road petitions in a new cycle, ``grouped`` into issues by the synthesis or not."""
    name = f"Đợt nhập danh sách {Cycle.objects.count() + 1}"
    at = support.meeting(council, in_cycle=support.cycle(council, name=name))
    lines = "\n".join(f"{n}. Đề nghị sửa đường thôn số {n}." for n in range(1, count + 1))
    register_petitions_from_list(
        council, by=None, cycle=at.cycle, meeting=at, source=Petition.Source.MEETING, text=lines
    )
    if grouped:
        synthesize_cycle(council, at.cycle, by=None)


def test_results_are_paginated_fifty_a_page(client: Any, world: World) -> None:
    _many(world.province, 60)
    _login(client, world, "office_staff")
    first = client.get(_url(world.province), {"q": "duong thon"})
    second = client.get(_url(world.province), {"q": "duong thon", "page": 2})
    assert len(_texts(first)) == 50
    assert _texts(first)[0] == "Đề nghị sửa đường thôn số 60."
    assert len(_texts(second)) == 10
    assert "60 ý kiến · trang 1/2" in first.content.decode()
    assert "q=duong+thon&amp;page=2" in first.content.decode()


def test_the_count_stops_at_the_cap(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    _many(world.province, 8)
    paginator = search.CappedPaginator(search.search_petitions([world.province.pk], "duong"), 3)
    assert (paginator.count, paginator.more) == (5, True)


@pytest.mark.parametrize("window", [20_000, 2])
def test_beyond_the_cap_pages_still_come_newest_first(world: World, monkeypatch: Any, window: int) -> None:
    """Many matches: the page is read walking the newest ids, or by the ordered query if they fall short."""
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(search_plans, "WINDOW", window)
    _many(world.province, 12)
    results = search.Results(search.search_petitions([world.province.pk], "duong thon"))
    assert results.more
    assert [p.text for p in results.page(3, 3)] == [f"Đề nghị sửa đường thôn số {n}." for n in (9, 8, 7)]


def _queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"q": "duong"}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("where", [_url, _api], ids=["page", "api"])
def test_the_number_of_queries_does_not_grow_with_the_results(
    client: Any, world: World, where: Callable[[Council], str]
) -> None:
    support.answered(world.province, world.user("office_staff"))
    _login(client, world, "office_staff")
    url = where(world.province)
    _queries_for(client, url)  # the first request also loads what is cached afterwards
    few = _queries_for(client, url)
    _many(world.province, 40, grouped=True)
    _many(world.commune, 10, grouped=True)
    support.answered(world.commune, world.user("system_admin"))
    assert _queries_for(client, url) == few <= 12


# API ----------------------------------------------------------------------------------------------


def test_the_api_finds_the_same_petitions(client: Any, world: World, meeting: Any) -> None:
    _login(client, world, "delegate")
    response = client.get(_api(world.province), {"q": "THÔN liên duong"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (hit,) = body["items"]
    assert hit["text"] == support.ROAD
    assert hit["meeting"] == {"id": meeting.pk, "date": "2026-11-20", "place_text": "Nhà văn hóa thôn Đông"}
    assert (hit["cycle_name"], hit["year"], hit["source"]) == ("Trước kỳ họp thứ 12", 2026, "meeting")
    assert hit["issue_id"] is None


def test_the_api_reports_the_issue_and_latest_outcome(client: Any, world: World) -> None:
    answer = support.answered(world.province, world.user("office_staff"))
    _login(client, world, "delegate")
    items = client.get(_api(world.province), {"q": "duong", "state": "answered"}).json()["items"]
    assert [i["issue_id"] for i in items] == [answer.forwarding.issue_id] * 2
    assert items[0]["latest_outcome"] == "da_giai_quyet"
    assert items[0]["latest_outcome_label"] == "Đã giải quyết xong"


def test_the_api_pages_fifty_at_a_time(client: Any, world: World) -> None:
    _many(world.province, 60)
    _login(client, world, "office_staff")
    second = client.get(_api(world.province), {"q": "duong", "page": 2}).json()
    assert second["count"] == 60
    assert len(second["items"]) == 10


def test_the_api_refuses_bad_input_in_vietnamese(client: Any, world: World) -> None:
    _login(client, world, "office_staff")
    too_long = client.get(_api(world.province), {"q": "x" * 201})
    assert too_long.status_code == 422
    assert "Quá dài: tối đa 200 ký tự." in too_long.json()["detail"]
    unknown = client.get(_api(world.province), {"q": "duong", "source": "fax"})
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith("Nguồn không hợp lệ")


def test_the_api_answers_401_without_authentication(client: Any, world: World) -> None:
    assert client.get(_api(world.province), {"q": "duong"}).status_code == 401


def test_the_api_scope_includes_below_only_for_roles_that_see_it(
    client: Any, world: World, commune_petition: Petition
) -> None:
    _login(client, world, "office_staff")
    assert client.get(_api(world.province), {"q": "kenh"}).json()["count"] == 1
    _login(client, world, "delegate")
    assert client.get(_api(world.province), {"q": "kenh"}).json()["count"] == 0


# PostgreSQL ---------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_the_trigram_index_exists_after_migrate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'petitions_petition' AND indexname = %s",
            ["petition_text_trgm_idx"],
        )
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition
    assert "text_key" in definition


def test_petitions_inserted_in_bulk_get_their_search_key(world: World) -> None:
    cycle = support.cycle(world.province)
    decomposed = unicodedata.normalize("NFD", "Đề nghị sửa đường")
    (made,) = Petition.objects.bulk_create(
        [Petition(council=world.province, cycle=cycle, source=Petition.Source.LETTER, text=decomposed)]
    )
    made.refresh_from_db()
    assert (made.text, made.text_key) == (unicodedata.normalize("NFC", decomposed), "de nghi sua duong")


def test_the_migration_folds_keys_left_empty_by_earlier_bulk_inserts(world: World) -> None:
    from importlib import import_module

    from django.apps import apps

    made = support.petition(support.meeting(world.province), support.ROAD)
    Petition.objects.filter(pk=made.pk).update(text_key="")
    import_module("hdnd.petitions.migrations.0004_search_trigram_index").backfill(apps, None)
    assert _found(world.province, "duong") == [support.ROAD]


# PostgreSQL plans (search_plans) ------------------------------------------------------------------

PLANNED = ["duong", "duong thon", "kenh muong", "xa", "qsdd", "so 7", "khong co dau"]


def _found_by_each_plan(monkeypatch: Any, council_ids: list[int], query: str) -> dict[str, Any]:
    """Count and first page of ``query`` as a small scope reads it and as a large scope does."""
    answers = {}
    for name, small in (("small", 10**9), ("large", 0)):
        monkeypatch.setattr(search_plans, "SMALL_SCOPE", small)
        results = search.Results(search.search_petitions(council_ids, query))
        assert results.plan is not None
        assert results.plan.small == (name == "small")
        answers[name] = (results.count, results.more, results.page_ids(0, 3))
    return answers


@pytest.mark.postgres
@pytest.mark.parametrize("query", PLANNED)
def test_each_plan_finds_the_same_petitions_newest_first(world: World, monkeypatch: Any, query: str) -> None:
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(search_plans, "WINDOW", 4)  # the newest window cannot fill the count
    _many(world.province, 12)
    _many(world.commune, 3)
    support.in_bulk(
        world.province, support.cycle(world.province), ["Cấp GCNQSDĐ cho hộ dân xã Đông", "Kênh mương"]
    )
    answers = _found_by_each_plan(monkeypatch, [world.province.pk, world.commune.pk], query)
    assert answers["small"] == answers["large"]
    # SQLite's answer (no plan) is the same: the plain query, counted and sorted in Python.
    plain = search.search_petitions([world.province.pk, world.commune.pk], query)
    ids = list(plain.order_by("-pk").values_list("pk", flat=True))
    assert answers["large"] == (min(len(ids), 5), len(ids) > 5, ids[:3])


@pytest.mark.postgres
def test_a_word_inside_another_is_found_by_the_word_index(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    monkeypatch.setattr(search_plans, "SMALL_SCOPE", 0)
    cycle = support.cycle(world.province)
    support.in_bulk(world.province, cycle, ["Cấp GCNQSDĐ cho hộ dân", "Cấp GCNQSDĐ cho thôn Đông", "Sổ QSDĐ"])
    results = search.Results(search.search_petitions([world.province.pk], "qsdd"))
    assert results.plan is not None
    assert sorted(results.plan.lists["qsdd"] or []) == ["gcnqsdd", "qsdd"]
    assert len(search_plans.by_word_index(results.plan)) == 3  # "gcnqsdđ" holds it inside a word
    assert (results.count, results.more) == (2, True)
    assert len(results.page_ids(0, 5)) == 3
