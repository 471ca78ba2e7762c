"""Restore an archive written by ``manage.py backup``, then verify the audit log (docs/backup.md)."""

from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from hdnd.core.backup import ENGINE_NAMES, restore_backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp tải lên từ một bản sao lưu, rồi kiểm tra nhật ký thao tác."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, metavar="TỆP", help="Tệp sao lưu do manage.py backup tạo.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xoá toàn bộ dữ liệu hiện có (và ghi đè tệp trùng tên) để thay bằng bản sao lưu.",
        )

    def handle(self, *args: Any, archive: Path, force: bool, **options: Any) -> None:
        restored = restore_backup(archive, force=force)
        manifest = restored.manifest
        taken = timezone.localtime(datetime.fromisoformat(manifest["created_at"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu lúc {taken:%H:%M ngày %d/%m/%Y}: cơ sở dữ liệu "
                f"{ENGINE_NAMES[manifest['engine']]} ({len(manifest['tables'])} bảng, {restored.rows} dòng, "
                f"khớp với bản kê), {restored.files} tệp tải lên vào {settings.MEDIA_ROOT}."
            )
        )
        if restored.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"Bản sao lưu từ phiên bản cũ hơn: còn {len(restored.pending_migrations)} migration "
                    "chưa áp dụng. Chạy manage.py migrate, rồi manage.py verify_audit."
                )
            )
            return
        call_command("verify_audit", stdout=self.stdout, stderr=self.stderr)
