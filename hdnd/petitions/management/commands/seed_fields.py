"""Load the national petition fields from ``hdnd/petitions/fields_seed.py`` (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from hdnd.petitions.fields_seed import seed_fields


class Command(BaseCommand):
    help = "Nạp danh mục lĩnh vực kiến nghị toàn quốc; chạy lại nhiều lần không sao, giữ nguyên chỉnh sửa."

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_fields(by="seed_fields")
        for name in result.created:
            self.stdout.write(f"  + {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Lĩnh vực kiến nghị: thêm {len(result.created)}, giữ nguyên {len(result.kept)}."
            )
        )
