"""``core.figures``: figures declared ``Among`` one base are counted together, never through a relation
that could repeat a row."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from django.db.models import Q, QuerySet

from hdnd.core.figures import Among, Figure, count_together, joins
from hdnd.core.periods import Period
from hdnd.petitions.models import PetitionIssue


def _issues(ids: Sequence[int], period: Period) -> QuerySet[PetitionIssue]:
    return PetitionIssue.objects.filter(council_id__in=ids)


def _figure(code: str, where: Q) -> Figure:
    return Figure(code=code, label=code, unit="", group="", records=Among(_issues, where))


def test_a_condition_through_a_multi_valued_relation_is_refused() -> None:
    # An issue forwarded to three agencies would count three times in the shared query.
    figures = [_figure("all", Q()), _figure("sent", Q(forwardings__sent_on__isnull=False))]
    with pytest.raises(ValueError, match="forwardings__sent_on__isnull"):
        count_together(figures, [1], Period.parse("2026"))


@pytest.mark.django_db
def test_a_condition_through_a_foreign_key_is_counted() -> None:
    figures = [_figure("all", Q()), _figure("province", Q(council__parent__isnull=True))]
    assert count_together(figures, [1], Period.parse("2026")) == {"all": {}, "province": {}}


def test_only_a_join_the_query_reads_makes_it_count_distinct_keys() -> None:
    # ``council_id__in`` sets up a join to the councils it never reads: still one table, counted by rows.
    assert not joins(_issues([1, 2], Period.parse("2026")).values("council_id"))
    assert joins(_issues([1], Period.parse("2026")).filter(forwardings__sent_on__isnull=False))
