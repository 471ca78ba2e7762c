"""Reporting periods are parsed from their codes and know their first and last days."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hdnd.core.periods import Period, PeriodKind


@pytest.mark.parametrize(
    ("code", "first", "last", "label"),
    [
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "quý I năm 2026"),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), "quý IV năm 2026"),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30), "6 tháng đầu năm 2024"),
        ("2026-9m", dt.date(2026, 1, 1), dt.date(2026, 9, 30), "9 tháng năm 2026"),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "năm 2025"),
    ],
)
def test_a_period_code_names_its_days_and_reads_as_councils_write_it(
    code: str, first: dt.date, last: dt.date, label: str
) -> None:
    period = Period.parse(code)
    assert (period.first, period.last, period.label) == (first, last, label)
    assert Period.parse(period.code) == period


def test_the_quarter_before_the_first_is_the_last_of_the_year_before() -> None:
    assert Period.parse("2026-Q1").previous() == Period(2025, PeriodKind.QUARTER, 4)
    assert Period.parse("2026-H1").previous().code == "2025-H1"


@pytest.mark.parametrize("code", ["2026-Q5", "26-Q1", "quý 1", "", "9999-Q1", "2026-Q1; DROP"])
def test_a_code_that_names_no_period_is_refused_in_vietnamese(code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Period.parse(code)
    assert refused.value.messages[0].startswith("Kỳ báo cáo không hợp lệ: dùng dạng 2026-Q1")
