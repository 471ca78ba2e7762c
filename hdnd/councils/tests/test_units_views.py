"""The unit pages: list with live search, the unit page with its lookup, and the change form."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import pytest
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.actions_units import add_unit_change
from hdnd.councils.models import REFORM_DATE, AdminUnit, Level, UnitChange, UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
JUNE_30 = date(2025, 6, 30)
LIST = reverse("councils:unit_list")
ADD = reverse("councils:unitchange_add")


def make_province(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, ProvinceFactory(**fields))


def make_commune(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, CommuneFactory(**fields))


@dataclass
class Units:
    province: AdminUnit
    district: AdminUnit
    doi_can: AdminUnit
    ba_dinh: AdminUnit


@pytest.fixture
def units(db: Any) -> Units:
    province = make_province(name="Thành phố Thử Nghiệm", code="99001", kind=UnitKind.CENTRAL_CITY)
    district = AdminUnit.objects.create(
        name="Quận Ba Đình",
        code="99901",
        kind=UnitKind.URBAN_DISTRICT,
        level=Level.DISTRICT,
        parent=province,
        valid_to=JUNE_30,
    )
    doi_can = make_commune(
        name="Phường Đội Cấn", code="90022", parent=district, valid_from=None, valid_to=JUNE_30
    )
    ba_dinh = make_commune(name="Phường Ba Đình", code="90004", parent=province, kind=UnitKind.WARD)
    add_unit_change(
        from_unit=doi_can,
        to_unit=ba_dinh,
        kind=UnitChange.Kind.MERGED_INTO,
        effective_on=REFORM_DATE,
        legal_basis="Nghị quyết 1656/NQ-UBTVQH15",
    )
    return Units(province, district, doi_can, ba_dinh)


def change_data(**overrides: str) -> dict[str, str]:
    data = {
        "from_level": "commune",
        "from_code": "90031",
        "from_hint": "Phường Thành Công",
        "to_level": "commune",
        "to_code": "90022",
        "to_hint": "",
        "kind": "merged_into",
        "effective_on": "2024-11-01",
        "legal_basis": "Nghị quyết 1234/NQ-UBTVQH15",
        "note": "",
    }
    return {**data, **overrides}


def test_the_unit_list_is_public_and_shows_todays_units(client: Any, units: Units) -> None:
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Phường Ba Đình" in response.text
    assert "Phường Đội Cấn" not in response.text


def test_search_without_accents_finds_the_unit(client: Any, units: Units) -> None:
    response = client.get(LIST, {"q": "doi can", "on": "2025-06-30"})
    assert "Phường Đội Cấn" in response.text
    assert "Phường Ba Đình" not in response.text


def test_the_level_filter_keeps_one_level(client: Any, units: Units) -> None:
    response = client.get(LIST, {"level": "district", "on": "30/06/2025"})
    assert "Quận Ba Đình" in response.text
    assert "Phường Đội Cấn" not in response.text


def test_htmx_search_gets_only_the_rows(client: Any, units: Units) -> None:
    response = client.get(LIST, {"q": "ba dinh"}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="unit-rows">')
    assert "<html" not in response.text
    assert "Phường Ba Đình" in response.text
    assert "HX-Request" in response["Vary"]


def test_a_bad_date_gets_a_message_and_todays_list(client: Any, units: Units) -> None:
    response = client.get(LIST, {"on": "31/02/2025"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm." in response.text
    assert "Phường Ba Đình" in response.text


def test_the_list_takes_the_same_queries_however_many_units(
    client: Any, units: Units, django_assert_max_num_queries: Any
) -> None:
    CommuneFactory.create_batch(60, parent=units.province)
    with django_assert_max_num_queries(2):
        response = client.get(LIST)
    assert "Trang 1/2" in response.text


def test_a_historic_unit_shows_what_carries_it_on_today(client: Any, units: Units) -> None:
    response = client.get(units.doi_can.get_absolute_url())
    assert "Hiện nay thuộc / được kế thừa bởi" in response.text
    assert 'Phường Ba Đình</a> <span class="text-secondary">(Thành phố Thử Nghiệm)</span>' in response.text
    assert "Nghị quyết 1656/NQ-UBTVQH15" in response.text


def test_a_district_shows_its_communes_successors(client: Any, units: Units) -> None:
    response = client.get(units.district.get_absolute_url())
    assert "Hiện nay thuộc / được kế thừa bởi" in response.text
    assert f'href="{units.ba_dinh.get_absolute_url()}"' in response.text


def test_a_current_unit_shows_what_it_was_formed_from(client: Any, units: Units) -> None:
    response = client.get(units.ba_dinh.get_absolute_url())
    assert "Được hình thành từ" in response.text
    assert "Phường Đội Cấn" in response.text
    assert "Hiện nay thuộc" not in response.text


def test_a_unit_page_shows_kind_code_parents_and_validity(client: Any, units: Units) -> None:
    response = client.get(units.doi_can.get_absolute_url())
    for text in ("Phường", "<code>90022</code>", "Quận Ba Đình", "Thành phố Thử Nghiệm", "đến 30/06/2025"):
        assert text in response.text


def test_a_unit_page_links_to_its_council(client: Any, world: World) -> None:
    response = client.get(world.province.unit.get_absolute_url())
    assert f'href="{world.province.get_absolute_url()}"' in response.text


def test_children_are_counted_and_the_page_does_not_grow_with_them(
    client: Any, units: Units, django_assert_max_num_queries: Any
) -> None:
    CommuneFactory.create_batch(60, parent=units.province)
    with django_assert_max_num_queries(9):
        response = client.get(units.province.get_absolute_url())
    assert 'Đơn vị trực thuộc <span class="text-secondary">(62)</span>' in response.text
    assert "Trang 1/2" in response.text


def test_htmx_paging_of_children_gets_only_the_children(client: Any, units: Units) -> None:
    CommuneFactory.create_batch(60, parent=units.province)
    response = client.get(units.province.get_absolute_url(), {"page": 2}, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<section id="unit-children">')
    assert "Trang 2/2" in response.text
    assert 'hx-get="?page=1" hx-target="#unit-children"' in response.text


def test_the_list_pages_with_htmx_links_that_swap_the_rows(client: Any, units: Units) -> None:
    CommuneFactory.create_batch(60, parent=units.province)
    response = client.get(LIST)
    assert 'href="?page=2" hx-get="?page=2" hx-target="#unit-rows"' in response.text


def test_an_unknown_unit_is_404(client: Any, db: Any) -> None:
    assert client.get(reverse("councils:unit_detail", args=[999999])).status_code == 404


def test_a_system_admin_adds_a_change_by_hand(client: Any, units: Units, world: World) -> None:
    client.force_login(world.user("system_admin"))
    earlier = make_commune(
        name="Phường Thành Công",
        code="90031",
        parent=units.district,
        valid_from=None,
        valid_to=date(2024, 10, 31),
    )
    response = client.post(ADD, change_data())
    assert response.status_code == 302
    assert response["Location"] == earlier.get_absolute_url()
    change = earlier.changes_out.get()
    assert (change.to_unit, change.legal_basis) == (units.doi_can, "Nghị quyết 1234/NQ-UBTVQH15")
    assert AuditEntry.objects.filter(action="units.change_added", object_id=str(change.pk)).count() == 1


def test_the_form_can_add_the_old_unit_the_list_does_not_carry(
    client: Any, units: Units, world: World
) -> None:
    client.force_login(world.user("system_admin"))
    response = client.post(ADD, change_data(create_missing="on"))
    assert response.status_code == 302
    thanh_cong = AdminUnit.objects.get(code="90031")
    assert (thanh_cong.name, thanh_cong.parent, thanh_cong.valid_to) == (
        "Phường Thành Công",
        units.district,
        date(2024, 10, 31),
    )


def test_the_form_says_why_a_change_is_refused(client: Any, units: Units, world: World) -> None:
    client.force_login(world.user("system_admin"))
    response = client.post(
        ADD,
        change_data(from_code="90004", from_hint="", to_code="90004", to_hint="", effective_on="2025-08-01"),
    )
    assert response.status_code == 422
    assert "Một đơn vị không thể thay đổi thành chính nó." in response.text
    assert not UnitChange.objects.filter(from_unit=units.ba_dinh).exists()


def test_the_form_names_an_old_unit_it_cannot_find(client: Any, units: Units, world: World) -> None:
    client.force_login(world.user("system_admin"))
    response = client.post(ADD, change_data())
    assert "Không tìm thấy đơn vị cấp xã mã 90031 tên hoặc ngày “Phường Thành Công”." in response.text


def test_the_form_starts_from_the_unit_it_was_opened_from(client: Any, units: Units, world: World) -> None:
    client.force_login(world.user("system_admin"))
    response = client.get(ADD, {"from": units.doi_can.pk})
    assert 'value="90022"' in response.text
    assert 'value="Phường Đội Cấn"' in response.text


def test_only_system_admins_may_add_changes(client: Any, units: Units, world: World) -> None:
    assert client.get(ADD).status_code == 302
    client.force_login(world.user("council_admin"))
    assert client.post(ADD, change_data(create_missing="on")).status_code == 403
    assert not AdminUnit.objects.filter(code="90031").exists()


def test_the_add_link_shows_for_system_admins_only(client: Any, units: Units, world: World) -> None:
    url = units.doi_can.get_absolute_url()
    assert "Thêm thay đổi" not in client.get(url).text
    client.force_login(world.user("system_admin"))
    assert f"{ADD}?from={units.doi_can.pk}" in client.get(url).text
