"""Who sees which council, and may do what there (``hdnd.accounts.scope``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from conftest import World, make_user
from hdnd.accounts import actions
from hdnd.accounts.models import Role
from hdnd.accounts.scope import (
    BELOW,
    MANAGE_COUNCIL,
    MANAGE_USERS,
    OWN,
    REVIEW_REPORTS,
    REVIEW_RESOLUTIONS,
    VIEW,
    VIEW_AUDIT,
    VIEW_PEOPLE,
    VIEW_PETITIONS,
    VIEW_WORK,
    Scope,
    can,
    get_object_for_user,
    visible_council_ids,
)
from hdnd.councils.models import Council
from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory

pytestmark = pytest.mark.django_db


def ids(*councils: Council) -> frozenset[int]:
    return frozenset(c.pk for c in councils)


def test_a_council_admin_sees_their_council_and_the_communes_below(world: World) -> None:
    scope = Scope(world.user("council_admin"))
    assert scope.council_ids() == ids(world.province, world.commune, world.other_commune)


def test_a_provincial_council_admin_manages_users_in_their_council_and_the_communes_below(
    world: World,
) -> None:
    scope = Scope(world.user("council_admin"))
    assert scope.can(world.province.pk, MANAGE_USERS)
    assert scope.can(world.commune.pk, MANAGE_USERS)
    assert not scope.can(world.other_province_commune.pk, MANAGE_USERS)
    assert not scope.can(world.commune.pk, MANAGE_COUNCIL)
    assert scope.council_ids_for(MANAGE_USERS) == ids(world.province, world.commune, world.other_commune)


def test_supervising_roles_get_their_below_actions_in_the_communes(world: World) -> None:
    review = REVIEW_RESOLUTIONS
    reports = REVIEW_REPORTS
    below = {VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, review, reports}
    assert Scope(world.user("office_staff")).below[world.commune.pk] == below
    assert Scope(world.user("standing_member")).below[world.commune.pk] == below
    committee = {VIEW, VIEW_PETITIONS, VIEW_WORK, review}
    assert Scope(world.user("committee_member")).below[world.commune.pk] == committee
    auditor = {VIEW, VIEW_PEOPLE, VIEW_PETITIONS, VIEW_WORK, VIEW_AUDIT}
    assert Scope(world.user("auditor")).below[world.commune.pk] == auditor


def test_office_staff_manage_their_council_but_not_the_communes_below(world: World) -> None:
    staff = world.user("office_staff")
    assert can(staff, world.province, MANAGE_COUNCIL)
    assert not can(staff, world.commune, MANAGE_COUNCIL)


@pytest.mark.parametrize("role", ["delegate", "agency_responder"])
def test_delegates_and_agency_responders_see_only_their_own_council(world: World, role: str) -> None:
    scope = Scope(world.user(role))
    assert scope.council_ids() == ids(world.province)
    assert not scope.sees(world.commune.pk)
    assert scope.can(world.province.pk, VIEW)
    assert not scope.can(world.province.pk, VIEW_PEOPLE)


def test_every_council_role_reads_the_councils_work_but_an_agency_responder(world: World) -> None:
    """Reports, briefings, programmes and oversight are the council's own work (VIEW_WORK); an agency's
    responder reads only what is addressed to their agency (DESIGN §2)."""
    readers = {role for role in OWN if VIEW_WORK in OWN[role]}
    assert readers == set(OWN) - {Role.AGENCY_RESPONDER}
    assert all(VIEW_WORK in actions for actions in BELOW.values())
    assert not Scope(world.user("agency_responder")).can(world.province.pk, VIEW_WORK)
    assert Scope(world.user("delegate")).can(world.province.pk, VIEW_WORK)


def test_commune_staff_see_their_commune_and_nothing_above_or_beside_it(world: World) -> None:
    assert visible_council_ids(world.user("commune_staff")) == ids(world.commune)


def test_nobody_sees_another_province(world: World) -> None:
    for name in ("council_admin", "office_staff", "standing_member", "auditor", "delegate", "commune_staff"):
        scope = Scope(world.user(name))
        assert not scope.sees(world.other_province.pk), name
        assert not scope.sees(world.other_province_commune.pk), name


def test_a_system_administrator_sees_and_may_do_everything(world: World) -> None:
    scope = Scope(world.user("system_admin"))
    assert scope.council_ids() is None
    assert scope.council_ids_for(MANAGE_USERS) is None
    assert scope.sees(world.other_province_commune.pk)
    assert scope.can(world.other_province_commune.pk, MANAGE_USERS)


def test_users_without_roles_and_anonymous_visitors_see_nothing(world: World) -> None:
    assert Scope(world.user("no_role")).council_ids() == frozenset()
    assert Scope(AnonymousUser()).council_ids() == frozenset()


def test_an_inactive_user_sees_nothing_whatever_roles_they_hold(world: World) -> None:
    admin = world.user("council_admin")
    admin.is_active = False
    assert Scope(admin).council_ids() == frozenset()


def test_a_role_that_ended_yesterday_grants_nothing(world: World) -> None:
    user = make_user(
        "cuu_can_bo", Role.OFFICE_STAFF, world.province, ends_on=timezone.localdate() - timedelta(days=1)
    )
    assert Scope(user).council_ids() == frozenset()


def test_a_role_still_holds_on_its_last_day(world: World) -> None:
    user = make_user("het_han_hom_nay", Role.DELEGATE, world.province, ends_on=timezone.localdate())
    assert Scope(user).council_ids() == ids(world.province)


def test_an_ended_system_admin_role_no_longer_sees_everything(world: World) -> None:
    second = make_user("quan_tri_2", Role.SYSTEM_ADMIN)
    actions.end_role(second.role_assignments.get(), by=world.user("system_admin"))
    assert Scope(second).council_ids() == frozenset()


def test_roles_in_two_councils_add_up(world: World) -> None:
    user = make_user("hai_noi", Role.DELEGATE, world.commune)
    actions.grant_role(user, Role.OFFICE_STAFF, world.other_province, by=world.user("system_admin"))
    scope = Scope(user)
    assert scope.council_ids() == ids(world.commune, world.other_province, world.other_province_commune)
    assert scope.can(world.other_province.pk, MANAGE_COUNCIL)
    assert not scope.can(world.commune.pk, VIEW_PEOPLE)


def test_supervision_reaches_two_levels_down_for_historic_districts(world: World) -> None:
    unit = world.province.unit
    district: Any = CouncilFactory(
        unit=CommuneFactory(parent=unit, name="Huyện Cũ"), level="district", parent=world.province
    )
    old_commune: Any = CouncilFactory(
        unit=CommuneFactory(parent=unit, name="Xã Cũ", valid_from=date(2020, 1, 1)), parent=district
    )
    assert Scope(world.user("auditor")).sees(old_commune.pk)


def test_get_object_for_user_answers_404_outside_scope_and_403_without_the_right(world: World) -> None:
    delegate = world.user("delegate")
    assert (
        get_object_for_user(delegate, Council.objects.all(), world.province.pk, VIEW, "pk") == world.province
    )
    with pytest.raises(PermissionDenied):
        get_object_for_user(delegate, Council.objects.all(), world.province.pk, MANAGE_USERS, "pk")
    with pytest.raises(Http404):
        get_object_for_user(delegate, Council.objects.all(), world.commune.pk, VIEW, "pk")
    with pytest.raises(Http404):
        get_object_for_user(delegate, Council.objects.all(), "not-a-number", VIEW, "pk")
