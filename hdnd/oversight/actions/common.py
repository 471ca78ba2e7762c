"""What the oversight actions share: row locks, same-council checks, numbers, mail after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from hdnd.core.numbering import take_number
from hdnd.core.text import nfc
from hdnd.councils.models import Agency, Council
from hdnd.sittings.models import DocumentCounter
from hdnd.sittings.models.sessions import number_given

TEXT_MAX = 20_000
SYSTEM = "nhắc hạn tự động"


def lock[M: models.Model](obj: M) -> M:
    """The row of ``obj`` again, locked until the transaction ends."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def clean(value: str, field: str, label: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    """``value`` in NFC, refused in Vietnamese when empty (if required) or too long."""
    cleaned = nfc(value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Nhập {label}."})
    if len(cleaned) > limit:
        raise ValidationError(
            {field: f"{label[:1].upper()}{label[1:]} dài quá {limit:,} ký tự.".replace(",", ".")}
        )
    return cleaned


def same_council(obj: Any, council: Council, field: str, message: str) -> None:
    """Refuse a related record (body, person, agency, session...) that belongs to another council."""
    if obj is not None and getattr(obj, "council_id", None) != council.pk:
        raise ValidationError({field: message})


def check_agency(agency: Agency | None, council: Council, field: str = "agency") -> None:
    """An addressee of the council or of a council directly below it (a province supervises communes)."""
    if agency is None:
        raise ValidationError({field: "Chọn cơ quan."})
    if agency.council_id == council.pk:
        return
    if agency.council.parent_id != council.pk:
        raise ValidationError({field: f"{agency} không thuộc HĐND này hoặc cấp dưới trực tiếp."})


def check_all_same(items: Iterable[Any], council: Council, field: str, message: str) -> list[Any]:
    found = list(items)
    for item in found:
        same_council(item, council, field, message)
    return found


def take_document_number(council: Council, year: int, symbol: str, wanted: int | None, taken: bool) -> int:
    """The next number of the council's (year, symbol) series, shared with the standing committee's
    documents (``sittings.DocumentCounter``); ``wanted`` for a document issued before the platform,
    refused when ``taken`` (this app's own records) or the sittings' records already gave it."""
    if wanted is not None and wanted < 1:
        raise ValidationError({"number": "Số văn bản phải lớn hơn 0."})
    number = take_number(DocumentCounter, wanted=wanted, council_id=council.pk, year=year, symbol=symbol)
    if wanted is not None and (taken or number_given(council.pk, year, symbol, wanted)):
        raise ValidationError({"number": f"Số {wanted:02d}/{symbol} năm {year} đã được dùng."})
    return number


def not_before(later: date | None, earlier: date, field: str, message: str) -> None:
    if later is not None and later < earlier:
        raise ValidationError({field: message})
