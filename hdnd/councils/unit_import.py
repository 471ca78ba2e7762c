"""Reading a file of unit changes (CSV or XLSX) into form rows: shared by the upload page and the command."""

import csv
import io
from datetime import date, datetime
from typing import Any
from zipfile import BadZipFile

from django.conf import settings

from hdnd.core.tabular import ImportRejected, check_upload
from hdnd.core.text import fold

# Column headings people write (folded), mapped to the form's field names. The field names work too.
HEADINGS = {
    "ma don vi cu": "from_code",
    "ma cu": "from_code",
    "from code": "from_code",
    "cap don vi cu": "from_level",
    "cap cu": "from_level",
    "from level": "from_level",
    "ten hoac ngay don vi cu": "from_hint",
    "ten don vi cu": "from_hint",
    "ten cu": "from_hint",
    "from hint": "from_hint",
    "from name": "from_hint",
    "from valid date or name": "from_hint",
    "ma don vi moi": "to_code",
    "ma moi": "to_code",
    "to code": "to_code",
    "cap don vi moi": "to_level",
    "cap moi": "to_level",
    "to level": "to_level",
    "ten hoac ngay don vi moi": "to_hint",
    "ten don vi moi": "to_hint",
    "ten moi": "to_hint",
    "to hint": "to_hint",
    "to name": "to_hint",
    "to valid date or name": "to_hint",
    "hinh thuc": "kind",
    "loai thay doi": "kind",
    "kind": "kind",
    "ngay hieu luc": "effective_on",
    "ngay co hieu luc": "effective_on",
    "effective on": "effective_on",
    "effective date": "effective_on",
    "can cu": "legal_basis",
    "can cu phap ly": "legal_basis",
    "legal basis": "legal_basis",
    "ghi chu": "note",
    "note": "note",
}
REQUIRED = {"from_code", "from_level", "to_code", "to_level", "kind", "effective_on"}
# The column headings the import page shows (any heading of HEADINGS works).
IMPORT_HEADINGS = [
    ("Mã đơn vị cũ", "mã theo danh mục, ví dụ 09877", True),
    ("Cấp đơn vị cũ", "tỉnh, huyện hoặc xã", True),
    ("Tên đơn vị cũ", "tên, hoặc một ngày đơn vị còn hiệu lực, khi mã đã được dùng lại", False),
    ("Mã đơn vị mới", "mã của đơn vị nhận", True),
    ("Cấp đơn vị mới", "tỉnh, huyện hoặc xã", True),
    ("Tên đơn vị mới", "như cột tên đơn vị cũ", False),
    ("Hình thức", "sáp nhập vào, chia tách hoặc đổi tên", True),
    ("Ngày hiệu lực", "ngày/tháng/năm", True),
    ("Căn cứ", "số nghị quyết, ví dụ Nghị quyết 1251/NQ-UBTVQH15", False),
    ("Ghi chú", "", False),
]


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a form reads: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_table(name: str, data: bytes) -> list[list[Any]]:
    """The rows of the first sheet of an .xlsx file, or of a CSV file (comma, semicolon or tab)."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    return list(csv.reader(text.splitlines(), dialect))


def rows_of(table: list[list[Any]]) -> list[tuple[int, dict[str, str]]]:
    """(line number, values by field) for every non-blank row under the heading row."""
    if not table:
        raise ImportRejected("Tệp trống.")
    fields = [HEADINGS.get(fold(cell_text(h)).replace("_", " ")) for h in table[0]]
    missing = REQUIRED - set(fields)
    if missing:
        raise ImportRejected(f"Thiếu cột: {', '.join(sorted(missing))}. Xem mẫu cột ở trang nhập.")
    rows = []
    for line, row in enumerate(table[1:], start=2):
        values = {f: cell_text(v) for f, v in zip(fields, row, strict=False) if f}
        if any(values.values()):
            rows.append((line, values))
    return rows


def read_upload(upload: Any) -> list[tuple[int, dict[str, str]]]:
    """The rows of an uploaded .xlsx or .csv file, or ImportRejected with a message for the user."""
    name = getattr(upload, "name", "") or ""
    if name.lower().endswith(".xlsx"):
        check_upload(upload, max_bytes=settings.HDND_MAX_UPLOAD_BYTES)
    elif not name.lower().endswith(".csv"):
        raise ImportRejected(f"Chỉ nhận tệp .xlsx hoặc .csv; tệp “{name}” không phải.")
    elif upload.size > settings.HDND_MAX_UPLOAD_BYTES:
        raise ImportRejected("Tệp lớn hơn giới hạn cho phép.")
    return read_file(name, upload.read())


def read_file(name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        return rows_of(read_table(name, data))
    except (csv.Error, UnicodeDecodeError, OSError, ValueError, KeyError, BadZipFile) as error:
        raise ImportRejected(f"Không đọc được tệp {name}: {error}") from None
