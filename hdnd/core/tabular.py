"""Reading tables from uploaded files: one small row-validation framework every import shares.

A ``Table`` names the columns of a sheet (Vietnamese headers), how each cell is parsed and which are
required. ``check_upload`` rejects what must never be opened (not the expected Office package, too big,
a zip bomb, macros); ``read_table`` reads every row of an .xlsx and collects every error as "Dòng 5:
thiếu họ và tên" instead of stopping at the first, so a clerk fixes the whole file at once; ``read_rows``
does the same for rows from elsewhere (a Word table); ``template`` writes the file a page offers for
download. Nothing is saved here: the caller hands the validated rows to an action that saves all of them
or none. Used by the delegate list (``councils.imports``), the unit changes (``councils.unit_import``)
and the petition lists (``petitions.import_files``).

Cells are read as stored, never evaluated: a formula arrives as its text ("=1+1") and is kept as text,
or, with ``formulas="refuse"``, is refused with the cell's address. All text is NFC with single spaces.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from hdnd.core.spreadsheets import XLSX
from hdnd.core.text import fold, nfc

XLSX_CONTENT_TYPE = XLSX
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The part every package of the kind holds: a file without it is not what its name says.
PACKAGE_PARTS = {"xlsx": ("xl/workbook.xml", "Excel"), "docx": ("word/document.xml", "Word")}
# A delegate list of a few thousand rows unpacks to a few megabytes; far more is a zip bomb.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_COLUMNS = 40


class ImportRejected(Exception):
    """The file as a whole cannot be read (wrong type, too big, broken); the message says why."""


class CellError(ValueError):
    """A cell's value is not acceptable; the message names the column and reads after 'Dòng n: '."""


# Parsers: each takes the raw cell value (str, int, float, bool, datetime or None) and returns the value
# to keep, or raises CellError. ``label`` is the column's name inside a sentence ("năm sinh").

Parser = Callable[[Any], Any]


def _as_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, datetime | date):
        return f"{raw:%d/%m/%Y}"
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return " ".join(nfc(str(raw)).split())


def text(label: str, max_length: int) -> Parser:
    def parse(raw: Any) -> str:
        value = _as_text(raw)
        if len(value) > max_length:
            raise CellError(f"{label} dài quá {max_length} ký tự")
        return value

    return parse


def choice(label: str, options: dict[str, Any], shown: str) -> Parser:
    """Match the folded text against ``options`` (keys folded: 'Nữ', 'NỮ', 'nu' are the same);
    ``shown`` says in the error message what is accepted."""

    def parse(raw: Any) -> Any:
        value = _as_text(raw)
        try:
            return options[fold(value)]
        except KeyError:
            raise CellError(f"{label} “{value}” không hợp lệ (ghi {shown})") from None

    return parse


def year(label: str, lowest: int = 1900) -> Parser:
    def parse(raw: Any) -> int | None:
        value = _as_text(raw)
        if not value:
            return None
        highest = timezone.localdate().year
        if not value.isdigit() or not lowest <= int(value) <= highest:
            raise CellError(f"{label} “{value}” không hợp lệ (ghi 4 chữ số, ví dụ 1975)")
        return int(value)

    return parse


def day(label: str) -> Parser:
    """A date cell, or text written dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy)."""

    def parse(raw: Any) -> date | None:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        value = _as_text(raw)
        if not value:
            return None
        parts = value.replace("-", "/").replace(".", "/").split("/")
        try:
            dd, mm, yyyy = (int(part) for part in parts)
            if yyyy < 1900:
                raise ValueError
            return date(yyyy, mm, dd)
        except ValueError:
            raise CellError(
                f"{label} “{value}” không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 01/07/2025)"
            ) from None

    return parse


def email(label: str) -> Parser:
    def parse(raw: Any) -> str:
        value = _as_text(raw)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise CellError(f"{label} “{value}” không hợp lệ") from None
        return value

    return parse


def phone(label: str) -> Parser:
    """Digits with spaces, dots, dashes, brackets or +; a number cell gets its lost leading 0 back."""

    def parse(raw: Any) -> str:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            digits = str(int(raw))
            return digits if digits.startswith("0") or len(digits) not in (9, 10) else f"0{digits}"
        value = _as_text(raw)
        count = sum(ch.isdigit() for ch in value)
        if value and (set(value) - set("0123456789 .-()+") or count < 8 or len(value) > 40):
            raise CellError(f"{label} “{value}” không hợp lệ")
        return value

    return parse


YES_NO = {"": False, "co": True, "x": True, "true": True, "khong": False, "false": False}


@dataclass(frozen=True)
class Column:
    header: str  # as written in the template's header row
    key: str  # the name the row's value is stored under
    parse: Parser
    required: bool = False
    example: str = ""
    note: str = ""
    width: int = 18

    @property
    def label(self) -> str:
        """The column's name inside a sentence: 'Năm sinh' → 'năm sinh'."""
        base = self.header.split("(")[0].strip()
        return base[:1].lower() + base[1:]


@dataclass(frozen=True)
class Table:
    """The shape of one sheet to import: its name, its columns and the instructions that go with it."""

    title: str
    sheet: str
    columns: tuple[Column, ...]
    instructions: tuple[str, ...] = ()
    max_rows: int = 5000
    one_row: str = "mỗi người một dòng"  # how the instructions say what a row holds


@dataclass
class ParsedRow:
    number: int  # the row number as Excel shows it
    values: dict[str, Any]


@dataclass
class TableResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_upload(upload: Any, *, max_bytes: int, kind: Literal["xlsx", "docx"] = "xlsx") -> None:
    """Reject, before anything parses it, a file that is not a plain .xlsx (or .docx) of a sane size."""
    part, program = PACKAGE_PARTS[kind]
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(f".{kind}"):
        raise ImportRejected(f"Chỉ nhận tệp {program} .{kind}; tệp “{name}” không phải .{kind}.")
    if upload.size > max_bytes:
        raise ImportRejected(f"Tệp lớn hơn giới hạn {max_bytes / 1024 / 1024:.0f} MB.")
    broken = ImportRejected(f"Tệp “{name}” không phải tệp {program} .{kind} hợp lệ (có thể bị hỏng).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken from None
    finally:
        upload.seek(0)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or part not in names:
        raise broken
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise ImportRejected(f"Tệp có macro (VBA); hãy lưu lại dưới dạng .{kind} thường rồi tải lên.")
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise ImportRejected("Nội dung tệp sau khi giải nén quá lớn; tệp không được nhận.")


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula, read with ``formulas="refuse"``: refused with the cell's address."""

    coordinate: str


def read_table(upload: Any, table: Table, *, formulas: Literal["keep", "refuse"] = "keep") -> TableResult:
    """Parse every row of the table's sheet; collect every error. Call ``check_upload`` first.

    A formula is never evaluated: kept as its text, or (``formulas="refuse"``) refused with its address.
    """
    from openpyxl import load_workbook

    broken = ImportRejected("Không đọc được tệp .xlsx: tệp bị hỏng hoặc không đúng định dạng.")
    upload.seek(0)
    try:
        # read_only streams rows; data_only=False keeps formulas as their text, never their results.
        book = load_workbook(upload, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a malformed file; all mean the same here
        raise broken from None
    try:
        sheet = book[table.sheet] if table.sheet in book.sheetnames else book.worksheets[0]
        # Only the first columns: a sheet that declares 16,384 columns is not padded out row by row.
        cells = sheet.iter_rows(max_col=MAX_COLUMNS)
        return read_rows((tuple(_cell(cell, formulas) for cell in row) for row in cells), table)
    except ImportRejected:
        raise
    except Exception:
        raise broken from None
    finally:
        book.close()


def _cell(cell: Any, formulas: str) -> Any:
    if formulas == "refuse" and getattr(cell, "data_type", None) == "f":
        return Formula(cell.coordinate)
    return cell.value


def header_key(value: Any) -> str:
    return fold(_as_text(value).split("(")[0])


def read_rows(rows: Iterator[tuple[Any, ...]], table: Table) -> TableResult:
    wanted = {header_key(column.header): column for column in table.columns}
    positions: dict[int, Column] = {}
    number = 0
    for number, cells in enumerate(rows, start=1):
        positions = {i: wanted[key] for i, cell in enumerate(cells) if (key := header_key(cell)) in wanted}
        if positions or number >= 10:
            break
    missing = [
        column.header for column in table.columns if column.required and column not in positions.values()
    ]
    if missing:
        raise ImportRejected(
            f"Không tìm thấy cột: {', '.join(missing)}. Hãy dùng tệp mẫu, giữ nguyên dòng tiêu đề trên trang "
            f"“{table.sheet}”."
        )
    result = TableResult()
    header_row = number
    for number, cells in enumerate(rows, start=header_row + 1):
        # Empty rows count too: a file that declares a row a million lines down is refused, not walked.
        if number > header_row + table.max_rows + 1000:
            raise ImportRejected(f"Tệp có hơn {table.max_rows} dòng; hãy chia thành nhiều tệp.")
        if all(_as_text(cell) == "" for cell in cells):
            continue
        if len(result.rows) >= table.max_rows:
            raise ImportRejected(f"Tệp có hơn {table.max_rows} dòng dữ liệu; hãy chia thành nhiều tệp.")
        result.rows.append(_parse_row(number, cells, positions, result.errors))
    if not result.rows and not result.errors:
        result.errors.append("Tệp chưa có dòng dữ liệu nào dưới dòng tiêu đề.")
    return result


def _parse_row(
    number: int, cells: tuple[Any, ...], positions: dict[int, Column], errors: list[str]
) -> ParsedRow:
    values: dict[str, Any] = {}
    for index, column in positions.items():
        raw = cells[index] if index < len(cells) else None
        if isinstance(raw, Formula):
            errors.append(f"Dòng {number}: Ô {raw.coordinate} chứa công thức; hãy dán giá trị")
            continue
        try:
            values[column.key] = column.parse(raw)
        except CellError as error:
            errors.append(f"Dòng {number}: {error}")
            continue
        if column.required and values[column.key] in ("", None):
            errors.append(f"Dòng {number}: thiếu {column.label}")
    return ParsedRow(number, values)


def template(table: Table) -> bytes:
    """The .xlsx a page offers: an instructions sheet, then the sheet to fill with its header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    guide = book.worksheets[0]
    guide.title = "Hướng dẫn"
    guide.append([table.title])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([])
    for line in (
        f"Điền danh sách vào trang tính “{table.sheet}”, {table.one_row}, từ dòng 2.",
        *table.instructions,
    ):
        guide.append([line])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi", "Ví dụ"])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for column in table.columns:
        guide.append([column.header, "có" if column.required else "", column.note, column.example])
    for letter, width in zip("ABCD", (34, 10, 60, 30), strict=True):
        guide.column_dimensions[letter].width = width

    sheet = book.create_sheet(table.sheet)
    sheet.append([column.header for column in table.columns])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="FFF2CC" if column.required else "F2F2F2")
        head.alignment = Alignment(wrap_text=True, vertical="center")
        for row in range(2, 502):  # text format keeps leading zeros of phone numbers and typed dates
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
