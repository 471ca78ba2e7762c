"""The start page ("Làm việc") holds each user's work, from every app's work registry, in their scope."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.tasks import default_task_backend
from django.tasks.backends.dummy import DummyBackend
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.accounts.actions import end_role, grant_role
from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.briefings.actions import create_briefing
from hdnd.councils.models import Person
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory
from hdnd.petitions.actions.forwarding import forward_issue
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.tests import support
from hdnd.planning.actions import add_task
from hdnd.planning.models import TaskSource
from hdnd.reports.actions import open_period
from hdnd.resolutions import review
from hdnd.resolutions.actions import draft_resolution
from hdnd.resolutions.tests import support as resolutions
from hdnd.sittings.tests import support as sittings

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)  # a Monday: "this week" runs to Sunday 13/12/2026
URL = "/lam-viec/"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def page(client: Client, world: World, who: str) -> str:
    client.force_login(world.user(who))
    response = client.get(reverse("portal:dashboard"))
    assert response.status_code == 200
    return response.text


def two_agencies_forwarded(world: World) -> None:
    """The road issue to the responder's agency (due 21/12), the lights issue to another (due 21/12)."""
    support.seed_rules()
    road, lights = support.two_draft_issues(world.province)
    health = support.agency(world.province, "Sở Y tế tỉnh An Bình")
    forward_issue(
        confirm_issue(road, by=None), [support.agency(world.province)], by=None, on=date(2026, 11, 23)
    )
    forward_issue(confirm_issue(lights, by=None), [health], by=None, on=date(2026, 11, 2))


def test_a_responder_sees_only_their_agency_inbox_and_no_other_work(client: Client, world: World) -> None:
    two_agencies_forwarded(world)
    text = page(client, world, "agency_responder")
    agency = support.agency(world.province)
    assert reverse("petitions:agency_inbox", args=[agency.pk]) in text
    assert "Kiến nghị chuyển đến cơ quan, chờ trả lời" in text
    assert "tuyến đường" in text  # the road issue, forwarded to their agency
    assert "chiếu sáng" not in text  # the lights issue went to another agency
    assert "Sở Y tế" not in text
    assert "Kiến nghị cơ quan chưa trả lời" not in text  # the office's board is not theirs


def test_office_staff_see_overdue_answers_of_every_agency_with_the_board_link(
    client: Client, world: World
) -> None:
    two_agencies_forwarded(world)  # the lights answer (sent 02/11) is overdue by 07/12
    text = page(client, world, "office_staff")
    assert "Kiến nghị cơ quan chưa trả lời (quá hạn, đến hạn)" in text
    assert reverse("petitions:overdue_board", args=[world.province.pk]) in text
    assert "chiếu sáng" in text
    assert "Quá hạn" in text
    assert "1 quá hạn" in text


def test_an_item_counts_every_record_overdue_and_due_this_week_though_it_shows_five(
    client: Client, world: World
) -> None:
    support.seed_rules()
    road, lights = support.two_draft_issues(world.province)
    six = [support.agency(world.province, f"Sở số {n}") for n in range(6)]
    forward_issue(confirm_issue(lights, by=None), six, by=None, on=date(2026, 11, 2))  # due 02/12: late
    road = confirm_issue(road, by=None)
    forward_issue(road, [support.agency(world.province)], by=None, on=date(2026, 11, 10))  # due this week

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(client, world, "office_staff")))

    assert "6 việc quá hạn · 1 việc đến hạn trong tuần" in text
    assert "Kiến nghị cơ quan chưa trả lời (quá hạn, đến hạn) 6 quá hạn" in text
    assert text.count("Sở số") == 5
    assert "Đang hiện 5 trên 7" in text


def test_another_province_sees_none_of_it(client: Client, world: World) -> None:
    two_agencies_forwarded(world)
    RoleAssignment.objects.create(
        user=world.user("no_role"), role=Role.OFFICE_STAFF, council=world.other_province
    )
    text = page(client, world, "no_role")
    assert "chiếu sáng" not in text
    assert "tuyến đường" not in text
    assert "Không có việc nào quá hạn" in text


def test_a_commune_sees_the_task_the_province_gave_it_and_reports_progress_back_up(
    client: Client, world: World
) -> None:
    office = world.user("office_staff")
    given = add_task(
        world.commune,
        by=office,
        given_by=world.province,
        content="Rà soát danh sách hộ nghèo cuối năm",
        due_on=date(2026, 12, 11),
        source=TaskSource.BRIEFING,
    )
    add_task(
        world.other_commune,
        by=office,
        given_by=world.province,
        content="Kiểm tra cầu treo bản Mới",
        due_on=date(2026, 12, 11),
        source=TaskSource.BRIEFING,
    )
    text = page(client, world, "commune_staff")
    assert "Nhiệm vụ cấp trên giao, đang thực hiện" in text
    assert "Rà soát danh sách hộ nghèo" in text
    assert given.get_absolute_url() in text
    assert "HĐND tỉnh An Bình" in text  # who gave it
    assert "cầu treo" not in text  # another commune's task
    answer = client.post(
        reverse("planning:task_progress", args=[given.pk]),
        {"progress": "40", "note": "Đã rà soát 3 thôn", "on": "07/12/2026"},
    )
    assert answer.status_code == 302
    assert "Tiến độ 40%" in page(client, world, "commune_staff")
    client.force_login(office)
    province_view = client.get(given.get_absolute_url())
    assert province_view.status_code == 200
    assert "Đã rà soát 3 thôn" in province_view.text


def test_the_province_sees_tasks_given_below_that_are_overdue(client: Client, world: World) -> None:
    add_task(
        world.commune,
        by=world.user("office_staff"),
        given_by=world.province,
        content="Báo cáo kết quả giải quyết đơn thư",
        due_on=date(2026, 12, 1),
        source=TaskSource.BRIEFING,
    )
    text = page(client, world, "office_staff")
    assert "Nhiệm vụ đã giao cấp dưới, quá hạn" in text
    assert "HĐND xã Đông Hòa" in text


def test_a_delegate_sees_their_petitions_and_the_drafts_of_the_coming_session(
    client: Client, world: World
) -> None:
    person = Person.objects.create(council=world.province, full_name="Nguyễn Văn Đại")
    RoleAssignment.objects.filter(user=world.user("delegate")).update(person=person)
    two_agencies_forwarded(world)  # office work the delegate does not do
    at = support.meeting(world.province, in_cycle=support.cycle(world.province, name="Sau kỳ họp thứ 11"))
    at.delegates.add(person)
    support.petition(at, support.LIGHTS)
    coming = sittings.session(world.province, opens_on=date(2026, 12, 15))
    draft_resolution(world.province, by=None, title="Nghị quyết về giá dịch vụ xe buýt", session=coming)
    text = page(client, world, "delegate")
    assert "Kiến nghị cử tri tôi tiếp nhận" in text
    assert "chiếu sáng công cộng" in text
    assert "Dự thảo nghị quyết trình kỳ họp sắp tới" in text
    assert "giá dịch vụ xe buýt" in text
    assert coming.get_absolute_url() in text
    assert "Kiến nghị cơ quan chưa trả lời" not in text


def test_office_staff_see_the_coming_session_and_what_it_lacks(client: Client, world: World) -> None:
    sittings.session(world.province, opens_on=date(2026, 12, 15))
    text = page(client, world, "office_staff")
    assert "Kỳ họp sắp tới" in text
    assert "chưa triệu tập" in text


def queries_for(client: Client, url: str, *, kept: bool = False) -> int:
    """The queries of one view of ``url``: the work counted (the page's own cost), or read ``kept``."""
    client.get(url)  # warm up the session and caches, so the count is the page's own
    if not kept:
        caches["public"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_start_page_takes_the_same_queries_with_little_or_much_work(client: Client, world: World) -> None:
    office = world.user("office_staff")
    two_agencies_forwarded(world)
    sittings.session(world.province, opens_on=date(2026, 12, 15))
    add_task(
        world.commune, by=office, given_by=world.province, content="Nhiệm vụ 0", due_on=date(2026, 12, 1)
    )
    client.force_login(office)
    little = queries_for(client, URL)
    for n in range(1, 9):  # more tasks given below, more issues forwarded, more communes
        add_task(
            world.commune,
            by=office,
            given_by=world.province,
            content=f"Nhiệm vụ {n}",
            due_on=date(2026, 12, 1),
        )
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Thêm {n}")
        CouncilFactory.create(unit=unit, parent=world.province)
    at = support.meeting(world.province, in_cycle=support.cycle(world.province, name="Sau kỳ họp thứ 11"))
    for text in (support.ROAD, support.LIGHTS):
        support.petition(at, text)
    for issue in synthesize_cycle(world.province, at.cycle, by=None):
        forward_issue(
            confirm_issue(issue, by=None), [support.agency(world.province)], by=None, on=date(2026, 11, 2)
        )
    assert queries_for(client, URL) == little


def test_coming_back_without_a_change_reads_the_work_kept_for_the_user(client: Client, world: World) -> None:
    two_agencies_forwarded(world)
    sittings.session(world.province, opens_on=date(2026, 12, 15))
    client.force_login(world.user("office_staff"))
    counted = queries_for(client, URL)
    kept = queries_for(client, URL, kept=True)
    assert counted >= 20  # every provider's queries
    # The session, the user, their second factor, their roles and the councils below, the roles with
    # their places, their councils (the kept work is one cache read, in memory here).
    assert kept <= 7
    # Kept for that user only: another one's page is their own.
    assert "tuyến đường" not in page(client, world, "commune_staff")


def test_the_kept_work_follows_a_change_below_a_role_granted_or_ended_and_the_day(
    client: Client, world: World
) -> None:
    office = world.user("office_staff")
    assert "Nhiệm vụ đã giao cấp dưới, quá hạn" not in page(client, world, "office_staff")

    def given_below(content: str, due_on: date) -> None:  # recorded under the commune
        add_task(
            world.commune,
            by=world.user("commune_staff"),
            given_by=world.province,
            content=content,
            due_on=due_on,
            source=TaskSource.BRIEFING,
        )

    given_below("Báo cáo kết quả giải quyết đơn thư", date(2026, 12, 1))  # overdue: the province sees it
    assert "Báo cáo kết quả giải quyết đơn thư" in page(client, world, "office_staff")
    given_below("Rà soát hộ nghèo", date(2026, 12, 8))
    with time_machine.travel(datetime(2026, 12, 8, 23, 58, tzinfo=HANOI), tick=False):
        assert "Rà soát hộ nghèo" not in page(client, world, "office_staff")  # due today: not overdue yet
    with time_machine.travel(datetime(2026, 12, 9, 0, 1, tzinfo=HANOI), tick=False):  # kept 3 minutes ago
        assert "Rà soát hộ nghèo" in page(client, world, "office_staff")
    # A role is an account entry, which changes no council's version: the page follows the roles held.
    two_agencies_forwarded(world)
    agency = support.agency(world.province)
    admin = world.user("system_admin")
    role = grant_role(office, Role.AGENCY_RESPONDER, world.province, by=admin, agency=agency)
    assert "Kiến nghị chuyển đến cơ quan, chờ trả lời" in page(client, world, "office_staff")
    end_role(role, by=admin)
    assert "Kiến nghị chuyển đến cơ quan, chờ trả lời" not in page(client, world, "office_staff")


def test_every_icon_a_provider_names_is_in_the_vendored_sprite() -> None:
    sprite = Path(settings.BASE_DIR, "hdnd/core/static/vendor/bootstrap-icons/icons.svg").read_text()
    symbols = set(re.findall(r'<symbol id="([a-z0-9-]+)"', sprite))
    named = {
        name
        for path in Path(settings.BASE_DIR, "hdnd").glob("*/workitems.py")
        for name in re.findall(r'icon="([a-z0-9-]+)"', path.read_text())
    }
    assert named
    assert named <= symbols, named - symbols


def test_a_responder_with_nothing_waiting_still_finds_their_inbox(client: Client, world: World) -> None:
    text = page(client, world, "agency_responder")
    agency = support.agency(world.province)
    assert reverse("petitions:agency_inbox", args=[agency.pk]) in text
    assert "Không còn việc nào ở đây." in text


def test_the_host_sees_its_briefing_not_yet_held_and_what_it_lacks(client: Client, world: World) -> None:

    create_briefing(
        world.province, by=world.user("office_staff"), period="2026-Q4", meets_on=date(2026, 12, 18)
    )
    text = page(client, world, "office_staff")
    assert "Hội nghị giao ban chưa kết thúc" in text
    assert "Còn thiếu: chương trình, điểm cầu, giấy mời" in text
    assert "Hội nghị giao ban" not in page(client, world, "commune_staff")


def test_review_findings_wait_on_the_commune_and_its_answer_on_the_province(
    client: Client, world: World
) -> None:
    under_review = review.start_review(resolutions.published(world.commune), by=None)
    review.record_findings(under_review, by=None, findings="Điều 3 vượt thẩm quyền.", on=date(2026, 12, 1))
    assert "Ý kiến xem xét nghị quyết của cấp trên, chờ xử lý" in page(client, world, "commune_staff")
    assert "chờ kết luận" not in page(client, world, "office_staff")
    review.record_response(under_review, by=None, response="Đã bãi bỏ Điều 3.", on=date(2026, 12, 4))
    assert "Nghị quyết cấp dưới đã xử lý theo ý kiến xem xét, chờ kết luận" in page(
        client, world, "office_staff"
    )
    assert "Ý kiến xem xét" not in page(client, world, "commune_staff")


def test_a_commune_sees_at_once_what_the_province_does_for_it_and_keeps_its_work_through_the_others(
    client: Client, world: World
) -> None:
    client.force_login(world.user("commune_staff"))
    assert "Báo cáo định kỳ chưa gửi" not in client.get(URL).text
    # Recorded under the province: a report to write for each council below it.
    open_period(world.province, by=world.user("office_staff"), code="2026-Q4", due_on=date(2026, 12, 11))
    assert "Báo cáo định kỳ chưa gửi" in client.get(URL).text
    add_task(  # another commune's work, recorded under it: nothing of this commune's changes
        world.other_commune,
        by=world.user("office_staff"),
        given_by=world.province,
        content="Kiểm tra cầu treo bản Mới",
        due_on=date(2026, 12, 11),
    )
    with CaptureQueriesContext(connection) as queries:
        assert "Báo cáo định kỳ chưa gửi" in client.get(URL).text
    assert len(queries) <= 7  # read kept, as in the test above


POLLS = 'hx-trigger="every 3s"'


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_after_the_others_changes_the_work_counted_before_is_shown_while_the_worker_counts_it(
    client: Client, world: World
) -> None:
    """A province's hundred communes act all day: its clerk's page does not count the work again on every
    view. After another's change it shows the work counted before, marked, fetches itself again and asks
    the worker once; after a change of the clerk's own it counts at once."""
    queue = cast(DummyBackend, default_task_backend)
    office = world.user("office_staff")
    client.force_login(office)
    assert "Nhiệm vụ đã giao cấp dưới, quá hạn" not in client.get(URL).text

    def below(content: str, by: User) -> None:
        add_task(world.commune, by=by, given_by=world.province, content=content, due_on=date(2026, 12, 1))

    below("Báo cáo kết quả giải quyết đơn thư", world.user("commune_staff"))  # another's change
    page = client.get(URL)
    assert "Báo cáo kết quả giải quyết đơn thư" not in page.text  # the work from before it
    assert not page.context["work"].current
    assert "trước thay đổi mới nhất của đơn vị khác; đang cập nhật" in page.text
    assert POLLS in page.text
    assert 'hx-get="?lan=1"' in page.text
    client.get(URL)
    assert [(r.task.name, r.args) for r in queue.results] == [("recount_work", [office.pk])]  # asked once
    queue.results[0].task.call(office.pk)  # the worker's turn
    page = client.get(URL)
    assert page.context["work"].current
    assert "Báo cáo kết quả giải quyết đơn thư" in page.text
    assert POLLS not in page.text
    below("Rà soát hộ nghèo", office)  # the clerk's own change: counted in the request, shown at once
    page = client.get(URL)
    assert page.context["work"].current
    assert "Rà soát hộ nghèo" in page.text
    assert len(queue.results) == 1
