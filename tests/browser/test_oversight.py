"""Oversight in a real browser: a supervision's folded step fetches its form when it is opened (htmx),
and the form posts as any other."""

from typing import Any

import pytest

from conftest import build_world
from tests.browser.test_petitions import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_folded_step_opens_with_its_form_and_records_a_finding(page: Any) -> None:
    from hdnd.core.actions import seed_rules
    from hdnd.oversight.tests import support

    world = build_world()
    seed_rules()
    supervision = support.in_fieldwork(world.province)
    sign_in(page, "office_staff")
    page.goto(supervision.get_absolute_url())
    step = page.locator("details", has_text="Ghi phát hiện qua giám sát")
    assert step.locator("textarea").count() == 0  # folded: its form is not drawn
    step.locator("summary").click()
    field = step.get_by_label("Phát hiện (kết quả, hạn chế)")
    field.wait_for()  # fetched into the open step; the page did not change
    assert page.url.endswith(supervision.get_absolute_url())
    field.fill("Chậm giải phóng mặt bằng dự án đường vành đai")
    step.get_by_role("button", name="Ghi").click()
    page.get_by_text("Đã ghi phát hiện.").wait_for()
    assert supervision.findings.get().text == "Chậm giải phóng mặt bằng dự án đường vành đai"
