"""Load the rules table from ``hdnd/core/rules_seed.py`` (idempotent; councils' overrides are kept)."""

from typing import Any

from django.core.management.base import BaseCommand

from hdnd.core.actions import seed_rules


class Command(BaseCommand):
    help = "Nạp bảng quy định (thời hạn, phân loại) từ dữ liệu gốc; chạy lại nhiều lần không sao."

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_rules(by="seed_rules")
        for label in result.created:
            self.stdout.write(f"  + {label}")
        for label in result.updated:
            self.stdout.write(f"  ~ {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Bảng quy định: thêm {len(result.created)}, cập nhật {len(result.updated)}, "
                f"giữ nguyên {result.unchanged}."
            )
        )
