"""The PDF of an administrative document: A4, the font embedded, Vietnamese text, numbers from page 2.

WeasyPrint takes a second or more per document, so these tests are few and share their renderings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from hdnd.core import documents, pdf
from hdnd.core.documents import AdminDocument, Table
from hdnd.core.tests.test_documents import report

LONG = "Hội đồng nhân dân tỉnh An Bình xem xét, quyết định những vấn đề quan trọng của địa phương. " * 6


def long_report() -> AdminDocument:
    rows = [[i, f"Đường giao thông nông thôn xã Đông Hòa số {i}", i * 1000] for i in range(1, 61)]
    return report(body=[LONG] * 12 + [Table(["STT", "Nội dung", "Số tiền"], rows, widths_mm=(15, 120, 30))])


@cache
def rendered_long() -> Any:
    return documents.render(long_report())


def texts(box: Any) -> list[str]:
    """Every text fragment laid out under ``box`` (WeasyPrint's boxes), in order."""
    found = [box.text] if hasattr(box, "text") and isinstance(box.text, str) else []
    for child in getattr(box, "children", ()):
        found += texts(child)
    return found


def page_text(page: Any) -> str:
    return " ".join(texts(page._page_box))


def margin_text(page: Any, name: str) -> str:
    """The text of one page-margin box (``@top-center``) of a rendered page."""
    return " ".join(
        " ".join(texts(box)) for box in page._page_box.children if getattr(box, "at_keyword", "") == name
    )


def test_the_pdf_is_a4_with_the_font_embedded() -> None:
    pdf = documents.build_pdf(report())
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    raw = documents.render(report()).write_pdf(uncompressed_pdf=True)
    boxes = re.findall(rb"/MediaBox ?\[0 0 ([\d.]+) ([\d.]+)\]", raw)
    assert boxes, "no MediaBox"
    width, height = (float(value) for value in boxes[0])
    assert round(width / 72 * 25.4) == 210
    assert round(height / 72 * 25.4) == 297
    fonts = {name.replace(b"-", b"") for name in re.findall(rb"/BaseFont ?/[A-Z]{6}\+([A-Za-z-]+)", raw)}
    assert fonts
    assert fonts <= FONT_NAMES, fonts  # subsets of Times New Roman or Liberation Serif only
    assert any(b"Bold" in name for name in fonts)
    assert any(b"Italic" in name for name in fonts)


FONT_NAMES = {
    b"LiberationSerif",
    b"LiberationSerifBold",
    b"LiberationSerifItalic",
    b"LiberationSerifBoldItalic",
    b"TimesNewRomanPSMT",
    b"TimesNewRomanPSBoldMT",
    b"TimesNewRomanPSItalicMT",
    b"TimesNewRomanPSBoldItalicMT",
}


def test_the_first_page_says_what_the_docx_says() -> None:
    page = documents.render(report()).pages[0]
    text = page_text(page)
    for expected in (
        "HỘI ĐỒNG NHÂN DÂN",
        "TỈNH AN BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-HĐND",
        "An Bình, ngày 22 tháng 11 năm 2026",
        "BÁO CÁO",
        "Nơi nhận:",
        "TM. THƯỜNG TRỰC HĐND",
        "Nguyễn Văn An",
        "1.234",
    ):
        assert expected in text, expected
    assert margin_text(page, "@top-center") == ""  # no number on page 1


def test_pages_after_the_first_are_numbered_at_the_top_centre() -> None:
    pages = rendered_long().pages
    assert len(pages) >= 3
    assert [margin_text(page, "@top-center") for page in pages] == [""] + [
        str(n) for n in range(2, len(pages) + 1)
    ]
    # The table's header row repeats on the page it runs onto; the signature ends the last page.
    last = page_text(pages[-1])
    assert "Nguyễn Văn An" in last
    table_pages = [page_text(page) for page in pages if "Đông Hòa số" in page_text(page)]
    assert len(table_pages) >= 2
    assert all("Số tiền" in text for text in table_pages)


def test_nothing_is_fetched_and_text_is_escaped() -> None:
    hostile = report(summary='<img src="http://example.invalid/x.png"> & <style>@import "x.css"</style>')
    page = documents.render(hostile).pages[0]
    assert '<img src="http://example.invalid/x.png"> &' in page_text(page)
    assert "<img" not in documents.html(hostile)


def test_styled_lines_in_both_formats() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from hdnd.core.documents import Line
    from hdnd.core.tests.test_documents import read

    document = report(body=[Line("QUYẾT NGHỊ:", bold=True, centred=True), Line("Căn cứ Luật;", italic=True)])
    paragraphs = {p.text: p for p in read(document).paragraphs}
    decides, basis = paragraphs["QUYẾT NGHỊ:"], paragraphs["Căn cứ Luật;"]
    assert decides.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert decides.runs[0].bold
    assert not decides.runs[0].italic
    assert basis.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert basis.runs[0].italic
    page = documents.html(document)
    assert '<p class="centred b">QUYẾT NGHỊ:</p>' in page
    assert '<p class="text i">Căn cứ Luật;</p>' in page


def test_the_url_fetcher_refuses_everything(caplog: pytest.LogCaptureFixture) -> None:
    from weasyprint import HTML

    fetcher = pdf._NoFetching()
    with pytest.raises(ValueError, match="không tải"):
        fetcher("file:///etc/hostname")
    page = '<img src="file:///etc/hostname"><p>Xin chào</p>'
    rendered = HTML(string=page, base_url=None, url_fetcher=fetcher).render()  # skipped, not fatal
    assert "Xin chào" in page_text(rendered.pages[0])
    assert "file:///etc/hostname" in caplog.text
