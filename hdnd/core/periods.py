"""Reporting periods: a quarter, a half-year, nine months or a year, named like ``2026-Q1``.

Councils report by the calendar year ("quý I", "6 tháng", "9 tháng", "năm"); every figure is counted for
a ``Period``, whose ``first`` and ``last`` days are both inclusive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MIN_YEAR, MAX_YEAR = 2000, 2100
BAD_PERIOD = (
    "Kỳ báo cáo không hợp lệ: dùng dạng 2026-Q1 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng) hoặc 2026 (năm)."
)


class PeriodKind(StrEnum):
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"


_PATTERN = re.compile(r"^(\d{4})(?:-(Q[1-4]|H1|9M))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period of one calendar year."""

    year: int
    kind: PeriodKind
    number: int = 1  # the quarter (1-4); 1 for the other kinds

    @classmethod
    def parse(cls, code: str) -> Period:
        """``2026-Q1``, ``2026-H1``, ``2026-9M`` or ``2026``; anything else is refused in Vietnamese."""
        found = _PATTERN.match((code or "").strip().upper())
        if not found or not MIN_YEAR <= int(found[1]) <= MAX_YEAR:
            raise ValidationError(BAD_PERIOD)
        year, part = int(found[1]), found[2]
        if part is None:
            return cls(year, PeriodKind.YEAR)
        if part == "H1":
            return cls(year, PeriodKind.HALF)
        if part == "9M":
            return cls(year, PeriodKind.NINE_MONTHS)
        return cls(year, PeriodKind.QUARTER, int(part[1]))

    @property
    def code(self) -> str:
        suffix = {
            PeriodKind.QUARTER: f"-Q{self.number}",
            PeriodKind.HALF: "-H1",
            PeriodKind.NINE_MONTHS: "-9M",
            PeriodKind.YEAR: "",
        }[self.kind]
        return f"{self.year}{suffix}"

    @property
    def first(self) -> dt.date:
        month = 3 * (self.number - 1) + 1 if self.kind is PeriodKind.QUARTER else 1
        return dt.date(self.year, month, 1)

    @property
    def last(self) -> dt.date:
        months = {PeriodKind.QUARTER: 3 * self.number, PeriodKind.HALF: 6, PeriodKind.NINE_MONTHS: 9}
        month = months.get(self.kind, 12)
        return dt.date(self.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """As councils write it: "quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026"."""
        return {
            PeriodKind.QUARTER: f"quý {ROMAN[self.number]} năm {self.year}",
            PeriodKind.HALF: f"6 tháng đầu năm {self.year}",
            PeriodKind.NINE_MONTHS: f"9 tháng năm {self.year}",
            PeriodKind.YEAR: f"năm {self.year}",
        }[self.kind]

    def previous(self) -> Period:
        """The same kind of period one step earlier (the quarter before; the year before otherwise)."""
        if self.kind is PeriodKind.QUARTER and self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        if self.kind is PeriodKind.QUARTER:
            return Period(self.year - 1, self.kind, 4)
        return Period(self.year - 1, self.kind, self.number)

    def __str__(self) -> str:
        return self.label
