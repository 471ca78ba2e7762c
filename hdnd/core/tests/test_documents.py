"""Administrative documents come out in the NĐ 30/2020 layout: read the .docx back and check it."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

from hdnd.core import documents
from hdnd.core.documents import AdminDocument, Heading, Signature, Table


def report(**changes: object) -> AdminDocument:
    values: dict[str, object] = {
        "issuer": ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"],
        "kind": "BÁO CÁO",
        "symbol": "BC-HĐND",
        "number": "12",
        "place": "An Bình",
        "on": date(2026, 11, 22),
        "summary": "Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ 12",
        "body": [
            Heading("I. KẾT QUẢ TIẾP XÚC CỬ TRI"),
            "Đã tổ chức 2 buổi tiếp xúc cử tri.",
            Table(["STT", "Lĩnh vực", "Số kiến nghị"], [[1, "Giao thông", 1234]]),
        ],
        "recipients": ["Thường trực HĐND;", "Lưu: VT."],
        "signature": Signature(name="Nguyễn Văn An"),
    }
    values.update(changes)
    return AdminDocument(**values)  # type: ignore[arg-type]


def read(document: AdminDocument) -> DocxDocument:
    return Document(io.BytesIO(documents.build(document)))


def cell_lines(doc: DocxDocument, table: int, row: int, column: int) -> list[str]:
    return [p.text for p in doc.tables[table].cell(row, column).paragraphs if p.text]


def test_the_page_is_a4_with_the_decree_margins() -> None:
    section = read(report()).sections[0]
    assert section.page_width is not None
    assert round(section.page_width.mm) == 210
    assert section.page_height is not None
    assert round(section.page_height.mm) == 297
    assert section.top_margin is not None
    assert 20 <= round(section.top_margin.mm) <= 25
    assert section.bottom_margin is not None
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert section.left_margin is not None
    assert 30 <= round(section.left_margin.mm) <= 35
    assert section.right_margin is not None
    assert 15 <= round(section.right_margin.mm) <= 20


def test_a_wide_table_turns_the_page_to_landscape() -> None:
    section = read(report(landscape=True)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None
    assert round(section.page_width.mm) == 297


def test_text_is_black_times_new_roman_and_the_body_14_points() -> None:
    doc = read(report())
    normal: Any = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    body = next(p for p in doc.paragraphs if p.text == "Đã tổ chức 2 buổi tiếp xúc cử tri.")
    run = body.runs[0]
    assert run.font.name == "Times New Roman"
    assert run.font.size is not None
    assert run.font.size.pt == 14
    assert str(run.font.color.rgb) == "000000"
    fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
    assert fonts is not None
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"


@pytest.mark.parametrize(
    ("size", "bold", "italic"), [(14, False, False), (13, True, False), (11, False, True)]
)
def test_a_run_takes_the_same_properties_copied_as_set_one_by_one(
    size: float, bold: bool, italic: bool
) -> None:
    """``_font`` copies the ``w:rPr`` built once per style: it must be what python-docx's setters write."""
    copied, set_one_by_one = Document().add_paragraph(), Document().add_paragraph()
    documents._font(copied.add_run("Kính gửi"), size, bold, italic)
    documents._set_font(set_one_by_one.add_run("Kính gửi"), size, bold, italic)
    assert copied._p.xml == set_one_by_one._p.xml
    assert copied.runs[0].font.size == Pt(size)
    assert copied.runs[0].font.bold is bold


def test_the_header_names_the_issuer_and_the_national_title() -> None:
    doc = read(report())
    assert cell_lines(doc, 0, 0, 0) == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"]
    assert cell_lines(doc, 0, 0, 1) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    issuer_runs = [r for p in doc.tables[0].cell(0, 0).paragraphs for r in p.runs if r.text]
    assert all(run.font.bold for run in issuer_runs)


def test_the_number_symbol_place_and_date_lines() -> None:
    doc = read(report())
    assert cell_lines(doc, 0, 1, 0) == ["Số: 12/BC-HĐND"]
    (date_line,) = [p for p in doc.tables[0].cell(1, 1).paragraphs if p.text]
    assert date_line.text == "An Bình, ngày 22 tháng 11 năm 2026"
    assert date_line.runs[0].font.italic is True


def test_a_document_not_yet_issued_leaves_its_number_blank() -> None:
    doc = read(report(number=""))
    assert cell_lines(doc, 0, 1, 0) == ["Số:      /BC-HĐND"]


def test_days_below_ten_and_january_february_get_a_leading_zero() -> None:
    assert documents.vietnamese_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert documents.vietnamese_date(date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert documents.place_name("Tỉnh An Bình") == "An Bình"
    assert documents.place_name("Thành phố Hà Nội") == "Hà Nội"
    assert documents.place_name("Xã Đông Hòa") == "Đông Hòa"


def test_the_type_and_summary_are_bold_and_centred() -> None:
    doc = read(report())
    texts = [p.text for p in doc.paragraphs]
    kind = doc.paragraphs[texts.index("BÁO CÁO")]
    summary = doc.paragraphs[texts.index("Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ 12")]
    assert kind.runs[0].font.bold
    assert summary.runs[0].font.bold
    assert kind.alignment == 1
    assert summary.alignment == 1


def test_a_letter_reads_v_v_under_its_number_and_greets_its_addressee() -> None:
    letter = report(
        kind="",
        parent_issuer=["HĐND TỈNH AN BÌNH"],
        issuer=["THƯỜNG TRỰC HĐND"],
        symbol="HĐND-VP",
        number="",
        summary="chuyển kiến nghị của cử tri",
        addressees=["Kính gửi: Sở Xây dựng tỉnh An Bình."],
        body=["Thường trực HĐND chuyển kiến nghị."],
    )
    doc = read(letter)
    assert cell_lines(doc, 0, 0, 0) == ["HĐND TỈNH AN BÌNH", "THƯỜNG TRỰC HĐND"]
    parent, issuer = (p for p in doc.tables[0].cell(0, 0).paragraphs if p.text)
    assert not parent.runs[0].font.bold
    assert issuer.runs[0].font.bold
    assert cell_lines(doc, 0, 1, 0) == ["Số:      /HĐND-VP", "V/v chuyển kiến nghị của cử tri"]
    assert "Kính gửi: Sở Xây dựng tỉnh An Bình." in [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" not in [p.text for p in doc.paragraphs]


def test_body_tables_have_borders_a_bold_repeating_header_and_vietnamese_numbers() -> None:
    doc = read(report())
    table = doc.tables[1]  # the header table, then the body's table
    assert table.style is not None
    assert table.style.name == "Table Grid"
    assert [c.text for c in table.rows[0].cells] == ["STT", "Lĩnh vực", "Số kiến nghị"]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    assert table.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[1].cells] == ["1", "Giao thông", "1.234"]


def test_recipients_bottom_left_and_the_signature_bottom_right() -> None:
    doc = read(report())
    closing = doc.tables[-1]
    assert cell_lines(doc, -1, 0, 0) == ["Nơi nhận:", "- Thường trực HĐND;", "- Lưu: VT."]
    assert cell_lines(doc, -1, 0, 1) == [
        "TM. THƯỜNG TRỰC HĐND",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    assert closing.cell(0, 0).paragraphs[0].runs[0].font.italic


def test_page_numbers_are_centred_at_the_top_from_page_two() -> None:
    section = read(report()).sections[0]
    assert section.different_first_page_header_footer is True
    number = section.header.paragraphs[0]
    assert number.alignment == 1  # CENTER
    assert "PAGE" in number._p.xml
    assert "PAGE" not in section.first_page_header._element.xml


@pytest.mark.parametrize(
    ("filename", "fallback", "encoded"),
    [
        (
            "Báo cáo tổng hợp.docx",
            'filename="bao cao tong hop.docx"',
            "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p.docx",
        ),
        ('Đợt "1".xlsx', 'filename="dot 1.xlsx"', "filename*=UTF-8''%C4%90%E1%BB%A3t%20%221%22.xlsx"),
    ],
)
def test_downloads_carry_a_vietnamese_file_name(filename: str, fallback: str, encoded: str) -> None:
    response = documents.attachment(b"PK", filename)
    assert response["Content-Type"] == documents.DOCX
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert fallback in disposition
    assert encoded in disposition
    assert response["Content-Length"] == "2"


class NamedCouncil:
    """Stands for a council: core reads its naming from the object and imports no app."""

    def unit_words(self) -> str:
        return "tỉnh An Bình"

    def issuer_lines(self) -> list[str]:
        return ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"]

    def standing_issuer_lines(self) -> tuple[list[str], list[str]]:
        return ["HĐND TỈNH AN BÌNH"], ["THƯỜNG TRỰC HĐND"]

    def chair_name(self, on: date | None = None) -> str:
        return "Nguyễn Văn An" if on == date(2026, 1, 5) else ""


def test_the_older_council_helpers_ask_the_council_for_its_names() -> None:
    council = NamedCouncil()
    assert documents.unit_words(council) == "tỉnh An Bình"
    assert documents.council_issuer(council) == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"]
    assert documents.standing_issuer(council) == (["HĐND TỈNH AN BÌNH"], ["THƯỜNG TRỰC HĐND"])
    assert documents.chair_name(council, date(2026, 1, 5)) == "Nguyễn Văn An"
    assert documents.chair_name(council) == ""


def test_the_signature_block_never_breaks_across_pages() -> None:
    """A long report must not leave the signer's name alone on the next page (seen in LibreOffice)."""
    closing = read(report()).tables[-1]
    assert "Nơi nhận:" in closing.cell(0, 0).text
    properties = closing.rows[0]._tr.trPr
    assert properties is not None
    assert properties.find(qn("w:cantSplit")).get(qn("w:val")) == "true"


def test_table_widths_agree_in_the_grid_the_cells_and_a_fixed_layout() -> None:
    """LibreOffice lays a table out from its grid, Word from its cells: both must say the same widths."""
    doc = read(
        report(body=[Table(["STT", "Nội dung", "Số tiền"], [[1, "Đường", 1000]], widths_mm=(15, 120, 30))])
    )
    table = doc.tables[1]
    twips = [round(mm / 25.4 * 1440) for mm in (15, 120, 30)]
    assert [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid] == twips
    for row in table.rows:
        assert [int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for cell in row.cells] == twips
    properties = table._tbl.tblPr
    assert properties.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert int(properties.find(qn("w:tblW")).get(qn("w:w"))) == sum(twips)
    header = doc.tables[0]  # the Quốc hiệu's column holds its 95 mm on one line
    assert int(header._tbl.tblGrid[1].get(qn("w:w"))) >= round(100 / 25.4 * 1440)
