"""Administrative documents (.docx) in the NĐ 30/2020 format, for every app that issues them.

Describe the document with :class:`AdminDocument` (issuing body, number and symbol, place and date,
type and trích yếu, body blocks, Nơi nhận, signature) and call :func:`build` for the bytes. The layout
follows NĐ 30/2020 Phụ lục I: A4, margins 20/20/30/15 mm, Times New Roman, black, 14 pt body; the
header table with the issuing body left and Quốc hiệu, Tiêu ngữ right; the page number centred at the
top from page 2. :func:`attachment` answers a download with an RFC 5987 (Vietnamese) file name.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NoReturn, Protocol

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

from hdnd.core.text import fold

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 12
BLACK = RGBColor(0, 0, 0)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
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
        _block(doc, block, _text_width_mm(document))
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
    _page_field(number)


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), ("end", None)):
        if kind is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = f" {text} "
            run._r.append(instruction)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    _font(run, BODY_PT)


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
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    run.font.italic = italic  # type: ignore[attr-defined]
    run.font.color.rgb = BLACK  # type: ignore[attr-defined]
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)  # type: ignore[attr-defined]


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


def _rule(cell: _Cell, length_mm: float, cell_mm: float) -> None:
    """A centred horizontal line of ``length_mm`` under the text (a bottom border on an indented line)."""
    paragraph = cell.add_paragraph()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)  # first, so the indents below follow it (schema order)
    side = Mm(max((cell_mm - length_mm) / 2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    _font(paragraph.add_run(""), 4)


def _no_borders(table: object) -> None:
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # Schema order: tblBorders comes before these (Word refuses a file with them out of order).
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def _text_width_mm(document: AdminDocument) -> float:
    return (297 if document.landscape else 210) - 30 - 15


def _header_table(doc: object, document: AdminDocument) -> None:
    width = _text_width_mm(document)
    left_mm, right_mm = width * 0.42, width * 0.58
    table = doc.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Mm(left_mm), Mm(right_mm)
    issuer, nation = table.cell(0, 0), table.cell(0, 1)
    _cell_lines(
        issuer,
        [(line, 13, False, False) for line in document.parent_issuer]
        + [(line, 13, True, False) for line in document.issuer],
    )
    _rule(issuer, 22, left_mm)
    _cell_lines(nation, [(NATION, 13, True, False), (MOTTO, 14, True, False)])
    _rule(nation, 62, right_mm)
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
    line = doc.add_table(rows=1, cols=1)  # type: ignore[attr-defined]
    _no_borders(line)
    line.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = line.cell(0, 0)
    cell.width = Mm(_text_width_mm(document))
    _rule(cell, 40, _text_width_mm(document))
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
    table = doc.add_table(rows=1, cols=len(block.header))  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = list(block.widths_mm) or [width_mm / len(block.header)] * len(block.header)
    for index, text in enumerate(block.header):
        cell = table.rows[0].cells[index]
        cell.width = Mm(widths[index])
        _cell_lines(cell, [(text, SMALL_PT, True, False)])
    _repeat_header(table.rows[0])
    for values in block.rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            cells[index].width = Mm(widths[index])
            paragraph = cells[index].paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if isinstance(value, int) else WD_ALIGN_PARAGRAPH.LEFT
            )
            _font(paragraph.add_run(_cell_text(value)), SMALL_PT)
    _paragraph(doc, "", space_after=6)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _repeat_header(row: object) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _closing_table(doc: object, document: AdminDocument) -> None:
    """Nơi nhận at the bottom left, the signature block at the bottom right."""
    width = _text_width_mm(document)
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _no_borders(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Mm(width * 0.45), Mm(width * 0.55)
    heading = left.paragraphs[0]
    _font(heading.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for recipient in document.recipients:
        _font(left.add_paragraph().add_run(f"- {recipient}"), 11)
    signature = document.signature
    lines = [
        (line, BODY_PT, True, False)
        for line in (signature.on_behalf, signature.acting, signature.title)
        if line
    ]
    lines += [("", BODY_PT, False, False)] * 4
    lines.append((signature.name, BODY_PT, True, False))
    _cell_lines(right, lines)
    _keep_whole(table.rows[0])


def _keep_whole(row: object) -> None:
    """A row that never breaks across pages: the signer's title and name stay together, with Nơi nhận."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    whole = OxmlElement("w:cantSplit")
    whole.set(qn("w:val"), "true")
    properties.append(whole)


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
# The same layout as :func:`build`, as HTML and CSS rendered by WeasyPrint. Times New Roman where it is
# installed, else its metric-compatible Liberation Serif (Debian: fonts-liberation2). Nothing is ever
# fetched: no base URL, every text escaped, and a URL fetcher that refuses everything.

PDF = "application/pdf"
PDF_FONTS = '"Times New Roman", "Liberation Serif", serif'
_CSS = """
@page {
  size: %(size)s;
  margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: %(fonts)s; font-size: 14pt; vertical-align: bottom;
                padding-bottom: 4mm; }
}
@page :first { @top-center { content: none; } }
html { font-family: %(fonts)s; font-size: 14pt; color: #000; }
body { margin: 0; }
p { margin: 0; }
table { border-collapse: collapse; }
.frame { width: 100%%; table-layout: fixed; }
.frame td { vertical-align: top; text-align: center; padding: 0; }
.rule { border-bottom: 0.75pt solid #000; margin: 1pt auto 6pt auto; height: 0; }
.n13 { font-size: 13pt; }
.n12 { font-size: 12pt; }
.b { font-weight: bold; }
.i { font-style: italic; }
.date { font-style: italic; }
.after { height: 6pt; }
.title { text-align: center; font-weight: bold; }
.addressee { text-align: center; margin-bottom: 6pt; }
.centred { text-align: center; margin-bottom: 6pt; }
.text { text-align: justify; text-indent: 10mm; line-height: 1.15; margin-bottom: 6pt; }
.heading { font-weight: bold; }
.grid { width: 100%%; margin-bottom: 12pt; font-size: 12pt; }
.grid th, .grid td { border: 0.75pt solid #000; padding: 1pt 4pt; vertical-align: top; text-align: left; }
.grid th { text-align: center; font-weight: bold; }
.grid td.number { text-align: center; }
.grid tr { break-inside: avoid; }
.closing { width: 100%%; table-layout: fixed; break-inside: avoid; margin-top: 6pt; }
.closing td { vertical-align: top; padding: 0; }
.recipients { font-size: 11pt; text-align: left; }
.recipients .head { font-size: 12pt; font-weight: bold; font-style: italic; }
.sign { text-align: center; font-weight: bold; }
.space { height: %(space)s; }
"""


def _e(text: object) -> str:
    from django.utils.html import escape

    return str(escape(str(text)))


def _lines(lines: Sequence[tuple[str, str]]) -> str:
    return "".join(f'<p class="{css}">{_e(text)}</p>' for text, css in lines)


def html(document: AdminDocument) -> str:
    """The document as a standalone HTML page (what :func:`build_pdf` renders)."""
    width = _text_width_mm(document)
    css = _CSS % {
        "size": "A4 landscape" if document.landscape else "A4",
        "fonts": PDF_FONTS,
        "space": "4.6em",
    }
    parts = [f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>{css}</style></head><body>']
    parts.append(_html_header(document, width))
    if document.kind:
        parts.append(f'<p class="title">{_e(document.kind)}</p>')
        if document.summary:
            parts.append(f'<p class="title">{_e(document.summary)}</p>')
        parts.append('<div class="rule" style="width: 40mm"></div><div class="after"></div>')
    parts += [f'<p class="addressee">{_e(line)}</p>' for line in document.addressees]
    for block in document.body:
        parts.append(_html_block(block, width))
    parts.append(_html_closing(document))
    parts.append("</body></html>")
    return "".join(parts)


def _html_header(document: AdminDocument, width: float) -> str:
    left, right = width * 0.42, width * 0.58
    issuer = _lines([(line, "n13") for line in document.parent_issuer])
    issuer += _lines([(line, "n13 b") for line in document.issuer])
    number = [(document.number_line, "n13")]
    if not document.kind and document.summary:
        number.append((f"V/v {document.summary}", "n12"))
    return (
        '<table class="frame header"><colgroup>'
        f'<col style="width: {left:.1f}mm"><col style="width: {right:.1f}mm"></colgroup>'
        f'<tr><td class="issuer">{issuer}<div class="rule" style="width: 22mm"></div></td>'
        f'<td class="nation">{_lines([(NATION, "n13 b"), (MOTTO, "b")])}'
        '<div class="rule" style="width: 62mm"></div></td></tr>'
        f'<tr><td class="number">{_lines(number)}</td>'
        f'<td><p class="date">{_e(document.date_line)}</p></td></tr>'
        '</table><div class="after"></div>'
    )


def _html_block(block: Block, width: float) -> str:
    if isinstance(block, Heading):
        return f'<p class="text heading">{_e(block.text)}</p>'
    if isinstance(block, Line):
        css = ["centred" if block.centred else "text"]
        css += ["b"] * block.bold + ["i"] * block.italic
        return f'<p class="{" ".join(css)}">{_e(block.text)}</p>'
    if isinstance(block, Table):
        widths = list(block.widths_mm) or [width / len(block.header)] * len(block.header)
        columns = "".join(f'<col style="width: {w:.1f}mm">' for w in widths)
        head = "".join(f"<th>{_e(text)}</th>" for text in block.header)
        rows = []
        for values in block.rows:
            cells = "".join(
                f'<td class="number">{_e(_cell_text(v))}</td>'
                if isinstance(v, int)
                else f"<td>{_e(_cell_text(v))}</td>"
                for v in values
            )
            rows.append(f"<tr>{cells}</tr>")
        return (
            f'<table class="grid"><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return f'<p class="text">{_e(block)}</p>'


def _html_closing(document: AdminDocument) -> str:
    recipients = '<p class="head">Nơi nhận:</p>' + "".join(
        f"<p>- {_e(recipient)}</p>" for recipient in document.recipients
    )
    signature = document.signature
    signs = "".join(
        f'<p class="sign">{_e(line)}</p>'
        for line in (signature.on_behalf, signature.acting, signature.title)
        if line
    )
    signs += f'<div class="space"></div><p class="sign">{_e(signature.name)}</p>'
    return (
        '<table class="closing"><colgroup><col style="width: 45%"><col style="width: 55%"></colgroup>'
        f'<tr><td class="recipients">{recipients}</td><td>{signs}</td></tr></table>'
    )


def render(document: AdminDocument) -> Any:
    """The laid-out WeasyPrint document (``.pages``, ``.write_pdf()``); tests read its pages."""
    from weasyprint import HTML

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # not ten INFO lines per PDF
    return HTML(string=html(document), base_url=None, url_fetcher=_NoFetching()).render()


def build_pdf(document: AdminDocument) -> bytes:
    """The same document as PDF: A4, the decree's margins and layout, the font embedded."""
    pdf: bytes = render(document).write_pdf()
    return pdf


def _refuse(url: str) -> NoReturn:
    raise ValueError(f"Tài liệu PDF không tải tài nguyên bên ngoài: {url}")


class _NoFetching:
    """A WeasyPrint URL fetcher that refuses every URL (no network, no file); the resource is skipped."""

    _fail_on_errors = False  # read by weasyprint.urls.fetch: skip the resource, do not stop the render

    def fetch(self, url: str, headers: object = None) -> NoReturn:
        _refuse(url)

    def __call__(self, url: str, *args: object, **kwargs: object) -> NoReturn:
        _refuse(url)


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
