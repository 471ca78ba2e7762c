"""Reading lists from Excel (.xlsx): a small row-validation framework, and the delegate import.

A ``Table`` names the columns of a sheet (Vietnamese headers), how each cell is parsed and which are
required. ``check_upload`` rejects what must never be opened (not .xlsx, too big, a zip bomb, macros);
``read_table`` reads every row and collects every error as "Dòng 5: thiếu họ và tên" instead of
stopping at the first, so a clerk fixes the whole file at once; ``template`` writes the file a page
offers for download. Nothing is saved here: the caller hands the validated rows to an action that
saves all of them or none.

Cells are read as stored, never evaluated: a formula arrives as its text ("=1+1") and is kept as text.
All text is NFC with single spaces.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from hdnd.core.text import fold, nfc

from .actions import DelegateRow
from .models import Council, MembershipRole, Person, Term

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


@dataclass
class ParsedRow:
    number: int  # the row number as Excel shows it
    values: dict[str, Any]


@dataclass
class TableResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_upload(upload: Any, *, max_bytes: int) -> None:
    """Reject, before anything parses it, a file that is not a plain .xlsx of a sane size."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ImportRejected(f"Chỉ nhận tệp Excel .xlsx; tệp “{name}” không phải .xlsx.")
    if upload.size > max_bytes:
        raise ImportRejected(f"Tệp lớn hơn giới hạn {max_bytes / 1024 / 1024:.0f} MB.")
    broken = ImportRejected(f"Tệp “{name}” không phải tệp Excel .xlsx hợp lệ (có thể bị hỏng).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise broken from None
    finally:
        upload.seek(0)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise broken
    if any(entry.filename.lower().endswith("vbaproject.bin") for entry in entries):
        raise ImportRejected("Tệp có macro (VBA); hãy lưu lại dưới dạng .xlsx thường rồi tải lên.")
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
        raise ImportRejected("Nội dung tệp sau khi giải nén quá lớn; tệp không được nhận.")


def read_table(upload: Any, table: Table) -> TableResult:
    """Parse every row of the table's sheet; collect every error. Call ``check_upload`` first."""
    from openpyxl import load_workbook

    upload.seek(0)
    try:
        # read_only streams rows; data_only=False keeps formulas as their text, never their results.
        book = load_workbook(upload, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a malformed file; all mean the same here
        raise ImportRejected("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng .xlsx.") from None
    try:
        sheet = book[table.sheet] if table.sheet in book.sheetnames else book.worksheets[0]
        # Only the first columns: a sheet that declares 16,384 columns is not padded out row by row.
        return read_rows(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), table)
    except ImportRejected:
        raise
    except Exception:
        raise ImportRejected("Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng .xlsx.") from None
    finally:
        book.close()


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
        f"Điền danh sách vào trang tính “{table.sheet}”, mỗi người một dòng, từ dòng 2.",
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


# The delegate list ---------------------------------------------------------------------------------

DELEGATES = Table(
    title="Mẫu nhập danh sách đại biểu HĐND",
    sheet="Đại biểu",
    columns=(
        Column(
            "Họ và tên",
            "full_name",
            text("họ và tên", 120),
            required=True,
            example="Nguyễn Thị Minh Họa",
            note="Viết đầy đủ, có dấu.",
            width=28,
        ),
        Column(
            "Giới tính",
            "gender",
            choice("giới tính", {"": "", "nam": "M", "nu": "F"}, "Nam hoặc Nữ"),
            example="Nữ",
            note="Nam hoặc Nữ.",
            width=10,
        ),
        Column("Năm sinh", "birth_year", year("năm sinh"), example="1978", note="4 chữ số.", width=10),
        Column(
            "Chức vụ/nơi công tác",
            "position",
            text("chức vụ/nơi công tác", 255),
            width=36,
            example="Phó Chủ tịch UBND phường",
            note="Chức vụ và nơi công tác hiện nay.",
        ),
        Column(
            "Đơn vị bầu cử",
            "constituency",
            text("đơn vị bầu cử", 160),
            example="Đơn vị bầu cử số 3",
            width=22,
        ),
        Column(
            "Chuyên trách (có/không)",
            "full_time",
            choice("chuyên trách", YES_NO, "có hoặc không"),
            example="không",
            note="“có” nếu là đại biểu hoạt động chuyên trách; để trống là không.",
            width=14,
        ),
        Column(
            "Ngày bắt đầu (dd/mm/yyyy)",
            "starts_on",
            day("ngày bắt đầu"),
            example="01/07/2025",
            note="Ngày bắt đầu làm đại biểu; để trống là ngày bắt đầu khóa hiện tại.",
            width=16,
        ),
        Column("Email", "email", email("email"), example="minhhoa@example.org", width=26),
        Column("Điện thoại", "phone", phone("điện thoại"), example="0900 000 001", width=16),
    ),
    instructions=(
        "Không đổi tên, thứ tự hay dòng tiêu đề của các cột; có thể bỏ trống các cột không bắt buộc.",
        "Mỗi dòng tạo một hồ sơ người và tư cách đại biểu HĐND trong khóa, nhiệm kỳ hiện tại.",
        "Nếu có dòng sai, không dòng nào được nhập: sửa theo thông báo lỗi rồi tải lên lại.",
        "Công thức trong ô được giữ nguyên như chữ, không được tính.",
    ),
)


@dataclass
class DelegateImport:
    term: Term | None
    rows: list[DelegateRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_delegates(upload: Any, council: Council) -> DelegateImport:
    """Read and check a delegate list for ``council``: the table's rules, plus the term's dates and
    duplicates within the file and against the delegates already in the current term."""
    term = council.current_term()
    if term is None:
        return DelegateImport(
            None, errors=["HĐND chưa có khóa, nhiệm kỳ hiện tại; hãy thêm khóa trước khi nhập."]
        )
    table = read_table(upload, DELEGATES)
    result = DelegateImport(term, errors=list(table.errors))
    existing = set(
        Person.objects.filter(
            memberships__term=term, memberships__body__isnull=True, memberships__role=MembershipRole.DELEGATE
        ).values_list("name_key", "birth_year")
    )
    seen: dict[tuple[str, int | None], int] = {}
    for row in table.rows:
        result.errors.extend(
            f"Dòng {row.number}: {message}" for message in _check_delegate(row, term, existing, seen)
        )
        if "full_name" in row.values:
            result.rows.append(DelegateRow(**row.values))
    if result.errors:
        result.rows = []
    return result


def _check_delegate(
    row: ParsedRow, term: Term, existing: set[tuple[str, int | None]], seen: dict[tuple[str, int | None], int]
) -> Iterable[str]:
    values = row.values
    starts_on = values.get("starts_on")
    if starts_on and (starts_on < term.starts_on or (term.ends_on and starts_on > term.ends_on)):
        yield f"ngày bắt đầu {starts_on:%d/%m/%Y} nằm ngoài {term}"
    if not values.get("full_name"):
        return
    key = (fold(values["full_name"]), values.get("birth_year"))
    if key in existing:
        yield f"{values['full_name']} đã có trong danh sách đại biểu {term}"
    elif key in seen:
        yield f"trùng với dòng {seen[key]} ({values['full_name']})"
    else:
        seen[key] = row.number
