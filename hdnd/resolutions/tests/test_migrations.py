"""The data migrations of resolutions, each on an empty database of its own (``tests/migrations.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import migrations

pytestmark = pytest.mark.migrations  # a database of its own, on each engine


def test_the_migration_carries_each_items_draft_over_to_the_resolution(django_db_blocker: Any) -> None:
    """0003: the link moves from the agenda item to the resolution; a draft on two items keeps the first."""
    with django_db_blocker.unblock(), migrations.empty_database():
        old = migrations.migrate(
            ("sittings", "0005_results_notice_number"), ("resolutions", "0002_search_trigram_index")
        )
        province = migrations.province(old)
        term = migrations.model(old, "councils.Term").objects.create(
            council=province, number=17, starts_on=date(2021, 6, 1)
        )
        session = migrations.model(old, "sittings.Session").objects.create(
            council=province, term=term, number=1, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
        )
        Item = migrations.model(old, "sittings.SessionAgendaItem")
        Resolution = migrations.model(old, "resolutions.Resolution")
        budget = Resolution.objects.create(council=province, title="Dự toán ngân sách", search_key="")
        land = Resolution.objects.create(council=province, title="Bảng giá đất", search_key="")
        alone = Resolution.objects.create(council=province, title="Không trên chương trình", search_key="")
        kind = "draft_resolution"
        Item.objects.create(session=session, position=1, kind=kind, title="A", resolution=budget)
        Item.objects.create(session=session, position=2, kind=kind, title="B", resolution=land)
        Item.objects.create(session=session, position=3, kind=kind, title="C", resolution=budget)
        Item.objects.create(session=session, position=4, kind="report", title="D")
        new = migrations.migrate(("resolutions", "0003_resolution_agenda_item"))
        links = dict(
            migrations.model(new, "resolutions.Resolution").objects.values_list("pk", "agenda_item__title")
        )
        # The budget draft was on two items: it keeps the first.
        assert links == {budget.pk: "A", land.pk: "B", alone.pk: None}
