"""Staff's grouping decisions on the synthesis page are kept as labelled pairs for the grouping model."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.petitions.grouping_pairs import across, among, staff_pairs, with_each
from hdnd.petitions.models import GroupingPair, Petition
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def pairs() -> dict[tuple[int, int], tuple[int, str]]:
    return {(p.first_id, p.second_id): (p.label, p.source) for p in GroupingPair.objects.all()}


def test_pair_helpers() -> None:
    assert list(with_each(1, [1, 2, 3])) == [(1, 2), (1, 3)]
    assert list(among([3, 1, 2])) == [(1, 2), (1, 3), (2, 3)]
    assert list(across([1], [2, 1])) == [(1, 2)]


def test_split_move_merge_and_confirm_on_the_page_keep_labelled_pairs(client: Client, world: World) -> None:
    council, clerk = world.commune, world.user("commune_staff")
    road, lights = support.two_draft_issues(council, clerk)
    first, second = sorted(road.petitions.values_list("pk", flat=True))
    lamp = Petition.objects.get(text=support.LIGHTS).pk
    client.force_login(clerk)

    client.post(reverse("petitions:petition_split", args=[second]))
    assert pairs() == {(first, second): (GroupingPair.Label.APART, "split")}

    client.post(reverse("petitions:petition_move", args=[second]), {"issue": road.pk})
    assert pairs()[(first, second)] == (GroupingPair.Label.TOGETHER, "move")  # the latest decision wins

    client.post(reverse("petitions:issue_merge", args=[road.pk]), {"issue": lights.pk})
    assert pairs()[(min(first, lamp), max(first, lamp))] == (GroupingPair.Label.TOGETHER, "merge")

    client.post(reverse("petitions:issue_confirm", args=[road.pk]))
    assert {source for _label, source in pairs().values()} == {"confirm"}
    assert {p.council_id for p in GroupingPair.objects.all()} == {council.pk}
    assert len(staff_pairs(council.pk)) == 3
    assert staff_pairs(council.pk + 1000) == []
