"""Administrative documents (.docx) in the NĐ 30/2020 format, for every app that issues them.

Describe the document with :class:`AdminDocument` (issuing body, number and symbol, place and date,
type and trích yếu, body blocks, Nơi nhận, signature) and call :func:`build` for the bytes. The layout
follows NĐ 30/2020 Phụ lục I: A4, margins 20/20/30/15 mm, Times New Roman, black, 14 pt body; the
header table with the issuing body left and Quốc hiệu, Tiêu ngữ right; the page number centred at the
top from page 2. :func:`attachment` answers a download with an RFC 5987 (Vietnamese) file name.
"""

from __future__ import annotations

import copy
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.http import HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from hdnd.core import ooxml
from hdnd.core.text import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 12
BLACK = RGBColor(0, 0, 0)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION_MM = 100  # the Quốc hiệu is 95 mm wide in 13 pt bold Times New Roman: its column holds it on one line
BLANK_NUMBER = " " * 5  # "Số:      /BC-HĐND" until the office numbers the document
# Page geometry (NĐ 30/2020 Phụ lục I, mục II.1): A4 with margins inside the allowed ranges.
PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}


@dataclass(frozen=True)
class Heading:
    """A bold line of the body (e.g. "I. KẾT QUẢ TIẾP XÚC CỬ TRI")."""

    text: str


@dataclass(frozen=True)
class Line:
    """A paragraph with its own style: centred ("QUYẾT NGHỊ:"), bold, italic ("Căn cứ …")."""

    text: str
    bold: bool = False
    italic: bool = False
    centred: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table of the body; ``widths_mm`` (optional) per column."""

    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths_mm: Sequence[float] = ()


@dataclass(frozen=True)
class Signature:
    """The signature block: TM. line, KT. line, the signer's title, and the name under the space to sign."""

    on_behalf: str = "TM. THƯỜNG TRỰC HĐND"
    acting: str = "KT. CHỦ TỊCH"
    title: str = "PHÓ CHỦ TỊCH"
    name: str = ""


Block = str | Heading | Line | Table


@dataclass
class AdminDocument:
    """What an administrative document says; :func:`build` lays it out.

    ``issuer`` is the issuing body in capitals, one line per item ("HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH");
    ``parent_issuer`` the body above it, printed above in regular type ("HĐND TỈNH AN BÌNH" over
    "THƯỜNG TRỰC HĐND"). ``kind`` is the document type ("BÁO CÁO"), empty for a công văn, whose
    ``summary`` is then printed under the number as "V/v …". ``number`` empty leaves the number blank
    for the office to fill in when it issues the document.
    """

    issuer: Sequence[str]
    symbol: str
    place: str
    summary: str
    body: Sequence[Block]
    kind: str = ""
    parent_issuer: Sequence[str] = ()
    number: str = ""
    on: date | None = None
    addressees: Sequence[str] = ()  # "Kính gửi: …" (công văn)
    recipients: Sequence[str] = ("Lưu: VT.",)
    signature: Signature = field(default_factory=Signature)
    cosigner: Signature | None = None  # a second signer at the left (the secretary of a biên bản)
    landscape: bool = False

    @property
    def number_line(self) -> str:
        return f"Số: {self.number or BLANK_NUMBER}/{self.symbol}"

    @property
    def date_line(self) -> str:
        return f"{self.place}, {vietnamese_date(self.on)}"


def vietnamese_date(on: date | None) -> str:
    """ "ngày 05 tháng 01 năm 2026": NĐ 30/2020 writes a 0 before days below 10 and months 1 and 2."""
    if on is None:
        return "ngày      tháng      năm      "
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"ngày {on.day:02d} tháng {month} năm {on.year}"


def place_name(unit_name: str) -> str:
    """The địa danh of a unit's name: "Tỉnh An Bình" → "An Bình", "Xã Đông Hòa" → "Đông Hòa"."""
    for prefix in ("Thành phố ", "Đặc khu ", "Thị trấn ", "Thị xã ", "Tỉnh ", "Phường ", "Xã "):
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


# Building ----------------------------------------------------------------------------------------


def build(document: AdminDocument) -> bytes:
    """The .docx bytes of ``document``."""
    doc = Document()
    _page(doc, document.landscape)
    _styles(doc)
    _header_table(doc, document)
    if document.kind:
        _title(doc, document)
    for line in document.addressees:
        _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    for block in document.body:
        _block(doc, block, text_width_mm(document))
    _closing_table(doc, document)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page(doc: object, landscape: bool) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    width, height = PAGE["width"], PAGE["height"]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(10)
    # Page numbers: centred at the top, from page 2 (the first page has its own, empty header).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(ooxml.page_field(number), BODY_PT)


def _styles(doc: object) -> None:
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]  # type: ignore[attr-defined]
        style.font.name = FONT
        style.font.color.rgb = BLACK
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _font(run: object, size: float, bold: bool = False, italic: bool = False) -> None:
    """Times New Roman at ``size``, black. A new run takes a copy of the properties written once per
    style: python-docx's setters search the XML on every call, half of a document's build time."""
    element = run._r  # type: ignore[attr-defined]
    if element.rPr is None:
        element.insert(0, copy.deepcopy(_run_properties(size, bold, italic)))
    else:
        _set_font(run, size, bold, italic)


def _set_font(run: object, size: float, bold: bool, italic: bool) -> None:
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    run.font.italic = italic  # type: ignore[attr-defined]
    run.font.color.rgb = BLACK  # type: ignore[attr-defined]
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)  # type: ignore[attr-defined]


@functools.cache
def _run_properties(size: float, bold: bool, italic: bool) -> Any:
    """The ``w:rPr`` that :func:`_set_font` writes on an empty run (to be copied, never inserted)."""
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    _set_font(run, size, bold, italic)
    return run._r.rPr


def _paragraph(
    where: object,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: int | None = WD_ALIGN_PARAGRAPH.JUSTIFY,
    space_after: float = 0,
    indent: bool = False,
) -> Paragraph:
    paragraph: Paragraph = where.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = align  # type: ignore[assignment]
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.line_spacing = 1.15
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _cell_lines(cell: _Cell, lines: Sequence[tuple[str, float, bool, bool]]) -> None:
    """Fill a cell with centred lines of (text, size, bold, italic); the cell's first paragraph is reused."""
    first = True
    for text, size, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(text), size, bold, italic)


def text_width_mm(document: AdminDocument) -> float:
    return (297 if document.landscape else 210) - 30 - 15


def header_widths_mm(document: AdminDocument) -> tuple[float, float]:
    """The header's two columns: the issuing body, and the Quốc hiệu with room to stay on one line."""
    width = text_width_mm(document)
    right = max(NATION_MM, width * 0.6)
    return width - right, right


def closing_widths_mm(document: AdminDocument) -> tuple[float, float]:
    """Nơi nhận (or the second signer) and the signature block."""
    width = text_width_mm(document)
    share = 0.5 if document.cosigner else 0.45
    return width * share, width * (1 - share)


def _frame(doc: object, widths_mm: Sequence[float], rows: int = 1) -> Any:
    """A borderless table of fixed columns (the header, the title's rule, the closing)."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))  # type: ignore[attr-defined]
    ooxml.no_borders(table)
    ooxml.fix_widths(table, widths_mm)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return table


def _header_table(doc: object, document: AdminDocument) -> None:
    left_mm, right_mm = header_widths_mm(document)
    table = _frame(doc, (left_mm, right_mm), rows=2)
    ooxml.no_cell_margins(table)
    issuer, nation = table.cell(0, 0), table.cell(0, 1)
    _cell_lines(
        issuer,
        [(line, 13, False, False) for line in document.parent_issuer]
        + [(line, 13, True, False) for line in document.issuer],
    )
    ooxml.rule(issuer, 22, left_mm)
    _cell_lines(nation, [(NATION, 13, True, False), (MOTTO, 14, True, False)])
    ooxml.rule(nation, 62, right_mm)
    number_lines = [(document.number_line, 13, False, False)]
    if not document.kind and document.summary:
        number_lines.append((f"V/v {document.summary}", 12, False, False))
    _cell_lines(table.cell(1, 0), number_lines)
    _cell_lines(table.cell(1, 1), [(document.date_line, 14, False, True)])
    _paragraph(doc, "", space_after=6)


def _title(doc: object, document: AdminDocument) -> None:
    _paragraph(doc, document.kind, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if document.summary:
        _paragraph(doc, document.summary, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    width = text_width_mm(document)
    ooxml.rule(doc, 40, width)
    _paragraph(doc, "", space_after=6)


def _block(doc: object, block: Block, width_mm: float) -> None:
    if isinstance(block, Heading):
        _paragraph(doc, block.text, bold=True, space_after=6, indent=True)
    elif isinstance(block, Line):
        align = WD_ALIGN_PARAGRAPH.CENTER if block.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
        _paragraph(
            doc,
            block.text,
            bold=block.bold,
            italic=block.italic,
            align=align,
            space_after=6,
            indent=not block.centred,
        )
    elif isinstance(block, Table):
        _table(doc, block, width_mm)
    else:
        _paragraph(doc, block, space_after=6, indent=True)


def _table(doc: object, block: Table, width_mm: float) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.fix_widths(table, list(block.widths_mm) or [width_mm / len(block.header)] * len(block.header))
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        _cell_lines(cell, [(text, SMALL_PT, True, False)])
    ooxml.repeat_header(table.rows[0])
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if isinstance(value, int) else WD_ALIGN_PARAGRAPH.LEFT
            )
            _font(paragraph.add_run(cell_text(value)), SMALL_PT)
    _paragraph(doc, "", space_after=6)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _keep_end_with_closing(doc: object) -> None:
    """The body's last text (a paragraph, or a table's last row) goes to the page of the signature
    block, so the block never opens a page alone."""
    body = doc.element.body  # type: ignore[attr-defined]
    elements = [e for e in body.iterchildren() if e.tag in (qn("w:p"), qn("w:tbl"))]
    for element in reversed(elements):
        rows = element.findall(qn("w:tr"))
        ooxml.keep_with_next(rows[-1] if rows else element)
        if "".join(element.itertext()).strip():
            return


def signature_titles(signature: Signature) -> list[str]:
    """The lines above the space to sign: TM., KT. and the title, those that are set."""
    return [line for line in (signature.on_behalf, signature.acting, signature.title) if line]


def signature_height(document: AdminDocument) -> int:
    """Title lines of the taller signature block; the other gets blank lines above, so names line up."""
    signers = [document.signature, *([document.cosigner] if document.cosigner else [])]
    return max(len(signature_titles(signer)) for signer in signers)


def _signature_lines(signature: Signature, height: int) -> list[tuple[str, float, bool, bool]]:
    """The titles under blank lines up to ``height``, the space to sign, the name."""
    titles = signature_titles(signature)
    lines = [("", BODY_PT, False, False)] * (height - len(titles))
    lines += [(line, BODY_PT, True, False) for line in titles]
    lines += [("", BODY_PT, False, False)] * 4
    return [*lines, (signature.name, BODY_PT, True, False)]


def _closing_table(doc: object, document: AdminDocument) -> None:
    """Nơi nhận at the bottom left, the signature block at the bottom right; with a second signer (the
    secretary of a biên bản) the two signatures side by side and Nơi nhận under them."""
    _keep_end_with_closing(doc)
    cosigner = document.cosigner
    rows = 2 if cosigner and document.recipients else 1
    table = _frame(doc, closing_widths_mm(document), rows=rows)
    height = signature_height(document)
    _cell_lines(table.cell(0, 1), _signature_lines(document.signature, height))
    if cosigner:
        _cell_lines(table.cell(0, 0), _signature_lines(cosigner, height))
    if document.recipients:
        _recipients(table.cell(rows - 1, 0), document.recipients)
    for row in table.rows:
        ooxml.keep_whole(row)


def _recipients(cell: _Cell, recipients: Sequence[str]) -> None:
    _font(cell.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for recipient in recipients:
        _font(cell.add_paragraph().add_run(f"- {recipient}"), 11)


# Downloads ---------------------------------------------------------------------------------------


def attachment(content: bytes, filename: str, content_type: str = DOCX) -> HttpResponse:
    """A download: an ASCII ``filename`` for old clients and the Vietnamese name as RFC 5987 ``filename*``."""
    from urllib.parse import quote

    ascii_name = fold(filename.rsplit(".", 1)[0]).replace('"', "").replace("\\", "")
    extension = filename.rsplit(".", 1)[1] if "." in filename else ""
    fallback = "".join(ch if ch.isascii() and ch.isprintable() else "_" for ch in ascii_name)
    fallback = f"{fallback}.{extension}" if extension else fallback
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response["Content-Length"] = str(len(content))
    return response


# PDF ---------------------------------------------------------------------------------------------
# The same layout as HTML and CSS rendered by WeasyPrint: ``hdnd.core.pdf``, imported when first asked
# (WeasyPrint is slow to import and most requests never need it).

PDF = "application/pdf"


def html(document: AdminDocument) -> str:
    """The document as a standalone HTML page (what :func:`build_pdf` renders)."""
    from hdnd.core import pdf

    return pdf.html(document)


def render(document: AdminDocument) -> Any:
    """The laid-out WeasyPrint document (``.pages``, ``.write_pdf()``); tests read its pages."""
    from hdnd.core import pdf

    return pdf.render(document)


def build_pdf(document: AdminDocument) -> bytes:
    """The same document as PDF: A4, the decree's margins and layout, the font embedded."""
    from hdnd.core import pdf

    return pdf.build_pdf(document)


# Councils as documents name them ----------------------------------------------------------------
#
# How a council is named belongs to the councils app (``Council.issuer_lines()``, ``unit_words()``,
# ``standing_issuer_lines()``, ``chair_name(on)``); a document takes the resulting strings. These
# functions remain for the callers written before, and only ask the council object (core imports no app).


class CouncilNaming(Protocol):
    """What the functions below ask of a council (the councils app's ``Council`` answers it)."""

    def unit_words(self) -> str: ...

    def issuer_lines(self) -> list[str]: ...

    def standing_issuer_lines(self) -> tuple[list[str], list[str]]: ...

    def chair_name(self, on: date | None = None) -> str: ...


def unit_words(council: CouncilNaming) -> str:
    """The unit's name as written in a sentence ("tỉnh An Bình"); prefer ``council.unit_words()``."""
    return council.unit_words()


def council_issuer(council: CouncilNaming) -> list[str]:
    """ "HỘI ĐỒNG NHÂN DÂN" over "TỈNH AN BÌNH"; prefer ``council.issuer_lines()``."""
    return council.issuer_lines()


def standing_issuer(council: CouncilNaming) -> tuple[list[str], list[str]]:
    """["HĐND TỈNH AN BÌNH"], ["THƯỜNG TRỰC HĐND"]; prefer ``council.standing_issuer_lines()``."""
    return council.standing_issuer_lines()


def chair_name(council: CouncilNaming, on: date | None = None) -> str:
    """The council's chair on ``on`` ('' if none); prefer ``council.chair_name(on)``."""
    return council.chair_name(on)
