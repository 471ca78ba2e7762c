"""A council's audit log page: who did what and when, filtered and paged."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd.core.audit import record

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _log(client: Any, world: Any, user: str, council: Any, **params: str) -> str:
    client.force_login(world.user(user))
    response = client.get(reverse("core:audit_log", args=[council.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_log_shows_actor_time_action_object_and_changes(
    client: Any, world: Any, time_machine: Any
) -> None:
    time_machine.move_to(datetime(2026, 3, 2, 9, 30, tzinfo=HANOI), tick=False)
    record(
        action="rule.override_set",
        actor=world.user("office_staff"),
        obj=world.province,
        council=world.province,
        before={"value": "10.00"},
        after={"value": "15.00"},
    )
    page = _log(client, world, "council_admin", world.province)
    assert "02/03/2026 09:30" in page
    assert "Office_Staff" in page
    assert "Đặt quy định riêng" in page
    assert "HĐND tỉnh An Bình" in page
    assert '<li>Giá trị: <del class="text-secondary">10.00</del> → 15.00</li>' in page


def test_the_log_says_fields_statuses_and_times_in_words(client: Any, world: Any) -> None:
    from hdnd.resolutions.tests import support

    resolution = support.adopted(world.province)
    record(
        action="resolutions.publish_resolution",
        actor=world.user("office_staff"),
        obj=resolution,
        council=world.province,
        before={"status": "adopted", "published_on": None},
        after={"status": "published", "published_on": "2026-12-10", "at": "2026-12-06T18:58:59+00:00"},
    )
    page = _log(client, world, "council_admin", world.province)
    assert "<td>Công bố nghị quyết</td>" in page
    assert '<li>Trạng thái: <del class="text-secondary">Đã thông qua</del> → Đã công bố</li>' in page
    assert '<li>Ngày công bố, đăng tải: <del class="text-secondary">—</del> → 10/12/2026</li>' in page
    assert "07/12/2026 01:58" in page  # 18:58 UTC is 01:58 the next day in Hà Nội
    for internal in ("<code>", ">resolutions.publish_resolution<", "+00:00", "status:", "published_on"):
        assert internal not in page, internal


def test_the_seeded_fields_and_a_sign_in_are_told_in_words(client: Any, world: Any) -> None:
    record(
        action="petitions.seed_fields", council=world.province, after={"seed": "other", "committee_kind": "x"}
    )
    record(
        action="accounts.login",
        council=world.province,
        after={"ip_address": "127.0.0.1", "second_factor": False},
    )
    page = _log(client, world, "council_admin", world.province)
    assert "<li>Mã trong danh mục mẫu: other</li>" in page
    assert "<li>Địa chỉ IP: 127.0.0.1</li>" in page
    for internal in ("seed:", "committee_kind:", "ip_address:", "second_factor:"):
        assert internal not in page, internal


def test_the_log_shows_only_that_councils_entries(client: Any, world: Any) -> None:
    record(action="test.mine", council=world.province, note="của tỉnh An Bình")
    record(action="test.theirs", council=world.other_province, note="của tỉnh Bắc Sơn")
    page = _log(client, world, "auditor", world.province)
    assert "của tỉnh An Bình" in page
    assert "của tỉnh Bắc Sơn" not in page


def test_a_provincial_auditor_reads_a_communes_log(client: Any, world: Any) -> None:
    record(action="test.commune", council=world.commune, note="việc của xã")
    assert "việc của xã" in _log(client, world, "auditor", world.commune)


def test_the_log_filters_by_action_and_date(client: Any, world: Any, time_machine: Any) -> None:
    for day, action in [(2, "rule.override_set"), (3, "calendar.day_added"), (4, "rule.override_cleared")]:
        time_machine.move_to(datetime(2026, 3, day, 10, 0, tzinfo=HANOI), tick=False)
        record(action=action, council=world.province, note=f"ngày {day}")
    page = _log(client, world, "council_admin", world.province, action="rule.", since="03/03/2026")
    assert "ngày 4" in page
    assert "ngày 2" not in page
    assert "ngày 3" not in page
    page = _log(client, world, "council_admin", world.province, until="02/03/2026")
    assert "ngày 2" in page
    assert "ngày 3" not in page


def test_an_invalid_date_filter_is_explained_and_ignored(client: Any, world: Any) -> None:
    record(action="test.any", council=world.province, note="vẫn hiện")
    page = _log(client, world, "council_admin", world.province, since="30/02/2026")
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026." in page
    assert "vẫn hiện" in page


def test_the_log_pages_by_fifty_newest_first(client: Any, world: Any) -> None:
    entries = [record(action="test.n", council=world.province, note=f"số {n:03d}") for n in range(55)]
    first = _log(client, world, "council_admin", world.province)
    assert "số 054" in first
    assert "số 005" in first
    assert "số 004" not in first
    assert f"truoc={entries[5].id}" in first
    second = _log(client, world, "council_admin", world.province, truoc=str(entries[5].id))
    assert "số 004" in second
    assert "số 000" in second
    assert "số 005" not in second
    assert "Cũ hơn" not in second
    assert "Mới nhất" in second


def test_the_log_runs_the_same_queries_however_many_entries(client: Any, world: Any) -> None:
    client.force_login(world.user("council_admin"))
    url = reverse("core:audit_log", args=[world.province.pk])
    record(action="test.n", actor=world.user("office_staff"), obj=world.province, council=world.province)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(30):
        record(
            action="test.n", actor=world.user(f"{'auditor' if n % 2 else 'delegate'}"), council=world.province
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


def test_system_administrators_read_the_entries_about_no_single_council(client: Any, world: Any) -> None:
    record(action="calendar.day_added", actor=world.user("system_admin"), note="lịch chung")
    record(action="test.council", council=world.province, note="việc của tỉnh")
    client.force_login(world.user("system_admin"))
    page = client.get(reverse("core:audit_log_national")).content.decode()
    assert "Nhật ký thao tác: toàn hệ thống" in page
    assert "lịch chung" in page
    assert "việc của tỉnh" not in page
