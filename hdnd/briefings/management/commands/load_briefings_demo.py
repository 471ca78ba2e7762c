"""`make run`: a work programme and two briefings for the Hà Nội demo; idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.briefings.demo import load_briefings_demo
from hdnd.councils.models import Council


class Command(BaseCommand):
    help = "Tạo chương trình công tác và hội nghị giao ban trình diễn cho HĐND TP Hà Nội (sau load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        if load_briefings_demo(council) is None:
            self.stdout.write("Hội nghị giao ban trình diễn đã có; không tạo thêm.")
            return
        self.stdout.write("Đã tạo chương trình công tác của Thường trực và hai hội nghị giao ban trình diễn.")
