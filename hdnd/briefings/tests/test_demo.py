"""The `make run` demo of briefings on a small fake Hà Nội: a ward finds the city's tasks at its start."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from hdnd.accounts.models import User
from hdnd.briefings.models import Briefing
from hdnd.councils.models import UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
WARDS = ("Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Sóc Sơn", "Phường Cửa Nam")


@pytest.fixture
def ha_noi_demo(rules: Any) -> None:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    for n, name in enumerate(WARDS):
        CommuneFactory.create(parent=city, code=f"{n + 4:05d}", name=name, kind=UnitKind.WARD)
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_holds_one_briefing_plans_the_next_and_is_idempotent(ha_noi_demo: None) -> None:
    out = io.StringIO()
    call_command("load_briefings_demo", stdout=out)
    call_command("load_briefings_demo", stdout=out)
    assert "đã có; không tạo thêm" in out.getvalue()
    assert Briefing.objects.count() == 2


def test_a_ward_clerk_finds_the_citys_open_task_on_their_start_page(ha_noi_demo: None) -> None:
    call_command("load_briefings_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="commune_staff"))
    page = client.get("/lam-viec/").text
    assert "Báo cáo kết quả thực hiện chương trình giám sát năm 2026" in page
