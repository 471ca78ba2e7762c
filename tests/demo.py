"""The `make run` demo, loaded in a test: a small fake Hà Nội with every app's demo, through the same
commands `scripts/load-demo` runs."""

from __future__ import annotations

import io

from django.core.management import call_command

from hdnd.councils.models import Council, UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

WARDS = ("Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Sóc Sơn", "Phường Cửa Nam", "Phường Đống Đa")
DEMOS = (
    "seed_fields",
    "load_demo",
    "load_petitions_demo",
    "load_sittings_demo",
    "load_reports_demo",
    "load_briefings_demo",
    "load_oversight_demo",
    "load_reception_demo",
)


def load_demo_city() -> Council:
    """The city's council, after every demo command ran (the rules seeded first, by the caller)."""
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    for n, name in enumerate(WARDS):
        CommuneFactory.create(parent=city, code=f"{n + 4:05d}", name=name, kind=UnitKind.WARD)
    for command in DEMOS:
        call_command(command, stdout=io.StringIO())
    return Council.objects.get(unit=city)
