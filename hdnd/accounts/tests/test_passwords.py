"""Changing one's own password, and an administrator's temporary password for a user."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World, make_user
from hdnd.accounts import actions
from hdnd.accounts.models import Role, User
from hdnd.accounts.tests.helpers import audit_actions, sign_in

pytestmark = pytest.mark.django_db

NEW = "Mat-khau-moi-2026"


def change(client: Client, new1: str, new2: str | None = None, old: str = PASSWORD) -> Any:
    data = {"old_password": old, "new_password1": new1, "new_password2": new2 or new1}
    return client.post(reverse("accounts:password_change"), data)


def test_the_change_page_lists_the_password_rules(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    page = client.get(reverse("accounts:password_change"))
    assert "ít nhất 10 ký tự" in page.text
    assert "Mật khẩu phải có chữ thường, chữ hoa và chữ số." in page.text


def test_changing_the_password_keeps_the_user_signed_in_and_writes_one_audit_entry(
    client: Client, world: World
) -> None:
    client.force_login(world.user("office_staff"))

    response = change(client, NEW)

    assert response.status_code == 302
    assert client.get(reverse("accounts:token_list")).status_code == 200
    assert User.objects.get(username="office_staff").check_password(NEW)
    assert audit_actions() == ["password.change"]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Ngan-1", "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự."),
        ("matkhau-dai-2026", "Mật khẩu phải có ít nhất một chữ hoa."),
        ("12345678901", "Mật khẩu này hoàn toàn là số."),
        ("Office_Staff1", "Mật khẩu quá giống với"),
    ],
)
def test_a_weak_password_is_refused_with_the_rule_it_breaks(
    client: Client, world: World, new: str, message: str
) -> None:
    client.force_login(world.user("office_staff"))
    response = change(client, new)
    assert response.status_code == 422
    assert message in response.text
    assert audit_actions() == []


def test_a_wrong_old_password_is_refused(client: Client, world: World) -> None:
    client.force_login(world.user("office_staff"))
    response = change(client, NEW, old="Khong-dung-1")
    assert "Mật khẩu cũ không chính xác." in response.text
    assert audit_actions() == []


def test_a_council_admin_sets_a_temporary_password_that_must_be_changed(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    staff_client = Client()
    staff_client.force_login(staff)
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_set_password", args=[world.province.pk, staff.pk])

    response = client.post(url, {"new_password1": NEW, "new_password2": NEW})

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(NEW)
    assert staff.must_change_password
    assert audit_actions() == ["password.set_by_admin"]
    # Sessions opened with the old password end.
    assert staff_client.get(reverse("accounts:token_list")).status_code == 302


def test_a_temporary_password_also_lifts_a_lockout(client: Client, world: World) -> None:
    for _ in range(5):
        sign_in(client, "office_staff", "Sai-mat-khau-1")
    actions.set_password_by_admin(
        world.user("office_staff"), NEW, by=world.user("council_admin"), council=world.province
    )
    assert sign_in(client, "office_staff", NEW).status_code == 302


def test_the_temporary_password_follows_the_password_rules(client: Client, world: World) -> None:
    staff = world.user("office_staff")
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_set_password", args=[world.province.pk, staff.pk])
    response = client.post(url, {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 422
    assert "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự." in response.text
    assert audit_actions() == []


def test_staff_without_the_right_to_manage_users_get_403(client: Client, world: World) -> None:
    staff = world.user("delegate")
    client.force_login(world.user("office_staff"))
    url = reverse("accounts:user_set_password", args=[world.province.pk, staff.pk])
    assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 403
    assert audit_actions() == []


def test_a_council_admin_cannot_set_the_password_of_someone_working_elsewhere_too(
    client: Client, world: World
) -> None:
    both = make_user("hai_noi", Role.DELEGATE, world.province)
    actions.grant_role(both, Role.DELEGATE, world.other_province, by=world.user("system_admin"))
    client.force_login(world.user("council_admin"))
    url = reverse("accounts:user_set_password", args=[world.province.pk, both.pk])
    assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 403
    # A system administrator may.
    client.force_login(world.user("system_admin"))
    assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 302


def test_users_of_another_province_answer_404(client: Client, world: World) -> None:
    stranger = make_user("nguoi_tinh_khac", Role.OFFICE_STAFF, world.other_province)
    client.force_login(world.user("council_admin"))
    for council in (world.province, world.other_province):
        url = reverse("accounts:user_set_password", args=[council.pk, stranger.pk])
        assert client.post(url, {"new_password1": NEW, "new_password2": NEW}).status_code == 404
    assert audit_actions() == []


def test_the_user_gets_an_email_when_an_admin_sets_their_password(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    staff = world.user("office_staff")
    staff.email = "chuyenvien@anbinh.gov.vn"
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_password_by_admin(staff, NEW, by=world.user("council_admin"), council=world.province)
    assert [m.to for m in mail.outbox] == [["chuyenvien@anbinh.gov.vn"]]
    assert mail.outbox[0].subject == "Mật khẩu tạm thời đã được cấp"
    assert NEW not in mail.outbox[0].body
