"""Yearly document numbers (core.numbering) on the resolutions counter: next, typed by hand, new year."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from conftest import World
from hdnd.core.numbering import take_number
from hdnd.resolutions.models import ResolutionCounter

pytestmark = pytest.mark.django_db


def test_numbers_follow_on_a_hand_typed_number_moves_the_counter_and_each_series_starts_at_one(
    world: World,
) -> None:
    series: dict[str, Any] = {"council_id": world.province.pk, "year": 2026, "kind": "individual"}
    with transaction.atomic():
        assert take_number(ResolutionCounter, **series) == 1
        assert take_number(ResolutionCounter, **series) == 2
        assert take_number(ResolutionCounter, wanted=40, **series) == 40
        assert take_number(ResolutionCounter, **series) == 41
        assert take_number(ResolutionCounter, wanted=7, **series) == 7  # an older one, entered late
        assert take_number(ResolutionCounter, **series) == 42
        assert take_number(ResolutionCounter, **{**series, "year": 2027}) == 1
