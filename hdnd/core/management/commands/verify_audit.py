"""Check the audit log: its hash chain, its signatures and its anchors; exit 0 when intact, 1 otherwise."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hdnd.core.audit import ChainReport, check_chain, missing_guards

SHOWN = 200  # a rewritten log can break at every row; the first ones are enough to act on


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký thao tác (chuỗi mã băm, mã xác thực, mốc neo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            type=Path,
            metavar="TỆP",
            help="Tệp mốc neo cần đối chiếu (có thể lặp lại); mặc định là tệp AUDIT_ANCHOR_FILE.",
        )

    def handle(self, *args: Any, anchor: list[Path] | None, **options: Any) -> None:
        report = check_chain(anchor)
        for trigger in missing_guards():
            self.stderr.write(
                self.style.WARNING(
                    f"Cảnh báo: bảng nhật ký thiếu (hoặc đã tắt) trigger {trigger} ngăn sửa, xoá."
                )
            )
        if report.intact:
            self._intact(report)
            return
        self._broken(report)
        raise SystemExit(1)

    def _intact(self, report: ChainReport) -> None:
        self.stdout.write(
            self.style.SUCCESS(f"Nhật ký thao tác nguyên vẹn: đã kiểm tra {report.checked} bản ghi.")
        )
        if report.anchors:
            self.stdout.write(f"Khớp với {report.anchors} mốc neo.")
        else:
            self.stdout.write("Chưa có mốc neo nào để đối chiếu (tạo bằng manage.py audit_anchor).")

    def _broken(self, report: ChainReport) -> None:
        if report.breaks:
            broken = sorted({b.entry_id for b in report.breaks})
            self.stderr.write(
                self.style.ERROR(
                    f"Nhật ký thao tác bị can thiệp: {len(broken)} bản ghi không hợp lệ "
                    f"(đã kiểm tra {report.checked} bản ghi)."
                )
            )
            if report.unverifiable_key:
                self.stderr.write("  Không mã xác thực nào khớp: hãy kiểm tra khoá nhật ký HDND_AUDIT_KEY.")
            for item in report.breaks[:SHOWN]:
                self.stderr.write(f"  Bản ghi #{item.entry_id}: {item.reason}")
            if len(report.breaks) > SHOWN:
                self.stderr.write(f"  ... và {len(report.breaks) - SHOWN} lỗi khác.")
        if report.anchor_problems:
            self.stderr.write(
                self.style.ERROR(
                    f"Nhật ký thao tác không khớp với mốc neo: {len(report.anchor_problems)} lỗi "
                    f"(đã đối chiếu {report.anchors} mốc neo)."
                )
            )
            for problem in report.anchor_problems[:SHOWN]:
                self.stderr.write(f"  Mốc neo {problem.source}: {problem.reason}")
