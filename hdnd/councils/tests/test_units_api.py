"""GET /api/v1/units/ and /api/v1/units/{id}/: public, filtered, counted, with lookups across changes."""

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import pytest

from hdnd.councils.actions_units import add_unit_change
from hdnd.councils.api.units import router
from hdnd.councils.models import REFORM_DATE, AdminUnit, Level, UnitChange, UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
JUNE_30 = date(2025, 6, 30)
URL = "/api/v1/units/"


def make_province(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, ProvinceFactory(**fields))


def make_commune(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, CommuneFactory(**fields))


@dataclass
class Units:
    """A small list: a city that kept its row, one old district with two old wards, two new wards."""

    city: AdminUnit
    district: AdminUnit
    doi_can: AdminUnit
    kim_ma: AdminUnit
    ba_dinh: AdminUnit
    giang_vo: AdminUnit


@pytest.fixture
def units(db: Any) -> Units:
    city = make_province(name="Thành phố Thử Nghiệm", code="99001", kind=UnitKind.CENTRAL_CITY)
    district = AdminUnit.objects.create(
        name="Quận Ba Đình",
        code="99901",
        kind=UnitKind.URBAN_DISTRICT,
        level=Level.DISTRICT,
        parent=city,
        valid_to=JUNE_30,
    )
    doi_can = make_commune(
        name="Phường Đội Cấn", code="90022", parent=district, valid_from=None, valid_to=JUNE_30
    )
    kim_ma = make_commune(
        name="Phường Kim Mã", code="90028", parent=district, valid_from=None, valid_to=JUNE_30
    )
    ba_dinh = make_commune(name="Phường Ba Đình", code="90004", parent=city, kind=UnitKind.WARD)
    giang_vo = make_commune(name="Phường Giảng Võ", code="90025", parent=city, kind=UnitKind.WARD)
    for old, new, kind in [
        (doi_can, ba_dinh, UnitChange.Kind.MERGED_INTO),
        (kim_ma, ba_dinh, UnitChange.Kind.SPLIT_INTO),
        (kim_ma, giang_vo, UnitChange.Kind.SPLIT_INTO),
    ]:
        add_unit_change(from_unit=old, to_unit=new, kind=kind, effective_on=REFORM_DATE)
    return Units(city, district, doi_can, kim_ma, ba_dinh, giang_vo)


def names(response: Any) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_anyone_can_list_todays_units_without_signing_in(client: Any, units: Units) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert names(response) == ["Thành phố Thử Nghiệm", "Phường Ba Đình", "Phường Giảng Võ"]


def test_a_list_item_names_its_parent_and_province(client: Any, units: Units) -> None:
    item = client.get(URL, {"q": "giang vo"}).json()["items"][0]
    assert item == {
        "id": units.giang_vo.pk,
        "code": "90025",
        "name": "Phường Giảng Võ",
        "level": "commune",
        "kind": "phuong",
        "province": "Thành phố Thử Nghiệm",
        "kind_label": "Phường",
        "valid_from": "2025-07-01",
        "valid_to": None,
        "parent": {
            "id": units.city.pk,
            "code": "99001",
            "name": "Thành phố Thử Nghiệm",
            "level": "province",
            "kind": "thanh_pho_tw",
            "province": "Thành phố Thử Nghiệm",
        },
    }


def test_the_list_filters_by_level(client: Any, units: Units) -> None:
    assert names(client.get(URL, {"level": "province"})) == ["Thành phố Thử Nghiệm"]
    assert names(client.get(URL, {"level": "district", "on": "2025-06-30"})) == ["Quận Ba Đình"]


def test_ba_dinh_without_accents_finds_ba_dinh(client: Any, units: Units) -> None:
    assert names(client.get(URL, {"q": "ba dinh"})) == ["Phường Ba Đình"]
    assert names(client.get(URL, {"q": "BA ĐÌNH"})) == ["Phường Ba Đình"]


def test_d_finds_the_letter_đ(client: Any, units: Units) -> None:
    assert names(client.get(URL, {"q": "doi can", "on": "2025-06-30"})) == ["Phường Đội Cấn"]


def test_on_a_day_before_the_reform_lists_the_units_valid_then(client: Any, units: Units) -> None:
    response = client.get(URL, {"on": "2025-06-30"})
    assert names(response) == ["Thành phố Thử Nghiệm", "Quận Ba Đình", "Phường Đội Cấn", "Phường Kim Mã"]


def test_count_is_the_total_while_a_page_holds_page_size_items(client: Any, units: Units) -> None:
    body = client.get(URL, {"page_size": 1, "page": 2}).json()
    assert (body["count"], [item["name"] for item in body["items"]]) == (3, ["Phường Ba Đình"])


def test_a_bad_date_is_refused_with_a_vietnamese_message(client: Any, units: Units) -> None:
    response = client.get(URL, {"on": "30/02/2025"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Ngày “30/02/2025” không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2025-07-01."
    }


def test_a_bad_level_is_refused_with_the_accepted_values(client: Any, units: Units) -> None:
    response = client.get(URL, {"level": "huyen"})
    assert response.status_code == 422
    assert "chọn một trong: province, district, commune" in response.json()["detail"]


def test_an_unknown_unit_is_404(client: Any, units: Units) -> None:
    response = client.get(f"{URL}999999/")
    assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy đơn vị hành chính."})


def test_a_split_ward_is_carried_on_by_every_new_ward(client: Any, units: Units) -> None:
    body = client.get(f"{URL}{units.kim_ma.pk}/").json()
    assert (body["is_current"], body["parent"]["name"], body["province"]) == (
        False,
        "Quận Ba Đình",
        "Thành phố Thử Nghiệm",
    )
    assert [(s["name"], s["province"]) for s in body["successors"]] == [
        ("Phường Ba Đình", "Thành phố Thử Nghiệm"),
        ("Phường Giảng Võ", "Thành phố Thử Nghiệm"),
    ]


def test_a_district_is_carried_on_by_its_wards_successors(client: Any, units: Units) -> None:
    body = client.get(f"{URL}{units.district.pk}/").json()
    assert [s["name"] for s in body["successors"]] == ["Phường Ba Đình", "Phường Giảng Võ"]


def test_successors_follow_a_chain_of_changes_to_todays_unit(client: Any, units: Units) -> None:
    earlier = make_commune(
        name="Phường Thành Công",
        code="90031",
        parent=units.district,
        valid_from=None,
        valid_to=date(2024, 10, 31),
    )
    add_unit_change(
        from_unit=earlier,
        to_unit=units.doi_can,
        kind=UnitChange.Kind.MERGED_INTO,
        effective_on=date(2024, 11, 1),
    )
    body = client.get(f"{URL}{earlier.pk}/").json()
    assert [(s["id"], s["code"], s["name"], s["level"]) for s in body["successors"]] == [
        (units.ba_dinh.pk, "90004", "Phường Ba Đình", "commune")
    ]
    assert [p["name"] for p in client.get(f"{URL}{units.doi_can.pk}/").json()["predecessors"]] == [
        "Phường Thành Công"
    ]


def test_a_current_unit_lists_what_it_was_formed_from_and_no_successors(client: Any, units: Units) -> None:
    body = client.get(f"{URL}{units.ba_dinh.pk}/").json()
    assert body["is_current"] is True
    assert [p["name"] for p in body["predecessors"]] == ["Phường Đội Cấn", "Phường Kim Mã"]
    assert body["successors"] == []


def test_a_bad_token_does_not_close_the_public_list(client: Any, units: Units) -> None:
    assert client.get(URL, headers={"Authorization": "Bearer sai-ma"}).status_code == 200


def test_the_list_takes_the_same_queries_however_many_units(
    client: Any, units: Units, django_assert_max_num_queries: Any
) -> None:
    CommuneFactory.create_batch(60, parent=units.city)
    with django_assert_max_num_queries(2):
        body = client.get(URL, {"page_size": 100}).json()
    assert (body["count"], len(body["items"])) == (63, 63)


def test_the_unit_endpoints_describe_their_parameters_and_answers_for_openapi() -> None:
    # Checked per router so that another router's problem does not hide ours (the whole document is
    # checked in tests/test_api_docs.py).
    described = {}
    for path, view in router.path_operations.items():
        for operation in view.operations:
            schemas = [model.model_json_schema() for model in operation.models]
            described[operation.view_func.__name__] = (path, schemas)
    assert set(described) == {"list_units", "get_unit"}
    assert {"level", "on", "q"} <= set(described["list_units"][1][0]["$defs"]["UnitFilters"]["properties"])
