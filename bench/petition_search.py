"""Benchmark: accent-insensitive search over 1,000,000 voters' petitions (DESIGN.md §7: p95 under 50 ms).

Builds a province council with 99 communes below it, two cycles each with a meeting, and N petitions
written by ``bench/petition_generator.py`` (a quarter the province's, the rest spread over the
communes; every third one grouped into an issue), then times about 200 searches through
``petitions.search`` exactly as the search page runs them for a provincial officer who sees the
communes: the query, the capped count and the first page of 50 rows with their highlighting. The mix:
common, medium and rare words, one to three of them, with and without accents, some in NFD, some
short whole words ("xã", "lũ"), some found nowhere. Baselines from the same run: a bare ``SELECT 1``
round trip and the same ``LIKE`` count without the index (a sequential scan). Prints p50/p95/max and
the query plan of one selective search. On PostgreSQL it then times the searches again after
``ENTERED`` new petitions, with the indexes' pending list (PostgreSQL's default) and without it (ours,
``hdnd.core.gin``), and removes them.

    .venv/bin/python bench/petition_search.py                           # 100,000 on SQLite, a temporary dir
    DATABASE_URL=postgres://... .venv/bin/python bench/petition_search.py   # 1,000,000 on PostgreSQL

On PostgreSQL the data goes into a throwaway database created beside the one DATABASE_URL names and
dropped at the end; rows are loaded with COPY and the trigram index is rebuilt after the load, as a
bulk import would do (its build time is printed, not counted).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

from bench import scaffold  # noqa: E402

COMMUNES = 99
BUDGET_MS = 50.0
INDEX = "petition_text_trgm_idx"
WORD_LIST_INDEX = "petition_text_word_list_idx"  # migration 0009
# Words of the generated petitions by how often they occur, and words they never contain.
COMMON = ["đường", "đề nghị", "thôn", "xã", "hỗ trợ", "nhân dân", "xây dựng", "điện", "nước sạch", "cử tri"]
MEDIUM = ["cầu treo", "trạm y tế", "nhà văn hóa", "bảo hiểm y tế", "ô nhiễm", "kênh mương", "sạt lở", "sổ đỏ"]
RARE_PLACES = ["Nà Khuổi", "Phiêng Lũng", "Huổi Cốc", "Pác Đon", "Mường Thạch", "Nậm Quang"]
NOWHERE = ["sân bay", "cao tốc Bắc Nam", "đường sắt", "cảng biển", "metro"]
SHORT = ["lũ", "xã", "ao", "đê"]
# Petitions entered since the last VACUUM when the searches are timed again: a province's meetings of a
# few days, under the 4 MB after which PostgreSQL merges a GIN index's pending list itself.
ENTERED = 4_000


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)], ordered[-1]


def _timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _councils() -> tuple[list[int], list[tuple[int, int, int]]]:
    """The province, its communes, two cycles and a meeting each: ids, (council, cycle, meeting)."""
    from hdnd.petitions.models import Cycle, VoterMeeting

    councils = scaffold.province_with_communes("98", "Đo Tìm Kiếm", COMMUNES)
    places = []
    for council in councils:
        for year in (2025, 2026):
            cycle = Cycle.objects.create(council=council, name="Trước kỳ họp giữa năm", year=year)
            meeting = VoterMeeting.objects.create(
                council=council, cycle=cycle, date=date(year, 6, 20), place_text="Nhà văn hóa thôn Đông"
            )
            places.append((council.pk, cycle.pk, meeting.pk))
    return [c.pk for c in councils], places


def _issues(places: list[tuple[int, int, int]]) -> dict[int, list[int]]:
    """Five confirmed issues per cycle, to show on the result rows."""
    from hdnd.petitions.models import PetitionIssue

    made = PetitionIssue.objects.bulk_create(
        PetitionIssue(council_id=council, cycle_id=cycle, title=f"Kiến nghị số {n}", status="confirmed")
        for council, cycle, _ in places
        for n in range(5)
    )
    by_cycle: dict[int, list[int]] = {}
    for issue in made:
        by_cycle.setdefault(issue.cycle_id, []).append(issue.pk)
    return by_cycle


def _rows(
    total: int, places: list[tuple[int, int, int]], issues: dict[int, list[int]]
) -> Iterator[tuple[Any, ...]]:
    from bench.petition_generator import generate
    from hdnd.core.text import fold, nfc

    province = places[:2]
    for i, generated in enumerate(generate(total)):
        council, cycle, meeting = province[i % 2] if i % 4 == 0 else places[2 + i % (len(places) - 2)]
        text = nfc(generated.text)
        issue = issues[cycle][i % 5] if i % 3 == 0 else None
        yield council, cycle, meeting, text, fold(text), issue, "grouped" if issue else "new"


COLUMNS = ("council_id", "cycle_id", "meeting_id", "text", "text_key", "issue_id", "status")


def _load_postgres(rows: Iterator[tuple[Any, ...]]) -> float:
    """COPY the rows with the indexes dropped, then build them; returns their build time in seconds (the
    distinct words are added by the table's trigger, in the COPY's time)."""
    from django.db import connection

    from hdnd.core import gin

    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        cursor.execute(f"DROP INDEX IF EXISTS {WORD_LIST_INDEX}")
        columns = ", ".join(
            (*COLUMNS, "source", "reference", "voter_place", "answered_on_the_spot", "answer")
        )
        with cursor.cursor.copy(f"COPY petitions_petition ({columns}, created_at) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, "meeting", "", "", False, "", "2026-06-20 08:00:00+07"))
        start = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(f"CREATE INDEX {INDEX} ON petitions_petition USING gin (text_key gin_trgm_ops)")
        cursor.execute(import_module("hdnd.petitions.migrations.0009_search_distinct_words").LIST_INDEX_SQL)
        gin.without_pending_list(cursor, (INDEX, WORD_LIST_INDEX))  # as the migrations leave them
        cursor.execute("ANALYZE petitions_petition")
    return time.perf_counter() - start


def _load_orm(rows: Iterator[tuple[Any, ...]]) -> None:
    from hdnd.petitions.models import Petition

    batch: list[Petition] = []
    for council, cycle, meeting, text, _, issue, status in rows:
        batch.append(
            Petition(
                council_id=council,
                cycle_id=cycle,
                meeting_id=meeting,
                text=text,
                issue_id=issue,
                status=status,
            )
        )
        if len(batch) == 10_000:
            Petition.objects.bulk_create(batch)
            batch.clear()
    Petition.objects.bulk_create(batch)


def _queries(count: int) -> list[str]:
    """A fixed mix of 1–3-word queries, with and without accents, some decomposed (NFD)."""
    from hdnd.core.text import fold

    rng = random.Random(2026)
    queries = []
    for n in range(count):
        kind = n % 10
        if kind < 3:
            words = rng.sample(COMMON, rng.randint(1, 2))
        elif kind < 6:
            words = [rng.choice(MEDIUM), *rng.sample(COMMON, rng.randint(0, 1))]
        elif kind < 8:
            words = [rng.choice(RARE_PLACES), *rng.sample(MEDIUM, rng.randint(0, 1))]
        elif kind < 9:
            words = [rng.choice(NOWHERE)]
        else:
            words = [rng.choice(SHORT), *rng.sample(MEDIUM, rng.randint(0, 1))]
        query = " ".join(words)
        roll = rng.random()
        queries.append(
            fold(query) if roll < 0.4 else unicodedata.normalize("NFD", query) if roll < 0.5 else query
        )
    return queries


def _search_once(council_ids: list[int], query: str) -> int:
    """What the search page does: the query, its capped count, the first 50 rows and their highlighting."""
    from hdnd.petitions import search

    page = search.CappedPaginator(search.search_petitions(council_ids, query), search.PER_PAGE).get_page(1)
    words = search.words_of(query)
    shown = [(p, search.highlight(p.text, words), p.issue, p.meeting, p.cycle) for p in page]
    assert len(shown) <= search.PER_PAGE
    return page.paginator.count


def _time_searches(council_ids: list[int], queries: list[str]) -> list[tuple[float, str, int]]:
    """(milliseconds, query, matches found) of each search, one after another."""
    samples = []
    for query in queries:
        start = time.perf_counter()
        found = _search_once(council_ids, query)
        samples.append(((time.perf_counter() - start) * 1000, query, found))
    return samples


def _time_after_entering(council_ids: list[int], queries: list[str]) -> None:
    """The searches again after ``ENTERED`` new petitions, with the search indexes' pending list
    (PostgreSQL's default) and without it (the migrations' setting, ``hdnd.core.gin``)."""
    on = _entered_since_vacuum(council_ids, queries, pending=True)
    off = _entered_since_vacuum(council_ids, queries, pending=False)
    print(f"\nthe same searches after {ENTERED:,} petitions entered since the last VACUUM:")
    for label, samples in (("with the pending list (PostgreSQL's default)", on), ("without (ours)", off)):
        p50, p95, worst = _percentiles(samples)
        verdict = "ok" if p95 < BUDGET_MS else "OVER"
        print(f"  {label:46s} p50 {p50:5.1f} ms   p95 {p95:5.1f} ms   max {worst:5.1f} ms   {verdict}")


def _entered_since_vacuum(council_ids: list[int], queries: list[str], pending: bool) -> list[float]:
    """Milliseconds of each search after copies of the newest ``ENTERED`` petitions were inserted, the
    indexes' pending list on or off; the copies are deleted and vacuumed away after."""
    from django.db import connection

    from hdnd.core import gin
    from hdnd.petitions import search_plans
    from hdnd.petitions.models import Petition

    indexes = search_plans.GIN_INDEXES
    columns = ", ".join(str(f.column) for f in Petition._meta.concrete_fields if not f.primary_key)
    last = Petition.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with connection.cursor() as cursor:
        if pending:
            gin.with_pending_list(cursor, indexes)
        cursor.execute(
            f"INSERT INTO petitions_petition ({columns}) SELECT {columns} FROM petitions_petition "  # noqa: S608 (the model's columns)
            "WHERE id > %s ORDER BY id",
            [last - ENTERED],
        )
    try:
        return [ms for ms, _, _ in _time_searches(council_ids, queries)]
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM petitions_petition WHERE id > %s", [last])
            gin.without_pending_list(cursor, indexes)  # merges what was pending
            cursor.execute("VACUUM ANALYZE petitions_petition")


def _explain_search(council_ids: list[int], query: str) -> None:
    """EXPLAIN ANALYZE of each statement one search runs (the count and the page's ids), as it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _search_once(council_ids, query)
    scope = "the province" if len(council_ids) > 1 else "one commune"
    print(f"\nplans of {query!r} over {scope}:")
    statements = [q["sql"] for q in captured.captured_queries]
    with connection.cursor() as cursor:
        for sql in statements[:-1]:  # the last one loads the page's rows by id
            if sql.startswith(("SET ", "RESET ")):  # the planner settings a plan ran under
                cursor.execute(sql)
                continue
            if not sql.startswith("SELECT") or "pg_stats" in sql or " LIMIT 1" in sql[-9:]:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
            plan = [line for (line,) in cursor.fetchall() if "council_id = ANY" not in line]
            print("\n".join(f"    {line[:160]}" for line in plan), "\n    --")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    parser.add_argument(
        "--petitions",
        type=int,
        default=1_000_000 if on_postgres else 100_000,
        help="how many petitions (1,000,000 on PostgreSQL; 100,000 on SQLite, which has no index)",
    )
    parser.add_argument("--searches", type=int, default=200, help="how many searches to time (200)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database to inspect it")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        help="time searches on a database an earlier --keep run left (its name), without loading again",
    )
    args = parser.parse_args()
    if args.reuse:
        with scaffold.existing_database(args.reuse):
            _run(args.petitions, args.searches, load=False)
        return
    with scaffold.throwaway_database("petition_search", keep=args.keep):
        _run(args.petitions, args.searches)


def _load(total: int) -> tuple[list[int], float]:
    """Create the councils and load ``total`` petitions; the council ids and the index build seconds."""
    from django.db import connection

    council_ids, places = _councils()
    rows = _rows(total, places, _issues(places))
    if connection.vendor == "postgresql":
        return council_ids, _load_postgres(rows)
    _load_orm(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return council_ids, 0.0


def _loaded_councils() -> list[int]:
    """The province and its communes of an earlier run, the province first."""
    from hdnd.councils.models import Council

    province = Council.objects.get(unit__code="98")
    return [province.pk, *Council.objects.filter(parent=province).order_by("pk").values_list("pk", flat=True)]


def _run(total: int, searches: int, load: bool = True) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from hdnd.petitions import search
    from hdnd.petitions.models import Petition

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    if load:
        council_ids, index_s = _load(total)
        load_s = time.perf_counter() - start
        print(f"{total:,} petitions in {len(council_ids)} councils on {connection.vendor}: ", end="")
        print(f"generated and loaded in {load_s:.0f} s (of which the indexes' build {index_s:.0f} s)")
    else:
        council_ids, total = _loaded_councils(), Petition.objects.count()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # statistics for indexes a later migration added
                cursor.execute("ANALYZE petitions_petition")
        print(f"{total:,} petitions in {len(council_ids)} councils on {connection.vendor}, loaded earlier")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW shared_buffers")
            print(f"PostgreSQL shared_buffers {cursor.fetchone()[0]} (table and index: ", end="")
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('petitions_petition'))")
            print(f"{cursor.fetchone()[0]})")

    def select_one() -> object:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    def unindexed_count() -> object:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET enable_bitmapscan = off")
            cursor.execute("SELECT count(*) FROM petitions_petition WHERE text_key LIKE '%kenh muong%'")
            found = cursor.fetchone()
            if connection.vendor == "postgresql":
                cursor.execute("RESET enable_bitmapscan")
            return found

    select50, select95, _ = _percentiles(_timed(select_one, 100))
    scan50, _, _ = _percentiles(_timed(unindexed_count, 3))
    print(f"baselines: SELECT 1 p50 {select50:.2f} ms, p95 {select95:.2f} ms; ", end="")
    print(f"LIKE count without the index (sequential scan) {scan50:.0f} ms")

    queries = _queries(searches)
    for query in queries[:5]:
        _search_once(council_ids, query)  # warm the cache, as a running server has it
    samples = _time_searches(council_ids, queries)
    p50, p95, worst = _percentiles([ms for ms, _, _ in samples])
    ok = p95 < BUDGET_MS
    print(f"\n{len(samples)} searches over the whole province (query + capped count + first page of 50):")
    print(
        f"  p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {worst:.1f} ms   budget p95 < {BUDGET_MS:.0f} ms: ",
        end="",
    )
    print("ok" if ok else "OVER")
    print("  slowest:")
    for ms, query, found in sorted(samples, reverse=True)[:5]:
        print(f"    {ms:7.1f} ms  {found:>5}{'+' if found >= search.COUNT_CAP else ' '} found  {query!r}")
    commune = [council_ids[1]]
    c50, c95, cmax = _percentiles([ms for ms, _, _ in _time_searches(commune, queries[:50])])
    print(f"  one commune's officer (50 searches): p50 {c50:.1f} ms   p95 {c95:.1f} ms   max {cmax:.1f} ms")

    if connection.vendor == "postgresql":
        _time_after_entering(council_ids, queries)
        for scope, query in (
            (council_ids, "đường"),
            (council_ids, "kenh muong"),
            (council_ids, "kenh muong Nà Khuổi"),
            (commune, "nước sạch"),
        ):
            _explain_search(scope, query)
    else:
        print("\n(the budget is set for PostgreSQL, which has the trigram index; SQLite scans)")
    assert Petition.objects.count() >= total


if __name__ == "__main__":
    main()
