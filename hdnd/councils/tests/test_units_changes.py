"""Changes added by hand or imported: validation, audit, chains of changes, and the import command."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.actions_units import add_unit_change
from hdnd.councils.models import REFORM_DATE, AdminUnit, Level, UnitChange, UnitKind
from hdnd.councils.tests.factories import CommuneFactory, ProvinceFactory
from hdnd.councils.units import find_unit, predecessors, successors_today

pytestmark = pytest.mark.django_db
JUNE_30 = date(2025, 6, 30)
TODAY = date(2026, 3, 1)
MERGER_2024 = date(2024, 11, 1)  # an earlier UBTVQH merger the package does not carry
HEADER = "from_level,from_code,from_hint,to_level,to_code,to_hint,kind,effective_on,legal_basis"


def make_province(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, ProvinceFactory(**fields))


def make_commune(**fields: Any) -> AdminUnit:
    return cast(AdminUnit, CommuneFactory(**fields))


@dataclass
class Chain:
    """Xã Hòa Bình (merged 2024 into Xã Đông Hòa) → Xã Đông Hòa (merged 2025 into Xã An Phú)."""

    province: AdminUnit
    hoa_binh: AdminUnit
    dong_hoa: AdminUnit
    an_phu: AdminUnit


@pytest.fixture
def chain(db: Any) -> Chain:
    province = make_province(name="Tỉnh Thử Nghiệm", code="99001")
    dong_hoa = make_commune(
        name="Xã Đông Hòa", code="90001", parent=province, valid_from=None, valid_to=JUNE_30
    )
    hoa_binh = make_commune(
        name="Xã Hòa Bình", code="90002", parent=province, valid_from=None, valid_to=date(2024, 10, 31)
    )
    an_phu = make_commune(name="Xã An Phú", code="90001", parent=province, valid_from=REFORM_DATE)
    add_unit_change(
        from_unit=dong_hoa, to_unit=an_phu, kind=UnitChange.Kind.MERGED_INTO, effective_on=REFORM_DATE
    )
    return Chain(province, hoa_binh, dong_hoa, an_phu)


def merge(unit: AdminUnit, into: AdminUnit, on: date = MERGER_2024) -> UnitChange:
    return add_unit_change(from_unit=unit, to_unit=into, kind=UnitChange.Kind.MERGED_INTO, effective_on=on)


def test_a_two_step_chain_is_followed_to_the_unit_valid_today(chain: Chain) -> None:
    merge(chain.hoa_binh, chain.dong_hoa)
    assert successors_today(chain.hoa_binh, TODAY) == [chain.an_phu]


def test_on_an_earlier_day_the_chain_stops_at_the_unit_valid_then(chain: Chain) -> None:
    merge(chain.hoa_binh, chain.dong_hoa)
    assert successors_today(chain.hoa_binh, date(2025, 1, 1)) == [chain.dong_hoa]


def test_predecessors_are_the_units_that_went_directly_in(chain: Chain) -> None:
    merge(chain.hoa_binh, chain.dong_hoa)
    assert predecessors(chain.an_phu) == [chain.dong_hoa]
    assert predecessors(chain.dong_hoa) == [chain.hoa_binh]


def test_a_unit_with_no_recorded_change_has_no_successor(chain: Chain) -> None:
    assert successors_today(chain.hoa_binh, TODAY) == []


def test_a_loop_in_bad_data_ends_quietly(chain: Chain) -> None:
    # Written directly: the action would refuse the second link, but imported data may still loop.
    UnitChange.objects.create(
        from_unit=chain.hoa_binh, to_unit=chain.dong_hoa, kind="merged_into", effective_on=MERGER_2024
    )
    UnitChange.objects.create(
        from_unit=chain.dong_hoa, to_unit=chain.hoa_binh, kind="merged_into", effective_on=MERGER_2024
    )
    assert successors_today(chain.hoa_binh, TODAY) == [chain.an_phu]


def test_adding_a_change_writes_the_row_and_one_audit_entry(chain: Chain, world: World) -> None:
    admin = world.user("system_admin")
    change = add_unit_change(
        from_unit=chain.hoa_binh,
        to_unit=chain.dong_hoa,
        kind=UnitChange.Kind.MERGED_INTO,
        effective_on=MERGER_2024,
        legal_basis="Nghị quyết 1234/NQ-UBTVQH15",
        by=admin,
    )
    [entry] = AuditEntry.objects.for_object(change)
    assert (entry.action, entry.actor, (entry.after or {})["to_name"]) == (
        "units.change_added",
        admin,
        "Xã Đông Hòa",
    )
    assert (change.source, change.legal_basis) == ("manual", "Nghị quyết 1234/NQ-UBTVQH15")


def test_a_unit_cannot_change_into_itself(chain: Chain) -> None:
    with pytest.raises(ValidationError, match="không thể thay đổi thành chính nó"):
        merge(chain.dong_hoa, chain.dong_hoa)


def test_the_new_unit_must_be_valid_on_the_effective_date(chain: Chain) -> None:
    with pytest.raises(ValidationError, match="Xã An Phú không có hiệu lực vào ngày 01/11/2024"):
        merge(chain.hoa_binh, chain.an_phu)


def test_the_effective_date_must_follow_the_old_units_start(chain: Chain) -> None:
    later = make_commune(name="Xã Tân Lập", code="90003", parent=chain.province, valid_from=date(2026, 1, 1))
    with pytest.raises(ValidationError, match=r"phải sau ngày Xã Tân Lập bắt đầu có hiệu lực \(01/01/2026\)"):
        merge(later, chain.an_phu, on=date(2025, 12, 1))


def test_units_of_different_levels_cannot_be_linked(chain: Chain) -> None:
    with pytest.raises(ValidationError, match="phải cùng cấp"):
        merge(chain.hoa_binh, chain.province)


def test_the_same_change_twice_is_refused_once_recorded(chain: Chain) -> None:
    merge(chain.hoa_binh, chain.dong_hoa)
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        merge(chain.hoa_binh, chain.dong_hoa)
    assert AuditEntry.objects.filter(action="units.change_added").count() == 2  # the fixture's and ours


def test_a_reused_code_is_told_apart_by_name_or_date(chain: Chain) -> None:
    assert find_unit(Level.COMMUNE, "90001", "xa dong hoa") == chain.dong_hoa
    assert find_unit(Level.COMMUNE, "90001", "01/07/2025") == chain.an_phu
    assert find_unit(Level.COMMUNE, "90001", "", default_on=JUNE_30) == chain.dong_hoa
    with pytest.raises(ValidationError, match="Mã 90001 ứng với nhiều đơn vị: Xã Đông Hòa"):
        find_unit(Level.COMMUNE, "90001")


def write_csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "thay-doi.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_importing_a_csv_records_every_row(chain: Chain, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "xã,90002,,cấp xã,90001,Xã Đông Hòa,sáp nhập,01/11/2024,NQ 1234/NQ-UBTVQH15")
    call_command("import_unit_changes", str(path), stdout=(out := _Out()))
    assert "Đã nhập 1 thay đổi" in out.text
    assert successors_today(chain.hoa_binh, TODAY) == [chain.an_phu]
    assert chain.hoa_binh.changes_out.get().source == "import"


def test_one_bad_row_imports_nothing_and_names_its_line(chain: Chain, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "commune,90002,,commune,90001,Xã Đông Hòa,merged_into,2024-11-01,",
        "commune,90009,,commune,90001,Xã Đông Hòa,merged_into,2024-11-01,",
        "commune,90002,,commune,90001,Xã Đông Hòa,gộp,31/02/2024,",
    )
    with pytest.raises(CommandError, match="Không nhập dòng nào: 3 lỗi trong 3 dòng"):
        call_command("import_unit_changes", str(path), stderr=(err := _Out()))
    assert "Dòng 3: Mã đơn vị cũ: Không tìm thấy đơn vị cấp xã mã 90009." in err.text
    assert "Dòng 4: Hình thức: Giá trị “gop” không hợp lệ" in err.text
    assert "Dòng 4: Ngày có hiệu lực: Ngày không hợp lệ" in err.text
    assert not chain.hoa_binh.changes_out.exists()


def test_an_xlsx_with_vietnamese_headings_and_date_cells_is_read(chain: Chain, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Cấp cũ", "Mã cũ", "Tên cũ", "Cấp mới", "Mã mới", "Tên mới", "Hình thức", "Ngày hiệu lực"])
    sheet.append(["Xã", 90002, "Xã Hòa Bình", "Xã", 90001, "xa dong hoa", "Sáp nhập vào", date(2024, 11, 1)])
    book.save(path := tmp_path / "thay-doi.xlsx")
    call_command("import_unit_changes", str(path), stdout=_Out())
    assert chain.hoa_binh.changes_out.get().to_unit == chain.dong_hoa


def test_create_missing_adds_the_commune_the_list_no_longer_carries(chain: Chain, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "commune,90077,Xã Yên Phú,commune,90001,Xã Đông Hòa,merged_into,2024-11-01,")
    call_command("import_unit_changes", str(path), "--create-missing", stdout=_Out())
    yen_phu = AdminUnit.objects.get(code="90077")
    assert (yen_phu.kind, yen_phu.valid_to, yen_phu.parent, yen_phu.source) == (
        UnitKind.COMMUNE,
        date(2024, 10, 31),
        chain.province,
        "manual",
    )
    assert successors_today(yen_phu, TODAY) == [chain.an_phu]


def test_a_unit_to_create_must_say_what_it_is_in_its_name(chain: Chain, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "commune,90077,Yên Phú,commune,90001,Xã Đông Hòa,merged_into,2024-11-01,")
    with pytest.raises(CommandError):
        call_command("import_unit_changes", str(path), "--create-missing", stderr=(err := _Out()))
    assert (
        "Dòng 2: Không xác định được loại đơn vị từ tên “Yên Phú”: tên phải bắt đầu bằng "
        "“Xã”, “Phường”, “Thị trấn” hoặc “Đặc khu”." in err.text
    )


def test_the_old_unit_must_still_exist_the_day_before_the_change(chain: Chain) -> None:
    with pytest.raises(ValidationError, match="Xã Hòa Bình chỉ có hiệu lực đến ngày 31/10/2024"):
        merge(chain.hoa_binh, chain.dong_hoa, on=date(2025, 3, 1))


def test_without_create_missing_an_unknown_old_unit_is_an_error(chain: Chain, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "commune,90077,Xã Yên Phú,commune,90001,Xã Đông Hòa,merged_into,2024-11-01,")
    with pytest.raises(CommandError):
        call_command("import_unit_changes", str(path), stderr=(err := _Out()))
    assert "Không tìm thấy đơn vị cấp xã mã 90077 tên hoặc ngày “Xã Yên Phú”." in err.text
    assert not AdminUnit.objects.filter(code="90077").exists()


def test_a_file_without_the_needed_columns_is_refused(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "sai.csv"
    path.write_text("mã,tên\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Thiếu cột: effective_on, from_code"):
        call_command("import_unit_changes", str(path))


class _Out:
    """A stream for call_command that keeps what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, value: str) -> None:
        self.text += value

    def flush(self) -> None:
        pass
