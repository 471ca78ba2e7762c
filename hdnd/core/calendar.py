"""Working days in Vietnam and the deadlines the rules table defines.

A day is a working day unless it is a Saturday, a Sunday or a public holiday. Public holidays come
from the ``holidays`` package: Tết Dương lịch, Tết Nguyên Đán (with the days it adds when Tết meets a
weekend), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, Quốc khánh (two days since 2021) and the days
off in lieu it computes, plus the government's yearly swaps it knows (a weekday off, paid back by a
working Saturday). Administrators add what the package does not know as ``CalendarDay`` rows: an
extra day off, or a make-up working day. Their rows win over everything else.

Counting follows the Civil Code (Bộ luật Dân sự 2015, Art. 147–148): the day of the event (receipt,
acceptance) does not count; counting starts the next day. So ``add_working_days(start, n)`` is the
n-th working day *after* ``start``, and a deadline of n calendar days is ``start + n`` days, moved to
the next working day when it lands on a day off.

The database is read once per call (for all the years the call may touch), never once per day;
callers that compute many deadlines pass one ``WorkingCalendar`` to every call.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import holidays

from .models import CalendarDay, Rule, Rulebook, RuleDirection, RuleUnit, effective_rule

if TYPE_CHECKING:
    from hdnd.councils.models import Council

SATURDAY = 5


@dataclass(frozen=True)
class PublicCalendar:
    """What the ``holidays`` package says about one year."""

    holidays: dict[date, str]
    working_weekend_days: frozenset[date]


@functools.lru_cache(maxsize=64)
def public_calendar(year: int) -> PublicCalendar:
    """The year's public holidays and days off in lieu (Vietnamese names), and its make-up working days."""
    vn = holidays.country_holidays("VN", years=year, language="vi")
    return PublicCalendar(dict(vn), frozenset(d for d in vn.weekend_workdays if d.year == year))


@dataclass
class WorkingCalendar:
    """The working-day calendar for a span of years: the package's holidays plus the administrators'."""

    extra_days_off: set[date] = field(default_factory=set)
    extra_working_days: set[date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    @classmethod
    def for_span(cls, first: date, last: date) -> WorkingCalendar:
        """Load the calendar for every year from ``first`` to ``last`` (in either order) in one query."""
        calendar = cls()
        calendar.load_years(min(first, last).year, max(first, last).year)
        return calendar

    def load_years(self, first_year: int, last_year: int) -> None:
        """Read the administrators' days for the years not loaded yet (one query)."""
        wanted = set(range(first_year, last_year + 1)) - self.years
        if not wanted:
            return
        rows = CalendarDay.objects.filter(
            day__gte=date(min(wanted), 1, 1), day__lte=date(max(wanted), 12, 31)
        ).values_list("day", "kind")
        for day, kind in rows:
            if day.year in wanted:
                target = (
                    self.extra_working_days if kind == CalendarDay.Kind.WORKING_DAY else self.extra_days_off
                )
                target.add(day)
        self.years |= set(range(min(wanted), max(wanted) + 1))

    def is_working_day(self, day: date) -> bool:
        """True on a day people work: not a weekend or holiday, or made a working day by an administrator."""
        if day.year not in self.years:
            self.load_years(day.year, day.year)
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        public = public_calendar(day.year)
        if day.weekday() >= SATURDAY:
            return day in public.working_weekend_days
        return day not in public.holidays


def _calendar_for(start: date, span_days: int, calendar: WorkingCalendar | None) -> WorkingCalendar:
    """The given calendar, or one loaded for ``start`` and the ``span_days`` days around it."""
    end = start + timedelta(days=span_days)
    if calendar is None:
        return WorkingCalendar.for_span(start, end)
    calendar.load_years(min(start, end).year, max(start, end).year)
    return calendar


def is_working_day(day: date, calendar: WorkingCalendar | None = None) -> bool:
    """Whether ``day`` is a working day."""
    return _calendar_for(day, 0, calendar).is_working_day(day)


def _span_for(n: int) -> int:
    # n working days never take more than 2n + 20 calendar days, even across Tết.
    return (abs(n) * 2 + 20) * (1 if n >= 0 else -1)


def add_working_days(start: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day after ``start`` (before it when n < 0); ``start`` itself is not counted.

    ``n == 0`` returns ``start`` unchanged. A letter received on Friday 13/02/2026 with 1 working day
    is due on Monday 23/02/2026: the week of Tết in between has no working day.
    """
    calendar = _calendar_for(start, _span_for(n), calendar)
    step = timedelta(days=1 if n >= 0 else -1)
    day, remaining = start, abs(n)
    while remaining:
        day += step
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(a: date, b: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    The inverse of ``add_working_days``: ``working_days_between(a, add_working_days(a, n)) == n``.
    """
    if b < a:
        return -working_days_between(b, a, calendar)
    calendar = _calendar_for(a, (b - a).days, calendar)
    return sum(calendar.is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def next_working_day(day: date, calendar: WorkingCalendar | None = None) -> date:
    """``day`` itself if people work that day, otherwise the first working day after it."""
    calendar = _calendar_for(day, 20, calendar)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date, calendar: WorkingCalendar | None = None) -> date:
    """``day`` itself if people work that day, otherwise the last working day before it."""
    calendar = _calendar_for(day, -20, calendar)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _whole_days(value: Decimal | None, key: str) -> int:
    if value is None or value != int(value) or value < 0:
        raise ValueError(f"Rule {key!r} has no whole number of days: {value!r}")
    return int(value)


def deadline(
    rule_key: str,
    start: date,
    council: Council | None = None,
    calendar: WorkingCalendar | None = None,
    rules: Rulebook | None = None,
) -> date:
    """The last day allowed by the rule ``rule_key`` counted from ``start``, for ``council``.

    The rule in force on ``start`` is used, replaced by the council's own value when it has one.
    "After" rules count forward from the event (accept within 10 days of receipt); "before" rules
    give the latest day ahead of it (notify ≥3 working days before a meeting). Calendar-day deadlines
    that land on a day off move to the next working day ("before" ones to the previous working day),
    as the Civil Code Art. 148(5) does. Rules that are not a day count raise ``ValueError``.

    A list asking for many deadlines gives a ``calendar`` and the ``rules`` of its council (a
    ``Rulebook``) to share: no query per row.
    """
    rule = (
        rules.effective(rule_key, start) if rules is not None else effective_rule(rule_key, council, on=start)
    )
    if rule.unit not in (RuleUnit.WORKING_DAYS, RuleUnit.CALENDAR_DAYS):
        raise ValueError(f"Rule {rule_key!r} is counted in {rule.unit}, not in days")
    base = rule if isinstance(rule, Rule) else rule.rule
    sign = -1 if base.direction == RuleDirection.BEFORE else 1
    days = _whole_days(rule.value, rule_key)
    calendar = _calendar_for(start, sign * (days * 2 + 20), calendar)
    if rule.unit == RuleUnit.WORKING_DAYS:
        return add_working_days(start, sign * days, calendar)
    end = start + timedelta(days=sign * days)
    return next_working_day(end, calendar) if sign > 0 else previous_working_day(end, calendar)
