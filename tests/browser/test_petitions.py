"""Petitions in a real browser: keyboard-first entry, the background synthesis's progress bar, and a voter
looking up the answer by the code on the minutes."""

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, build_world

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Any, username: str) -> None:
    page.goto("/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/lam-viec/")


def test_the_clerk_types_petitions_one_after_another_with_ctrl_enter(page: Any) -> None:
    from hdnd.petitions.models import Petition
    from hdnd.petitions.tests import support

    world = build_world()
    meeting = support.meeting(world.province)
    sign_in(page, "office_staff")
    page.goto(meeting.get_absolute_url())
    box = page.get_by_label("Nội dung ý kiến, kiến nghị")
    for number, text in enumerate((support.ROAD, support.LIGHTS), start=1):
        box.fill(text)
        box.press("Control+Enter")
        expect(page.locator("#petition-rows li")).to_have_count(number)
        box = page.get_by_label("Nội dung ý kiến, kiến nghị")
        # An empty form, ready for the next one: the rows and the form are two swaps, so wait for it.
        expect(box).to_have_value("")
    assert list(Petition.objects.order_by("pk").values_list("text", flat=True)) == [
        support.ROAD,
        support.LIGHTS,
    ]


def test_a_large_synthesis_shows_its_progress_and_the_page_reloads_when_done(
    page: Any, monkeypatch: Any
) -> None:
    from hdnd.petitions import background
    from hdnd.petitions.models import SynthesisRun
    from hdnd.petitions.tests import support

    monkeypatch.setattr(background, "SYNC_LIMIT", 1)  # two petitions count as "large" here
    world = build_world()
    meeting = support.meeting(world.province)
    support.petition(meeting, support.ROAD)
    support.petition(meeting, support.ROAD_AGAIN)
    sign_in(page, "office_staff")
    page.goto(f"/kien-nghi/dot/{meeting.cycle_id}/tong-hop/")
    page.get_by_role("button", name="Tổng hợp (2 ý kiến mới)").click()
    page.get_by_role("progressbar", name="Tiến độ tổng hợp").wait_for()
    run = SynthesisRun.objects.get()
    background.run_synthesis(run.pk)  # what the task worker does
    page.get_by_text("Đề nghị sửa chữa tuyến đường liên thôn").first.wait_for()  # reloaded with the issue
    assert "1 kiến nghị dự thảo" in page.locator("#synthesis-run").inner_text()


def test_a_voter_reads_the_published_answer_by_the_code_on_the_minutes(page: Any) -> None:
    from hdnd.petitions import publication
    from hdnd.petitions.tests import support

    world = build_world()
    answer = support.answered(world.province, world.user("office_staff"))
    issue = answer.forwarding.issue
    publication.publish_issue(issue, by=world.user("office_staff"))
    from hdnd.petitions.models import VoterMeeting

    code = VoterMeeting.objects.get(petitions__issue=issue, petitions__text=support.ROAD).code
    page.goto("/")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_text("Đã sửa xong tuyến đường tháng 10/2026.").first.wait_for()  # under each petition


# Layout: a tick-box list reads one name a line beside its box, on a phone too ---------------------

LAYOUT = """(selector) => {
  const labels = [...document.querySelectorAll(selector + ' label')].filter(l => l.offsetParent);
  const boxes = labels.map(l => l.getBoundingClientRect());
  const overlaps = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    const meet = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    if (meet) overlaps.push([i, i + 1 + j]);
  }));
  // the bug: the list drawn as one checkbox-sized box, each name wrapped a word a line in it
  const narrow = labels.filter(l => l.parentElement.getBoundingClientRect().width < 150).length;
  return {count: labels.length, overlaps, narrow, pageWidth: document.documentElement.scrollWidth,
          viewport: window.innerWidth};
}"""


def assert_readable_list(page: Any, selector: str, count: int) -> None:
    found = page.evaluate(LAYOUT, selector)
    assert found["count"] == count
    assert found["overlaps"] == [], "tick-box labels overlap"
    assert found["narrow"] == 0, "tick-box labels squeezed into a narrow box"
    assert found["pageWidth"] <= found["viewport"], "the page is wider than the phone"


def test_the_forward_list_and_the_meeting_delegates_read_one_name_a_line_on_a_phone(phone: Any) -> None:
    from hdnd.councils.models import Agency, AgencyKind
    from hdnd.councils.tests.factories import seated_delegate
    from hdnd.petitions.tests import support

    world = build_world()
    names = ["Sở Đường sắt đô thị", "Sở Y tế", "Sở Du lịch", "Sở Giáo dục và Đào tạo", "Sở Tư pháp"]
    names += [f"Ban Quản lý dự án đầu tư xây dựng công trình số {n}" for n in range(1, 10)]
    for name in names:
        Agency.objects.create(council=world.province, name=name, kind=AgencyKind.DEPARTMENT)
    for name in ("Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phương Thảo"):
        seated_delegate(world.province, name)  # the meeting form lists only people with a delegate's seat
    issue = support.confirmed_issue(world.province)
    sign_in(phone, "office_staff")

    phone.goto(issue.get_absolute_url() + "?buoc=chuyen-co-quan")
    assert_readable_list(phone, "#id_agencies", 15)
    search = phone.get_by_label("Lọc danh sách")
    search.fill("duong sat")  # no accents, đ typed as d
    expect(phone.locator("#id_agencies .form-check:visible")).to_have_count(1)
    expect(phone.locator("#id_agencies .form-check:visible")).to_have_text("Sở Đường sắt đô thị")
    phone.get_by_label("Sở Đường sắt đô thị").check()
    search.fill("")
    assert_readable_list(phone, "#id_agencies", 15)

    phone.goto(f"/kien-nghi/dot/{issue.cycle_id}/tiep-xuc/them/")
    assert_readable_list(phone, "#id_delegates", 3)
