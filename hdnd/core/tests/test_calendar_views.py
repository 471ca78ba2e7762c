"""The calendar page: system administrators add and remove days off and make-up working days."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from hdnd.core.models import AuditEntry, CalendarDay

MAKE_UP_SATURDAY = {"day": "09/05/2026", "kind": "working_day", "reason": "Làm bù cho ngày 04/05/2026"}


def _signed_in(client: Any, world: Any, name: str) -> Any:
    client.force_login(world.user(name))
    return client


def test_the_calendar_page_lists_the_years_holidays_and_the_packages_swaps(client: Any, world: Any) -> None:
    page = _signed_in(client, world, "system_admin").get(reverse("core:calendar_list"), {"nam": "2026"})
    text = page.content.decode()
    assert "Lịch làm việc năm 2026" in text
    assert "17/02/2026: Tết Nguyên Đán" in text
    assert "27/04/2026: Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in text
    assert "Ngày làm việc bù có sẵn: Thứ 7, 22/08/2026" in text


def test_a_system_administrator_adds_a_make_up_saturday(client: Any, world: Any) -> None:
    response = _signed_in(client, world, "system_admin").post(reverse("core:calendar_add"), MAKE_UP_SATURDAY)
    assert response.status_code == 302
    assert response.url == reverse("core:calendar_list") + "?nam=2026"
    day = CalendarDay.objects.get()
    assert (day.day, day.kind) == (date(2026, 5, 9), CalendarDay.Kind.WORKING_DAY)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, (entry.after or {})["day"]) == (
        "calendar.day_added",
        world.user("system_admin"),
        "2026-05-09",
    )


@pytest.mark.parametrize("user", ["council_admin", "office_staff", "auditor", "no_role"])
def test_only_system_administrators_change_the_calendar(client: Any, world: Any, user: str) -> None:
    response = _signed_in(client, world, user).post(reverse("core:calendar_add"), MAKE_UP_SATURDAY)
    assert response.status_code == 403
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**MAKE_UP_SATURDAY, "day": "05/05/2026"}, "Ngày 05/05/2026 vốn đã là ngày làm việc."),
        ({**MAKE_UP_SATURDAY, "kind": "day_off"}, "Ngày 09/05/2026 vốn đã là ngày nghỉ."),
        ({**MAKE_UP_SATURDAY, "day": "31/02/2026"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026."),
        ({**MAKE_UP_SATURDAY, "reason": ""}, "Nhập lý do điều chỉnh."),
        ({**MAKE_UP_SATURDAY, "kind": "holiday"}, "Chọn loại điều chỉnh trong danh sách."),
    ],
)
def test_invalid_calendar_days_are_refused_with_a_message(
    client: Any, world: Any, data: dict[str, str], message: str
) -> None:
    response = _signed_in(client, world, "system_admin").post(reverse("core:calendar_add"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_day_already_adjusted_cannot_be_added_twice(client: Any, world: Any) -> None:
    client = _signed_in(client, world, "system_admin")
    client.post(reverse("core:calendar_add"), MAKE_UP_SATURDAY)
    response = client.post(reverse("core:calendar_add"), MAKE_UP_SATURDAY)
    assert "Ngày 09/05/2026 đã có trong lịch điều chỉnh; xoá dòng cũ trước." in response.content.decode()
    assert CalendarDay.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_a_system_administrator_removes_an_adjustment(client: Any, world: Any) -> None:
    day = CalendarDay.objects.create(day=date(2026, 5, 4), kind=CalendarDay.Kind.DAY_OFF, reason="Nghỉ thêm")
    response = _signed_in(client, world, "system_admin").post(reverse("core:calendar_remove", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, (entry.before or {})["kind"], entry.after) == (
        "calendar.day_removed",
        str(day.pk),
        "day_off",
        None,
    )


def test_removing_needs_a_system_administrator(client: Any, world: Any) -> None:
    day = CalendarDay.objects.create(day=date(2026, 5, 4), kind=CalendarDay.Kind.DAY_OFF, reason="Nghỉ thêm")
    response = _signed_in(client, world, "council_admin").post(reverse("core:calendar_remove", args=[day.pk]))
    assert response.status_code == 403
    assert CalendarDay.objects.exists()


def test_the_calendar_page_lists_a_years_adjustments_only(client: Any, world: Any) -> None:
    CalendarDay.objects.create(day=date(2026, 5, 4), kind=CalendarDay.Kind.DAY_OFF, reason="Nghỉ năm 2026")
    CalendarDay.objects.create(day=date(2027, 5, 4), kind=CalendarDay.Kind.DAY_OFF, reason="Nghỉ năm 2027")
    text = (
        _signed_in(client, world, "system_admin").get(reverse("core:calendar_list"), {"nam": "2027"}).content
    )
    assert "Nghỉ năm 2027" in text.decode()
    assert "Nghỉ năm 2026" not in text.decode()
