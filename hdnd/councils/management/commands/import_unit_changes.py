"""Import unit changes (mergers, splits, renames) from a CSV or XLSX file: all rows or none."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.accounts.models import User
from hdnd.core.tabular import ImportRejected
from hdnd.councils.actions_units import import_unit_changes
from hdnd.councils.unit_import import read_file


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
            rows = read_file(path.name, path.read_bytes())
        except ImportRejected as error:
            raise CommandError(str(error)) from None
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
