"""The shared import reader: a formula is never evaluated, the package is checked before parsing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hdnd.core import tabular

TABLE = tabular.Table(
    title="Mẫu thử",
    sheet="Danh sách",
    columns=(
        tabular.Column("Họ và tên", "name", tabular.text("họ và tên", 50), required=True),
        tabular.Column("Năm sinh", "born", tabular.year("năm sinh")),
    ),
)


def sheet(*rows: list[Any]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    assert book.active is not None
    book.active.title = "Danh sách"
    for row in (["Họ và tên", "Năm sinh"], *rows):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())


def test_a_formula_is_kept_as_its_text_by_default() -> None:
    result = tabular.read_table(sheet(["=HYPERLINK(1)", 1975]), TABLE)
    assert result.errors == []
    assert result.rows[0].values == {"name": "=HYPERLINK(1)", "born": 1975}


def test_a_formula_is_refused_with_its_address_when_the_import_says_so() -> None:
    result = tabular.read_table(sheet(["An", 1975], ["=1+1", 1980]), TABLE, formulas="refuse")
    assert result.errors == ["Dòng 3: Ô A3 chứa công thức; hãy dán giá trị"]


def test_every_row_error_is_collected_not_only_the_first() -> None:
    result = tabular.read_table(sheet(["", 1975], ["Bình", "năm ngoái"]), TABLE)
    assert result.errors == [
        "Dòng 2: thiếu họ và tên",
        "Dòng 3: năm sinh “năm ngoái” không hợp lệ (ghi 4 chữ số, ví dụ 1975)",
    ]


def test_a_workbook_named_docx_is_refused_as_not_a_word_file() -> None:
    upload = sheet(["An", 1975])
    upload.name = "danh-sach.docx"
    with pytest.raises(tabular.ImportRejected, match=r"không phải tệp Word \.docx hợp lệ"):
        tabular.check_upload(upload, max_bytes=10**6, kind="docx")


def test_the_template_says_what_one_row_holds() -> None:
    from openpyxl import load_workbook

    table = tabular.Table(title="Mẫu", sheet="Ý kiến", columns=TABLE.columns, one_row="mỗi ý kiến một dòng")
    book = load_workbook(io.BytesIO(tabular.template(table)))
    assert (
        book["Hướng dẫn"]["A3"].value
        == "Điền danh sách vào trang tính “Ý kiến”, mỗi ý kiến một dòng, từ dòng 2."
    )
