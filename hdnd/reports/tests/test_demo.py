"""The `make run` demo of periodic reports, on a small fake Hà Nội."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from hdnd.accounts.models import User
from hdnd.councils.models import UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory
from hdnd.reports.models import ReportingPeriod, ReportStatus

pytestmark = pytest.mark.django_db
WARDS = (
    "Phường Ba Đình",
    "Phường Hoàn Kiếm",
    "Xã Sóc Sơn",
    "Phường Cửa Nam",
    "Phường Đống Đa",
    "Phường Láng",
)


@pytest.fixture
def ha_noi_demo(rules: Any) -> None:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    for n, name in enumerate(WARDS):
        CommuneFactory.create(parent=city, code=f"{n + 4:05d}", name=name, kind=UnitKind.WARD)
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_has_sent_late_and_returned_reports(ha_noi_demo: None) -> None:
    out = io.StringIO()
    call_command("load_reports_demo", stdout=out)
    assert "Đã tạo kỳ báo cáo quý III năm 2026" in out.getvalue()
    period = ReportingPeriod.objects.get()
    status = {r.council.unit.name: r.status for r in period.reports.select_related("council__unit")}
    assert status["Phường Ba Đình"] == ReportStatus.RETURNED
    assert status["Phường Hoàn Kiếm"] == ReportStatus.ACCEPTED
    assert status["Xã Sóc Sơn"] == ReportStatus.DRAFT
    assert status["Phường Cửa Nam"] == ReportStatus.SUBMITTED
    assert period.due_on.isoformat() == "2026-10-07"
    call_command("load_reports_demo", stdout=out)
    assert "đã có" in out.getvalue()
    ward_user = User.objects.get(username="commune_staff")
    client = Client()
    client.force_login(ward_user)
    returned = period.reports.get(council__unit__name="Phường Ba Đình")
    assert "Đề nghị bổ sung kết quả giám sát chuyên đề" in client.get(returned.get_absolute_url()).text
