"""The province roll-up: totals are sums of the councils below, merged units fold into their successor
(as the units are now) or keep their own rows (as they were then), and the cost does not grow with rows."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest

from hdnd.core.periods import Period
from hdnd.councils.models import AdminUnit, Council, Level, Term, UnitChange, UnitKind
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory
from hdnd.petitions.tests.test_figures import generate as petitions
from hdnd.reports.rollup import council_figures, rollup, trend
from hdnd.resolutions.tests.test_figures import generate as resolutions
from hdnd.sittings.models import Session
from hdnd.sittings.tests.test_figures import generate as sittings

Q1 = Period.parse("2026-Q1")
BEFORE = Period.parse("2025-Q2")  # the last quarter of district councils


def value_of(result: Any, council_id: int, code: str) -> int:
    row = result.row(council_id)
    assert row is not None
    return int(row.value(code))


def held(council: Council, *days: date, kind: str = Session.Kind.THEMATIC) -> None:
    term, _ = Term.objects.get_or_create(council=council, number=16, defaults={"starts_on": date(2021, 6, 1)})
    start = Session.objects.filter(term=term).count()
    Session.objects.bulk_create(
        Session(
            council=council, term=term, number=start + n, kind=kind, status="closed", opens_on=d, closes_on=d
        )
        for n, d in enumerate(days, start=1)
    )


@pytest.mark.parametrize("seed", range(4))
def test_the_provinces_total_is_the_sum_of_its_communes(world: Any, seed: int) -> None:
    rng = random.Random(seed)
    councils = [world.province, world.commune, world.other_commune]
    sittings(rng, councils)
    resolutions(rng, councils, world.province)
    petitions(rng, councils, world.user("office_staff"))
    result = rollup(world.province, Q1)
    assert [row.council_id for row in result.rows] == sorted(
        [world.commune.pk, world.other_commune.pk], key=lambda pk: Council.objects.get(pk=pk).name_key
    )
    for figure in result.figures:
        communes = sum(row.value(figure.code) for row in result.rows_at(Level.COMMUNE))
        assert (
            result.total[figure.code] == communes == result.totals_by_level[Level.COMMUNE].get(figure.code, 0)
        )
        assert result.own.value(figure.code) == figure.by_council([world.province.pk], Q1).get(
            world.province.pk, 0
        )


def test_other_provinces_never_count(world: Any) -> None:
    held(world.other_province_commune, date(2026, 2, 2))
    held(world.commune, date(2026, 2, 3))
    result = rollup(world.province, Q1)
    assert result.total["sittings.thematic_held"] == 1


@pytest.fixture
def merged(world: Any) -> dict[str, Council]:
    """District Đông Sơn (until 30/6/2025) with communes An Lạc and Bình Yên, merged into Xã Đông Hòa."""
    p_unit = world.province.unit
    d_unit = AdminUnit.objects.create(
        code="901",
        name="Huyện Đông Sơn",
        kind=UnitKind.RURAL_DISTRICT,
        level=Level.DISTRICT,
        parent=p_unit,
        valid_to=date(2025, 6, 30),
    )
    district = CouncilFactory.create(
        unit=d_unit, name="HĐND huyện Đông Sơn", parent=world.province, dissolved_on=date(2025, 7, 1)
    )
    olds = {}
    for name in ("An Lạc", "Bình Yên"):
        unit = CommuneFactory.create(
            parent=d_unit, name=f"Xã {name}", valid_from=None, valid_to=date(2025, 6, 30)
        )
        olds[name] = CouncilFactory.create(
            unit=unit, name=f"HĐND xã {name}", parent=district, dissolved_on=date(2025, 7, 1)
        )
        UnitChange.objects.create(
            from_unit=unit, to_unit=world.commune.unit, kind="merged_into", effective_on=date(2025, 7, 1)
        )
    held(olds["An Lạc"], date(2025, 4, 10), date(2025, 5, 10))
    held(olds["Bình Yên"], date(2025, 6, 1))
    held(district, date(2025, 5, 20))
    held(world.commune, date(2026, 3, 1))
    return {"district": district, **olds}


def test_merged_communes_count_under_their_successor_as_the_units_are_now(
    world: Any, merged: dict[str, Council]
) -> None:
    result = rollup(world.province, BEFORE, as_now=True)
    successor = result.row(world.commune.pk)
    assert successor is not None
    assert successor.value("sittings.thematic_held") == 3
    assert successor.merged_from == ["HĐND xã An Lạc", "HĐND xã Bình Yên"]
    assert result.row(merged["An Lạc"].pk) is None
    # The district has no successor of its level: its own session keeps its row.
    assert value_of(result, merged["district"].pk, "sittings.thematic_held") == 1
    assert result.total["sittings.thematic_held"] == 4


def test_as_the_units_were_then_a_period_before_the_reform_reports_the_district_level(
    world: Any, merged: dict[str, Council]
) -> None:
    result = rollup(world.province, BEFORE, as_now=False)
    assert result.main_level == Level.DISTRICT
    assert [row.name for row in result.rows_at(Level.DISTRICT)] == ["HĐND huyện Đông Sơn"]
    assert {row.name: row.value("sittings.thematic_held") for row in result.rows_at(Level.COMMUNE)} == {
        "HĐND xã An Lạc": 2,
        "HĐND xã Bình Yên": 1,
    }
    assert result.totals_by_level[Level.DISTRICT]["sittings.thematic_held"] == 1
    assert result.totals_by_level[Level.COMMUNE]["sittings.thematic_held"] == 3
    # Today's communes did not exist then.
    assert result.row(world.commune.pk) is None


def test_after_the_reform_the_roll_up_is_of_communes(world: Any, merged: dict[str, Council]) -> None:
    result = rollup(world.province, Q1, as_now=False)
    assert result.levels == [Level.COMMUNE]
    assert value_of(result, world.commune.pk, "sittings.thematic_held") == 1


def test_a_councils_own_figures_as_now_include_the_units_merged_into_it(
    world: Any, merged: dict[str, Council]
) -> None:
    assert council_figures(world.commune, BEFORE)["sittings.thematic_held"] == 3
    assert council_figures(world.commune, BEFORE, as_now=False)["sittings.thematic_held"] == 0


def test_trend_gives_the_totals_of_the_periods_before(world: Any, merged: dict[str, Council]) -> None:
    rows = trend(world.province, Q1, count=4, codes=["sittings.thematic_held"])
    assert [(p.code, v["sittings.thematic_held"]) for p, v in rows] == [
        ("2025-Q2", 4),
        ("2025-Q3", 0),
        ("2025-Q4", 0),
        ("2026-Q1", 1),
    ]


def test_the_roll_up_takes_the_same_queries_for_more_communes(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            rollup(world.province, Q1)
        return len(captured)

    few = count_queries()
    for n in range(10):
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Mới {n}")
        council = CouncilFactory.create(unit=unit, name=f"HĐND xã Mới {n}", parent=world.province)
        held(council, date(2026, 1, 5) + timedelta(days=n))
    assert count_queries() == few
