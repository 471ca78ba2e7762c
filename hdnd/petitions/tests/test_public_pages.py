"""The public pages: from an answered issue to what a voter reads without logging in, and nothing more."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import icalendar
import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.core.actions import seed_rules
from hdnd.councils.tests.factories import seated_delegate
from hdnd.petitions import publication
from hdnd.petitions.actions.entry import record_meeting, register_petition
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.publication import publish_issue
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Outcome, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.publication import LOOKUP_LIMIT, LOOKUP_WINDOW
from hdnd.petitions.tests import support

ANSWER = "Tuyến đường liên thôn Đông – Tây đã được sửa xong, nghiệm thu ngày 15/10/2026."
DELEGATE = "Nguyễn Thị Hường"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Any:
    cache.clear()
    yield
    cache.clear()


@dataclass
class Scene:
    meeting: VoterMeeting
    road: PetitionIssue  # confirmed, forwarded and answered
    lights: PetitionIssue  # still a draft


def scene(world: World) -> Scene:
    """A provincial meeting held in xã Đông Hòa: the road issue answered, the lights issue a draft."""
    staff = world.user("office_staff")
    delegate = seated_delegate(world.province, DELEGATE)
    cycle = support.cycle(world.province, by=staff)
    meeting = record_meeting(
        cycle,
        by=staff,
        date=date(2026, 11, 20),
        place_text="Nhà văn hóa thôn Đông",
        place=world.commune.unit,
        delegates=[delegate],
    )
    for text in (support.ROAD, support.ROAD_AGAIN, support.LIGHTS):
        register_petition(
            world.province,
            by=staff,
            cycle=cycle,
            meeting=meeting,
            source=Petition.Source.MEETING,
            text=text,
            voter_place="thôn Đông",
            delegate=delegate,
        )
    road, lights = synthesize_cycle(world.province, cycle, by=staff)
    confirm_issue(road, by=staff)
    seed_rules()
    (sent,) = forward_issue(road, [support.agency(world.province)], by=staff, on=date(2026, 11, 23))
    record_answer(sent, by=staff, outcome=Outcome.RESOLVED, text=ANSWER)
    return Scene(meeting, road, lights)


def staff_client(world: World) -> Client:
    client = Client()
    client.force_login(world.user("office_staff"))
    return client


def text_of(response: Any) -> str:
    return response.content.decode()


def assert_nothing_private(page: str, world: World, at: Scene) -> None:
    """What no public page may show: who entered the petitions, the meeting's code."""
    assert "Office_Staff" not in page
    assert "office_staff" not in page
    assert at.meeting.code not in page


# The whole flow ----------------------------------------------------------------------------------


def test_a_published_answer_reaches_the_cycle_page_the_commune_page_and_the_code_lookup(
    world: World, client: Client
) -> None:
    at = scene(world)
    cycle_url = reverse("petitions:public_cycle", args=[at.road.cycle_id])
    commune_url = reverse("petitions:public_commune", args=[world.commune.unit_id])
    lookup_url = reverse("petitions:public_lookup")
    before = text_of(client.get(cycle_url))  # answered, not published yet
    assert ANSWER not in before
    assert at.road.title not in before
    assert "Chưa có kiến nghị nào của đợt này được công khai" in before
    assert "Đang chờ trả lời" in text_of(client.get(lookup_url, {"ma": at.meeting.code}))

    response = staff_client(world).post(reverse("petitions:public_issue_publish", args=[at.road.pk]))
    assert response.status_code == 302
    at.road.refresh_from_db()
    assert at.road.is_published

    cycle_page = text_of(client.get(cycle_url))
    assert at.road.title in cycle_page
    assert ANSWER in cycle_page
    assert "Sở Xây dựng tỉnh An Bình" in cycle_page
    assert "Đã giải quyết xong" in cycle_page
    assert support.LIGHTS not in cycle_page  # the draft issue and its petition stay off
    assert_nothing_private(cycle_page, world, at)

    commune_page = text_of(client.get(commune_url))
    assert ANSWER in commune_page
    assert support.ROAD in commune_page
    assert DELEGATE in commune_page
    assert support.LIGHTS not in commune_page
    assert_nothing_private(commune_page, world, at)

    lookup = client.get(lookup_url, {"ma": at.meeting.code})
    page = text_of(lookup)
    assert lookup.status_code == 200
    assert page.count(ANSWER) == 2  # both road petitions of the meeting
    assert support.LIGHTS in page  # the voter's own words, with no answer yet
    assert page.count("Đang chờ trả lời") == 1
    assert DELEGATE in page
    assert "Office_Staff" not in page


def test_an_unpublished_issue_disappears_from_every_public_page(world: World, client: Client) -> None:
    at = scene(world)
    publish_issue(at.road, by=world.user("office_staff"))
    response = staff_client(world).post(reverse("petitions:public_issue_unpublish", args=[at.road.pk]))
    assert response.status_code == 302

    for url in (
        reverse("petitions:public_cycle", args=[at.road.cycle_id]),
        reverse("petitions:public_commune", args=[world.commune.unit_id]),
        reverse("petitions:public_index"),
    ):
        page = text_of(client.get(url))
        assert ANSWER not in page
        assert at.road.title not in page
    lookup = text_of(client.get(reverse("petitions:public_lookup"), {"ma": at.meeting.code}))
    assert ANSWER not in lookup
    assert lookup.count("Đang chờ trả lời") == 3


def test_the_public_index_lists_only_councils_with_published_answers(world: World, client: Client) -> None:
    at = scene(world)
    support.answered(world.other_province_commune, world.user("system_admin"))  # answered, not published
    publish_issue(at.road, by=world.user("office_staff"))

    page = text_of(client.get(reverse("petitions:public_index")))

    assert world.province.name in page
    assert world.other_province_commune.name not in page


def test_publishing_a_draft_from_the_page_is_refused_with_a_message(world: World) -> None:
    at = scene(world)
    client = staff_client(world)
    response = client.post(reverse("petitions:public_issue_publish", args=[at.lights.pk]), follow=True)
    assert "chưa được xác nhận" in text_of(response)
    at.lights.refresh_from_db()
    assert at.lights.published_at is None


def test_publishing_a_whole_cycle_from_the_cycle_page(world: World) -> None:
    at = scene(world)
    client = staff_client(world)
    page = text_of(client.get(reverse("petitions:cycle_detail", args=[at.road.cycle_id])))
    assert "Công khai tất cả kiến nghị đã trả lời" in page
    assert (
        "Đã công khai <strong>0</strong> / đã trả lời <strong>1</strong> / tổng số <strong>2</strong>" in page
    )

    response = client.post(reverse("petitions:public_cycle_publish", args=[at.road.cycle_id]), follow=True)

    assert "Đã công khai 1 kiến nghị đã trả lời." in text_of(response)
    assert "Đã công khai <strong>1</strong> / đã trả lời <strong>1</strong>" in text_of(response)
    at.road.refresh_from_db()
    assert at.road.is_published


# Staff panels ------------------------------------------------------------------------------------


def test_the_issue_page_shows_the_deadline_to_publish_and_the_button_to_staff_only(world: World) -> None:
    at = scene(world)
    url = reverse("petitions:issue_detail", args=[at.road.pk])
    staff_page = text_of(staff_client(world).get(url))
    assert "Hạn công khai" in staff_page
    assert "14/01/2027" in staff_page  # answer due 23/12/2026, then 15 working days past 1/1/2027
    assert reverse("petitions:public_issue_publish", args=[at.road.pk]) in staff_page

    delegate = Client()
    delegate.force_login(world.user("delegate"))
    delegate_page = text_of(delegate.get(url))
    assert "14/01/2027" in delegate_page
    assert reverse("petitions:public_issue_publish", args=[at.road.pk]) not in delegate_page


def test_the_meeting_page_shows_each_petitions_issue_and_its_published_answer(world: World) -> None:
    at = scene(world)
    url = reverse("petitions:meeting_detail", args=[at.meeting.pk])
    assert ANSWER not in text_of(staff_client(world).get(url))
    publish_issue(at.road, by=world.user("office_staff"))

    page = text_of(staff_client(world).get(url))

    assert page.count(ANSWER) == 2
    assert f"#{at.road.pk}</a> Đã xác nhận" in page
    assert f"#{at.lights.pk}</a> Dự thảo" in page


# Lookup by code ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "lower",  # k7m2qx9b
        "spaced",  # "K7M2 QX9B"
        "dashed",  # "K7M2-QX9B" with an en dash too
        "fullwidth",  # typed with a CJK or Vietnamese IME: ＫＸ…
        "nfd",  # pasted in NFD form with stray spaces around
    ],
)
def test_a_code_typed_any_way_finds_the_meeting(world: World, client: Client, typed: str) -> None:
    at = scene(world)
    code = at.meeting.code
    variant = {
        "lower": code.lower(),
        "spaced": f"  {code[:4]} {code[4:]} ",
        "dashed": f"{code[:2]}-{code[2:4]}–{code[4:]}".lower(),
        "fullwidth": "".join(chr(ord(ch) + 0xFEE0) for ch in code),
        "nfd": unicodedata.normalize("NFD", f" {code.lower()}\u00a0"),
    }[typed]

    response = client.get(reverse("petitions:public_lookup"), {"ma": variant})

    assert response.status_code == 200
    assert support.ROAD in text_of(response)


def test_a_wrong_code_answers_404_with_a_message_in_vietnamese(world: World, client: Client) -> None:
    scene(world)
    response = client.get(reverse("petitions:public_lookup"), {"ma": "ZZZZ-9999"})
    assert response.status_code == 404
    assert "Không tìm thấy buổi tiếp xúc cử tri có mã “ZZZZ-9999”" in text_of(response)
    too_short = client.get(reverse("petitions:public_lookup"), {"ma": "ABC"})
    assert too_short.status_code == 404


def test_an_empty_code_asks_for_one(world: World, client: Client) -> None:
    response = client.get(reverse("petitions:public_lookup"), {"ma": "   "})
    assert response.status_code == 200
    assert "Nhập mã tra cứu in trên biên bản hoặc phiếu tiếp nhận." in text_of(response)


def test_code_lookups_are_throttled_per_client_address(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = scene(world)
    monkeypatch.setattr(publication, "LOOKUP_LIMIT", 5)
    url = reverse("petitions:public_lookup")
    statuses = [client.get(url, {"ma": f"AAAA{n:04d}"}).status_code for n in range(5)]
    assert statuses == [404] * 5

    blocked = client.get(url, {"ma": at.meeting.code})
    assert blocked.status_code == 429
    assert "quá nhiều lần" in text_of(blocked)
    api = client.get(reverse("api:public_lookup_meeting", args=[at.meeting.code]))
    assert api.status_code == 429  # the page and the API share the count

    elsewhere = client.get(url, {"ma": at.meeting.code}, REMOTE_ADDR="203.0.113.7")
    assert elsewhere.status_code == 200


def test_the_default_throttle_allows_30_lookups_in_10_minutes() -> None:
    assert (LOOKUP_LIMIT, LOOKUP_WINDOW) == (30, 600)


# Commune page ------------------------------------------------------------------------------------


def test_the_commune_page_takes_voters_units_too_and_refuses_a_province(world: World, client: Client) -> None:
    staff = world.user("office_staff")
    at = scene(world)
    other = world.other_commune.unit
    Petition.objects.filter(text=support.ROAD_AGAIN).update(voter_unit=other)
    publish_issue(at.road, by=staff)

    page = text_of(client.get(reverse("petitions:public_commune", args=[other.pk])))
    assert ANSWER in page
    assert support.ROAD_AGAIN in page
    assert support.ROAD + "\n" not in page  # the other petition was raised by voters of Đông Hòa
    assert client.get(reverse("petitions:public_commune", args=[world.province.unit_id])).status_code == 404


# Schedules and iCal ------------------------------------------------------------------------------


def test_the_cycle_schedule_is_a_page_and_an_ical_feed_without_the_codes(
    world: World, client: Client
) -> None:
    at = scene(world)
    page = text_of(client.get(reverse("petitions:public_cycle_schedule", args=[at.road.cycle_id])))
    assert "20/11/2026" in page
    assert "Nhà văn hóa thôn Đông" in page
    assert DELEGATE in page
    assert at.meeting.code not in page

    response = client.get(reverse("petitions:public_cycle_ical", args=[at.road.cycle_id]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert at.meeting.code.encode() not in response.content
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == date(2026, 11, 20)
    assert str(event["summary"]) == "Tiếp xúc cử tri · HĐND tỉnh An Bình"
    assert str(event["location"]) == "Nhà văn hóa thôn Đông (Xã Đông Hòa)"
    assert DELEGATE in str(event["description"])
    assert str(event["uid"]) == f"voter-meeting-{at.meeting.pk}@testserver"


def test_the_council_feed_holds_every_cycles_recent_and_coming_meetings(world: World, client: Client) -> None:
    at = scene(world)
    later = support.cycle(world.province, name="Sau kỳ họp thứ 12")
    record_meeting(later, by=None, date=date(2099, 1, 5), place_text="Hội trường xã Đông Hòa")
    url = reverse("petitions:public_council_ical", args=[world.province.pk])

    def days_on(today: date) -> list[date]:
        with time_machine.travel(date(today.year, today.month, today.day), tick=False):
            response = client.get(url)
        assert at.meeting.code.encode() not in response.content
        return sorted(
            e.decoded("dtstart") for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        )

    assert days_on(date(2027, 2, 18)) == [date(2026, 11, 20), date(2099, 1, 5)]  # 90 days after
    assert days_on(date(2027, 2, 19)) == [date(2099, 1, 5)]  # the scene's meeting is past the window


# Query counts ------------------------------------------------------------------------------------


MORE = (
    "Đề nghị nạo vét kênh mương nội đồng thôn Bắc trước mùa mưa.",
    "Đề nghị xây dựng nhà văn hóa cho tổ dân phố 5.",
    "Đề nghị hỗ trợ kinh phí sửa chữa trường mầm non xã.",
)


def publish_another(world: World, at: Scene, text: str) -> PetitionIssue:
    """One more issue of the scene's cycle, raised at its meeting, answered and published."""
    staff = world.user("office_staff")
    support.petition(at.meeting, text, by=staff)
    (issue,) = synthesize_cycle(world.province, at.meeting.cycle, by=staff)
    confirm_issue(issue, by=staff)
    (sent,) = forward_issue(issue, [support.agency(world.province)], by=staff)
    record_answer(sent, by=staff, outcome=Outcome.RESOLVED, text=f"Đã thực hiện: {text}")
    return publish_issue(issue, by=staff)


def test_the_public_cycle_page_does_not_query_more_with_more_issues(
    world: World, client: Client, django_assert_max_num_queries: Any
) -> None:
    at = scene(world)
    publish_issue(at.road, by=world.user("office_staff"))
    url = reverse("petitions:public_cycle", args=[at.road.cycle_id])
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for text in MORE:
        publish_another(world, at, text)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert text_of(response).count("Đã giải quyết xong") == 4


def _queries_of(client: Client, url: str) -> tuple[int, str]:
    """The queries of one anonymous request rendered anew (not served from the public page cache)."""
    caches["public"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), text_of(response)


def test_the_public_index_does_not_query_more_with_more_councils(world: World, client: Client) -> None:
    admin = world.user("system_admin")
    url = reverse("petitions:public_index")
    publish_issue(support.answered(world.province, admin).forwarding.issue, by=admin)
    few, _ = _queries_of(client, url)
    for council in (world.commune, world.other_commune, world.other_province, world.other_province_commune):
        publish_issue(support.answered(council, admin).forwarding.issue, by=admin)

    many, page = _queries_of(client, url)

    assert many == few
    assert page.count("1 kiến nghị đã công khai") == 5
    assert world.other_province_commune.name in page


def test_the_public_commune_page_does_not_query_more_with_more_issues(world: World, client: Client) -> None:
    at = scene(world)
    publish_issue(at.road, by=world.user("office_staff"))
    url = reverse("petitions:public_commune", args=[world.commune.unit_id])
    few, _ = _queries_of(client, url)
    for text in MORE:
        publish_another(world, at, text)

    many, page = _queries_of(client, url)

    assert many == few
    assert page.count("Đã giải quyết xong") == 4
    assert MORE[2] in page


# API ---------------------------------------------------------------------------------------------


def test_the_public_api_gives_a_meetings_answers_by_code_without_a_token(
    world: World, client: Client
) -> None:
    at = scene(world)
    publish_issue(at.road, by=world.user("office_staff"))

    response = client.get(reverse("api:public_lookup_meeting", args=[at.meeting.code.lower()]))

    assert response.status_code == 200
    body = response.json()
    assert body["council"] == "HĐND tỉnh An Bình"
    assert body["delegates"] == [DELEGATE]
    waiting = [p["waiting"] for p in body["petitions"]]
    assert waiting == [False, False, True]
    assert body["petitions"][0]["answers"][0]["text"] == ANSWER
    assert "entered_by" not in json.dumps(body)
    missing = client.get(reverse("api:public_lookup_meeting", args=["ZZZZZZZZ"]))
    assert missing.status_code == 404
    assert "Không tìm thấy" in missing.json()["detail"]


def test_the_public_api_lists_a_cycles_published_answers_only(world: World, client: Client) -> None:
    at = scene(world)
    url = reverse("api:public_cycle_answers", args=[at.road.cycle_id])
    assert client.get(url).json() == {"items": [], "count": 0}
    publish_issue(at.road, by=world.user("office_staff"))

    body = client.get(url).json()

    assert body["count"] == 1
    (item,) = body["items"]
    assert item["id"] == at.road.pk
    assert item["answers"][0]["agency"] == "Sở Xây dựng tỉnh An Bình"
    assert item["answers"][0]["outcome_label"] == "Đã giải quyết xong"
    assert client.get(reverse("api:public_cycle_answers", args=[999999])).status_code == 404


def test_the_staff_api_publishes_and_refuses_a_draft_with_422(world: World) -> None:
    at = scene(world)
    client = staff_client(world)
    refused = client.post(reverse("api:publish_issue", args=[at.lights.pk]), content_type="application/json")
    assert refused.status_code == 422
    assert "chưa được xác nhận" in refused.json()["detail"]

    done = client.post(reverse("api:publish_issue", args=[at.road.pk]), content_type="application/json")

    assert done.status_code == 200
    assert done.json()["published"] is True
    assert done.json()["publication_due"] == "2027-01-14"
    cycle = client.post(reverse("api:publish_cycle_answers", args=[at.road.cycle_id]))
    assert cycle.json() == {"published": 0}
    off = client.post(reverse("api:unpublish_issue", args=[at.road.pk]))
    assert off.json()["published"] is False
