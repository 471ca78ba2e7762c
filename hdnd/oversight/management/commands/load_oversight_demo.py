"""`make run`: a year of supervision, questioning and explanation for the Hà Nội demo; idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.councils.models import Council
from hdnd.oversight.demo import load_oversight_demo
from hdnd.oversight.models import Recommendation, Supervision


class Command(BaseCommand):
    help = "Tạo chương trình, cuộc giám sát, kiến nghị, chất vấn, giải trình trình diễn cho HĐND TP Hà Nội."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        if load_oversight_demo(council) is None:
            self.stdout.write("Dữ liệu giám sát trình diễn đã có; không tạo thêm.")
            return
        self.stdout.write(
            f"Đã tạo {Supervision.objects.filter(council=council).count()} cuộc giám sát và "
            f"{Recommendation.objects.filter(council=council).count()} kiến nghị trình diễn."
        )
