"""Writing .xlsx files that are safe to open: text never turns into a formula.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read by
Excel or LibreOffice as a formula (CSV/formula injection: "=HYPERLINK(...)" typed into a petition).
:func:`build` writes every text value as a string cell (type ``s``, never a formula) and marks the
dangerous ones with ``quotePrefix``, the flag Excel and LibreOffice set themselves when a user types
a leading apostrophe: the cell shows the exact text, and editing it does not evaluate it either.
Numbers and dates stay numbers and dates. The sheet has a title row, a bold frozen header row,
column widths and a filter on the header.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet's name
SHEET_TITLE_REFUSED = re.compile(r"[\\/*?:\[\]]")  # characters Excel refuses in a sheet's name
HEADER_ROW = 3  # row 1: title, row 2: subtitle (or empty), row 3: header


@dataclass(frozen=True)
class Column:
    """A column: its header and its width in characters."""

    header: str
    width: float = 15


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def put(cell: Cell, value: object) -> None:
    """Write one value: numbers and dates as such, everything else as literal text."""
    if value is None:
        return
    if isinstance(value, bool | int | float | date | datetime):
        cell.value = value
        if isinstance(value, date):
            cell.number_format = "DD/MM/YYYY" if not isinstance(value, datetime) else "DD/MM/YYYY HH:MM"
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    if is_formula_like(text):
        cell.quotePrefix = True


def _cell(worksheet: Worksheet, row: int, column: int) -> Cell:
    cell = worksheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # nothing is merged in these sheets
    return cell


def build(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    title: str,
    subtitle: str = "",
    sheet: str = "Bảng",
) -> bytes:
    """The .xlsx bytes of one sheet: title, optional subtitle, a bold frozen header row, then ``rows``."""
    workbook = Workbook()
    worksheet = workbook.active
    assert isinstance(worksheet, Worksheet)
    worksheet.title = (
        SHEET_TITLE_REFUSED.sub("-", ILLEGAL_CHARACTERS_RE.sub("", sheet))[:SHEET_TITLE_MAX] or "Bảng"
    )
    put(_cell(worksheet, 1, 1), title)
    _cell(worksheet, 1, 1).font = Font(bold=True, size=14)
    if subtitle:
        put(_cell(worksheet, 2, 1), subtitle)
        _cell(worksheet, 2, 1).font = Font(italic=True)
    for index, column in enumerate(columns, start=1):
        cell = _cell(worksheet, HEADER_ROW, index)
        put(cell, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    for offset, values in enumerate(rows, start=HEADER_ROW + 1):
        for index, value in enumerate(values, start=1):
            cell = _cell(worksheet, offset, index)
            put(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    worksheet.freeze_panes = f"A{HEADER_ROW + 1}"
    if columns:
        last = get_column_letter(len(columns))
        worksheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
