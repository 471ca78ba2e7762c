"""Fill PostgreSQL with country-sized data from a fixed seed (docs/national-data.md)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.portal import national


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu cỡ cả nước trên danh mục đơn vị thật (34 tỉnh, 3.321 xã): năm năm kỳ họp, nghị quyết, "
        "tiếp xúc cử tri và 1.000.000 ý kiến, kiến nghị ở --scale 1. Chỉ PostgreSQL, cơ sở dữ liệu trống."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1 = cỡ cả nước; 0,01 để thử")
        parser.add_argument("--provinces", type=int, default=None, help="chỉ N tỉnh đầu tiên theo mã")
        parser.add_argument("--seed", type=int, default=national.SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"]
        if not 0 < scale <= 10:
            raise CommandError("--scale phải lớn hơn 0 và không quá 10.")
        started = time.monotonic()
        try:
            counts = national.generate(scale, options["provinces"], options["seed"], say=self.stdout.write)
        except national.Refused as refused:
            raise CommandError(str(refused)) from refused
        for name, rows in counts.items():
            self.stdout.write(f"  {name}: {rows:,}".replace(",", "."))
        self.stdout.write(
            f"Xong trong {time.monotonic() - started:.0f} giây; dấu vân tay {national.digest()}"
        )
