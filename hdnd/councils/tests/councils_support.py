"""Helpers the council tests share: a current term, .xlsx files built in memory, audit counts."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from hdnd.core.models import AuditEntry
from hdnd.core.tabular import XLSX_CONTENT_TYPE
from hdnd.councils.imports import DELEGATES
from hdnd.councils.models import Council, Term

HEADERS = [column.header for column in DELEGATES.columns]


def current_term(council: Council, number: int = 16, seats: int | None = None) -> Term:
    """A term running today (one year in, four to go), whatever day the suite runs."""
    today = timezone.localdate()
    return Term.objects.create(
        council=council,
        number=number,
        starts_on=today - timedelta(days=365),
        ends_on=today + timedelta(days=4 * 365),
        delegate_seats=seats,
    )


def workbook(rows: list[list[Any]], headers: list[str] | None = None, sheet: str = "Đại biểu") -> bytes:
    """An .xlsx with a header row and ``rows`` below it, on a sheet named ``sheet``."""
    book = Workbook()
    data = book.worksheets[0]
    data.title = sheet
    data.append(HEADERS if headers is None else headers)
    for row in rows:
        data.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "dai-bieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)


def audit_entries(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def assert_shows(page: str, *texts: str) -> None:
    missing = [text for text in texts if text not in page]
    assert not missing, f"not on the page: {missing}"


def assert_hides(page: str, *texts: str) -> None:
    present = [text for text in texts if text in page]
    assert not present, f"on the page but should not be: {present}"
