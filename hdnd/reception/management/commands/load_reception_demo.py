from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.councils.models import Council
from hdnd.reception.demo import load_reception_demo


class Command(BaseCommand):
    help = "Lịch, sổ tiếp công dân và đơn thư trình diễn của HĐND thành phố Hà Nội (chạy lại không tạo thêm)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        count = load_reception_demo(council)
        if count is None:
            self.stdout.write("Đơn thư trình diễn đã có; không tạo thêm.")
            return
        self.stdout.write(
            f"Đã tạo lịch tiếp công dân quý IV/2026, sổ tiếp công dân và {count} đơn thư trình diễn."
        )
