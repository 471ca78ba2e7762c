"""Managing the users of a council: list, create, grant and end roles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, make_user
from hdnd.accounts import actions
from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.accounts.scope import Scope
from hdnd.accounts.tests.helpers import audit_actions, sign_in
from hdnd.core.models import AuditEntry
from hdnd.councils.tests.factories import AgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEMP = "Tam-thoi-2026"


def new_user(**extra: Any) -> dict[str, Any]:
    return {
        "username": "tran_thi_moi",
        "full_name": "Trần Thị Mới",
        "email": "moi@anbinh.gov.vn",
        "password1": TEMP,
        "password2": TEMP,
        "role": Role.OFFICE_STAFF.value,
        **extra,
    }


@pytest.fixture
def admin_client(client: Client, world: World) -> Client:
    client.force_login(world.user("council_admin"))
    return client


# The list.


def test_the_list_shows_the_users_holding_roles_in_the_council_and_nobody_else(
    admin_client: Client, world: World
) -> None:
    response = admin_client.get(reverse("accounts:user_list", args=[world.province.pk]))
    names = {user.username for user in response.context["page"]}
    assert "delegate" in names
    assert "commune_staff" not in names  # works in the commune below
    assert "system_admin" not in names  # holds no role in this council


def test_the_list_costs_the_same_queries_for_many_users(admin_client: Client, world: World) -> None:
    url = reverse("accounts:user_list", args=[world.province.pk])
    admin_client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for n in range(20):
        make_user(f"dai_bieu_{n}", Role.DELEGATE, world.province)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many) == len(few)


def test_the_list_searches_by_username_or_name(admin_client: Client, world: World) -> None:
    response = admin_client.get(reverse("accounts:user_list", args=[world.province.pk]), {"q": "audit"})
    assert [user.username for user in response.context["page"]] == ["auditor"]


def test_the_start_page_lists_the_councils_a_council_admin_manages(
    admin_client: Client, world: World
) -> None:
    response = admin_client.get(reverse("accounts:manage_home"))
    assert set(response.context["councils"]) == {world.province, world.commune, world.other_commune}


def test_a_system_admin_finds_any_council_without_diacritics(client: Client, world: World) -> None:
    client.force_login(world.user("system_admin"))
    response = client.get(reverse("accounts:manage_home"), {"q": "nam dan"})
    assert list(response.context["councils"]) == [world.other_province_commune]


# Creating an account.


def test_a_council_admin_creates_an_account_with_its_first_role(admin_client: Client, world: World) -> None:
    response = admin_client.post(reverse("accounts:user_create", args=[world.province.pk]), new_user())

    user = User.objects.get(username="tran_thi_moi")
    assert response["Location"] == reverse("accounts:user_detail", args=[world.province.pk, user.pk])
    assert user.full_name == "Trần Thị Mới"
    assert user.must_change_password
    assert list(user.role_assignments.values_list("role", "council")) == [("office_staff", world.province.pk)]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.council_id, (entry.after or {})["role"]) == (
        "user.create",
        world.province.pk,
        "office_staff",
    )
    assert TEMP not in str(entry.after)


def test_the_new_user_signs_in_and_must_pick_their_own_password(admin_client: Client, world: World) -> None:
    admin_client.post(reverse("accounts:user_create", args=[world.province.pk]), new_user())
    client = Client()
    sign_in(client, "tran_thi_moi", TEMP)
    assert client.get(reverse("accounts:token_list"))["Location"] == reverse("accounts:password_change")


def test_a_taken_username_is_refused(admin_client: Client, world: World) -> None:
    response = admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]), new_user(username="Delegate")
    )
    assert response.status_code == 422
    assert "Tên đăng nhập đã được sử dụng" in response.text
    assert audit_actions() == []


def test_an_agency_responder_needs_an_agency(admin_client: Client, world: World) -> None:
    response = admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]), new_user(role="agency_responder")
    )
    assert "Cán bộ cơ quan trả lời phải gắn với một cơ quan của HĐND này." in response.text
    assert not User.objects.filter(username="tran_thi_moi").exists()
    assert audit_actions() == []


def test_an_agency_of_another_council_is_refused(admin_client: Client, world: World) -> None:
    elsewhere: Any = AgencyFactory(council=world.other_province)
    response = admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]),
        new_user(role="agency_responder", agency=elsewhere.pk),
    )
    assert "Cơ quan không thuộc HĐND này." in response.text
    assert audit_actions() == []


def test_a_delegate_account_links_to_a_person_of_the_council(admin_client: Client, world: World) -> None:
    person: Any = PersonFactory(council=world.province, full_name="Lê Văn Đại")
    admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]), new_user(role="delegate", person=person.pk)
    )
    assert RoleAssignment.objects.get(user__username="tran_thi_moi").person == person


def test_a_weak_temporary_password_is_refused(admin_client: Client, world: World) -> None:
    response = admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]),
        new_user(password1="tranthimoi", password2="tranthimoi"),
    )
    assert "Mật khẩu phải có ít nhất một chữ hoa, một chữ số." in response.text
    assert audit_actions() == []


def test_office_staff_cannot_create_accounts(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("accounts:user_create", args=[world.province.pk]), new_user())
    assert response.status_code == 403
    assert not User.objects.filter(username="tran_thi_moi").exists()


def test_a_provincial_admin_opens_accounts_for_a_commune_below(admin_client: Client, world: World) -> None:
    response = admin_client.post(reverse("accounts:user_create", args=[world.commune.pk]), new_user())
    assert response.status_code == 302
    assert audit_actions() == ["user.create"]


def test_an_office_clerk_cannot_create_accounts(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("accounts:user_create", args=[world.province.pk]), new_user())
    assert response.status_code == 403
    assert audit_actions() == []


def test_creating_in_another_province_answers_404(admin_client: Client, world: World) -> None:
    response = admin_client.post(reverse("accounts:user_create", args=[world.other_province.pk]), new_user())
    assert response.status_code == 404
    assert audit_actions() == []


def test_only_system_admins_are_offered_the_system_admin_role(admin_client: Client, world: World) -> None:
    response = admin_client.post(
        reverse("accounts:user_create", args=[world.province.pk]), new_user(role="system_admin")
    )
    assert "role" in response.context["form"].errors
    assert audit_actions() == []


# Granting and ending roles.


def grant(client: Client, council: Any, **data: Any) -> Any:
    return client.post(reverse("accounts:role_grant", args=[council.pk]), data)


def test_a_council_admin_grants_a_role_to_an_existing_account(admin_client: Client, world: World) -> None:
    response = grant(admin_client, world.province, username="commune_staff", role="committee_member")

    staff = world.user("commune_staff")
    assert response["Location"] == reverse("accounts:user_detail", args=[world.province.pk, staff.pk])
    assert Scope(User.objects.get(pk=staff.pk)).can(world.province.pk, "view_people")
    assert audit_actions() == ["role.grant"]
    assert AuditEntry.objects.get().council_id == world.province.pk


def test_granting_an_agency_responder_role_ties_it_to_an_agency(admin_client: Client, world: World) -> None:
    agency: Any = AgencyFactory(council=world.province, name="Sở Y tế tỉnh An Bình")
    grant(admin_client, world.province, username="no_role", role="agency_responder", agency=agency.pk)
    assert RoleAssignment.objects.get(user__username="no_role").agency == agency


def test_a_person_of_another_council_cannot_be_linked(admin_client: Client, world: World) -> None:
    person: Any = PersonFactory(council=world.commune)
    response = grant(admin_client, world.province, username="no_role", role="delegate", person=person.pk)
    assert "Hồ sơ người không thuộc HĐND này." in response.text
    assert audit_actions() == []


def test_a_role_already_held_is_not_granted_twice(admin_client: Client, world: World) -> None:
    response = grant(admin_client, world.province, username="delegate", role="delegate")
    assert "Tài khoản đã có vai trò này tại HĐND này." in response.text
    assert audit_actions() == []


def test_an_unknown_username_gets_a_clear_message(admin_client: Client, world: World) -> None:
    response = grant(admin_client, world.province, username="khong_co", role="delegate")
    assert "Không có tài khoản đang hoạt động với tên đăng nhập này." in response.text


def test_granting_again_renews_an_ended_role(world: World) -> None:
    admin = world.user("council_admin")
    delegate = world.user("delegate")
    assignment = delegate.role_assignments.get()
    actions.end_role(assignment, by=admin)

    renewed = actions.grant_role(delegate, Role.DELEGATE, world.province, by=admin)

    assert renewed.pk == assignment.pk
    assert renewed.ends_on is None
    assert Scope(delegate).sees(world.province.pk)
    assert audit_actions() == ["role.end", "role.grant"]


def test_only_a_system_admin_grants_the_system_admin_role(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.grant_role(
            world.user("auditor"), Role.SYSTEM_ADMIN, world.province, by=world.user("council_admin")
        )
    granted = actions.grant_role(
        world.user("auditor"), Role.SYSTEM_ADMIN, world.province, by=world.user("system_admin")
    )
    assert granted.council is None
    assert Scope(world.user("auditor")).is_system_admin


def test_ending_a_role_takes_effect_at_once(admin_client: Client, world: World) -> None:
    delegate = world.user("delegate")
    assignment = delegate.role_assignments.get()

    response = admin_client.post(reverse("accounts:role_end", args=[world.province.pk, assignment.pk]))

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == timezone.localdate() - timedelta(days=1)
    assert Scope(User.objects.get(pk=delegate.pk)).council_ids() == frozenset()
    entry = AuditEntry.objects.get()
    assert entry.action == "role.end"
    assert (entry.before or {})["ends_on"] is None
    assert (entry.after or {})["ends_on"] == str(assignment.ends_on)


def test_ending_a_role_twice_says_it_has_ended(admin_client: Client, world: World) -> None:
    assignment = world.user("delegate").role_assignments.get()
    url = reverse("accounts:role_end", args=[world.province.pk, assignment.pk])
    admin_client.post(url)
    response = admin_client.post(url, follow=True)
    assert "Vai trò này đã kết thúc." in response.text
    assert audit_actions() == ["role.end"]


def test_a_role_in_another_council_cannot_be_ended_from_this_one(admin_client: Client, world: World) -> None:
    assignment = world.user("commune_staff").role_assignments.get()
    response = admin_client.post(reverse("accounts:role_end", args=[world.province.pk, assignment.pk]))
    assert response.status_code == 404
    assert audit_actions() == []


def test_the_last_system_administrator_cannot_be_ended(world: World) -> None:
    admin = world.user("system_admin")
    with pytest.raises(ValidationError):
        actions.end_role(admin.role_assignments.get(), by=admin)
    assert audit_actions() == []


def test_a_system_admin_sees_every_role_of_the_user_and_ends_one_held_elsewhere(
    client: Client, world: World
) -> None:
    staff = world.user("commune_staff")
    actions.grant_role(staff, Role.DELEGATE, world.province, by=world.user("system_admin"))
    client.force_login(world.user("system_admin"))
    page = client.get(reverse("accounts:user_detail", args=[world.province.pk, staff.pk]))
    assert "HĐND xã Đông Hòa" in page.text
    commune_role = staff.role_assignments.get(council=world.commune)

    response = client.post(reverse("accounts:role_end", args=[world.commune.pk, commune_role.pk]))

    assert response.status_code == 302
    assert Scope(User.objects.get(pk=staff.pk)).council_ids() == frozenset({world.province.pk})


def test_the_user_menu_offers_user_management_only_to_those_who_manage_users(rf: Any, world: World) -> None:
    def menu(user: User) -> str:
        request = rf.get("/")
        request.user = user
        return render_to_string("accounts/_user_menu.html", request=request)

    assert "Quản lý người dùng" in menu(world.user("council_admin"))
    assert "Quản lý người dùng" in menu(world.user("system_admin"))
    assert "Quản lý người dùng" not in menu(world.user("office_staff"))
    assert "Đổi mật khẩu" in menu(world.user("office_staff"))


# Who may grant what: nobody to themselves; administrators per scope.GRANTABLE_OWN and GRANTABLE_BELOW.


def test_nobody_grants_a_role_to_themselves(admin_client: Client, world: World) -> None:
    response = grant(admin_client, world.province, username="council_admin", role="auditor")

    assert response.status_code == 422
    assert "Không thể tự cấp vai trò cho chính mình." in response.text
    assert not world.user("council_admin").role_assignments.filter(role=Role.AUDITOR).exists()
    assert audit_actions() == []


def test_a_provincial_admin_cannot_make_themselves_office_staff_of_a_commune(
    admin_client: Client, world: World
) -> None:
    response = grant(admin_client, world.commune, username="council_admin", role="office_staff")

    assert response.status_code == 422
    assert "Không thể tự cấp vai trò cho chính mình." in response.text
    assert not RoleAssignment.objects.filter(council=world.commune, user=world.user("council_admin")).exists()
    assert audit_actions() == []


def test_a_system_admin_cannot_grant_themselves_a_role_either(world: World) -> None:
    admin = world.user("system_admin")
    with pytest.raises(ValidationError, match=r"Không thể tự cấp vai trò cho chính mình\."):
        actions.grant_role(admin, Role.DELEGATE, world.commune, by=admin)
    assert audit_actions() == []


def test_the_self_grant_attack_leaves_a_communes_draft_resolution_closed_to_the_provincial_admin(
    admin_client: Client, world: World
) -> None:
    from hdnd.resolutions import actions as resolution_actions

    draft = resolution_actions.draft_resolution(
        world.commune, by=world.user("commune_staff"), title="Nghị quyết về chợ xã"
    )
    grant(admin_client, world.commune, username="council_admin", role="office_staff")

    response = admin_client.patch(
        f"/api/v1/resolutions/{draft.pk}", {"title": "Đã sửa"}, content_type="application/json"
    )

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title == "Nghị quyết về chợ xã"


def test_a_provincial_admin_grants_a_commune_role_to_someone_else(admin_client: Client, world: World) -> None:
    response = grant(admin_client, world.commune, username="no_role", role="council_admin")

    assert response.status_code == 302
    assert Scope(User.objects.get(username="no_role")).can(world.commune.pk, "manage_users")
    assert audit_actions() == ["role.grant"]
    assert AuditEntry.objects.get().council_id == world.commune.pk


def test_a_commune_admin_grants_nothing_in_the_province_above(client: Client, world: World) -> None:
    commune_admin = make_user("quan_tri_xa", Role.COUNCIL_ADMIN, world.commune)
    client.force_login(commune_admin)
    assert grant(client, world.province, username="no_role", role="auditor").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.grant_role(world.user("no_role"), Role.AUDITOR, world.province, by=commune_admin)
    assert audit_actions() == []


def test_the_role_choices_are_the_ones_the_table_lets_the_admin_grant(world: World) -> None:
    from hdnd.accounts.forms import GrantRoleForm
    from hdnd.accounts.scope import GRANTABLE_BELOW

    form = GrantRoleForm(council=world.commune, actor=world.user("council_admin"))
    offered = {value for value, _ in form.fields["role"].choices if value}  # type: ignore[attr-defined]
    assert offered == set(GRANTABLE_BELOW[Role.COUNCIL_ADMIN])
    assert Role.SYSTEM_ADMIN not in offered


def test_a_councils_last_administrator_cannot_be_ended(admin_client: Client, world: World) -> None:
    assignment = world.user("council_admin").role_assignments.get()
    url = reverse("accounts:role_end", args=[world.province.pk, assignment.pk])

    response = admin_client.post(url, follow=True)

    assert "Không thể kết thúc vai trò của quản trị HĐND cuối cùng của HĐND này." in response.text
    assert Scope(User.objects.get(username="council_admin")).can(world.province.pk, "manage_users")
    assert audit_actions() == []


def test_an_administrator_is_ended_once_another_holds_the_role(world: World) -> None:
    successor = make_user("quan_tri_moi", Role.COUNCIL_ADMIN, world.province)
    assignment = world.user("council_admin").role_assignments.get()
    actions.end_role(assignment, by=successor)
    assert audit_actions() == ["role.end"]


def test_a_long_list_pages_with_the_shared_pager_and_keeps_the_search(
    admin_client: Client, world: World
) -> None:
    for n in range(51):
        make_user(f"dai_bieu_{n:02}", Role.DELEGATE, world.province)
    response = admin_client.get(reverse("accounts:user_list", args=[world.province.pk]), {"q": "dai_bieu"})
    assert "Trang 1/2" in response.text
    assert "?q=dai_bieu&amp;page=2" in response.text
