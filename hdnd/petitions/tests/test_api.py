"""The petitions API: the pages' scope, the pages' actions, Vietnamese refusals and NFC text."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import World
from hdnd.accounts.models import ApiToken
from hdnd.core.audit import AuditEntry
from hdnd.councils.models import Council
from hdnd.councils.tests.factories import PersonFactory, seated_delegate
from hdnd.petitions.actions.synthesis import synthesize_cycle
from hdnd.petitions.api.entry import PetitionIn, VoterMeetingIn
from hdnd.petitions.models import Cycle, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
EMPTY_TEXT = "Nhập nội dung ý kiến, kiến nghị của cử tri."
TOO_LONG = "Nội dung dài quá 5.000 ký tự; hãy tách thành nhiều ý kiến (mỗi ý kiến một vấn đề)."
CHOOSE_DELEGATE = "Chỉ chọn đại biểu dự buổi tiếp xúc này."
CHOOSE_DRAFT = "Chọn một kiến nghị dự thảo khác của cùng đợt."
NO_CYCLE_NAME = "Nhập tên đợt tiếp xúc, ví dụ: Trước kỳ họp thứ 12."
NO_LIST = "Dán danh sách ý kiến vào ô trên."
NO_PLACE = "Nhập địa điểm tiếp xúc."
API = "/api/v1"


def as_user(client: Client, world: World, name: str = "office_staff") -> Client:
    client.force_login(world.user(name))
    return client


def post_json(client: Client, url: str, data: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def audited(action: str) -> int:
    return AuditEntry.objects.filter(action=f"petitions.{action}").count()


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# One write of each endpoint against a council: (url, payload, audit action, success status).
Write = Callable[[Council], tuple[str, dict[str, Any], str, int]]


def _move(council: Council) -> tuple[str, dict[str, Any], str, int]:
    road, lights = support.two_draft_issues(council)
    petition = road.petitions.order_by("pk")[0]
    return f"{API}/petitions/{petition.pk}/move/", {"issue": lights.pk}, "move_petition", 200


def _petition_of(council: Council) -> Petition:
    road, _ = support.two_draft_issues(council)
    return road.petitions.order_by("pk")[0]


def _merge(council: Council) -> tuple[str, dict[str, Any], str, int]:
    road, lights = support.two_draft_issues(council)
    return f"{API}/issues/{road.pk}/merge/", {"other": lights.pk}, "merge_issues", 200


def _synthesis(council: Council) -> str:
    at = support.meeting(council)
    support.petition(at)
    return f"{API}/cycles/{at.cycle_id}/synthesize/"


WRITES: dict[str, Write] = {
    "create_cycle": lambda c: (
        f"{API}/councils/{c.pk}/cycles/",
        {"name": "Sau kỳ họp thứ 11", "kind": "after_session", "year": 2026},
        "create_cycle",
        201,
    ),
    "record_meeting": lambda c: (
        f"{API}/cycles/{support.cycle(c).pk}/meetings/",
        {"date": "2026-11-20", "place_text": "Nhà văn hóa thôn Tây"},
        "record_meeting",
        201,
    ),
    "register_petition": lambda c: (
        f"{API}/meetings/{support.meeting(c).pk}/petitions/",
        {"text": support.ROAD},
        "register_petition",
        201,
    ),
    "register_petitions_from_list": lambda c: (
        f"{API}/meetings/{support.meeting(c).pk}/petitions/list/",
        {"text": f"1. {support.ROAD}\n2. {support.LAND}"},
        "register_petitions_from_list",
        201,
    ),
    "synthesize_cycle": lambda c: (_synthesis(c), {}, "synthesize_cycle", 201),
    "confirm_issue": lambda c: (
        f"{API}/issues/{support.two_draft_issues(c)[0].pk}/confirm/",
        {},
        "confirm_issue",
        200,
    ),
    "move_petition": _move,
    "split_petition": lambda c: (
        f"{API}/petitions/{_petition_of(c).pk}/split/",
        {},
        "split_petition_out",
        201,
    ),
    "mark_duplicate": lambda c: (
        f"{API}/petitions/{_petition_of(c).pk}/duplicate/",
        {},
        "mark_duplicate_kept",
        200,
    ),
    "merge_issues": _merge,
}


@pytest.mark.parametrize("name", WRITES)
def test_each_write_succeeds_with_exactly_one_audit_entry(client: Client, world: World, name: str) -> None:
    url, payload, action, status = WRITES[name](world.province)
    before = audited(action)
    response = post_json(as_user(client, world), url, payload)
    assert response.status_code == status, response.content
    assert audited(action) == before + 1
    assert AuditEntry.objects.filter(actor=world.user("office_staff")).count() == 1


@pytest.mark.parametrize("name", WRITES)
def test_each_write_is_refused_to_a_reader_and_hidden_from_another_province(
    client: Client, world: World, name: str
) -> None:
    url, payload, action, _ = WRITES[name](world.province)
    before = audited(action)
    response = post_json(as_user(client, world, "standing_member"), url, payload)
    assert response.status_code == 403
    assert response.json()["detail"] == "Tài khoản của bạn không được phép thực hiện thao tác này."
    url, payload, action, _ = WRITES[name](world.other_province)
    before = audited(action)
    response = post_json(as_user(client, world, "council_admin"), url, payload)
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy, hoặc bạn không có quyền xem."
    assert audited(action) == before


@pytest.mark.parametrize("name", WRITES)
def test_each_write_answers_401_without_a_session_or_token(client: Client, world: World, name: str) -> None:
    url, payload, action, _ = WRITES[name](world.province)
    before = audited(action)
    assert post_json(client, url, payload).status_code == 401
    assert audited(action) == before


def test_reads_answer_401_without_a_session_or_token(client: Client, world: World) -> None:
    at = support.meeting(world.province)
    for url in (
        f"/councils/{world.province.pk}/cycles/",
        f"/cycles/{at.cycle_id}/meetings/",
        f"/meetings/{at.pk}/",
        f"/cycles/{at.cycle_id}/issues/",
    ):
        assert client.get(API + url).status_code == 401


def test_a_bearer_token_is_enough(client: Client, world: World) -> None:
    support.cycle(world.province)
    _, key = ApiToken.issue(world.user("delegate"), "tiếp xúc cử tri")
    response = client.get(
        f"{API}/councils/{world.province.pk}/cycles/", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["items"]] == ["Trước kỳ họp thứ 12"]


# Input: Vietnamese refusals and NFC ------------------------------------------------------------


def test_every_string_of_an_input_schema_arrives_in_nfc() -> None:
    """Not left to the actions: the API does what the NFC middleware does for the pages."""
    petition = PetitionIn(text=nfd(support.ROAD), voter_place=nfd(" Thôn Đông "), answer=nfd("Đã trả lời"))
    assert (petition.text, petition.voter_place, petition.answer) == (support.ROAD, "Thôn Đông", "Đã trả lời")
    meeting = VoterMeetingIn.model_validate(
        {"date": "2026-11-20", "place_text": nfd("Thôn Tây"), "minutes": nfd("Biên bản")}
    )
    assert (meeting.place_text, meeting.minutes) == ("Thôn Tây", "Biên bản")
    assert unicodedata.is_normalized("NFC", meeting.minutes)


def refusal(response: Any, field: str, message: str) -> None:
    assert response.status_code == 422, response.content
    assert response.json() == {"detail": message, "errors": {field: [message]}}


def test_a_cycle_needs_a_name_and_a_new_one(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/cycles/"
    as_user(client, world)
    refusal(post_json(client, url, {"name": "  ", "year": 2026}), "name", NO_CYCLE_NAME)
    response = post_json(client, url, {"name": nfd("Trước kỳ họp thứ 12"), "year": 2026})
    assert response.status_code == 201
    assert Cycle.objects.get(pk=response.json()["id"]).name == "Trước kỳ họp thứ 12"
    again = post_json(client, url, {"name": "Trước kỳ họp thứ 12", "year": 2026})
    refusal(again, "name", "Năm 2026 đã có đợt “Trước kỳ họp thứ 12”.")
    assert audited("create_cycle") == 1


def test_a_meeting_needs_a_place_and_the_councils_own_delegates(client: Client, world: World) -> None:
    cycle = support.cycle(world.province)
    url = f"{API}/cycles/{cycle.pk}/meetings/"
    as_user(client, world)
    refusal(post_json(client, url, {"date": "2026-11-20", "place_text": ""}), "place_text", NO_PLACE)
    outsider = PersonFactory.create(council=world.other_province)
    payload = {"date": "2026-11-20", "place_text": "Thôn Tây", "delegate_ids": [outsider.pk]}
    refusal(post_json(client, url, payload), "delegates", "Chỉ chọn đại biểu của HĐND này.")
    refusal(
        post_json(client, url, {**payload, "delegate_ids": [999999]}),
        "delegates",
        "Chỉ chọn đại biểu của HĐND này.",
    )
    clerk = PersonFactory.create(council=world.province, full_name="Lê Văn Văn Phòng")  # staff, no seat
    payload = {**payload, "delegate_ids": [clerk.pk]}
    refusal(post_json(client, url, payload), "delegates", "Không phải đại biểu HĐND: Lê Văn Văn Phòng.")
    ours = seated_delegate(world.province)
    payload = {"date": "2026-11-20", "place_text": nfd("Nhà văn hóa thôn Đông"), "delegate_ids": [ours.pk]}
    response = post_json(client, url, payload)
    assert response.status_code == 201
    data = response.json()
    assert (data["delegate_ids"], data["place_text"]) == ([ours.pk], "Nhà văn hóa thôn Đông")
    assert VoterMeeting.objects.get(pk=data["id"]).code == data["code"]
    assert audited("record_meeting") == 1


def test_an_empty_petition_is_refused_in_vietnamese_and_nfd_text_is_stored_as_nfc(
    client: Client, world: World
) -> None:
    at = support.meeting(world.province)
    url = f"{API}/meetings/{at.pk}/petitions/"
    as_user(client, world)
    refusal(post_json(client, url, {"text": "   "}), "text", EMPTY_TEXT)
    refusal(post_json(client, url, {}), "text", EMPTY_TEXT)
    assert audited("register_petition") == 0
    response = post_json(client, url, {"text": nfd(support.ROAD), "voter_place": nfd("Thôn Đông")})
    assert response.status_code == 201
    petition = Petition.objects.get(pk=response.json()["id"])
    assert (petition.text, petition.voter_place) == (support.ROAD, "Thôn Đông")
    assert (petition.meeting, petition.entered_by) == (at, world.user("office_staff"))


def test_a_petition_is_given_to_a_delegate_who_attended(client: Client, world: World) -> None:
    at = support.meeting(world.province)
    came = PersonFactory.create(council=world.province)
    at.delegates.add(came)
    absent = PersonFactory.create(council=world.province)
    url = f"{API}/meetings/{at.pk}/petitions/"
    as_user(client, world)
    refusal(
        post_json(client, url, {"text": support.ROAD, "delegate_id": absent.pk}), "delegate", CHOOSE_DELEGATE
    )
    payload = {"text": support.ROAD, "answered_on_the_spot": True}
    refusal(post_json(client, url, payload), "answer", "Nhập nội dung đã trả lời tại buổi tiếp xúc.")
    response = post_json(client, url, {"text": support.ROAD, "delegate_id": came.pk})
    assert response.json()["delegate_id"] == came.pk


def test_a_pasted_list_is_refused_when_empty_and_stored_as_nfc(client: Client, world: World) -> None:
    at = support.meeting(world.province)
    url = f"{API}/meetings/{at.pk}/petitions/list/"
    as_user(client, world)
    refusal(post_json(client, url, {"text": " \n "}), "text", NO_LIST)
    too_long = "x" * 5001
    refusal(post_json(client, url, {"text": f"1. ok\n2. {too_long}"}), "text", f"Ý kiến số 2: {TOO_LONG}")
    assert audited("register_petitions_from_list") == 0
    response = post_json(client, url, {"text": nfd(f"1. {support.ROAD}\n2. {support.LAND}")})
    assert response.status_code == 201
    assert [p["text"] for p in response.json()] == [support.ROAD, support.LAND]
    assert list(at.petitions.order_by("pk").values_list("text", flat=True)) == [support.ROAD, support.LAND]


def test_synthesis_groups_new_petitions_and_refuses_when_there_are_none(client: Client, world: World) -> None:
    at = support.meeting(world.province)
    for text in (support.ROAD, support.ROAD_AGAIN, support.LIGHTS):
        support.petition(at, text)
    url = f"{API}/cycles/{at.cycle_id}/synthesize/"
    response = post_json(as_user(client, world), url)
    assert response.status_code == 201
    issues = response.json()
    assert [len(issue["petitions"]) for issue in issues] == [2, 1]
    assert {issue["status"] for issue in issues} == {"draft"}
    refusal(post_json(client, url), "__all__", "Không có ý kiến mới nào để tổng hợp.")
    assert audited("synthesize_cycle") == 1


def test_review_refusals_answer_422_in_vietnamese(client: Client, world: World) -> None:
    road, lights = support.two_draft_issues(world.province)
    first = road.petitions.order_by("pk")[0]
    alone = lights.petitions.get()
    other_cycle = support.cycle(world.province, name="Chuyên đề đất đai")
    support.petition(support.meeting(world.province, in_cycle=other_cycle), support.LAND)
    (elsewhere,) = synthesize_cycle(world.province, other_cycle, by=None)
    as_user(client, world)
    refusal(post_json(client, f"{API}/petitions/{first.pk}/move/", {"issue": road.pk}), "issue", CHOOSE_DRAFT)
    move = post_json(client, f"{API}/petitions/{first.pk}/move/", {"issue": elsewhere.pk})
    refusal(move, "issue", CHOOSE_DRAFT)
    refusal(post_json(client, f"{API}/issues/{road.pk}/merge/", {"other": road.pk}), "other", CHOOSE_DRAFT)
    merge = post_json(client, f"{API}/issues/{road.pk}/merge/", {"other": elsewhere.pk})
    refusal(merge, "other", CHOOSE_DRAFT)
    refusal(
        post_json(client, f"{API}/petitions/{alone.pk}/split/"),
        "__all__",
        "Ý kiến này đã là kiến nghị riêng.",
    )
    assert post_json(client, f"{API}/petitions/{alone.pk}/duplicate/").status_code == 200
    refusal(
        post_json(client, f"{API}/petitions/{alone.pk}/duplicate/"),
        "__all__",
        "Ý kiến đã được đánh dấu trùng, lưu theo dõi.",
    )
    assert post_json(client, f"{API}/issues/{road.pk}/confirm/").json()["status"] == "confirmed"
    refusal(
        post_json(client, f"{API}/issues/{road.pk}/confirm/"),
        "__all__",
        f"Kiến nghị “{road.title}” đã được xác nhận.",
    )
    # A confirmed issue is no longer a choice for moving or merging.
    refusal(post_json(client, f"{API}/petitions/{alone.pk}/move/", {"issue": road.pk}), "issue", CHOOSE_DRAFT)
    assert audited("move_petition") == audited("merge_issues") == audited("split_petition_out") == 0


def test_moving_merging_and_splitting_answer_the_changed_objects(client: Client, world: World) -> None:
    road, lights = support.two_draft_issues(world.province)
    first, second = road.petitions.order_by("pk")
    as_user(client, world)
    moved = post_json(client, f"{API}/petitions/{first.pk}/move/", {"issue": lights.pk}).json()
    assert (moved["id"], moved["issue_id"], moved["status"]) == (first.pk, lights.pk, "grouped")
    split = post_json(client, f"{API}/petitions/{first.pk}/split/").json()
    assert [p["id"] for p in split["petitions"]] == [first.pk]
    merged = post_json(client, f"{API}/issues/{road.pk}/merge/", {"other": split["id"]}).json()
    assert [p["id"] for p in merged["petitions"]] == [first.pk, second.pk]
    assert not PetitionIssue.objects.filter(pk=split["id"]).exists()


# Reads: scope, pagination, origins, queries ------------------------------------------------------


def test_issues_come_with_their_petitions_and_origins(client: Client, world: World) -> None:
    road, _ = support.two_draft_issues(world.province)
    data = as_user(client, world, "delegate").get(f"{API}/cycles/{road.cycle_id}/issues/").json()
    assert data["count"] == 2
    first = data["items"][0]
    assert (first["id"], first["title"], first["status_label"]) == (road.pk, road.title, "Dự thảo")
    origin = first["petitions"][0]
    assert (origin["source"], origin["source_label"]) == ("meeting", "Tiếp xúc cử tri")
    assert origin["meeting_id"] == road.petitions.order_by("pk")[0].meeting_id
    assert [p["id"] for p in first["petitions"]] == list(
        road.petitions.order_by("pk").values_list("pk", flat=True)
    )


def test_reads_are_scoped_like_the_pages(client: Client, world: World) -> None:
    at = support.meeting(world.commune)
    support.petition(at)
    as_user(client, world, "standing_member")  # supervises the communes below
    data = client.get(f"{API}/meetings/{at.pk}/").json()
    assert [p["text"] for p in data["petitions"]] == [support.ROAD]
    assert data["petition_count"] == 1
    as_user(client, world, "delegate")  # sees only their own council
    assert client.get(f"{API}/meetings/{at.pk}/").status_code == 404
    assert client.get(f"{API}/cycles/{at.cycle_id}/issues/").status_code == 404
    assert client.get(f"{API}/councils/{world.commune.pk}/cycles/").status_code == 404


def test_lists_are_paginated_with_a_count(client: Client, world: World) -> None:
    cycle = support.cycle(world.province)
    for number in range(3):
        support.cycle(world.province, name=f"Chuyên đề {number}")
        support.meeting(world.province, in_cycle=cycle)
    as_user(client, world, "auditor")
    data = client.get(f"{API}/councils/{world.province.pk}/cycles/", {"page_size": 2, "page": 2}).json()
    assert (data["count"], len(data["items"])) == (4, 2)
    data = client.get(f"{API}/cycles/{cycle.pk}/meetings/", {"page_size": 2}).json()
    assert (data["count"], len(data["items"])) == (3, 2)
    data = client.get(f"{API}/councils/{world.province.pk}/cycles/").json()
    counts = {c["name"]: (c["meeting_count"], c["petition_count"]) for c in data["items"]}
    assert counts["Trước kỳ họp thứ 12"] == (3, 0)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_and_meeting_queries_do_not_grow_with_rows(client: Client, world: World) -> None:
    at = support.meeting(world.province)
    at.delegates.add(PersonFactory.create(council=world.province))
    support.petition(at)
    synthesize_cycle(world.province, at.cycle, by=None)
    urls = (
        f"{API}/councils/{world.province.pk}/cycles/",
        f"{API}/cycles/{at.cycle_id}/meetings/",
        f"{API}/meetings/{at.pk}/",
        f"{API}/cycles/{at.cycle_id}/issues/",
    )
    as_user(client, world, "delegate").get(urls[0])  # warm up the session and caches
    before = [_queries(client, url) for url in urls]
    for number in range(10):
        support.cycle(world.province, name=f"Chuyên đề {number}")
        more = support.meeting(world.province, in_cycle=at.cycle)
        more.delegates.add(PersonFactory.create(council=world.province))
        support.petition(at, f"{support.LAND} ({number})")
        support.petition(more, f"{support.LIGHTS} số {number}")
    synthesize_cycle(world.province, at.cycle, by=None)
    assert PetitionIssue.objects.filter(cycle=at.cycle).count() > 2
    assert [_queries(client, url) for url in urls] == before
