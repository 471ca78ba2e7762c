"""The parts of a briefing over the API: agenda, participants, online points, contributions, conclusions
and proposals, read and changed through the same actions as the pages; other provinces get 404, readers
without the right 403, bad input 422 in Vietnamese, and each change one audit entry."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from conftest import World
from hdnd.briefings import actions
from hdnd.briefings.tests import support
from hdnd.core.models import AuditEntry

pytestmark = pytest.mark.django_db
JSON = "application/json"


def client_for(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def send(client: Client, method: str, url: str, body: Any = None) -> Any:
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(f"/api/v1{url}", data, content_type=JSON)


def audit_count(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_the_agenda_is_replaced_in_order_and_refused_once_held(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.planned(world.province)
    items = [{"title": "Kết quả quý I", "presenter": "Văn phòng"}, {"title": "Kiến nghị của các xã"}]
    response = send(staff, "put", f"/briefings/{briefing.pk}/agenda", {"items": items})
    assert response.status_code == 200
    assert [(i["position"], i["title"], i["presenter"]) for i in response.json()] == [
        (1, "Kết quả quý I", "Văn phòng"),
        (2, "Kiến nghị của các xã", ""),
    ]
    assert audit_count("briefings.set_agenda") == 1
    read = send(client_for(world, "delegate"), "get", f"/briefings/{briefing.pk}/agenda")
    assert [i["title"] for i in read.json()] == ["Kết quả quý I", "Kiến nghị của các xã"]
    blank = send(staff, "put", f"/briefings/{briefing.pk}/agenda", {"items": [{"title": "  "}]})
    assert blank.status_code == 422
    assert blank.json()["errors"]["items"] == ["Mỗi nội dung của chương trình phải có tiêu đề."]
    support.held(world.province)
    late = send(staff, "put", f"/briefings/{briefing.pk}/agenda", {"items": items})
    assert late.status_code == 422
    assert "không sửa được nữa" in late.json()["detail"]
    assert audit_count("briefings.set_agenda") == 1


def test_the_councils_invited_are_chosen_among_those_below(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.planned(world.province)
    url = f"/briefings/{briefing.pk}/participants"
    response = send(staff, "put", url, {"council_ids": [world.commune.pk]})
    assert response.status_code == 200
    assert [p["council"] for p in response.json()] == ["HĐND xã Đông Hòa"]
    assert [p["council_id"] for p in send(staff, "get", url).json()] == [world.commune.pk]
    stranger = send(staff, "put", url, {"council_ids": [world.other_province_commune.pk]})
    assert stranger.status_code == 422
    assert stranger.json()["errors"]["councils"] == ["Không thuộc HĐND cấp dưới: HĐND xã Nam Đàn."]
    missing = send(staff, "put", url, {"council_ids": [987654]})
    assert missing.json()["errors"]["council_ids"] == ["Có đơn vị không tồn tại."]
    none = send(staff, "put", url, {"council_ids": []})
    assert none.json()["errors"]["councils"] == ["Chọn ít nhất một HĐND cấp dưới."]
    wrong_type = send(staff, "put", url, {"council_ids": ["một"]})
    assert wrong_type.status_code == 422
    assert wrong_type.json()["errors"]["council_ids.0"] == ["Phải là số nguyên."]
    assert audit_count("briefings.set_participants") == 1


def test_online_points_are_added_removed_and_their_attendees_recorded_once_held(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.planned(world.province)
    created = send(staff, "post", f"/briefings/{briefing.pk}/points", {"name": "Điểm cầu xã Đông Hòa"})
    assert created.status_code == 201
    point_id = created.json()["id"]
    again = send(staff, "post", f"/briefings/{briefing.pk}/points", {"name": "Điểm cầu xã Đông Hòa"})
    assert again.status_code == 422
    assert again.json()["errors"]["name"] == ["Đã có điểm cầu “Điểm cầu xã Đông Hòa”."]
    spare = send(staff, "post", f"/briefings/{briefing.pk}/points", {"name": "Điểm cầu dự phòng"}).json()
    early = send(staff, "patch", f"/briefing-points/{point_id}", {"attendees": ["Ông A"]})
    assert early.status_code == 422
    assert "Chỉ ghi người dự tại điểm cầu khi hội nghị đã họp" in early.json()["detail"]
    assert send(staff, "delete", f"/briefing-points/{spare['id']}").status_code == 204
    assert audit_count("briefings.remove_point") == 1
    support.held(world.province)
    names = send(staff, "patch", f"/briefing-points/{point_id}", {"attendees": ["Ông A", " Bà B "]})
    assert names.status_code == 200
    assert names.json()["attendees"] == ["Ông A", "Bà B"]
    nul = send(staff, "patch", f"/briefing-points/{point_id}", {"attendees": ["Ông\x00A"]})
    assert nul.status_code == 422
    assert "ký tự điều khiển" in nul.json()["errors"]["attendees"][0]
    assert [p["name"] for p in send(staff, "get", f"/briefings/{briefing.pk}/points").json()] == [
        "Điểm cầu xã Đông Hòa"
    ]
    held_delete = send(staff, "delete", f"/briefing-points/{point_id}")
    assert held_delete.status_code == 422


def test_contributions_and_conclusions_are_listed_and_taken_off(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.held(world.province)
    said = actions.add_contribution(briefing, by=None, speaker="Ông A", content="Đề nghị hướng dẫn")
    first = actions.add_conclusion_item(briefing, by=None, content="Một")
    actions.add_conclusion_item(briefing, by=None, content="Hai")
    listed = send(staff, "get", f"/briefings/{briefing.pk}/contributions").json()
    assert [(c["speaker"], c["content"]) for c in listed] == [("Ông A", "Đề nghị hướng dẫn")]
    assert send(staff, "delete", f"/briefing-contributions/{said.pk}").status_code == 204
    assert send(staff, "get", f"/briefings/{briefing.pk}/contributions").json() == []
    assert send(staff, "delete", f"/briefing-conclusions/{first.pk}").status_code == 204
    left = send(staff, "get", f"/briefings/{briefing.pk}/conclusions").json()
    assert [(c["position"], c["content"]) for c in left] == [(1, "Hai")]
    assert audit_count("briefings.remove_contribution") == audit_count("briefings.remove_conclusion") == 1


def test_proposals_are_listed_with_the_hosts_answers(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.held(world.province)
    proposal = support.proposal(world.commune, briefing, text="Đề nghị bổ sung biên chế")
    url = f"/briefings/{briefing.pk}/proposals"
    [before] = send(staff, "get", url).json()
    assert (before["council"], before["text"], before["answer"], before["earlier"]) == (
        "HĐND xã Đông Hòa",
        "Đề nghị bổ sung biên chế",
        "",
        False,
    )
    answer = {"answer": "Sẽ xem xét trong quý II."}
    assert send(staff, "post", f"{url}/{proposal.pk}/answer", answer).status_code == 200
    [after] = send(staff, "get", url).json()
    assert (after["answer"], after["answered_on"]) == ("Sẽ xem xét trong quý II.", "2026-04-15")


def test_the_briefing_is_edited_until_held(world: World) -> None:
    staff = client_for(world, "office_staff")
    briefing = support.planned(world.province)
    body = {"period": "2026-Q1", "meets_on": "2026-04-16", "place": "Phòng họp số 2"}
    edited = send(staff, "put", f"/briefings/{briefing.pk}", body)
    assert (edited.status_code, edited.json()["place"], edited.json()["meets_on"]) == (
        200,
        "Phòng họp số 2",
        "2026-04-16",
    )
    bad = send(staff, "put", f"/briefings/{briefing.pk}", {**body, "period": "2026-Q9"})
    assert bad.status_code == 422
    assert "Kỳ báo cáo không hợp lệ" in bad.json()["detail"]
    assert audit_count("briefings.edit") == 1


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/briefings/{b}/agenda", None),
        ("put", "/briefings/{b}/agenda", {"items": [{"title": "Lạ"}]}),
        ("get", "/briefings/{b}/participants", None),
        ("get", "/briefings/{b}/points", None),
        ("post", "/briefings/{b}/points", {"name": "Lạ"}),
        ("delete", "/briefing-points/{p}", None),
        ("get", "/briefings/{b}/contributions", None),
        ("get", "/briefings/{b}/conclusions", None),
        ("get", "/briefings/{b}/proposals", None),
    ],
)
def test_another_provinces_briefing_is_404_and_a_reader_gets_403(
    world: World, method: str, path: str, body: Any
) -> None:
    elsewhere = support.planned(world.other_province)
    point = actions.add_point(elsewhere, by=None, name="Điểm cầu tỉnh bạn")
    url = path.format(b=elsewhere.pk, p=point.pk)
    assert send(client_for(world, "office_staff"), method, url, body).status_code == 404
    assert send(client_for(world, "commune_staff"), method, url, body).status_code == 404
    own = support.planned(world.province)
    own_point = actions.add_point(own, by=None, name="Điểm cầu tỉnh nhà")
    mine = path.format(b=own.pk, p=own_point.pk)
    expected = 200 if method == "get" else 403
    assert send(client_for(world, "delegate"), method, mine, body).status_code == expected
