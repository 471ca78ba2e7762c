"""Importing delegates from .xlsx: the template, good files, row errors, and files that must be refused."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.core.tabular import MAX_UNCOMPRESSED_BYTES
from hdnd.councils import imports
from hdnd.councils.imports import DELEGATES
from hdnd.councils.models import Membership, MembershipRole, Person
from hdnd.councils.tests.councils_support import (
    HEADERS,
    assert_hides,
    assert_shows,
    audit_entries,
    current_term,
    upload,
    workbook,
)
from hdnd.councils.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Client, world: World) -> Client:
    client.force_login(world.user("council_admin"))
    return client


def post(client: Client, world: World, content: bytes, name: str = "dai-bieu.xlsx") -> Any:
    url = reverse("councils:person_import", args=[world.province.pk])
    return client.post(url, {"file": upload(content, name)})


def test_the_template_has_the_vietnamese_columns_and_an_instructions_sheet(
    staff: Client, world: World
) -> None:
    response = staff.get(reverse("councils:person_import_template", args=[world.province.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-dai-bieu.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Hướng dẫn", "Đại biểu"]
    assert [cell.value for cell in book["Đại biểu"][1]] == [
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Chức vụ/nơi công tác",
        "Đơn vị bầu cử",
        "Chuyên trách (có/không)",
        "Ngày bắt đầu (dd/mm/yyyy)",
        "Email",
        "Điện thoại",
    ]
    assert "Đại biểu" in book["Hướng dẫn"]["A3"].value


def test_the_downloaded_template_filled_in_imports_cleanly(staff: Client, world: World) -> None:
    current_term(world.province)
    template = load_workbook(
        io.BytesIO(staff.get(reverse("councils:person_import_template", args=[world.province.pk])).content)
    )
    template["Đại biểu"].append(["Nguyễn Thị Mẫu", "Nữ", "1980"])
    buffer = io.BytesIO()
    template.save(buffer)
    assert post(staff, world, buffer.getvalue()).status_code == 302
    assert Person.objects.filter(council=world.province, full_name="Nguyễn Thị Mẫu").exists()


def test_a_good_file_creates_people_and_delegate_seats_with_one_audit_entry(
    staff: Client, world: World
) -> None:
    term = current_term(world.province)
    content = workbook(
        [
            [
                "Nguyễn Văn An",
                "Nam",
                1975,
                "Bí thư Đảng ủy xã",
                "Đơn vị bầu cử số 1",
                "có",
                f"{term.starts_on + timedelta(days=10):%d/%m/%Y}",
                "an@example.org",
                "0900000001",
            ],
            [
                "Trần Thị Bình",
                "nữ",
                "1988",
                "Giáo viên",
                "Đơn vị bầu cử số 2",
                "",
                datetime.combine(term.starts_on, time()),  # a date cell
                "",
                912345678,
            ],
            [],  # blank rows are skipped
            ["Lê Văn Cường"],
        ]
    )
    response = post(staff, world, content)
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:person_list", args=[world.province.pk]) + "?delegates=on"
    people = {p.full_name: p for p in Person.objects.filter(council=world.province)}
    assert set(people) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"}
    assert (people["Trần Thị Bình"].gender, people["Trần Thị Bình"].birth_year) == ("F", 1988)
    assert (
        people["Trần Thị Bình"].phone == "0912345678"
    )  # a number cell loses its leading zero; we put it back
    seat = Membership.objects.get(person=people["Nguyễn Văn An"])
    assert (seat.role, seat.body, seat.term, seat.full_time) == (MembershipRole.DELEGATE, None, term, True)
    assert (seat.starts_on, seat.constituency) == (term.starts_on + timedelta(days=10), "Đơn vị bầu cử số 1")
    assert Membership.objects.get(person=people["Trần Thị Bình"]).starts_on == term.starts_on
    assert Membership.objects.get(person=people["Lê Văn Cường"]).starts_on == term.starts_on
    entry = AuditEntry.objects.get(action="councils.import_delegates")
    assert entry.after == {"people": 3, "memberships": 3, "term": term.pk}
    assert entry.note == "dai-bieu.xlsx"


def test_row_errors_are_all_listed_and_nothing_is_imported(staff: Client, world: World) -> None:
    current_term(world.province)
    content = workbook(
        [
            ["Nguyễn Văn Đúng", "Nam", 1970],
            ["", "Nữ", 1980],
            [
                "Trần Văn Sai",
                "Không rõ",
                "năm ngoái",
                "",
                "",
                "có lẽ",
                "31/02/2025",
                "không-phải-email",
                "gọi tôi",
            ],
            ["Nguyễn Văn Đúng", "Nam", 1970],
        ]
    )
    response = post(staff, world, content)
    assert response.status_code == 422
    assert_shows(
        response.content.decode(),
        "Dòng 3: thiếu họ và tên",
        "Dòng 4: giới tính “Không rõ” không hợp lệ (ghi Nam hoặc Nữ)",
        "Dòng 4: năm sinh “năm ngoái” không hợp lệ",
        "Dòng 4: chuyên trách “có lẽ” không hợp lệ (ghi có hoặc không)",
        "Dòng 4: ngày bắt đầu “31/02/2025” không hợp lệ",
        "Dòng 4: email “không-phải-email” không hợp lệ",
        "Dòng 4: điện thoại “gọi tôi” không hợp lệ",
        "Dòng 5: trùng với dòng 2 (Nguyễn Văn Đúng)",
        "Chưa nhập dòng nào",
    )
    assert not Person.objects.filter(council=world.province).exists()
    assert audit_entries("councils.import_delegates") == 0


def test_a_delegate_already_in_the_term_or_a_date_outside_it_is_refused(staff: Client, world: World) -> None:
    term = current_term(world.province)
    known = PersonFactory.create(council=world.province, full_name="Phạm Thị Đã Có", birth_year=1979)
    Membership.objects.create(
        person=known, council=world.province, term=term, role="delegate", starts_on=term.starts_on
    )
    content = workbook([["Phạm Thị Đã Có", "Nữ", 1979], ["Hoàng Văn Sớm", "", "", "", "", "", "01/01/2001"]])
    page = post(staff, world, content).content.decode()
    assert_shows(
        page,
        f"Dòng 2: Phạm Thị Đã Có đã có trong danh sách đại biểu {term}",
        "Dòng 3: ngày bắt đầu 01/01/2001 nằm ngoài",
    )


def test_a_file_without_the_name_column_is_refused_as_a_whole(staff: Client, world: World) -> None:
    current_term(world.province)
    page = post(staff, world, workbook([["Nam", 1970]], headers=["Giới tính", "Năm sinh"])).content.decode()
    assert "Không tìm thấy cột: Họ và tên." in page


def test_headers_are_matched_without_accents_and_in_any_order(staff: Client, world: World) -> None:
    current_term(world.province)
    content = workbook([["1965", "Đinh Văn Không Dấu"]], headers=["NAM SINH", "ho va ten"], sheet="Sheet1")
    assert post(staff, world, content).status_code == 302
    assert Person.objects.get(council=world.province).birth_year == 1965


def test_formulas_in_cells_are_kept_as_text_not_evaluated(staff: Client, world: World) -> None:
    current_term(world.province)
    content = workbook([["Ngô Văn Công Thức", "", "", '=HYPERLINK("http://example.org","bấm")']])
    assert post(staff, world, content).status_code == 302
    assert Person.objects.get(council=world.province).position == '=HYPERLINK("http://example.org","bấm")'


def test_nfd_text_is_stored_as_nfc(staff: Client, world: World) -> None:
    current_term(world.province)
    decomposed = unicodedata.normalize("NFD", "Vũ Thị Hoà")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    content = workbook([[decomposed, "Nữ", "", unicodedata.normalize("NFD", "Cán bộ hưu trí")]])
    assert post(staff, world, content).status_code == 302
    person = Person.objects.get(council=world.province)
    assert person.full_name == unicodedata.normalize("NFC", "Vũ Thị Hoà")
    assert person.position == unicodedata.normalize("NFC", "Cán bộ hưu trí")
    assert person.name_key == "vu thi hoa"


def test_a_broken_xlsx_is_refused_with_a_message(staff: Client, world: World) -> None:
    current_term(world.province)
    truncated = workbook([["Nguyễn Văn Hỏng"]])[:300]
    page = post(staff, world, truncated).content.decode()
    assert "không phải tệp Excel .xlsx hợp lệ (có thể bị hỏng)" in page
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "đây không phải XML")
    page = post(staff, world, not_a_workbook.getvalue()).content.decode()
    assert "Không đọc được tệp .xlsx: tệp bị hỏng hoặc không đúng định dạng." in page
    assert not Person.objects.filter(council=world.province).exists()


def test_a_file_that_is_not_xlsx_is_refused(staff: Client, world: World) -> None:
    current_term(world.province)
    page = post(staff, world, "Họ và tên\nNguyễn Văn A\n".encode(), name="dai-bieu.csv").content.decode()
    assert "Chỉ nhận tệp Excel .xlsx; tệp “dai-bieu.csv” không phải .xlsx." in page
    page = post(staff, world, b"%PDF-1.7 not a spreadsheet", name="gia-mao.xlsx").content.decode()
    assert "Tệp “gia-mao.xlsx” không phải tệp Excel .xlsx hợp lệ" in page


def test_a_zip_bomb_is_refused_before_it_is_opened(staff: Client, world: World) -> None:
    current_term(world.province)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"0" * (MAX_UNCOMPRESSED_BYTES + 1))
    assert len(bomb.getvalue()) < 200_000  # small on the wire
    page = post(staff, world, bomb.getvalue()).content.decode()
    assert "Nội dung tệp sau khi giải nén quá lớn; tệp không được nhận." in page


def test_a_workbook_with_macros_is_refused(staff: Client, world: World) -> None:
    current_term(world.province)
    content = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook([["Lý Văn Macro"]]))) as source,
        zipfile.ZipFile(content, "w") as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 16)
    page = post(staff, world, content.getvalue()).content.decode()
    assert "Tệp có macro (VBA)" in page


def test_a_file_over_the_size_limit_is_refused(staff: Client, world: World, settings: Any) -> None:
    settings.HDND_MAX_UPLOAD_BYTES = 1024
    current_term(world.province)
    content = workbook([[f"Người Thứ {n}", "", "", "x" * 200] for n in range(50)])
    assert len(content) > 1024
    assert "Tệp lớn hơn giới hạn" in post(staff, world, content).content.decode()


def test_too_many_rows_are_refused(staff: Client, world: World, monkeypatch: Any) -> None:
    current_term(world.province)
    monkeypatch.setattr(imports, "DELEGATES", replace(DELEGATES, max_rows=3))
    page = post(staff, world, workbook([[f"Người Thứ {n}"] for n in range(4)])).content.decode()
    assert "Tệp có hơn 3 dòng dữ liệu; hãy chia thành nhiều tệp." in page


def test_a_council_without_a_current_term_is_told_to_add_one(staff: Client, world: World) -> None:
    page = staff.get(reverse("councils:person_import", args=[world.province.pk])).content.decode()
    assert "HĐND chưa có khóa, nhiệm kỳ hiện tại" in page
    page = post(staff, world, workbook([["Nguyễn Văn Chờ"]])).content.decode()
    assert "hãy thêm khóa trước khi nhập" in page
    assert_hides(page, "Đã nhập")


def test_the_header_row_needs_the_template_columns(staff: Client, world: World) -> None:
    current_term(world.province)
    assert HEADERS[0] == "Họ và tên"
    page = post(staff, world, workbook([], headers=HEADERS)).content.decode()
    assert "Tệp chưa có dòng dữ liệu nào dưới dòng tiêu đề." in page
