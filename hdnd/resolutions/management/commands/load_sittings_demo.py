"""`make run`: sessions, resolutions and standing-committee meetings for the Hà Nội demo; idempotent.

It lives with resolutions because it builds both apps' parts (``hdnd.sittings.demo`` then
``hdnd.resolutions.demo``), and only resolutions may import sittings."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hdnd.councils.models import Council
from hdnd.resolutions.demo import load_resolutions_demo
from hdnd.resolutions.models import Resolution
from hdnd.sittings.demo import load_sittings_demo
from hdnd.sittings.models import Session, StandingMeeting


class Command(BaseCommand):
    help = "Tạo kỳ họp, nghị quyết, phiên họp Thường trực trình diễn cho HĐND TP Hà Nội (sau load_demo)."

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.filter(unit__code="01", unit__level="province").first()
        if council is None:
            raise CommandError("Chưa có dữ liệu trình diễn HĐND. Hãy chạy trước: python manage.py load_demo")
        with transaction.atomic():
            mid_year = load_sittings_demo(council)
            if mid_year is None:
                self.stdout.write("Kỳ họp trình diễn đã có; không tạo thêm.")
                return
            load_resolutions_demo(council, mid_year)
        self.stdout.write(
            f"Đã tạo {Session.objects.filter(council=council).count()} kỳ họp, "
            f"{Resolution.objects.filter(council=council).count()} nghị quyết và "
            f"{StandingMeeting.objects.filter(council=council).count()} phiên họp Thường trực trình diễn."
        )
