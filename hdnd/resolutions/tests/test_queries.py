"""The lists' queries do not grow with their rows: measured with 2 rows and again with 12."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.resolutions.tests import support

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    cache.clear()  # the fields list is cached: count the page as its first reader would
    caches["public"].clear()  # and so is the public page (hdnd.core.publiccache)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def counts_with_2_and_12(client: Client, url: str, add: Callable[[], object]) -> tuple[int, int]:
    for _ in range(2):
        add()
    client.get(url)  # the first request of a login writes its session: not the page's own queries
    few = queries(client, url)
    for _ in range(10):
        add()
    return few, queries(client, url)


def test_the_staff_list_does_not_grow_with_resolutions(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    url = reverse("resolutions:resolution_list", args=[world.province.pk])
    few, many = counts_with_2_and_12(client, url, lambda: support.published(world.province))
    assert few == many


def test_the_public_register_does_not_grow_with_resolutions(client: Client, world: World) -> None:
    url = reverse("resolutions:public_province", args=[world.province.pk])
    few, many = counts_with_2_and_12(client, url, lambda: support.published(world.commune))
    assert few == many


def test_the_review_board_does_not_grow_with_resolutions_or_reviews(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    url = reverse("resolutions:review_board", args=[world.province.pk])
    few, many = counts_with_2_and_12(client, url, lambda: support.review_of(world.commune))
    assert few == many
