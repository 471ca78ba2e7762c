"""The resolutions figures equal a count of the records they claim, over generated data (seeded, repeated)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from hdnd.core import figures
from hdnd.core.periods import Period
from hdnd.councils.models import Council
from hdnd.resolutions.models import Resolution, ResolutionReview, ReviewStatus, Status

SEEDS = range(6)
PERIODS = [Period.parse(code) for code in ("2026-Q1", "2026-Q2", "2026-H1", "2026-9M", "2026")]
CODES = [f.code for f in figures.all_figures() if f.code.startswith("resolutions.")]


def a_day(rng: random.Random) -> date:
    return date(2025, 12, 1) + timedelta(days=rng.randrange(420))


def generate(rng: random.Random, councils: list[Council], province: Council) -> tuple[list[Any], list[Any]]:
    resolutions = []
    for council in councils:
        for _ in range(rng.randrange(0, 15)):
            status = rng.choice(Status.values)
            adopted = a_day(rng) if status != Status.DRAFT else None
            published = (
                adopted + timedelta(days=rng.randrange(0, 30)) if adopted and rng.random() < 0.7 else None
            )
            resolutions.append(
                Resolution(
                    council=council,
                    title="Nghị quyết thử",
                    status=status,
                    adopted_on=adopted,
                    published_on=published,
                )
            )
    Resolution.objects.bulk_create(resolutions)
    reviews = []
    for resolution in resolutions:
        if resolution.council_id != province.pk and resolution.adopted_on and rng.random() < 0.5:
            reviews.append(
                ResolutionReview(
                    council_id=resolution.council_id,
                    reviewing_council=province,
                    resolution=resolution,
                    status=rng.choice(ReviewStatus.values),
                )
            )
    ResolutionReview.objects.bulk_create(reviews)
    for review in reviews:  # created_at is set on insert: move it to a generated day (noon, Vietnam time)
        day = a_day(rng)
        review.created_at = datetime(day.year, day.month, day.day, 5, tzinfo=UTC)
    ResolutionReview.objects.bulk_update(reviews, ["created_at"])
    return resolutions, reviews


def expected(code: str, council: Council, period: Period, resolutions: list[Any], reviews: list[Any]) -> int:
    def inside(day: date | None) -> bool:
        return day is not None and period.first <= day <= period.last

    mine = [r for r in resolutions if r.council_id == council.pk]
    if code == "resolutions.adopted":
        return sum(1 for r in mine if r.status != Status.DRAFT and inside(r.adopted_on))
    if code == "resolutions.published":
        return sum(1 for r in mine if inside(r.published_on))
    assert code == "resolutions.under_review"
    return sum(1 for r in reviews if r.council_id == council.pk and inside(r.created_at.date()))


@pytest.mark.parametrize("seed", SEEDS)
def test_each_resolutions_figure_counts_its_records(world: Any, seed: int) -> None:
    rng = random.Random(seed)
    councils = [world.province, world.commune, world.other_commune]
    resolutions, reviews = generate(rng, councils, world.province)
    ids = [c.pk for c in councils]
    for period in PERIODS:
        for code in CODES:
            figure = figures.get(code)
            by_council = figure.by_council(ids, period)
            for council in councils:
                want = expected(code, council, period, resolutions, reviews)
                assert by_council.get(council.pk, 0) == want, (code, period.code, council.name)
            assert figure.records(ids, period).count() == sum(by_council.values())


def test_reviews_count_under_the_commune_whose_resolution_is_reviewed(world: Any) -> None:
    rng = random.Random(1)
    generate(rng, [world.commune], world.province)
    by_council = figures.get("resolutions.under_review").by_council(
        [world.province.pk, world.commune.pk], Period.parse("2026")
    )
    assert world.province.pk not in by_council


def test_each_figure_is_one_query(world: Any, django_assert_num_queries: Any) -> None:
    assert CODES == ["resolutions.adopted", "resolutions.published", "resolutions.under_review"]
    for code in CODES:
        with django_assert_num_queries(1):
            figures.get(code).by_council([world.commune.pk], PERIODS[0])
