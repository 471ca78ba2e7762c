"""The reports pages as users reach them: the province's period page (late first), the roll-up table,
drill-down, a report written and sent, returned with a reason, the downloads and the dashboard."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from typing import Any, cast

import time_machine
from django.core.cache import caches
from django.db import connection
from django.tasks import default_task_backend
from django.tasks.backends.dummy import DummyBackend
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from hdnd.core import audit
from hdnd.councils.models import Council
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory
from hdnd.reports.models import ReportStatus
from hdnd.reports.rollup import rollup
from hdnd.reports.tests import support
from hdnd.reports.tests.test_rollup import held

THEMATIC = "sittings.thematic_held"


def client_for(world: Any, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_the_period_page_lists_late_reports_first(world: Any) -> None:
    period = support.period(world.province, due_on=date(2026, 4, 10))
    support.submitted(world.commune, period)
    with time_machine.travel(datetime(2026, 4, 20, 3, tzinfo=UTC), tick=False):
        page = client_for(world, "office_staff").get(period.get_absolute_url())
    assert page.status_code == 200
    text = page.text
    assert text.index("HĐND phường Tây Thủy") < text.index("HĐND xã Đông Hòa")
    assert "Quá hạn" in text


def test_a_commune_writes_sends_and_the_province_returns_its_report(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10))
    report = support.report(world.commune, period)
    commune = client_for(world, "commune_staff")
    page = commune.get(report.get_absolute_url())
    assert "Trong quý I năm 2026, HĐND xã Đông Hòa đã tổ chức 01 kỳ họp chuyên đề" in page.text
    refused = commune.post(reverse("reports:proposal_add", args=[report.pk]), {"text": ""})
    assert refused.status_code == 422
    assert "Nhập nội dung kiến nghị, đề xuất." in refused.text
    commune.post(reverse("reports:proposal_add", args=[report.pk]), {"text": "Đề nghị hỗ trợ kinh phí."})
    commune.post(
        reverse("reports:report_edit", args=[report.pk]),
        {"results": "Kết quả đã sửa.", "shortcomings": "Còn chậm.", "next_tasks": "Họp chuyên đề."},
    )
    commune.post(reverse("reports:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.results) == (ReportStatus.SUBMITTED, "Kết quả đã sửa.")
    province = client_for(world, "office_staff")
    refused = province.post(reverse("reports:report_return", args=[report.pk]), {"reason": ""})
    assert refused.status_code == 422
    assert "Nhập lý do trả lại" in refused.text
    province.post(reverse("reports:report_return", args=[report.pk]), {"reason": "Thiếu số liệu."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert "Thiếu số liệu." in commune.get(report.get_absolute_url()).text


def test_the_roll_up_sorts_and_its_cells_open_the_records(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10), date(2026, 2, 20))
    held(world.other_commune, date(2026, 3, 1))
    client = client_for(world, "standing_member")
    page = client.get(
        reverse("reports:period_rollup", args=[period.pk]),
        {"sap_xep": "sittings.thematic_held", "chieu": "giam"},
    )
    assert page.text.index("HĐND xã Đông Hòa") < page.text.index("HĐND phường Tây Thủy")
    drill = reverse("reports:drilldown", args=[period.pk, "sittings.thematic_held", world.commune.pk])
    assert drill in page.text
    records = client.get(drill)
    assert records.status_code == 200
    assert records.text.count("Kỳ họp thứ") == 2
    assert (
        client.get(reverse("reports:drilldown", args=[period.pk, "no.such", world.commune.pk])).status_code
        == 404
    )
    other = reverse(
        "reports:drilldown", args=[period.pk, "sittings.thematic_held", world.other_province_commune.pk]
    )
    assert client_for(world, "system_admin").get(other).status_code == 404


def test_the_roll_up_page_takes_the_same_queries_for_more_communes(world: Any) -> None:
    client = client_for(world, "office_staff")

    def queries(period: Any) -> int:
        url = reverse("reports:period_rollup", args=[period.pk])
        client.get(url)  # the first request also loads the session and the user's scope
        caches["public"].clear()  # the roll-up counted anew, not the kept one
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries(support.period(world.province))
    for n in range(8):
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Mới {n}")
        council = CouncilFactory.create(unit=unit, name=f"HĐND xã Mới {n}", parent=world.province)
        held(council, date(2026, 4, 5))
    more = support.period(world.province, code="2026-Q2", due_on=date(2026, 7, 10))
    for council in Council.objects.filter(name__startswith="HĐND xã Mới")[:4]:
        support.submitted(council, more)  # a report's badges read its period and the day it was sent
    assert queries(more) == before


def test_the_period_page_takes_the_same_queries_for_more_reports(world: Any) -> None:
    client = client_for(world, "office_staff")
    period = support.period(world.province)
    url = period.get_absolute_url()
    client.get(url)  # the first request also loads the session and the user's scope
    caches["public"].clear()  # the roll-up counted anew, not the kept one
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Thêm {n}")
        CouncilFactory.create(unit=unit, name=f"HĐND xã Thêm {n}", parent=world.province)
    more = support.period(world.province, code="2026-Q2", due_on=date(2026, 7, 10))
    with CaptureQueriesContext(connection) as many:
        client.get(more.get_absolute_url())
    assert len(many) == len(few)


def test_downloads(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10))
    report = support.submitted(world.commune, period)
    client = client_for(world, "office_staff")
    docx = client.get(reverse("reports:report_export", args=[report.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "BÁO CÁO" in text
    assert "Kết quả hoạt động của HĐND xã Đông Hòa quý I năm 2026" in text
    rollup = client.get(reverse("reports:period_export", args=[period.pk, "docx"]))
    table = Document(io.BytesIO(rollup.content)).tables[-2]
    assert [[c.text for c in row.cells][:4] for row in table.rows] == [
        ["TT", "HĐND", "Báo cáo", "Kỳ họp đã tổ chức"],
        ["1", "HĐND phường Tây Thủy", "Đang soạn (quá hạn)", "0"],  # due 10/04/2026, today is later
        ["2", "HĐND xã Đông Hòa", "Đã gửi", "1"],
        ["", "Tổng cộng", "", "1"],
    ]
    xlsx = client.get(reverse("reports:period_export", args=[period.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    names = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "HĐND xã Đông Hòa" in names


def test_the_dashboard_draws_its_charts_on_the_server(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10))
    page = client_for(world, "standing_member").get(
        reverse("reports:dashboard", args=[world.province.pk]), {"ky": period.code}
    )
    assert page.status_code == 200
    assert page.text.count('<svg class="w-100 h-auto"') == 2  # quarters, communes; none overdue or due
    # Coordinates are written with a decimal point whatever the page's language (not "12,5").
    assert not re.search(r'(?:width|height|x|y)="-?\d+,\d', page.text)
    assert "Chưa có kiến nghị nào đến hạn trả lời." in page.text
    bad = client_for(world, "standing_member").get(
        reverse("reports:dashboard", args=[world.province.pk]), {"ky": "2026-Q9"}
    )
    assert bad.status_code == 200
    assert "Kỳ báo cáo không hợp lệ" in bad.text


def test_a_communes_dashboard_counts_only_the_figure_it_charts(world: Any) -> None:
    held(world.commune, date(2025, 11, 3), date(2026, 2, 10), date(2026, 2, 20))
    client = client_for(world, "office_staff")
    url = reverse("reports:dashboard", args=[world.commune.pk])
    client.get(url)  # the first request also loads the session and the user's scope
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"ky": "2026-Q1", "chi_tieu": THEMATIC})
    columns = [(c.label, c.value) for c in page.context["board"].over_time.columns]
    assert columns == [
        ("quý II năm 2025", 0),
        ("quý III năm 2025", 0),
        ("quý IV năm 2025", 1),
        ("quý I năm 2026", 2),
    ]
    # The one figure for each of four quarters: it counted every registered figure four times (92 queries
    # at national size).
    assert len(queries) < 25


def test_the_period_page_keeps_its_roll_up_until_the_province_changes(world: Any) -> None:
    """Counted once, then read back in a fixed few queries; an audited change below the province (as
    every action writes) counts it anew, and the kept figures are the ones counted anew."""
    client = client_for(world, "office_staff")
    period = support.period(world.province)
    url = period.get_absolute_url()
    held(world.commune, date(2026, 1, 5))

    def thematic(response: Any) -> list[int]:
        [row] = [r for r in response.context["level_totals"]["rows"] if r["figure"].code == THEMATIC]
        return [*row["cells"], row["total"]]

    counted = client.get(url)
    with CaptureQueriesContext(connection) as kept:
        again = client.get(url)
    assert len(kept) < 15
    assert thematic(again) == thematic(counted)
    assert thematic(counted)[-1] == rollup(world.province, period.period).total[THEMATIC] == 1
    held(world.other_commune, date(2026, 2, 5))
    assert thematic(client.get(url))[-1] == 1  # no audited change yet: the kept figures
    audit.record(action="sittings.close_session", council=world.other_commune)
    assert thematic(client.get(url))[-1] == rollup(world.province, period.period).total[THEMATIC] == 2
    audit.record(action="sittings.close_session", council=world.other_province_commune)
    with CaptureQueriesContext(connection) as elsewhere:
        client.get(url)
    assert len(elsewhere) == len(kept)  # another province's change leaves this roll-up kept


POLLS = 'hx-trigger="every 3s"'


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_after_a_change_the_pages_serve_the_last_count_while_a_task_counts_anew(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A province changes all day: its pages never wait for a count. Opening a period asks the worker for
    its figures; until they are counted the pages say so and fetch themselves again. After a change they
    show the figures counted before it, with their time and a note, and ask once for a recount; the
    task's count is served from then on."""
    queue = cast(DummyBackend, default_task_backend)
    client = client_for(world, "office_staff")
    held(world.commune, date(2026, 1, 5))
    with django_capture_on_commit_callbacks(execute=True):
        period = support.period(world.province)
    urls = [period.get_absolute_url(), reverse("reports:period_rollup", args=[period.pk])]

    def asked() -> list[tuple[str, list[Any]]]:
        return [(r.task.name, r.args) for r in queue.results]

    ran: list[Any] = []

    def run_asked() -> None:  # the worker's turn: the tasks asked for since it last ran
        for result in queue.results[len(ran) :]:
            result.task.call(*result.args)
            ran.append(result)

    assert asked() == [("recount_period", [period.pk, "rollup", True])]  # asked for when opened
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200
        assert page.context["rollup"] is None  # not counted while the page waits
        assert "Hệ thống đang đếm số liệu" in page.text
        assert POLLS in page.text
    assert "Hệ thống đang đếm số liệu bốn kỳ gần nhất" in page.text
    assert page.context["trend_rows"] == []
    assert asked()[1:] == [("recount_period", [period.pk, "trend", True])]  # each asked for once
    run_asked()
    for url in urls:
        page = client.get(url)
        assert page.context["rollup"].current
        assert page.context["rollup"].total[THEMATIC] == 1
        assert "Số liệu đếm lúc" in page.text
        assert "đang đếm" not in page.text
        assert POLLS not in page.text  # current: the page stops fetching itself
    trend = page.context["trend_rows"]
    assert [values for f, values in trend if f.code == THEMATIC] == [[0, 0, 0, 1]]
    held(world.other_commune, date(2026, 2, 5))
    audit.record(action="sittings.close_session", council=world.other_commune)
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200
        assert not page.context["rollup"].current
        assert page.context["rollup"].total[THEMATIC] == 1  # the count from before the change
        assert "trước thay đổi mới nhất. Hệ thống đang đếm lại" in page.text
        assert POLLS in page.text
        assert 'hx-get="?lan=1"' in page.text  # each fetch counts itself
        # For 2 minutes at most: a page left open with no worker running stops asking.
        assert POLLS in client.get(url, {"lan": "39"}).text
        assert POLLS not in client.get(url, {"lan": "40"}).text
        assert POLLS not in client.get(url, {"lan": "x"}).text
    assert client.get(urls[0]).context["rollup"].total[THEMATIC] == 1
    # One recount each of the roll-up and the trend, however often the pages are opened meanwhile.
    assert asked()[2:] == [
        ("recount_period", [period.pk, "rollup", True]),
        ("recount_period", [period.pk, "trend", True]),
    ]
    run_asked()
    for url in urls:
        page = client.get(url)
        assert page.context["rollup"].current
        assert page.context["rollup"].total[THEMATIC] == 2
        assert "đang đếm lại" not in page.text
    assert [values for f, values in page.context["trend_rows"] if f.code == THEMATIC] == [[0, 0, 0, 2]]
    assert len(queue.results) == 4
    # The documents never serve an old count: they count anew after a change.
    held(world.other_commune, date(2026, 3, 5))
    audit.record(action="sittings.close_session", council=world.other_commune)
    export = client.get(reverse("reports:period_export", args=[period.pk, "docx"]))
    table = Document(io.BytesIO(export.content)).tables[-2]
    assert [c.text for c in table.rows[0].cells][3] == "Kỳ họp đã tổ chức"
    assert [c.text for c in table.rows[-1].cells][:4] == ["", "Tổng cộng", "", "3"]
    assert len(queue.results) == 4
