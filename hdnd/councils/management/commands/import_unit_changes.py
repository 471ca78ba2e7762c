"""Import unit changes (mergers, splits, renames) from a CSV or XLSX file: all rows or none."""

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.accounts.models import User
from hdnd.core.text import fold
from hdnd.councils.actions_units import import_unit_changes

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


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a form reads: dates as YYYY-MM-DD, whole numbers without '.0'."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_table(path: Path) -> list[list[Any]]:
    """The rows of the first sheet of an .xlsx file, or of a CSV file (comma or semicolon)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    return list(csv.reader(text.splitlines(), dialect))


def rows_of(table: list[list[Any]]) -> list[tuple[int, dict[str, str]]]:
    """(line number, values by field) for every non-blank row under the heading row."""
    if not table:
        raise CommandError("Tệp trống.")
    fields = [HEADINGS.get(fold(cell_text(h)).replace("_", " ")) for h in table[0]]
    missing = REQUIRED - set(fields)
    if missing:
        raise CommandError(f"Thiếu cột: {', '.join(sorted(missing))}. Xem docs/units.md để biết tên các cột.")
    rows = []
    for line, row in enumerate(table[1:], start=2):
        values = {f: cell_text(v) for f, v in zip(fields, row, strict=False) if f}
        if any(values.values()):
            rows.append((line, values))
    return rows


class Command(BaseCommand):
    help = "Nhập các thay đổi đơn vị hành chính (sáp nhập, chia tách, đổi tên) từ tệp CSV hoặc XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Tệp .csv (UTF-8) hoặc .xlsx")
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="Tạo đơn vị cũ chưa có trong danh mục, theo tên ghi ở cột tên đơn vị cũ",
        )
        parser.add_argument("--user", help="Tên đăng nhập của người nhập (ghi vào nhật ký)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        by = self._user(options.get("user"))
        try:
            rows = rows_of(read_table(path))
        except (csv.Error, UnicodeDecodeError, OSError, ValueError, KeyError, BadZipFile) as error:
            raise CommandError(f"Không đọc được tệp {path.name}: {error}") from None
        count, errors = import_unit_changes(rows, by=by, create_missing=options["create_missing"])
        if errors:
            self.stderr.write("\n".join(errors))
            raise CommandError(f"Không nhập dòng nào: {len(errors)} lỗi trong {len(rows)} dòng.")
        self.stdout.write(f"Đã nhập {count} thay đổi đơn vị hành chính từ {path.name}.")

    def _user(self, username: str | None) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên {username}.")
        return user
