"""Spreadsheets never turn text into formulas: read the .xlsx back, cell by cell and in its XML."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from hdnd.core import spreadsheets
from hdnd.core.spreadsheets import Column

DANGEROUS = ["=SUM(A1)", "+84 912 345 678", "-5", "@x", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.vn","Bấm")']


def sheet(rows: list[list[object]], **options: object) -> tuple[bytes, Worksheet]:
    content = spreadsheets.build(
        [Column("Nội dung", 40), Column("Số", 8)],
        rows,
        title="Bảng tổng hợp",
        subtitle="HĐND tỉnh An Bình",
        **options,  # type: ignore[arg-type]
    )
    worksheet = load_workbook(io.BytesIO(content)).active
    assert isinstance(worksheet, Worksheet)
    return content, worksheet


def cell(worksheet: Worksheet, ref: str) -> Cell:
    found = worksheet[ref]
    assert isinstance(found, Cell)
    return found


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_looks_like_a_formula_stays_literal_text(text: str) -> None:
    content, worksheet = sheet([[text, 1]])
    written = cell(worksheet, "A4")
    assert written.data_type == "s"
    assert written.value == text
    assert written.quotePrefix is True
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "<f " not in xml


def test_plain_text_numbers_and_dates_keep_their_types() -> None:
    _, worksheet = sheet([["Đường liên thôn", 3], ["Điện", date(2026, 11, 22)]])
    assert cell(worksheet, "A4").value == "Đường liên thôn"
    assert cell(worksheet, "A4").quotePrefix is False
    assert cell(worksheet, "B4").value == 3
    assert cell(worksheet, "B4").data_type == "n"
    assert cell(worksheet, "B5").is_date
    assert cell(worksheet, "B5").number_format == "DD/MM/YYYY"


def test_title_row_bold_frozen_header_and_widths() -> None:
    _, worksheet = sheet([["a", 1]])
    assert cell(worksheet, "A1").value == "Bảng tổng hợp"
    assert cell(worksheet, "A1").font.bold
    assert cell(worksheet, "A2").value == "HĐND tỉnh An Bình"
    assert [cell(worksheet, ref).value for ref in ("A3", "B3")] == ["Nội dung", "Số"]
    assert cell(worksheet, "A3").font.bold
    assert cell(worksheet, "B3").font.bold
    assert worksheet.freeze_panes == "A4"
    assert worksheet.column_dimensions["A"].width == 40
    assert worksheet.column_dimensions["B"].width == 8
    assert worksheet.auto_filter.ref == "A3:B4"


def test_control_characters_are_dropped_instead_of_breaking_the_file() -> None:
    _, worksheet = sheet([["Kiến\x00 nghị\x07", 1]], sheet="Kết quả/2026")
    assert cell(worksheet, "A4").value == "Kiến nghị"
    assert worksheet.title == "Kết quả-2026"


def test_formula_like_detection() -> None:
    assert all(spreadsheets.is_formula_like(text) for text in DANGEROUS)
    assert not spreadsheets.is_formula_like("Cử tri đề nghị = sửa đường")
