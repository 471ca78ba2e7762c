"""The demo loader on a tiny fake Hà Nội (code "01" with three communes), never the national list."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.accounts.scope import scope_of
from hdnd.core.models import AuditEntry
from hdnd.councils import demo
from hdnd.councils.models import (
    Agency,
    Body,
    BodyKind,
    Council,
    Level,
    Membership,
    MembershipRole,
    Person,
    Term,
    UnitKind,
)
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ha_noi(db: Any) -> Any:
    city = ProvinceFactory.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CENTRAL_CITY)
    CommuneFactory.create(parent=city, code="00004", name="Phường Ba Đình", kind=UnitKind.WARD)
    CommuneFactory.create(parent=city, code="00070", name="Phường Hoàn Kiếm", kind=UnitKind.WARD)
    CommuneFactory.create(parent=city, code="16279", name="Xã Sóc Sơn")
    CommuneFactory.create(parent=city, code="99999", name="Phường Đã Giải Thể", valid_to=date(2025, 12, 31))
    return city


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_without_units_the_demo_asks_for_load_units(db: Any) -> None:
    with pytest.raises(CommandError, match=r"Hãy chạy trước: python manage\.py load_units"):
        call_command("load_demo", stdout=io.StringIO())


def test_the_demo_builds_the_city_and_a_council_for_every_current_commune(ha_noi: Any) -> None:
    output = load()
    city = Council.objects.get(unit=ha_noi)
    assert (city.name, city.level, city.name_key) == (
        "HĐND thành phố Hà Nội",
        Level.PROVINCE,
        "hdnd thanh pho ha noi",
    )
    communes = Council.objects.filter(parent=city).order_by("name")
    assert [c.name for c in communes] == ["HĐND phường Ba Đình", "HĐND phường Hoàn Kiếm", "HĐND xã Sóc Sơn"]
    assert [str(t) for t in city.terms.order_by("number")] == [
        "Khóa XVI, nhiệm kỳ 2021–2026",
        "Khóa XVII, nhiệm kỳ 2026–2031",
    ]
    assert Term.objects.filter(council=communes[0]).count() == len(demo.COMMUNE_TERMS)
    assert set(city.bodies.values_list("kind", flat=True)) == {
        BodyKind.STANDING,
        BodyKind.LEGAL,
        BodyKind.ECONOMY_BUDGET,
        BodyKind.CULTURE_SOCIETY,
        BodyKind.URBAN,
        BodyKind.DELEGATE_GROUP,
        BodyKind.OFFICE,
    }
    assert set(communes[2].bodies.values_list("kind", flat=True)) == {
        BodyKind.STANDING,
        BodyKind.ECONOMY_BUDGET,
        BodyKind.CULTURE_SOCIETY,
    }
    assert "Đã tạo dữ liệu trình diễn: 4 HĐND" in output


def test_every_demo_record_passes_the_models_rules(ha_noi: Any) -> None:
    load()
    for model in (Term, Body, Person, Membership, Agency):
        for obj in model.objects.all():
            obj.full_clean(exclude=["name_key"], validate_constraints=False)


def test_demo_people_hold_seats_in_the_city_and_the_demo_wards(ha_noi: Any) -> None:
    load()
    city = Council.objects.get(unit=ha_noi)
    chair = Membership.objects.get(council=city, role=MembershipRole.CHAIR)
    assert chair.person.full_name == "Nguyễn Thị Minh Họa"
    assert str(chair.body) == "Thường trực HĐND"
    assert chair.person.email == "nguyen.thi.minh.hoa@example.org"
    delegates = Membership.objects.filter(council=city).delegates().count()
    assert delegates == sum(1 for spec in demo.CITY_PEOPLE if spec.delegate)
    ward = Council.objects.get(name="HĐND phường Ba Đình")
    assert Person.objects.filter(council=ward).count() == len(demo.WARD_PEOPLE)


def test_demo_agencies_escalate_to_the_city_peoples_committee(ha_noi: Any) -> None:
    load()
    top = Agency.objects.get(name="UBND thành phố Hà Nội")
    assert Agency.objects.get(name="Sở Xây dựng Hà Nội").superior == top
    assert Agency.objects.get(name="UBND phường Ba Đình").superior == top
    assert Agency.objects.get(name="Tòa án nhân dân thành phố Hà Nội").superior is None


def test_one_demo_user_per_role_signs_in_with_the_shared_password(ha_noi: Any, client: Client) -> None:
    output = load()
    city = Council.objects.get(unit=ha_noi)
    ward = Council.objects.get(name="HĐND phường Ba Đình")
    for spec in demo.USERS:
        assert f"{spec.username}  " in output
        assert User.objects.get(username=spec.username).check_password(demo.PASSWORD)
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    assert RoleAssignment.objects.get(user__username="commune_staff").council == ward
    responder = RoleAssignment.objects.get(user__username="agency_responder")
    assert responder.agency is not None
    assert responder.agency.name == "Sở Xây dựng Hà Nội"
    assert str(RoleAssignment.objects.get(user__username="delegate").person) == demo.DEMO_DELEGATE
    assert scope_of(User.objects.get(username="council_admin")).sees(ward.pk)
    assert not scope_of(User.objects.get(username="delegate")).sees(ward.pk)
    assert scope_of(User.objects.get(username="office_staff")).can(city.pk, "manage_people")

    response = client.post(reverse("accounts:login"), {"username": "auditor", "password": demo.PASSWORD})
    assert response.status_code == 302


def test_the_demo_can_run_twice_without_creating_anything_more(
    ha_noi: Any, django_assert_max_num_queries: Any
) -> None:
    load()
    counts = [
        model.objects.count()
        for model in (Council, Term, Body, Person, Membership, Agency, User, RoleAssignment)
    ]
    audits = AuditEntry.objects.count()
    with django_assert_max_num_queries(40):
        output = load()
    assert "Dữ liệu trình diễn đã có; không tạo thêm." in output
    assert [
        m.objects.count() for m in (Council, Term, Body, Person, Membership, Agency, User, RoleAssignment)
    ] == counts
    assert AuditEntry.objects.count() == audits


def test_the_demo_records_one_audit_entry_with_its_counts(ha_noi: Any) -> None:
    load()
    entry = AuditEntry.objects.get(action="councils.load_demo")
    assert entry.actor_label == "load_demo"
    assert entry.after == {
        "councils": 4,
        "terms": 8,
        "bodies": 18,
        "people": 34,
        "memberships": 80,
        "agencies": 14,
        "users": 9,
        "roles": 9,
    }


def test_the_demo_password_satisfies_the_validators() -> None:
    from django.contrib.auth.password_validation import validate_password

    validate_password(demo.PASSWORD, User(username="delegate"))
