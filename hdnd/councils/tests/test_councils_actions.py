"""The actions and the model rules behind them, without the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from hdnd.core.audit import verify_chain
from hdnd.councils import actions
from hdnd.councils.actions import DelegateRow
from hdnd.councils.models import (
    ALLOWED_BODY_KINDS,
    ALLOWED_ROLES,
    BodyKind,
    Level,
    Membership,
    Person,
    body_kind_error,
)
from hdnd.councils.tests.councils_support import audit_entries, current_term

pytestmark = pytest.mark.django_db


def test_every_body_kind_has_its_roles_and_every_level_its_kinds() -> None:
    assert set(ALLOWED_ROLES) == {None, *BodyKind.values}
    assert set(ALLOWED_BODY_KINDS) == set(Level.values)
    assert body_kind_error(Level.COMMUNE, BodyKind.STANDING) is None
    assert body_kind_error(Level.DISTRICT, BodyKind.URBAN) == (
        "HĐND cấp huyện không có Ban Đô thị; các Ban được lập ở cấp này: Ban Pháp chế, "
        "Ban Kinh tế – Ngân sách, Ban Văn hóa – Xã hội, Ban Dân tộc."
    )


def test_an_update_that_changes_nothing_writes_no_audit_entry(world: World) -> None:
    actions.update_council(world.province, by=world.user("council_admin"), name="HĐND tỉnh An Bình")
    assert audit_entries("councils.update_council") == 0


def test_an_action_refuses_fields_it_does_not_own(world: World) -> None:
    with pytest.raises(TypeError):
        actions.update_council(world.province, by=world.user("council_admin"), level=Level.COMMUNE)
    with pytest.raises(TypeError):
        actions.create_person(world.province, by=world.user("council_admin"), full_name="A", name_key="a")


def test_the_action_checks_the_rules_even_without_a_form(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        actions.create_body(
            world.commune, by=world.user("commune_staff"), kind=BodyKind.ETHNIC, name="Ban Dân tộc"
        )
    assert error.value.message_dict["kind"][0].startswith("HĐND cấp xã không có Ban Dân tộc")


def test_an_import_saves_every_row_or_none(world: World) -> None:
    current_term(world.province)
    rows = [
        DelegateRow(full_name="Nguyễn Văn Một"),
        DelegateRow(full_name="Trần Văn Hai", email="không hợp lệ"),
    ]
    with pytest.raises(ValidationError):
        actions.import_delegates(world.province, rows, by=world.user("council_admin"))
    assert not Person.objects.filter(council=world.province).exists()
    assert audit_entries("councils.import_delegates") == 0


def test_an_import_needs_a_current_term(world: World) -> None:
    with pytest.raises(ValidationError, match="chưa có khóa, nhiệm kỳ hiện tại"):
        actions.import_delegates(world.province, [DelegateRow(full_name="A")], by=world.user("council_admin"))


def test_ending_a_seat_that_ended_long_ago_is_refused(world: World) -> None:
    person = actions.create_person(world.province, by=world.user("council_admin"), full_name="Đặng Văn Cũ")
    seat = actions.add_membership(
        world.province,
        by=world.user("council_admin"),
        person=person,
        role="delegate",
        starts_on=date(2016, 6, 1),
    )
    actions.end_membership(seat, by=world.user("council_admin"), on=date(2021, 5, 31))
    with pytest.raises(ValidationError, match="đã kết thúc ngày 31/05/2021"):
        actions.end_membership(
            Membership.objects.get(pk=seat.pk), by=world.user("council_admin"), on=date(2022, 1, 1)
        )


def test_the_audit_chain_stays_intact_across_actions(world: World) -> None:
    admin = world.user("council_admin")
    body = actions.create_body(world.province, by=admin, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    actions.update_body(body, by=admin, name="Ban Pháp chế HĐND")
    actions.dissolve_body(body, by=admin, on=date(2026, 1, 1))
    assert list(verify_chain()) == []


def test_the_thuong_truc_is_never_dissolved_nor_turned_into_another_body(world: World) -> None:
    staff = world.user("office_staff")
    standing = actions.create_body(world.province, by=staff, kind=BodyKind.STANDING, name="Thường trực HĐND")
    with pytest.raises(ValidationError, match="Thường trực HĐND do luật định, không giải thể được"):
        actions.dissolve_body(standing, by=staff, on=date(2026, 12, 31))
    with pytest.raises(ValidationError, match="không đổi sang loại cơ quan khác"):
        actions.update_body(standing, by=staff, kind=BodyKind.OFFICE)
    standing.refresh_from_db()
    assert (standing.kind, standing.dissolved_on) == (BodyKind.STANDING, None)
