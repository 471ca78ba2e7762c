"""Words as a person says them: "khóa XVII" (never "khóa Khóa XVII, …"), an agenda item whose title says
its kind shown without the kind again (never "Báo cáo Báo cáo …")."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.sittings import conduct
from hdnd.sittings.tests import support

pytestmark = pytest.mark.django_db


def test_the_session_page_names_the_term_once(client: Client, world: World) -> None:
    session = support.session(world.province)
    client.force_login(world.user("office_staff"))
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Kỳ họp thứ nhất, HĐND tỉnh An Bình khóa XVII</h1>" in page
    assert "khóa Khóa" not in page


def test_an_item_whose_title_says_its_kind_is_not_prefixed_again(client: Client, world: World) -> None:
    session = support.session(world.province)
    report = conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo kinh tế - xã hội")
    other = conduct.add_agenda_item(session, by=None, kind="report", title="Tình hình thu ngân sách")
    assert str(report) == "1. Báo cáo kinh tế - xã hội"
    assert str(other) == "2. Báo cáo: Tình hình thu ngân sách"
    client.force_login(world.user("office_staff"))
    page = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert "Báo cáo</span> Báo cáo" not in page
    assert '<span class="badge text-bg-light">Báo cáo</span> Tình hình thu ngân sách' in page
