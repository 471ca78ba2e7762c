"""Write one archive with a consistent database snapshot and the uploaded files (docs/backup.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hdnd.core.backup import ENGINE_NAMES, create_backup, media_outside_media_root


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp tải lên vào một tệp .tar.gz."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, required=True, metavar="TỆP", help="Tệp sao lưu sẽ ghi, ví dụ hdnd.tar.gz."
        )

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        if media_outside_media_root():
            self.stderr.write(
                self.style.WARNING(
                    "Cảnh báo: tệp tải lên nằm ở kho lưu trữ ngoài (FILE_STORAGE_BACKEND), không thuộc "
                    "MEDIA_ROOT; bản sao lưu này không chứa chúng, hãy sao lưu kho đó riêng."
                )
            )
        manifest = create_backup(output)
        rows = sum(manifest["tables"].values())
        audit = manifest["audit"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {output}: cơ sở dữ liệu {ENGINE_NAMES[manifest['engine']]} "
                f"({len(manifest['tables'])} bảng, {rows} dòng), {len(manifest['files'])} tệp tải lên, "
                f"nhật ký thao tác {audit['count']} bản ghi."
            )
        )
        self.stdout.write("Khoá nhật ký (HDND_AUDIT_KEY) không nằm trong bản sao lưu: hãy cất giữ riêng.")
