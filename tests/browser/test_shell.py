"""The flows that need a real browser: signing in, the phone menu, live search."""

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_signs_in_and_reaches_their_councils(page: Any) -> None:
    build_world()
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("office_staff")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/lam-viec/")
    assert page.get_by_role("link", name="HĐND tỉnh An Bình").is_visible()


def test_phone_menu_opens_with_the_toggler(phone: Any) -> None:
    phone.goto("/")
    menu_link = phone.get_by_role("link", name="Đơn vị hành chính")
    assert not menu_link.is_visible()
    phone.get_by_role("button", name="Mở menu").click()
    menu_link.wait_for(state="visible")
    assert menu_link.is_visible()


def test_unit_search_updates_the_list_as_the_user_types_without_accents(page: Any) -> None:
    from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

    hanoi = ProvinceFactory(name="Thành phố Hà Nội", code="01", kind="thanh_pho_tw")
    CommuneFactory(name="Phường Ba Đình", parent=hanoi, kind="phuong")
    CommuneFactory(name="Phường Đống Đa", parent=hanoi, kind="phuong")
    page.goto("/don-vi/")
    rows = page.locator("#unit-rows tbody tr")
    assert rows.count() == 3
    page.locator("#id_q").press_sequentially("dong da", delay=30)
    expect(rows).to_have_count(1)
    assert rows.first.inner_text().startswith("Phường Đống Đa")
    assert "q=dong" in page.url  # the search is in the address bar, so it can be shared
