"""The councils API: scoped reads, staff-only people, and writes through the same actions as the pages."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import World
from hdnd.accounts.models import ApiToken
from hdnd.councils.models import Agency, AgencyKind, Body, BodyKind, Membership, MembershipRole, Person
from hdnd.councils.tests.councils_support import audit_entries, current_term
from hdnd.councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    CommuneFactory,
    CouncilFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def as_user(client: Client, world: World, name: str = "council_admin") -> Client:
    client.force_login(world.user(name))
    return client


def post_json(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_api_answers_401_without_a_session_or_token(client: Client, world: World) -> None:
    for url in ("/councils/", f"/councils/{world.province.pk}/", "/people/", "/agencies/"):
        assert client.get(API + url).status_code == 401
    assert (
        post_json(
            client, f"{API}/councils/{world.province.pk}/bodies/", {"kind": "standing", "name": "X"}
        ).status_code
        == 401
    )


def test_a_bearer_token_is_enough(client: Client, world: World) -> None:
    _, key = ApiToken.issue(world.user("auditor"), "báo cáo")
    response = client.get(f"{API}/councils/", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response.json()["count"] == 3  # the province and its two communes


def test_the_council_list_is_scoped_paginated_and_filtered(client: Client, world: World) -> None:
    data = as_user(client, world, "commune_staff").get(f"{API}/councils/").json()
    assert (data["count"], [c["name"] for c in data["items"]]) == (1, ["HĐND xã Đông Hòa"])
    as_user(client, world, "system_admin")
    data = client.get(f"{API}/councils/", {"level": "commune", "q": "tay thuy"}).json()
    assert [c["name"] for c in data["items"]] == ["HĐND phường Tây Thủy"]
    assert data["items"][0]["unit_name"] == "Phường Tây Thủy"
    data = client.get(f"{API}/councils/", {"page_size": 2, "page": 2}).json()
    assert (data["count"], len(data["items"])) == (5, 2)
    assert client.get(f"{API}/councils/", {"level": "thon"}).status_code == 422


def test_the_council_list_queries_do_not_grow_with_councils(client: Client, world: World) -> None:
    as_user(client, world, "system_admin").get(f"{API}/councils/")  # warm up the session and caches
    with CaptureQueriesContext(connection) as before:
        client.get(f"{API}/councils/")
    for number in range(20):
        CouncilFactory.create(
            unit=CommuneFactory.create(parent=world.province.unit, name=f"Xã Số {number}"),
            parent=world.province,
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(f"{API}/councils/").json()["count"] == 25
    assert len(after) == len(before)


def test_a_council_comes_with_its_terms_and_bodies(client: Client, world: World) -> None:
    term = current_term(world.province, seats=50)
    BodyFactory.create(council=world.province, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    data = as_user(client, world, "delegate").get(f"{API}/councils/{world.province.pk}/").json()
    assert data["terms"] == [
        {
            "id": term.pk,
            "number": 16,
            "label": str(term),
            "starts_on": term.starts_on.isoformat(),
            "ends_on": str(term.ends_on),
            "delegate_seats": 50,
        }
    ]
    assert [(b["kind"], b["kind_label"], b["name"]) for b in data["bodies"]] == [
        ("ban_phap_che", "Ban Pháp chế", "Ban Pháp chế")
    ]
    bodies = client.get(f"{API}/councils/{world.province.pk}/bodies/").json()
    assert [b["name"] for b in bodies] == ["Ban Pháp chế"]


def test_a_council_outside_the_scope_answers_404(client: Client, world: World) -> None:
    response = as_user(client, world, "delegate").get(f"{API}/councils/{world.commune.pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy, hoặc bạn không có quyền xem."


def test_creating_a_body_answers_201_with_one_audit_entry(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/bodies/"
    response = post_json(as_user(client, world), url, {"kind": "ban_do_thi", "name": "Ban Đô thị"})
    assert response.status_code == 201
    assert response.json()["kind_label"] == "Ban Đô thị"
    assert Body.objects.get(pk=response.json()["id"]).council == world.province
    assert audit_entries("councils.create_body") == 1


def test_a_commune_body_the_level_does_not_allow_answers_422_in_vietnamese(
    client: Client, world: World
) -> None:
    url = f"{API}/councils/{world.commune.pk}/bodies/"
    response = post_json(
        as_user(client, world, "commune_staff"), url, {"kind": "ban_do_thi", "name": "Ban Đô thị"}
    )
    assert response.status_code == 422
    message = (
        "HĐND cấp xã không có Ban Đô thị; các Ban được lập ở cấp này: "
        "Ban Kinh tế – Ngân sách, Ban Văn hóa – Xã hội."
    )
    assert response.json() == {"detail": message, "errors": {"kind": [message]}}
    assert audit_entries("councils.create_body") == 0


def test_creating_a_body_needs_the_right_to_manage_the_council(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/bodies/"
    response = post_json(
        as_user(client, world, "standing_member"), url, {"kind": "standing", "name": "Thường trực HĐND"}
    )
    assert response.status_code == 403
    response = post_json(
        as_user(client, world, "commune_staff"), url, {"kind": "standing", "name": "Thường trực HĐND"}
    )
    assert response.status_code == 404
    assert not Body.objects.exists()


def test_people_are_for_staff_who_may_see_people(client: Client, world: World) -> None:
    PersonFactory.create(council=world.province, full_name="Nguyễn Thị Tỉnh", email="tinh@example.org")
    PersonFactory.create(council=world.commune, full_name="Trần Văn Xã")
    PersonFactory.create(council=world.other_province, full_name="Lê Văn Ngoài")
    refused = as_user(client, world, "delegate").get(f"{API}/people/")
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "Tài khoản của bạn không được phép thực hiện thao tác này."},
    )
    data = as_user(client, world, "standing_member").get(f"{API}/people/").json()
    assert sorted(p["full_name"] for p in data["items"]) == ["Nguyễn Thị Tỉnh", "Trần Văn Xã"]
    assert data["items"][0]["email"] == "tinh@example.org"
    data = client.get(f"{API}/people/", {"council": str(world.commune.pk), "q": "tran van"}).json()
    assert [p["full_name"] for p in data["items"]] == ["Trần Văn Xã"]
    assert client.get(f"{API}/people/", {"council": world.other_province.pk}).status_code == 404


def test_one_person_comes_with_their_seats(client: Client, world: World) -> None:
    person = PersonFactory.create(council=world.province, full_name="Phạm Thị Ghế")
    body = BodyFactory.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    Membership.objects.create(
        person=person, council=world.province, body=body, role=MembershipRole.CHAIR, starts_on="2021-06-01"
    )
    data = as_user(client, world, "auditor").get(f"{API}/people/{person.pk}/").json()
    assert [(m["role_label"], m["body_name"]) for m in data["memberships"]] == [
        ("Chủ tịch", "Thường trực HĐND")
    ]
    assert as_user(client, world, "delegate").get(f"{API}/people/{person.pk}/").status_code == 403
    other = PersonFactory.create(council=world.other_province)
    assert client.get(f"{API}/people/{other.pk}/").status_code == 404


def test_the_people_list_queries_do_not_grow_with_people(client: Client, world: World) -> None:
    Membership.objects.create(
        person=PersonFactory.create(council=world.province),
        council=world.province,
        role="delegate",
        starts_on="2021-06-01",
    )
    as_user(client, world).get(f"{API}/people/")  # warm up the session and caches
    with CaptureQueriesContext(connection) as before:
        client.get(f"{API}/people/")
    for _ in range(20):
        person = PersonFactory.create(council=world.province)
        Membership.objects.create(
            person=person, council=world.province, role="delegate", starts_on="2021-06-01"
        )
    with CaptureQueriesContext(connection) as after:
        assert client.get(f"{API}/people/").json()["count"] == 21
    assert len(after) == len(before)


def test_creating_a_person_answers_201_with_one_audit_entry(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.commune.pk}/people/"
    payload = {
        "full_name": "Hoà  Thị  Khoảng Trắng",
        "gender": "F",
        "birth_year": 1990,
        "phone": "0900 000 003",
    }
    response = post_json(as_user(client, world, "commune_staff"), url, payload)
    assert response.status_code == 201
    assert Person.objects.get(pk=response.json()["id"]).council == world.commune
    assert audit_entries("councils.create_person") == 1


def test_a_person_with_a_bad_email_answers_422(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/people/"
    response = post_json(as_user(client, world), url, {"full_name": "Ngô Văn Thư", "email": "ngô@"})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["email"]
    assert audit_entries("councils.create_person") == 0


def test_agencies_are_listed_by_council_within_scope(client: Client, world: World) -> None:
    AgencyFactory.create(council=world.commune, name="UBND xã Đông Hòa", kind=AgencyKind.PEOPLES_COMMITTEE)
    AgencyFactory.create(council=world.other_province, name="UBND tỉnh Bắc Sơn")
    data = as_user(client, world, "standing_member").get(f"{API}/agencies/").json()
    assert sorted(a["name"] for a in data["items"]) == ["Sở Xây dựng tỉnh An Bình", "UBND xã Đông Hòa"]
    data = client.get(f"{API}/agencies/", {"council": world.commune.pk}).json()
    assert [a["name"] for a in data["items"]] == ["UBND xã Đông Hòa"]
    assert client.get(f"{API}/agencies/", {"council": world.other_province.pk}).status_code == 404


def test_creating_an_agency_links_its_superior_with_one_audit_entry(client: Client, world: World) -> None:
    top = AgencyFactory.create(
        council=world.province, name="UBND tỉnh An Bình", kind=AgencyKind.PEOPLES_COMMITTEE
    )
    url = f"{API}/councils/{world.commune.pk}/agencies/"
    payload = {"name": "UBND xã Đông Hòa", "kind": "ubnd", "superior_id": top.pk}
    response = post_json(as_user(client, world, "commune_staff"), url, payload)
    assert response.status_code == 201
    assert response.json()["superior_id"] == top.pk
    assert audit_entries("councils.create_agency") == 1


def test_an_agency_with_a_superior_elsewhere_answers_422(client: Client, world: World) -> None:
    foreign = AgencyFactory.create(council=world.other_province, name="UBND tỉnh Bắc Sơn")
    url = f"{API}/councils/{world.province.pk}/agencies/"
    response = post_json(
        as_user(client, world), url, {"name": "Sở Tư pháp", "kind": "so_nganh", "superior_id": foreign.pk}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "superior": ["Cơ quan cấp trên phải thuộc HĐND này hoặc HĐND cấp trên."]
    }
    response = post_json(client, url, {"name": "Sở Tư pháp", "kind": "so_nganh", "superior_id": 999999})
    assert response.status_code == 422
    assert not Agency.objects.filter(name="Sở Tư pháp").exists()


def test_api_text_is_stored_in_nfc_and_blank_names_are_refused(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/agencies/"
    before = Agency.objects.count()
    decomposed = unicodedata.normalize("NFD", "  Sở Tài nguyên và Môi trường ")
    response = post_json(as_user(client, world), url, {"name": decomposed, "kind": AgencyKind.DEPARTMENT})
    assert response.status_code == 201, response.content
    assert Agency.objects.get(pk=response.json()["id"]).name == "Sở Tài nguyên và Môi trường"
    blank = post_json(client, url, {"name": "   ", "kind": AgencyKind.DEPARTMENT})
    assert blank.status_code == 422
    assert Agency.objects.count() == before + 1
