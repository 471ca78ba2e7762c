"""The public home page leads voters to published answers and councils' resolutions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World

pytestmark = pytest.mark.django_db


def test_the_home_page_offers_the_code_lookup_and_each_province_s_resolutions(
    client: Client, world: World
) -> None:
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    assert reverse("petitions:public_lookup") in page.text
    assert reverse("resolutions:public_province", args=[world.province.pk]) in page.text
    assert reverse("resolutions:public_province", args=[world.commune.pk]) not in page.text
