"""The start page in a real browser: headers sort in Vietnamese order; a phone does not scroll sideways;
the work kept from before others' changes replaces itself once the worker has counted it."""

from datetime import date
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from conftest import PASSWORD, World, build_world
from hdnd.core.tasks import recount_work
from hdnd.planning.actions import add_task

pytestmark = pytest.mark.django_db(transaction=True)

# Code-point order would give Chương, Cầu, Em, Đông; Vietnamese order is Cầu, Chương, Đông, Em.
CONTENTS = ["Em kiểm tra sổ sách", "Chương trình giám sát quý IV", "Đông đủ hồ sơ kỳ họp", "Cầu treo bản Mới"]


def _with_tasks_given_below() -> World:
    world = build_world()
    for content in CONTENTS:
        add_task(
            world.commune, by=None, given_by=world.province, content=content, due_on=date(2026, 1, 5)
        )  # long overdue: "tasks given below, overdue" on the province's start page
    return world


def _sign_in(page: Any, name: str = "office_staff") -> None:
    page.set_default_timeout(30_000)  # the first request of a live server on a busy machine
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/lam-viec/")


def test_a_click_on_a_header_sorts_the_rows_in_vietnamese_order(page: Any) -> None:
    _with_tasks_given_below()
    _sign_in(page)
    table = page.locator("#w-planningbelow table")
    table.get_by_role("button", name="Nội dung").click()
    shown = [text.strip() for text in table.locator("tbody tr td:first-child").all_inner_texts()]
    assert shown == [
        "Cầu treo bản Mới",
        "Chương trình giám sát quý IV",
        "Đông đủ hồ sơ kỳ họp",
        "Em kiểm tra sổ sách",
    ]
    assert table.locator("th").first.get_attribute("aria-sort") == "ascending"
    table.get_by_role("button", name="Nội dung").click()
    shown = [text.strip() for text in table.locator("tbody tr td:first-child").all_inner_texts()]
    assert shown[0] == "Em kiểm tra sổ sách"


def test_the_start_page_fits_a_phone(phone: Any) -> None:
    _with_tasks_given_below()
    _sign_in(phone)
    assert phone.locator(".summary-card").count() >= 1
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_the_work_kept_from_before_a_communes_change_replaces_itself_once_counted(page: Any) -> None:
    world = _with_tasks_given_below()
    _sign_in(page)
    add_task(  # the commune's own change: the province's clerk is shown the work counted before it
        world.commune,
        by=world.user("commune_staff"),
        given_by=world.province,
        content="Giải tỏa hành lang an toàn giao thông",
        due_on=date(2026, 1, 9),
    )
    page.reload()
    note = page.get_by_text("trước thay đổi mới nhất của đơn vị khác")
    expect(note).to_be_visible()
    assert page.get_by_text("Giải tỏa hành lang").count() == 0
    # The worker's turn (the live server's queue is its thread's own); the page fetches itself every 3 s.
    recount_work.call(world.user("office_staff").pk)
    expect(page.get_by_text("Giải tỏa hành lang an toàn giao thông")).to_be_visible(timeout=10_000)
    expect(note).to_have_count(0)
    assert page.locator("#viec").count() == 1  # swapped in place, not nested
