"""Sessions and petitions search in a real browser: an agenda item edited inside its row (htmx), and a
search typed without accents that finds and marks the words."""

from typing import Any

import pytest

from conftest import build_world
from tests.browser.test_petitions import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_clerk_edits_an_agenda_item_inside_its_row(page: Any) -> None:
    from hdnd.sittings import conduct
    from hdnd.sittings.models import SessionAgendaItem
    from hdnd.sittings.tests import support

    world = build_world()
    session = support.session(world.province)
    item = conduct.add_agenda_item(
        session, by=None, kind=SessionAgendaItem.Kind.REPORT, title="Báo cáo kinh tế – xã hội 6 tháng"
    )
    sign_in(page, "office_staff")
    page.goto(f"/ky-hop/{session.pk}/dien-bien/")
    page.get_by_role("link", name="Sửa", exact=True).click()
    row_form = page.locator(f"#item-edit-{item.pk} form")
    row_form.wait_for()  # the form came into the row, the page did not change
    assert page.url.endswith(f"/ky-hop/{session.pk}/dien-bien/")
    row_form.get_by_label("Tên nội dung").fill("Báo cáo tình hình kinh tế – xã hội năm 2026")
    row_form.get_by_role("button", name="Lưu").click()
    page.get_by_text("Báo cáo tình hình kinh tế – xã hội năm 2026").first.wait_for()
    item.refresh_from_db()
    assert item.title == "Báo cáo tình hình kinh tế – xã hội năm 2026"


def test_a_search_typed_without_accents_finds_and_marks_the_words(page: Any) -> None:
    from hdnd.petitions.tests import support

    world = build_world()
    meeting = support.meeting(world.province)
    support.petition(meeting, "Cử tri đề nghị sửa chữa tuyến đường liên thôn đã xuống cấp.")
    support.petition(meeting, "Đề nghị lắp đèn chiếu sáng khu dân cư.")
    sign_in(page, "delegate")
    page.goto(f"/hdnd/{world.province.pk}/kien-nghi/tim-kiem/")
    page.get_by_label("Từ cần tìm").fill("lien thon duong")
    page.get_by_label("Từ cần tìm").press("Enter")
    page.locator("mark").first.wait_for()
    marks = page.locator("mark").all_inner_texts()
    assert sorted(marks) == ["liên", "thôn", "đường"]
    assert "đèn chiếu sáng" not in page.content()
