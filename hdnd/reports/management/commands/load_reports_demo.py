"""`make run`: the Hà Nội wards' reports on quý III năm 2026 (some late, one returned); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.councils.models import Council
from hdnd.reports.demo import load_reports_demo


class Command(BaseCommand):
    help = "Tạo kỳ báo cáo quý III năm 2026 trình diễn cho HĐND TP Hà Nội và các phường, xã (sau load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        period = load_reports_demo(council)
        if period is None:
            self.stdout.write("Kỳ báo cáo trình diễn đã có; không tạo thêm.")
            return
        sent = period.reports.filter(status__in=["submitted", "accepted"]).count()
        self.stdout.write(
            f"Đã tạo kỳ báo cáo {period.period.label}: {sent}/{period.reports.count()} báo cáo đã gửi."
        )
