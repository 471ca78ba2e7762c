"""Benchmark: the public register of resolutions with 100,000 resolutions across one province's councils.

Generates a province council with 99 commune councils below it and 100,000 resolutions over ten years
(most published or later, some drafts that must never show), then times the public register pages with
the test client: p50/p95 over 50 requests each, against baselines measured in the same run (a bare
``SELECT 1`` round trip and a count of the province's public resolutions). Budget (issue 4): under
100 ms at p95 on PostgreSQL.

    .venv/bin/python bench/resolutions.py                      # SQLite in a temporary directory
    DATABASE_URL=postgres://... .venv/bin/python bench/resolutions.py

On PostgreSQL the data goes into a throwaway database created beside the one DATABASE_URL names and
dropped at the end, so the configured database is never touched.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HDND_DATA_DIR", tempfile.mkdtemp(prefix="hdnd-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")

from bench import scaffold  # noqa: E402

TOTAL = 100_000
COMMUNES = 99
REPEAT = 50
BUDGET_MS = 100.0

SUBJECTS = [
    "dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương",
    "phân bổ dự toán ngân sách địa phương",
    "kế hoạch đầu tư công trung hạn",
    "chủ trương đầu tư dự án đường giao thông liên xã",
    "mức thu, miễn, giảm phí thẩm định cấp giấy chứng nhận quyền sử dụng đất",
    "chính sách hỗ trợ phát triển sản xuất nông nghiệp",
    "bảng giá đất",
    "chế độ công tác phí, chế độ chi hội nghị",
    "kế hoạch phát triển kinh tế - xã hội",
    "chương trình giám sát của Hội đồng nhân dân",
    "mức hỗ trợ học phí cho trẻ mầm non, học sinh",
    "danh mục dự án cần thu hồi đất",
    "biên chế công chức trong các cơ quan hành chính",
    "quy định mức chi bảo đảm công tác cải cách hành chính",
    "đặt tên đường, phố và công trình công cộng",
]
FIELDS = [
    "Tài chính - ngân sách",
    "Đầu tư",
    "Đất đai",
    "Nông nghiệp",
    "Giáo dục",
    "Tổ chức bộ máy",
    "Văn hóa - xã hội",
]


def _timed(fn: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def _generate(total: int) -> int:
    """The province, its communes and ``total`` resolutions; returns the province council's id."""
    from hdnd.core.text import fold
    from hdnd.resolutions.models import Kind, Resolution, Status, symbol_for

    councils = scaffold.province_with_communes("99", "Thử Nghiệm", COMMUNES)
    province = councils[0]
    rng = random.Random(2026)
    weights = [
        (Status.IN_FORCE, 50),
        (Status.PUBLISHED, 15),
        (Status.EXPIRED, 10),
        (Status.AMENDED, 8),
        (Status.REPLACED, 6),
        (Status.ANNULLED, 3),
        (Status.ADOPTED, 3),
        (Status.DRAFT, 5),
    ]
    statuses, cum = zip(*weights, strict=True)
    counters: dict[tuple[int, int, str], int] = {}
    batch: list[Resolution] = []
    for i in range(total):
        council = province if i % 4 == 0 else councils[1 + i % COMMUNES]
        status = rng.choices(statuses, cum)[0]
        kind = Kind.NORMATIVE if rng.random() < 0.3 else Kind.INDIVIDUAL
        issued = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
        verb = rng.choice(["Về", "Quy định", "Phê duyệt", "Thông qua"])
        title = f"{verb} {rng.choice(SUBJECTS)} năm {issued.year}"
        field = rng.choice(FIELDS)
        number = symbol = None
        if status != Status.DRAFT:
            key = (council.pk, issued.year, kind)
            counters[key] = number = counters.get(key, 0) + 1
            symbol = symbol_for(kind, number, issued.year)
        batch.append(
            Resolution(
                council=council,
                kind=kind,
                year=issued.year if number else None,
                number=number,
                symbol=symbol or "",
                title=title,
                field=field,
                status=status,
                adopted_on=issued if number else None,
                issued_on=issued if number else None,
                published_on=issued + timedelta(days=3) if number and status != Status.ADOPTED else None,
                search_key=fold(f"Nghị quyết {symbol or ''} {title} {field}"),
            )
        )
        if len(batch) == 5000:
            Resolution.objects.bulk_create(batch)
            batch.clear()
    Resolution.objects.bulk_create(batch)
    return province.pk


def main() -> None:
    with scaffold.throwaway_database("resolutions"):
        _run()


def _run() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from hdnd.councils.models import Council
    from hdnd.resolutions.models import Resolution
    from hdnd.resolutions.register import with_below

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    province_id = _generate(TOTAL)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum / a nightly ANALYZE would give
        cursor.execute("ANALYZE resolutions_resolution" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"generated {TOTAL:,} resolutions in {time.perf_counter() - start:.1f} s on {connection.vendor}")

    ids = with_below(Council.objects.get(pk=province_id))
    sample = Resolution.objects.public().filter(council_id=province_id).first()
    assert sample is not None
    client = Client()
    base = f"/cong-khai/hdnd/{province_id}/nghi-quyet/"
    cases = [
        ("province register, first page", f"{base}toan-tinh/"),
        ("province register, page 50", f"{base}toan-tinh/?page=50"),
        ("province, q=nghi quyet ngan sach", f"{base}toan-tinh/?q=nghi+quyet+ngan+sach"),
        ("province, q=phi tham dinh dat", f"{base}toan-tinh/?q=phi+tham+dinh+dat"),
        ("province, year+kind+status", f"{base}toan-tinh/?year=2024&kind=normative&status=in_force"),
        ("council register, field filter", f"{base}?field=%C4%90%E1%BA%A5t+%C4%91ai"),
        ("one resolution", f"/cong-khai/nghi-quyet/{sample.pk}/"),
        (
            "API public list, q=ngan sach",
            f"/api/v1/public/councils/{province_id}/resolutions?below=true&q=ngan+sach",
        ),
    ]

    def select_one() -> object:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    _, select95 = _timed(select_one)
    _, count95 = _timed(lambda: Resolution.objects.public().filter(council_id__in=ids).count())
    print(f"baselines p95: SELECT 1 {select95:.2f} ms; count of the public register {count95:.1f} ms")
    print(f"\n{'case':38} {'p50 ms':>8} {'p95 ms':>8} {'budget':>8}")
    failures = 0
    for label, url in cases:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

        def request(url: str = url) -> object:
            return client.get(url)

        p50, p95 = _timed(request)
        ok = p95 < BUDGET_MS
        failures += not ok
        print(f"{label:38} {p50:8.1f} {p95:8.1f} {'ok' if ok else 'OVER':>8}")
    print(f"\n{len(cases) - failures}/{len(cases)} cases within the {BUDGET_MS:.0f} ms p95 budget")
    if connection.vendor != "postgresql":
        print("(the budget is set for PostgreSQL, which has the trigram index; SQLite scans for search)")


if __name__ == "__main__":
    main()
