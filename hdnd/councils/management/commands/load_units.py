"""Load the national list of administrative units from the vietnam-provinces package (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from hdnd.councils.units import LoadReport, load_national_units, package_version

CREATED_ORDER = ("province", "district", "commune")


def number(value: int) -> str:
    """Vietnamese digit grouping: 13.372."""
    return f"{value:,}".replace(",", ".")


def summary(report: LoadReport) -> list[str]:
    """The report as the lines an administrator reads."""
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    source = f"gói vietnam-provinces {package_version()}"
    if not report.changed:
        return [f"Danh mục đơn vị hành chính đã khớp với {source}; không có gì thay đổi ({seconds} giây)."]
    provinces, districts, communes = (number(report.created.get(level, 0)) for level in CREATED_ORDER)
    lines = [
        f"Đã nạp danh mục đơn vị hành chính từ {source} ({seconds} giây).",
        f"Tạo mới: {provinces} đơn vị cấp tỉnh, {districts} cấp huyện, {communes} cấp xã; "
        f"{number(report.changes_created)} thay đổi.",
        f"Cập nhật theo dữ liệu gói: {number(report.updated)} đơn vị.",
    ]
    if report.unmapped:
        lines.append(
            f"{len(report.unmapped)} xã cũ không có trong bảng chuyển đổi chính thức (bổ sung bằng "
            f"import_unit_changes nếu cần): {', '.join(report.unmapped)}."
        )
    if report.unknown:
        lines.append(
            f"{len(report.unknown)} dòng của bảng chuyển đổi nêu mã xã không có trong danh mục cũ, "
            f"đã bỏ qua: {', '.join(report.unknown)}."
        )
    return lines


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính (34 tỉnh, 3.321 xã hiện nay và danh mục trước 01/07/2025)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_national_units()
        for line in summary(report):
            self.stdout.write(line)
