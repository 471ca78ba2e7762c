"""`make run`: a voter-contact cycle for the Hà Nội demo (after load_demo); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.councils.models import Council
from hdnd.petitions.demo import load_petitions_demo


class Command(BaseCommand):
    help = "Tạo đợt tiếp xúc cử tri trình diễn cho HĐND thành phố Hà Nội (chạy sau load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        cycle = load_petitions_demo(council)
        if cycle is None:
            self.stdout.write("Đợt tiếp xúc cử tri trình diễn đã có; không tạo thêm.")
            return
        issues = cycle.issues.count()
        self.stdout.write(
            f"Đã tạo đợt tiếp xúc cử tri trình diễn “{cycle.name}”: {cycle.meetings.count()} buổi, "
            f"{cycle.petitions.count()} ý kiến, {issues} kiến nghị đã tổng hợp, chuyển và trả lời một phần."
        )
