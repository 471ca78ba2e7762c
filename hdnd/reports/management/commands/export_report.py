"""``manage.py export_report --council ID --period 2026-Q1 --format docx|pdf|xlsx --output FILE [--rollup]``.

Writes a council's periodic report (.docx or PDF), or with ``--rollup`` the roll-up over the councils
below it (.docx, PDF or .xlsx), as the pages download them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.core.periods import Period
from hdnd.councils.models import Council
from hdnd.reports import documents
from hdnd.reports.models import CouncilReport, ReportingPeriod


class Command(BaseCommand):
    help = "Xuất báo cáo định kỳ của một HĐND, hoặc báo cáo tổng hợp (--rollup), ra tệp .docx, .pdf, .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", type=int, required=True, help="Mã (id) của HĐND")
        parser.add_argument("--period", required=True, help="Kỳ báo cáo: 2026-Q1, 2026-H1, 2026-9M, 2026")
        parser.add_argument("--format", choices=["docx", "pdf", "xlsx"], default="docx")
        parser.add_argument("--output", required=True, help="Đường dẫn tệp ghi ra")
        parser.add_argument("--rollup", action="store_true", help="Báo cáo tổng hợp các HĐND cấp dưới")
        parser.add_argument("--as-then", action="store_true", help="Số liệu theo đơn vị hành chính lúc đó")

    def handle(self, *args: Any, **options: Any) -> None:
        council = Council.objects.select_related("unit").filter(pk=options["council"]).first()
        if council is None:
            raise CommandError(f"Không có HĐND mã {options['council']}.")
        try:
            period = Period.parse(options["period"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        fmt = options["format"]
        if options["rollup"]:
            reporting = ReportingPeriod.objects.filter(council=council, code=period.code).first()
            if reporting is None:
                raise CommandError(f"{council.name} chưa mở kỳ báo cáo {period.label}.")
            content, _ = documents.rollup_bytes(reporting, fmt, as_now=not options["as_then"])
        else:
            if fmt == "xlsx":
                raise CommandError("Tệp .xlsx chỉ xuất cho báo cáo tổng hợp (thêm --rollup).")
            report = (
                CouncilReport.objects.filter(council=council, period__code=period.code)
                .select_related("council__unit", "period__council")
                .first()
            )
            if report is None:
                raise CommandError(f"{council.name} chưa có báo cáo {period.label}.")
            document = documents.report_document(report)
            content = documents.docs.build_pdf(document) if fmt == "pdf" else documents.docs.build(document)
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"Đã ghi {options['output']} ({len(content):,} byte).".replace(",", "."))
