"""The real national list: loading it from the package, and looking units up across the 2025 reform."""

from collections.abc import Iterator
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from hdnd.core.models import AuditEntry
from hdnd.councils.models import REFORM_DATE, AdminUnit, Level, UnitChange, UnitKind
from hdnd.councils.units import LoadReport, load_national_units, predecessors, successors_today

pytestmark = pytest.mark.django_db
JUNE_30 = date(2025, 6, 30)
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def national(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadReport]:
    """Load the real list once for this module, inside a transaction rolled back when the module ends.

    Each test still runs in its own savepoint, so what a test writes is undone after it.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        report = load_national_units()
    yield report
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def old(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.select_related("parent__parent").get(level=level, code=code, valid_from=None)


def new(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.select_related("parent").get(level=level, code=code, valid_from=REFORM_DATE)


def parent_name(unit: AdminUnit) -> str:
    assert unit.parent is not None
    return unit.parent.name


def names(units: list[AdminUnit]) -> set[str]:
    return {unit.name for unit in units}


def test_today_there_are_34_provinces_and_3321_communes(national: LoadReport) -> None:
    today = AdminUnit.objects.valid_on(TODAY)
    assert today.filter(level=Level.PROVINCE).count() == 34
    assert today.filter(level=Level.COMMUNE).count() == 3321
    assert not today.filter(level=Level.DISTRICT).exists()


def test_on_30_june_2025_there_were_63_provinces_696_districts_and_10051_communes(
    national: LoadReport,
) -> None:
    before = AdminUnit.objects.valid_on(JUNE_30)
    assert before.filter(level=Level.PROVINCE).count() == 63
    assert before.filter(level=Level.DISTRICT).count() == 696
    assert before.filter(level=Level.COMMUNE).count() == 10051


def test_the_kinds_of_todays_communes_match_the_official_list(national: LoadReport) -> None:
    communes = AdminUnit.objects.valid_on(TODAY).filter(level=Level.COMMUNE)
    assert communes.filter(kind=UnitKind.COMMUNE).count() == 2621
    assert communes.filter(kind=UnitKind.WARD).count() == 687
    assert communes.filter(kind=UnitKind.SPECIAL_ZONE).count() == 13


def test_code_13531_names_two_different_communes_across_the_reform(national: LoadReport) -> None:
    bo_de, binh_giang = old(Level.COMMUNE, "13531"), new(Level.COMMUNE, "13531")
    assert (bo_de.name, bo_de.valid_to, parent_name(bo_de)) == ("Xã Bồ Đề", JUNE_30, "Huyện Bình Lục")
    assert (binh_giang.name, binh_giang.valid_from, parent_name(binh_giang)) == (
        "Xã Bình Giang",
        REFORM_DATE,
        "Tỉnh Ninh Bình",
    )
    assert successors_today(bo_de, TODAY) == [binh_giang]


def test_a_province_the_reform_left_alone_is_one_row_valid_throughout(national: LoadReport) -> None:
    ha_noi = AdminUnit.objects.get(level=Level.PROVINCE, code="01")
    assert (ha_noi.name, ha_noi.kind, ha_noi.valid_from, ha_noi.valid_to) == (
        "Thành phố Hà Nội",
        UnitKind.CENTRAL_CITY,
        None,
        None,
    )
    assert ha_noi.children.filter(level=Level.DISTRICT).count() == 30
    assert ha_noi.children.filter(level=Level.COMMUNE).count() == 126


def test_an_old_commune_sits_under_its_district_and_a_new_one_under_its_province(
    national: LoadReport,
) -> None:
    phuc_xa = old(Level.COMMUNE, "00001")
    assert [parent_name(phuc_xa), phuc_xa.province.name] == ["Quận Ba Đình", "Thành phố Hà Nội"]
    assert parent_name(new(Level.COMMUNE, "00004")) == "Thành phố Hà Nội"


def test_an_old_ha_noi_ward_is_carried_on_by_its_new_ward(national: LoadReport) -> None:
    [hong_ha] = successors_today(old(Level.COMMUNE, "00001"), TODAY)
    assert (hong_ha.name, hong_ha.province.name) == ("Phường Hồng Hà", "Thành phố Hà Nội")


def test_a_ward_split_across_three_new_wards_is_carried_on_by_all_of_them(national: LoadReport) -> None:
    kim_ma = old(Level.COMMUNE, "00028")
    assert names(successors_today(kim_ma, TODAY)) == {"Phường Ba Đình", "Phường Ngọc Hà", "Phường Giảng Võ"}
    assert set(kim_ma.changes_out.values_list("kind", flat=True)) == {UnitChange.Kind.SPLIT_INTO}


def test_an_old_district_is_carried_on_by_its_communes_successors(national: LoadReport) -> None:
    successors = successors_today(old(Level.DISTRICT, "001"), TODAY)
    assert names(successors) == {
        "Phường Ba Đình",
        "Phường Ngọc Hà",
        "Phường Giảng Võ",
        "Phường Hoàn Kiếm",
        "Phường Hồng Hà",
        "Phường Ô Chợ Dừa",
        "Phường Láng",
        "Phường Văn Miếu - Quốc Tử Giám",
    }
    assert {unit.province.name for unit in successors} == {"Thành phố Hà Nội"}


def test_a_merged_province_is_carried_on_by_its_successor(national: LoadReport) -> None:
    ha_giang = old(Level.PROVINCE, "02")
    assert (ha_giang.name, ha_giang.valid_to) == ("Tỉnh Hà Giang", JUNE_30)
    [tuyen_quang] = successors_today(ha_giang, TODAY)
    assert (tuyen_quang.code, tuyen_quang.name, tuyen_quang.valid_from) == ("08", "Tỉnh Tuyên Quang", None)
    change = ha_giang.changes_out.get()
    assert (change.kind, change.effective_on, change.legal_basis) == (
        UnitChange.Kind.MERGED_INTO,
        REFORM_DATE,
        "Nghị quyết 202/2025/QH15",
    )


def test_a_province_divided_between_two_new_ones_is_split_into_both(national: LoadReport) -> None:
    tien_giang = old(Level.PROVINCE, "82")
    assert names(successors_today(tien_giang, TODAY)) == {"Tỉnh Tây Ninh", "Tỉnh Đồng Tháp"}
    assert set(tien_giang.changes_out.values_list("kind", flat=True)) == {UnitChange.Kind.SPLIT_INTO}


@pytest.mark.postgres
def test_a_load_leaves_the_planner_statistics_of_the_units(national: LoadReport) -> None:
    """The planner knows the units right after a load, not only once autovacuum has come by."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'councils_adminunit'")
        (rows,) = cursor.fetchone()
    assert rows > 10_000


def test_a_new_ward_was_formed_from_its_predecessors(national: LoadReport) -> None:
    ba_dinh = new(Level.COMMUNE, "00004")
    assert names(predecessors(ba_dinh)) == {
        "Phường Trúc Bạch",
        "Phường Quán Thánh",
        "Phường Ngọc Hà",
        "Phường Điện Biên",
        "Phường Đội Cấn",
        "Phường Kim Mã",
        "Phường Thụy Khuê",
        "Phường Đồng Xuân",
        "Phường Cửa Đông",
        "Phường Cửa Nam",
    }


def test_a_unit_valid_on_the_day_is_its_own_successor(national: LoadReport) -> None:
    ba_dinh = new(Level.COMMUNE, "00004")
    assert successors_today(ba_dinh, TODAY) == [ba_dinh]
    phuc_xa = old(Level.COMMUNE, "00001")
    assert successors_today(phuc_xa, JUNE_30) == [phuc_xa]


def test_commune_changes_carry_the_reform_date_and_legal_basis(national: LoadReport) -> None:
    change = old(Level.COMMUNE, "00001").changes_out.get()
    assert (change.kind, change.effective_on, change.source) == (
        UnitChange.Kind.MERGED_INTO,
        REFORM_DATE,
        "vietnam-provinces",
    )
    assert change.legal_basis == "Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp xã năm 2025"


def test_old_communes_the_official_mapping_omits_are_counted_not_guessed(national: LoadReport) -> None:
    assert len(national.unmapped) == 28
    assert len(national.unknown) == 10
    my_hung = old(Level.COMMUNE, national.unmapped[0])
    assert (my_hung.name, successors_today(my_hung, TODAY)) == ("Xã Mỹ Hưng", [])


def test_the_first_load_created_every_unit_and_change_and_wrote_one_audit_entry(national: LoadReport) -> None:
    assert national.created == {"province": 72, "district": 696, "commune": 13372}
    assert national.changes_created == 10593
    entry = AuditEntry.objects.get(action="units.load")
    assert (entry.after or {})["created"] == national.created


def test_loading_again_changes_nothing_and_says_so(national: LoadReport) -> None:
    out = StringIO()
    call_command("load_units", stdout=out)
    assert "không có gì thay đổi" in out.getvalue()
    assert AdminUnit.objects.count() == 72 + 696 + 13372
    assert AuditEntry.objects.filter(action="units.load").count() == 1


def test_a_correction_in_the_package_is_applied_on_the_next_load(national: LoadReport) -> None:
    AdminUnit.objects.filter(level=Level.COMMUNE, code="00001", valid_from=None).update(
        name="Phường Phúc Xá Cũ"
    )
    report = load_national_units()
    assert (report.updated, sum(report.created.values())) == (1, 0)
    assert old(Level.COMMUNE, "00001").name == "Phường Phúc Xá"


def test_a_districts_lookup_takes_a_fixed_handful_of_queries(
    national: LoadReport, django_assert_max_num_queries: Any
) -> None:
    district = old(Level.DISTRICT, "001")
    with django_assert_max_num_queries(4):
        successors = successors_today(district, TODAY)
        provinces = {unit.province.name for unit in successors}
    assert provinces == {"Thành phố Hà Nội"}
