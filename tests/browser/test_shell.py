"""The flows that need a real browser: signing in, the phone menu, live search."""

from typing import Any

import pytest

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
