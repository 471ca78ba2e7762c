"""Check the hash chain of the audit log: exit 0 when intact, 1 naming the broken entries."""

from typing import Any

from django.core.management.base import BaseCommand

from hdnd.core.audit import check_chain


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký thao tác (chuỗi mã băm)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = check_chain()
        if report.intact:
            self.stdout.write(
                self.style.SUCCESS(f"Nhật ký thao tác nguyên vẹn: đã kiểm tra {report.checked} bản ghi.")
            )
            return
        broken = sorted({b.entry_id for b in report.breaks})
        self.stderr.write(
            self.style.ERROR(
                f"Nhật ký thao tác bị can thiệp: {len(broken)} bản ghi không hợp lệ "
                f"(đã kiểm tra {report.checked} bản ghi)."
            )
        )
        for item in report.breaks:
            self.stderr.write(f"  Bản ghi #{item.entry_id}: {item.reason}")
        raise SystemExit(1)
