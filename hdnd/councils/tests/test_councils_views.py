"""The council pages: lists, details and every write page (success, refusal, message, one audit entry)."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World
from hdnd.councils.models import (
    Agency,
    AgencyKind,
    Body,
    BodyKind,
    Council,
    Membership,
    MembershipRole,
    Person,
    Term,
)
from hdnd.councils.tests.councils_support import assert_hides, assert_shows, audit_entries, current_term
from hdnd.councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    CommuneFactory,
    CouncilFactory,
    PersonFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def signed_in(client: Client, world: World, name: str = "council_admin") -> Client:
    client.force_login(world.user(name))
    return client


def seat(
    person: Person, body: Body | None = None, role: str = MembershipRole.DELEGATE, **extra: Any
) -> Membership:
    return Membership.objects.create(
        person=person, council=person.council, body=body, role=role, starts_on=date(2021, 6, 1), **extra
    )


def query_count(client: Client, url: str) -> int:
    client.get(url)  # warm up the session and caches, so the count is the page's own
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Councils ----------------------------------------------------------------------------------------


def test_council_list_shows_only_the_councils_the_user_sees(client: Client, world: World) -> None:
    page = signed_in(client, world, "commune_staff").get(reverse("councils:council_list")).content.decode()
    assert_shows(page, "HĐND xã Đông Hòa", "HĐND tỉnh An Bình")  # its own council, and the parent's name
    assert_hides(page, f'href="{world.province.get_absolute_url()}"', "HĐND xã Nam Đàn")


def test_council_list_search_ignores_accents_and_filters_by_level(client: Client, world: World) -> None:
    signed_in(client, world, "system_admin")
    page = client.get(reverse("councils:council_list"), {"q": "dong hoa"}).content.decode()
    assert_shows(page, "HĐND xã Đông Hòa")
    assert_hides(page, "HĐND phường Tây Thủy")
    page = client.get(reverse("councils:council_list"), {"level": "province"}).content.decode()
    assert_shows(page, "HĐND tỉnh Bắc Sơn")
    assert_hides(page, "HĐND xã Đông Hòa")


def test_council_list_answers_htmx_with_the_rows_only(client: Client, world: World) -> None:
    response = signed_in(client, world).get(reverse("councils:council_list"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="council-rows">')
    assert "<html" not in body


def test_council_list_queries_do_not_grow_with_councils(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    url = reverse("councils:council_list")
    baseline = query_count(signed_in(client, world), url)
    for number in range(30):
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Mới {number}")
        CouncilFactory.create(unit=unit, parent=world.province)
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_council_detail_shows_unit_family_term_seats_bodies_and_agencies(
    client: Client, world: World
) -> None:
    council = world.province
    term = current_term(council, number=16, seats=50)
    standing = BodyFactory.create(council=council, kind=BodyKind.STANDING, name="Thường trực HĐND")
    chair = PersonFactory.create(council=council, full_name="Nguyễn Thị Chủ Tọa")
    seat(chair, standing, MembershipRole.CHAIR)
    for person in (chair, PersonFactory.create(council=council)):
        seat(person, term=term)
    page = signed_in(client, world, "delegate").get(council.get_absolute_url()).content.decode()
    assert council.unit.get_absolute_url() in page
    assert_hides(page, "HĐND xã Đông Hòa")  # a delegate does not see the councils below
    assert_shows(page, "Khóa XVI", "<strong>2</strong>/50 ghế")
    assert_shows(page, "Nguyễn Thị Chủ Tọa", "Chủ tịch")
    assert "Sở Xây dựng tỉnh An Bình" in page
    assert "Thêm cơ quan" not in page  # a delegate may not manage the council
    page = signed_in(client, world, "standing_member").get(council.get_absolute_url()).content.decode()
    assert_shows(page, "HĐND xã Đông Hòa", "HĐND phường Tây Thủy")


def test_council_detail_queries_do_not_grow_with_bodies_and_members(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    council = world.province
    current_term(council)
    seat(PersonFactory.create(council=council), BodyFactory.create(council=council), MembershipRole.CHAIR)
    url = council.get_absolute_url()
    baseline = query_count(signed_in(client, world), url)
    for number in range(8):
        body = BodyFactory.create(
            council=council, kind=BodyKind.DELEGATE_GROUP, name=f"Tổ đại biểu số {number}"
        )
        for _ in range(3):
            seat(PersonFactory.create(council=council), body, MembershipRole.MEMBER)
        AgencyFactory.create(council=council)
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_editing_a_council_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    url = reverse("councils:council_edit", args=[world.province.pk])
    data = {
        "name": "HĐND tỉnh An Bình",
        "address": "Số 1 Đường Hòa Bình",
        "email": "hdnd@anbinh.example",
        "phone": "",
    }
    response = signed_in(client, world).post(url, data)
    assert response.status_code == 302
    assert Council.objects.get(pk=world.province.pk).address == "Số 1 Đường Hòa Bình"
    assert audit_entries("councils.update_council") == 1


def test_a_council_email_that_is_not_an_address_is_refused_in_vietnamese(
    client: Client, world: World
) -> None:
    url = reverse("councils:council_edit", args=[world.province.pk])
    response = signed_in(client, world).post(url, {"name": "HĐND tỉnh An Bình", "email": "không-phải-email"})
    assert response.status_code == 422
    assert "Địa chỉ thư điện tử không hợp lệ." in response.content.decode()
    assert audit_entries("councils.update_council") == 0


def test_staff_of_a_commune_cannot_edit_the_province_above_it(client: Client, world: World) -> None:
    url = reverse("councils:council_edit", args=[world.province.pk])
    assert signed_in(client, world, "commune_staff").get(url).status_code == 404
    assert signed_in(client, world, "standing_member").get(url).status_code == 403


# Terms -------------------------------------------------------------------------------------------


def test_adding_a_term_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    url = reverse("councils:term_add", args=[world.province.pk])
    data = {"number": 17, "starts_on": "2026-03-15", "ends_on": "2031-03-14", "delegate_seats": 60}
    response = signed_in(client, world).post(url, data)
    assert response.status_code == 302
    term = Term.objects.get(council=world.province)
    assert (str(term), term.delegate_seats) == ("Khóa XVII, nhiệm kỳ 2026–2031", 60)
    assert audit_entries("councils.create_term") == 1


def test_a_term_overlapping_another_is_refused_with_a_message(client: Client, world: World) -> None:
    TermFactory.create(
        council=world.province, number=16, starts_on=date(2021, 5, 23), ends_on=date(2026, 3, 14)
    )
    url = reverse("councils:term_add", args=[world.province.pk])
    response = signed_in(client, world).post(url, {"number": 17, "starts_on": "2026-01-01"})
    assert "Thời gian trùng với Khóa XVI, nhiệm kỳ 2021–2026." in response.content.decode()
    response = client.post(url, {"number": 16, "starts_on": "2031-06-01"})
    assert "HĐND đã có khóa XVI." in response.content.decode()
    assert audit_entries("councils.create_term") == 0


def test_a_term_ending_before_it_starts_is_refused(client: Client, world: World) -> None:
    url = reverse("councils:term_add", args=[world.province.pk])
    response = signed_in(client, world).post(
        url, {"number": 17, "starts_on": "2026-03-15", "ends_on": "2025-01-01"}
    )
    assert "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu." in response.content.decode()


def test_editing_a_term_records_only_what_changed(client: Client, world: World) -> None:
    term = TermFactory.create(
        council=world.province, number=16, starts_on=date(2021, 5, 23), ends_on=date(2026, 3, 14)
    )
    url = reverse("councils:term_edit", args=[term.pk])
    data = {"number": 16, "starts_on": "2021-05-23", "ends_on": "2026-03-14", "delegate_seats": 95}
    assert signed_in(client, world).post(url, data).status_code == 302
    from hdnd.core.models import AuditEntry

    entry = AuditEntry.objects.get(action="councils.update_term")
    assert (entry.before, entry.after) == ({"delegate_seats": None}, {"delegate_seats": 95})


# Bodies ------------------------------------------------------------------------------------------


def test_adding_a_committee_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    url = reverse("councils:body_add", args=[world.province.pk])
    response = signed_in(client, world).post(url, {"kind": BodyKind.URBAN, "name": "Ban Đô thị"})
    assert response.status_code == 302
    assert Body.objects.get(council=world.province).kind == BodyKind.URBAN
    assert audit_entries("councils.create_body") == 1


def test_a_commune_council_cannot_have_a_legal_committee(client: Client, world: World) -> None:
    url = reverse("councils:body_add", args=[world.commune.pk])
    response = signed_in(client, world, "commune_staff").post(
        url, {"kind": BodyKind.LEGAL, "name": "Ban Pháp chế"}
    )
    assert response.status_code == 422
    assert (
        "HĐND cấp xã không có Ban Pháp chế; các Ban được lập ở cấp này: Ban Kinh tế – Ngân sách, "
        "Ban Văn hóa – Xã hội." in response.content.decode()
    )
    assert not Body.objects.filter(council=world.commune).exists()
    assert audit_entries("councils.create_body") == 0


def test_the_body_form_offers_only_the_kinds_the_level_allows(client: Client, world: World) -> None:
    page = signed_in(client, world, "commune_staff").get(
        reverse("councils:body_add", args=[world.commune.pk])
    )
    html = page.content.decode()
    assert_shows(html, 'value="ban_kinh_te_ngan_sach"')
    assert_hides(html, 'value="ban_phap_che"')
    assert_shows(html, 'value="to_dai_bieu"')
    assert_hides(html, 'value="ban_do_thi"')


def test_two_bodies_of_a_council_cannot_share_a_name(client: Client, world: World) -> None:
    BodyFactory.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    url = reverse("councils:body_add", args=[world.province.pk])
    response = signed_in(client, world).post(url, {"kind": BodyKind.STANDING, "name": "Thường trực HĐND"})
    assert "HĐND đã có cơ quan tên “Thường trực HĐND”." in response.content.decode()


def test_renaming_a_body_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    body = BodyFactory.create(council=world.province, kind=BodyKind.DELEGATE_GROUP, name="Tổ đại biểu số 1")
    url = reverse("councils:body_edit", args=[body.pk])
    data = {"kind": BodyKind.DELEGATE_GROUP, "name": "Tổ đại biểu huyện cũ Đông Hòa"}
    assert signed_in(client, world).post(url, data).status_code == 302
    assert Body.objects.get(pk=body.pk).name == "Tổ đại biểu huyện cũ Đông Hòa"
    assert audit_entries("councils.update_body") == 1


def test_dissolving_a_body_ends_its_current_seats_with_one_audit_entry(client: Client, world: World) -> None:
    body = BodyFactory.create(
        council=world.province, kind=BodyKind.ECONOMY_BUDGET, name="Ban Kinh tế – Ngân sách"
    )
    member = seat(PersonFactory.create(council=world.province), body, MembershipRole.HEAD)
    url = reverse("councils:body_dissolve", args=[body.pk])
    assert "1 thành viên đang giữ chức danh" in signed_in(client, world).get(url).content.decode()
    assert client.post(url, {"dissolved_on": "2025-12-31"}).status_code == 302
    assert Body.objects.get(pk=body.pk).dissolved_on == date(2025, 12, 31)
    assert Membership.objects.get(pk=member.pk).ends_on == date(2025, 12, 31)
    assert audit_entries("councils.dissolve_body") == 1
    response = client.post(url, {"dissolved_on": "2026-01-31"})
    assert "Ban Kinh tế – Ngân sách đã giải thể ngày 31/12/2025." in response.content.decode()
    assert audit_entries("councils.dissolve_body") == 1


def test_a_body_cannot_be_dissolved_before_a_member_started(client: Client, world: World) -> None:
    body = BodyFactory.create(council=world.province, kind=BodyKind.OFFICE, name="Văn phòng")
    seat(PersonFactory.create(council=world.province), body, MembershipRole.STAFF)  # from 01/06/2021
    response = signed_in(client, world).post(
        reverse("councils:body_dissolve", args=[body.pk]), {"dissolved_on": "2020-01-01"}
    )
    assert "Có thành viên bắt đầu sau ngày giải thể" in response.content.decode()


# People ------------------------------------------------------------------------------------------


def test_delegates_see_people_but_not_their_phone_or_email(client: Client, world: World) -> None:
    person = PersonFactory.create(
        council=world.province, full_name="Lê Thị Liên Hệ", email="lh@example.org", phone="0900 000 001"
    )
    for url in (
        reverse("councils:person_list", args=[world.province.pk]),
        reverse("councils:person_detail", args=[person.pk]),
    ):
        page = signed_in(client, world, "delegate").get(url).content.decode()
        assert_shows(page, "Lê Thị Liên Hệ")
        assert_hides(page, "lh@example.org", "0900 000 001")
        page = signed_in(client, world, "standing_member").get(url).content.decode()
        assert_shows(page, "lh@example.org", "0900 000 001")


def test_person_search_ignores_accents_and_can_keep_only_sitting_delegates(
    client: Client, world: World
) -> None:
    delegate = PersonFactory.create(council=world.province, full_name="Đỗ Văn Đại Biểu")
    seat(delegate)
    PersonFactory.create(council=world.province, full_name="Đỗ Thị Chuyên Viên")
    url = reverse("councils:person_list", args=[world.province.pk])
    page = signed_in(client, world).get(url, {"q": "do van dai bieu"}).content.decode()
    assert_shows(page, "Đỗ Văn Đại Biểu")
    assert_hides(page, "Đỗ Thị Chuyên Viên")
    page = client.get(url, {"q": "do", "delegates": "on"}).content.decode()
    assert_shows(page, "Đỗ Văn Đại Biểu")
    assert_hides(page, "Đỗ Thị Chuyên Viên")


def test_person_list_queries_do_not_grow_with_people(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    url = reverse("councils:person_list", args=[world.province.pk])
    body = BodyFactory.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    seat(PersonFactory.create(council=world.province), body, MembershipRole.CHAIR)
    baseline = query_count(signed_in(client, world), url)
    for _ in range(30):
        person = PersonFactory.create(council=world.province)
        seat(person)
        seat(person, body, MembershipRole.MEMBER)
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_adding_a_person_stores_nfc_text_with_one_audit_entry(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    response = signed_in(client, world).post(url, {"full_name": name, "gender": "F", "birth_year": 1980})
    person = Person.objects.get(council=world.province)
    assert response["Location"] == reverse("councils:person_detail", args=[person.pk])
    assert person.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")
    assert audit_entries("councils.create_person") == 1


def test_a_person_needs_a_name_and_a_plausible_birth_year(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    page = signed_in(client, world).post(url, {"full_name": "", "birth_year": 1850}).content.decode()
    assert_shows(page, "Vui lòng nhập thông tin này.", "Năm sinh không hợp lệ.")
    assert not Person.objects.filter(council=world.province).exists()


def test_editing_a_person_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    person = PersonFactory.create(council=world.province, full_name="Phạm Văn Cũ")
    url = reverse("councils:person_edit", args=[person.pk])
    assert (
        signed_in(client, world).post(url, {"full_name": "Phạm Văn Mới", "phone": "0900 000 002"}).status_code
        == 302
    )
    assert Person.objects.get(pk=person.pk).name_key == "pham van moi"
    assert audit_entries("councils.update_person") == 1


def test_people_of_another_province_answer_404_and_editing_without_the_right_403(
    client: Client, world: World
) -> None:
    other = PersonFactory.create(council=world.other_province)
    own = PersonFactory.create(council=world.province)
    assert signed_in(client, world).get(reverse("councils:person_detail", args=[other.pk])).status_code == 404
    assert (
        signed_in(client, world, "auditor").get(reverse("councils:person_edit", args=[own.pk])).status_code
        == 403
    )


# Memberships -------------------------------------------------------------------------------------


def test_adding_a_delegate_seat_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    term = current_term(world.province)
    person = PersonFactory.create(council=world.province)
    url = reverse("councils:membership_add", args=[world.province.pk])
    page = signed_in(client, world).get(url, {"person": person.pk}).content.decode()
    assert f'<option value="{person.pk}" selected>' in page
    data = {
        "person": person.pk,
        "role": MembershipRole.DELEGATE,
        "term": term.pk,
        "starts_on": "2025-07-01",
        "constituency": "Đơn vị bầu cử số 2",
        "full_time": "on",
    }
    response = client.post(url, data)
    assert response["Location"] == reverse("councils:person_detail", args=[person.pk])
    membership = Membership.objects.get(person=person)
    assert (membership.body, membership.full_time, membership.constituency) == (
        None,
        True,
        "Đơn vị bầu cử số 2",
    )
    assert audit_entries("councils.add_membership") == 1


def test_a_role_the_body_does_not_have_is_refused(client: Client, world: World) -> None:
    committee = BodyFactory.create(council=world.province, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    person = PersonFactory.create(council=world.province)
    url = reverse("councils:membership_add", args=[world.province.pk])
    data = {
        "person": person.pk,
        "body": committee.pk,
        "role": MembershipRole.CHAIR,
        "starts_on": "2025-07-01",
    }
    page = signed_in(client, world).post(url, data).content.decode()
    assert "Ban Pháp chế chỉ có các chức danh: Trưởng ban, Phó Trưởng ban, Ủy viên / thành viên." in page
    data = {"person": person.pk, "role": MembershipRole.HEAD, "starts_on": "2025-07-01"}
    page = client.post(url, data).content.decode()
    assert "Tư cách đại biểu (không thuộc cơ quan nào) chỉ có các chức danh: Đại biểu HĐND." in page
    assert audit_entries("councils.add_membership") == 0


def test_a_person_of_another_council_cannot_be_given_a_seat(client: Client, world: World) -> None:
    outsider = PersonFactory.create(council=world.commune)
    url = reverse("councils:membership_add", args=[world.province.pk])
    data = {"person": outsider.pk, "role": MembershipRole.DELEGATE, "starts_on": "2025-07-01"}
    assert "Lựa chọn không thuộc HĐND này." in signed_in(client, world).post(url, data).content.decode()


def test_a_seat_already_held_is_not_given_twice(client: Client, world: World) -> None:
    person = PersonFactory.create(council=world.province, full_name="Võ Văn Trùng")
    seat(person)
    url = reverse("councils:membership_add", args=[world.province.pk])
    data = {"person": person.pk, "role": MembershipRole.DELEGATE, "starts_on": "2025-07-01"}
    assert "Võ Văn Trùng đang giữ chức danh này." in signed_in(client, world).post(url, data).content.decode()


def test_ending_a_seat_saves_the_last_day_with_one_audit_entry(client: Client, world: World) -> None:
    membership = seat(PersonFactory.create(council=world.province))
    url = reverse("councils:membership_end", args=[membership.pk])
    response = signed_in(client, world).post(url, {"ends_on": "2025-06-30"})
    assert response["Location"] == reverse("councils:person_detail", args=[membership.person_id])
    assert Membership.objects.get(pk=membership.pk).ends_on == date(2025, 6, 30)
    assert audit_entries("councils.end_membership") == 1


def test_a_seat_cannot_end_before_it_began(client: Client, world: World) -> None:
    membership = seat(PersonFactory.create(council=world.province))  # from 01/06/2021
    response = signed_in(client, world).post(
        reverse("councils:membership_end", args=[membership.pk]), {"ends_on": "2020-01-01"}
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert audit_entries("councils.end_membership") == 0


# Agencies ----------------------------------------------------------------------------------------


def test_agency_list_queries_do_not_grow_with_agencies(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    url = reverse("councils:agency_list", args=[world.province.pk])
    baseline = query_count(signed_in(client, world), url)
    top = AgencyFactory.create(
        council=world.province, kind=AgencyKind.PEOPLES_COMMITTEE, name="UBND tỉnh An Bình"
    )
    for _ in range(30):
        AgencyFactory.create(council=world.province, superior=top)
    with django_assert_max_num_queries(baseline):
        client.get(url)


def test_a_ward_agency_may_report_to_the_province_above_it(client: Client, world: World) -> None:
    top = AgencyFactory.create(
        council=world.province, kind=AgencyKind.PEOPLES_COMMITTEE, name="UBND tỉnh An Bình"
    )
    url = reverse("councils:agency_add", args=[world.commune.pk])
    data = {
        "name": "UBND xã Đông Hòa",
        "kind": AgencyKind.PEOPLES_COMMITTEE,
        "superior": top.pk,
        "is_active": "on",
    }
    response = signed_in(client, world, "commune_staff").post(url, data)
    assert response["Location"] == reverse("councils:agency_list", args=[world.commune.pk])
    assert Agency.objects.get(name="UBND xã Đông Hòa").superior == top
    assert audit_entries("councils.create_agency") == 1


def test_a_superior_in_another_province_is_refused(client: Client, world: World) -> None:
    foreign = AgencyFactory.create(council=world.other_province, name="UBND tỉnh Bắc Sơn")
    url = reverse("councils:agency_add", args=[world.province.pk])
    data = {"name": "Sở Tư pháp", "kind": AgencyKind.DEPARTMENT, "superior": foreign.pk}
    page = signed_in(client, world).post(url, data).content.decode()
    assert "Cơ quan cấp trên phải thuộc HĐND này hoặc HĐND cấp trên." in page
    assert audit_entries("councils.create_agency") == 0


def test_an_agency_cannot_report_to_one_of_its_own_subordinates(client: Client, world: World) -> None:
    top = AgencyFactory.create(council=world.province, name="UBND tỉnh An Bình")
    department = AgencyFactory.create(council=world.province, name="Sở Nội vụ", superior=top)
    url = reverse("councils:agency_edit", args=[top.pk])
    data = {"name": "UBND tỉnh An Bình", "kind": AgencyKind.PEOPLES_COMMITTEE, "superior": department.pk}
    page = signed_in(client, world).post(url, data).content.decode()
    assert "Cơ quan cấp trên không được là chính cơ quan này hoặc một cơ quan cấp dưới của nó." in page
    assert Agency.objects.get(pk=top.pk).superior is None


def test_editing_an_agency_saves_it_with_one_audit_entry(client: Client, world: World) -> None:
    agency = Agency.objects.get(name="Sở Xây dựng tỉnh An Bình")
    url = reverse("councils:agency_edit", args=[agency.pk])
    data = {"name": "Sở Xây dựng tỉnh An Bình", "kind": AgencyKind.DEPARTMENT, "email": "sxd@anbinh.example"}
    assert signed_in(client, world).post(url, data).status_code == 302
    agency.refresh_from_db()
    assert (agency.email, agency.is_active) == ("sxd@anbinh.example", False)
    assert audit_entries("councils.update_agency") == 1


def test_two_agencies_of_a_council_cannot_share_a_name(client: Client, world: World) -> None:
    url = reverse("councils:agency_add", args=[world.province.pk])
    data = {"name": "Sở Xây dựng tỉnh An Bình", "kind": AgencyKind.DEPARTMENT}
    page = signed_in(client, world).post(url, data).content.decode()
    assert "HĐND đã có cơ quan, tổ chức tên “Sở Xây dựng tỉnh An Bình”." in page


def test_dates_default_to_today_on_the_end_forms(client: Client, world: World) -> None:
    membership = seat(PersonFactory.create(council=world.province))
    page = (
        signed_in(client, world)
        .get(reverse("councils:membership_end", args=[membership.pk]))
        .content.decode()
    )
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in page  # day-first, as councils write dates


def test_edit_pages_refuse_bad_input_with_a_message_and_no_audit_entry(client: Client, world: World) -> None:
    council = world.province
    term = TermFactory.create(
        council=council, number=16, starts_on=date(2021, 5, 23), ends_on=date(2026, 3, 14)
    )
    BodyFactory.create(council=council, kind=BodyKind.STANDING, name="Thường trực HĐND")
    group = BodyFactory.create(council=council, kind=BodyKind.DELEGATE_GROUP, name="Tổ đại biểu số 1")
    person = PersonFactory.create(council=council)
    cases = [
        (
            "term_edit",
            term.pk,
            {"number": 16, "starts_on": "2021-05-23", "ends_on": "2020-01-01"},
            "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.",
            "councils.update_term",
        ),
        (
            "body_edit",
            group.pk,
            {"kind": BodyKind.DELEGATE_GROUP, "name": "Thường trực HĐND"},
            "HĐND đã có cơ quan tên “Thường trực HĐND”.",
            "councils.update_body",
        ),
        (
            "person_edit",
            person.pk,
            {"full_name": "Ai Đó", "email": "ai-đó"},
            "Địa chỉ thư điện tử không hợp lệ.",
            "councils.update_person",
        ),
    ]
    signed_in(client, world)
    for name, pk, data, message, action in cases:
        response = client.post(reverse(f"councils:{name}", args=[pk]), data)
        assert response.status_code == 422, name
        assert message in response.content.decode(), name
        assert audit_entries(action) == 0, name


def test_the_council_tabs_offer_users_and_audit_log_only_to_those_who_may_open_them(
    client: Any, world: World
) -> None:
    page = reverse("councils:council_detail", args=[world.province.pk])
    client.force_login(world.user("council_admin"))
    body = client.get(page).content.decode()
    assert reverse("accounts:user_list", args=[world.province.pk]) in body
    assert reverse("core:audit_log", args=[world.province.pk]) in body
    client.force_login(world.user("office_staff"))
    body = client.get(page).content.decode()
    assert reverse("accounts:user_list", args=[world.province.pk]) not in body
    assert reverse("core:audit_log", args=[world.province.pk]) not in body


def test_the_council_list_puts_the_province_before_its_communes(client: Any, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = client.get(reverse("councils:council_list"))
    names = [council.name for council in response.context["page"]]
    assert names == ["HĐND tỉnh An Bình", "HĐND phường Tây Thủy", "HĐND xã Đông Hòa"]


def test_a_long_agency_list_pages_with_htmx_links_that_swap_the_rows(client: Client, world: World) -> None:
    for number in range(50):  # 51 with the world's Sở Xây dựng: two pages of 50
        AgencyFactory.create(council=world.province, name=f"Phòng thử nghiệm số {number:02d}")
    url = reverse("councils:agency_list", args=[world.province.pk])
    page = signed_in(client, world).get(url).content.decode()
    assert "Trang 1/2" in page
    assert 'href="?page=2" hx-get="?page=2" hx-target="#agency-rows"' in page
    rows = client.get(url, {"page": 2}, headers={"HX-Request": "true"}).content.decode()
    assert rows.lstrip().startswith('<div id="agency-rows">')
    assert "Trang 2/2" in rows


def test_the_page_offers_no_dissolution_of_the_thuong_truc_and_refuses_it(
    client: Client, world: World
) -> None:
    standing = BodyFactory.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    ban = BodyFactory.create(council=world.province, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    page = signed_in(client, world).get(world.province.get_absolute_url()).content.decode()
    assert reverse("councils:body_dissolve", args=[standing.pk]) not in page
    assert reverse("councils:body_dissolve", args=[ban.pk]) in page
    url = reverse("councils:body_dissolve", args=[standing.pk])
    refused = client.post(url, {"dissolved_on": "2026-12-31"})
    assert refused.status_code == 422
    assert "Thường trực HĐND do luật định, không giải thể được" in refused.content.decode()
    assert Body.objects.get(pk=standing.pk).dissolved_on is None
    assert audit_entries("councils.dissolve_body") == 0
