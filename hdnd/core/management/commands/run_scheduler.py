"""Enqueue the periodic jobs of ``hdnd.core.scheduler`` whenever they are due, in a loop."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from hdnd.core.scheduler import PERIODIC, run_due


class Command(BaseCommand):
    help = "Xếp hàng các việc định kỳ (kiểm tra nhật ký, nhắc hạn...) cho tiến trình db_worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=int, default=60, help="Số giây giữa hai lần kiểm tra (mặc định 60)."
        )
        parser.add_argument("--once", action="store_true", help="Kiểm tra một lần rồi dừng.")

    def handle(self, *args: Any, interval: int, once: bool, **options: Any) -> None:
        self.stdout.write(f"Lịch việc định kỳ: {', '.join(job.name for job in PERIODIC)}")
        try:
            while True:
                for name in run_due():
                    self.stdout.write(f"Đã xếp hàng: {name}")
                if once:
                    return
                time.sleep(interval)
                close_old_connections()  # a long-running process must not keep a dead connection
        except KeyboardInterrupt:
            self.stdout.write("Dừng lịch việc định kỳ.")
