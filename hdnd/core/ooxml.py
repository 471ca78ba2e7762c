"""The WordprocessingML that ``documents.build`` needs and python-docx does not say in one call.

Each function sets one property the way both Word and LibreOffice read it. Column widths are the main
trap: python-docx writes each cell's width (``tcW``) but leaves the table's grid (``tblGrid``) at equal
columns and the table on autofit, and LibreOffice lays a table out from its grid, so the columns came
out equal and the Quốc hiệu wrapped. :func:`fix_widths` writes the grid, every cell, the table width and
a fixed layout, all from one list of widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

# Successors of w:tblBorders in w:tblPr (schema order: Word refuses a file with them out of order).
_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
_AFTER_WIDTH = ("w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", *_AFTER_BORDERS)
_AFTER_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription")


def _twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def _element(tag: str, **values: str) -> Any:
    element = OxmlElement(tag)
    for key, value in values.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _replace(properties: Any, tag: str, element: Any, successors: Sequence[str]) -> None:
    for old in properties.findall(qn(tag)):
        properties.remove(old)
    properties.insert_element_before(element, *successors)


def fix_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Columns exactly ``widths_mm`` wide in Word and LibreOffice: grid, cells, table width, fixed layout."""
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.set(qn("w:w"), _twips(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    properties = table._tbl.tblPr
    _replace(properties, "w:tblW", _element("w:tblW", w=_twips(sum(widths_mm)), type="dxa"), _AFTER_WIDTH)
    table.autofit = False  # w:tblLayout w:type="fixed": the widths are kept, not fitted to the text


def no_cell_margins(table: Any) -> None:
    """Cells without the default 1.9 mm left and right padding (the header's lines use the full width)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="0", type="dxa"))
    _replace(table._tbl.tblPr, "w:tblCellMar", margins, _AFTER_MARGINS)


def no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{edge}", val="nil"))
    _replace(table._tbl.tblPr, "w:tblBorders", borders, _AFTER_BORDERS)


def rule(where: Any, length_mm: float, width_mm: float) -> Paragraph:
    """A centred horizontal line of ``length_mm`` across ``width_mm`` (a cell, or the body): the bottom
    border of an empty paragraph indented from both sides, its mark 2 pt high so it sits under the text."""
    paragraph: Paragraph = where.add_paragraph()
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_element("w:bottom", val="single", sz="6", space="1", color="000000"))
    properties.append(borders)  # first, so the indents below follow it (schema order)
    side = Mm(max((width_mm - length_mm) / 2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing = Pt(3)
    mark = OxmlElement("w:rPr")
    mark.append(_element("w:sz", val="4"))
    properties.append(mark)  # the paragraph mark's size: w:rPr comes last in w:pPr
    return paragraph


def page_field(paragraph: Paragraph) -> Any:
    """A run holding the PAGE field (the page number); the caller sets its font."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run._r.append(instruction)
    run._r.append(_element("w:fldChar", fldCharType="separate"))
    run._r.append(_element("w:fldChar", fldCharType="end"))
    return run


def repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(_element("w:tblHeader", val="true"))


def keep_whole(row: Any) -> None:
    """A row that never breaks across pages (the signer's title and name stay together)."""
    row._tr.get_or_add_trPr().append(_element("w:cantSplit", val="true"))


def keep_with_next(element: Any) -> None:
    """The paragraphs of ``element`` (a paragraph, a table row or a body element) stay on the page of
    what follows: the last lines of the body go with the signature block, never leaving it alone."""
    for paragraph in element.iter(qn("w:p")):
        paragraph.get_or_add_pPr().keepNext_val = True
