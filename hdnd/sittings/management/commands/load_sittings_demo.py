"""`make run`: sessions, resolutions and standing-committee meetings for the Hà Nội demo; idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hdnd.councils.models import Council
from hdnd.resolutions.models import Resolution
from hdnd.sittings.demo import load_sittings_demo
from hdnd.sittings.models import Session
from hdnd.sittings.models_standing import StandingMeeting


class Command(BaseCommand):
    help = "Tạo kỳ họp, nghị quyết, phiên họp Thường trực trình diễn cho HĐND TP Hà Nội (sau load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        if load_sittings_demo(council) is None:
            self.stdout.write("Kỳ họp trình diễn đã có; không tạo thêm.")
            return
        self.stdout.write(
            f"Đã tạo {Session.objects.filter(council=council).count()} kỳ họp, "
            f"{Resolution.objects.filter(council=council).count()} nghị quyết và "
            f"{StandingMeeting.objects.filter(council=council).count()} phiên họp Thường trực trình diễn."
        )
