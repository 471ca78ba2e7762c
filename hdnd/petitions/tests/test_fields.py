"""The field taxonomy: the national seed, a council's own fields, their pages and API."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import BodyKind
from hdnd.petitions import classify
from hdnd.petitions.actions.fields import create_field, update_field
from hdnd.petitions.fields_seed import FIELDS, SEEDED, seed_fields
from hdnd.petitions.models import Field

pytestmark = pytest.mark.django_db
GIAO_THONG = "Giao thông – Xây dựng – Thủy lợi"


def test_seeding_creates_the_ten_national_fields_each_with_its_ban(world: World) -> None:
    result = seed_fields()
    assert len(result.created) == 10
    fields = {f.name: f for f in Field.objects.filter(council__isnull=True)}
    assert set(fields) == {seed.name for seed in FIELDS}
    assert fields[GIAO_THONG].committee_kind == BodyKind.ECONOMY_BUDGET
    assert fields["Nội chính – An ninh trật tự"].committee_kind == BodyKind.LEGAL
    assert fields["Văn hóa – Xã hội – Giáo dục – Y tế"].committee_kind == BodyKind.CULTURE_SOCIETY
    assert "đường liên thôn" in fields[GIAO_THONG].keywords.splitlines()
    assert AuditEntry.objects.filter(action=SEEDED).count() == 10


def test_seeding_twice_changes_nothing_and_keeps_administrators_edits(world: World) -> None:
    seed_fields()
    road = Field.objects.get(name=GIAO_THONG)
    admin = world.user("system_admin")
    update_field(
        road,
        by=admin,
        name="Giao thông – Xây dựng",
        committee_kind="ban_do_thi",
        keywords="đường",
        active=True,
    )
    other = Field.objects.get(name="Khác")
    update_field(other, by=admin, name="Khác", committee_kind="standing", keywords="", active=False)
    entries = AuditEntry.objects.count()

    out = StringIO()
    call_command("seed_fields", stdout=out)

    assert "thêm 0, giữ nguyên 10" in out.getvalue()
    assert AuditEntry.objects.count() == entries
    assert Field.objects.filter(council__isnull=True).count() == 10
    road.refresh_from_db()
    assert (road.name, road.committee_kind, road.keywords) == ("Giao thông – Xây dựng", "ban_do_thi", "đường")
    assert not Field.objects.get(name="Khác").active


def test_a_council_adds_its_own_field_and_a_duplicate_name_is_refused(client: Client, world: World) -> None:
    seed_fields()
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:classify_field_add", args=[world.province.pk])
    data = {"name": "Đô thị", "committee_kind": "ban_do_thi", "keywords": "vỉa hè\n  \nchỉnh trang đô thị"}
    response = client.post(url, {**data, "active": "on"})
    assert response.status_code == 302
    made = Field.objects.get(council=world.province, name="Đô thị")
    assert made.keywords == "vỉa hè\nchỉnh trang đô thị"
    assert AuditEntry.objects.filter(action="petitions.create_field", council=world.province).count() == 1

    again = client.post(url, {**data, "name": "Viễn thông"})
    assert again.status_code == 422
    assert "Đã có lĩnh vực “Viễn thông”" in again.content.decode()
    assert Field.objects.filter(council=world.province).count() == 1


def test_council_staff_read_the_national_fields_but_may_not_edit_them(client: Client, world: World) -> None:
    seed_fields()
    road = Field.objects.get(name=GIAO_THONG)
    client.force_login(world.user("office_staff"))
    page = client.get(reverse("petitions:classify_fields", args=[world.province.pk])).content.decode()
    assert GIAO_THONG in page
    assert reverse("petitions:classify_field_edit", args=[road.pk]) not in page
    assert "Thêm lĩnh vực riêng" in page
    edit = reverse("petitions:classify_field_edit", args=[road.pk])
    assert client.post(edit, {"name": "Sửa trộm", "keywords": ""}).status_code == 403
    assert Field.objects.filter(name=GIAO_THONG).exists()

    client.force_login(world.user("system_admin"))
    page = client.get(reverse("petitions:classify_fields", args=[world.province.pk])).content.decode()
    assert edit in page


def test_deactivating_a_field_keeps_it_and_takes_it_out_of_suggestions(client: Client, world: World) -> None:
    seed_fields()
    client.force_login(world.user("office_staff"))
    own = create_field(world.province, by=None, name="Đô thị", keywords="vỉa hè", active=True)
    url = reverse("petitions:classify_field_edit", args=[own.pk])
    response = client.post(url, {"name": "Đô thị", "committee_kind": "", "keywords": "vỉa hè"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.active is False
    assert own not in classify.active_fields(world.province)
    assert AuditEntry.objects.filter(action="petitions.update_field", object_id=str(own.pk)).count() == 1


def test_the_api_lists_national_and_own_fields_but_not_another_councils(client: Client, world: World) -> None:
    seed_fields()
    create_field(world.province, by=None, name="Đô thị", keywords="vỉa hè")
    create_field(world.other_province, by=None, name="Biển đảo", keywords="ngư dân")
    client.force_login(world.user("delegate"))
    response = client.get(f"/api/v1/councils/{world.province.pk}/fields/")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()}
    assert "Đô thị" in names
    assert GIAO_THONG in names
    assert "Biển đảo" not in names
    road = next(row for row in response.json() if row["name"] == GIAO_THONG)
    assert "đường liên thôn" in road["keywords"]
    assert road["committee_kind"] == "ban_kinh_te_ngan_sach"
