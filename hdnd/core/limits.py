"""The limits every input is held to, pages and API alike: what a council's record can carry.

A number beyond the database's integer range, or a date in year 1 or 9999, is not a typing slip the
application should store and fail on later (in a document, a calendar feed, a counter): it is refused at
the boundary with a message that says what is allowed. Forms get the same checks from ``style_form``.
"""

import datetime as dt

from django.core.exceptions import ValidationError

MAX_INTEGER = 2_147_483_647  # PostgreSQL's integer; SQLite would take more and fail elsewhere
MIN_YEAR, MAX_YEAR = 1900, 2100
INTEGER_MESSAGE = f"Số quá lớn: tối đa {MAX_INTEGER:,}.".replace(",", ".")
DATE_MESSAGE = f"Ngày phải nằm trong các năm {MIN_YEAR}–{MAX_YEAR}."


def check_integer(value: int) -> int:
    """``value`` when the database can hold it; a Vietnamese refusal otherwise."""
    if not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise ValidationError(INTEGER_MESSAGE, code="max_value")
    return value


def check_date(value: dt.date) -> dt.date:
    """``value`` when its year is one a council's record can carry; a Vietnamese refusal otherwise."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(DATE_MESSAGE, code="date_range")
    return value


def within_integer_range(value: int) -> None:
    """``check_integer`` as a form field validator."""
    check_integer(value)


def within_years(value: dt.date) -> None:
    """``check_date`` as a form field validator."""
    check_date(value)
