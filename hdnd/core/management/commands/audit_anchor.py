"""Append the audit log's signed head to the anchor file the operator keeps (decision 0007)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from hdnd.core.audit import write_anchor


class Command(BaseCommand):
    help = "Neo nhật ký thao tác: ghi thêm bản ghi cuối, số bản ghi và mã băm vào tệp mốc neo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            metavar="TỆP",
            help="Tệp mốc neo (mặc định AUDIT_ANCHOR_FILE); chỉ ghi thêm, không bao giờ ghi đè.",
        )

    def handle(self, *args: Any, file: Path | None, **options: Any) -> None:
        path = file or Path(settings.AUDIT_ANCHOR_FILE)
        anchor = write_anchor(path)
        if anchor is None:
            self.stdout.write("Nhật ký thao tác chưa có bản ghi nào: không có gì để neo.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã neo nhật ký thao tác tại bản ghi #{anchor.last_id} ({anchor.count} bản ghi) "
                f"vào tệp {path}."
            )
        )
