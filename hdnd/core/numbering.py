"""Document numbers that restart every year (NĐ 30/2020): one counter row per series, taken under lock.

A series is whatever the caller's counter model keys on (council and year; for resolutions also the
kind). The row is created if missing without racing (``ignore_conflicts``), then locked, so two clerks
issuing at once get consecutive numbers; a number typed by hand (an older document entered late) moves
the counter past it. Call inside the transaction that saves the numbered document.
"""

from __future__ import annotations

from typing import Any

from django.db import models


def take_number(counter: type[models.Model], *, wanted: int | None = None, **series: Any) -> int:
    """The next number of ``series`` in ``counter`` (a model with the series' fields and ``last``)."""
    counter._default_manager.bulk_create([counter(**series, last=0)], ignore_conflicts=True)
    row: Any = counter._default_manager.select_for_update().get(**series)
    number = wanted if wanted is not None else row.last + 1
    if number > row.last:
        row.last = number
        row.save(update_fields=["last"])
    return number
