"""Working days on real Vietnamese dates: Tết, Giỗ Tổ, 30/4–1/5, Quốc khánh and administrators' swaps."""

from __future__ import annotations

from datetime import date

import pytest

from hdnd.core.calendar import WorkingCalendar, add_working_days, is_working_day, working_days_between
from hdnd.core.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_tet_2026_takes_monday_16_to_friday_20_february_off() -> None:
    assert [is_working_day(date(2026, 2, d)) for d in range(13, 24)] == [
        True,  # Fri 13/2
        False, False,  # weekend
        False, False, False, False, False,  # 16/2 (28 Tết) to 20/2 (mùng 4)
        False, False,  # weekend
        True,  # Mon 23/2
    ]  # fmt: skip


def test_counting_starts_the_day_after_receipt() -> None:
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)


def test_a_letter_received_the_friday_before_tet_2026_has_its_first_working_day_on_23_february() -> None:
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 7) == date(2026, 3, 3)


def test_a_letter_received_on_a_saturday_counts_from_monday() -> None:
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)


def test_gio_to_hung_vuong_2026_falls_on_sunday_and_monday_27_april_is_off_in_lieu() -> None:
    assert not is_working_day(date(2026, 4, 27))
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_30_april_and_1_may_2026_run_into_the_weekend() -> None:
    assert not is_working_day(date(2026, 4, 30))
    assert not is_working_day(date(2026, 5, 1))
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)


def test_national_day_2026_is_1_and_2_september_with_31_august_swapped_for_saturday_22_august() -> None:
    assert [
        is_working_day(date(2026, 8, 31)),
        is_working_day(date(2026, 9, 1)),
        is_working_day(date(2026, 9, 2)),
    ] == [
        False,
        False,
        False,
    ]
    assert is_working_day(date(2026, 8, 22))
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_gio_to_hung_vuong_2027_is_friday_16_april() -> None:
    assert not is_working_day(date(2027, 4, 16))
    assert add_working_days(date(2027, 4, 15), 1) == date(2027, 4, 19)


def test_tet_2027_takes_thursday_4_to_wednesday_10_february_off() -> None:
    days_off = [date(2027, 2, d) for d in (4, 5, 8, 9, 10)]
    assert not any(is_working_day(d) for d in days_off)
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_labour_day_2027_on_a_saturday_is_off_in_lieu_on_monday_3_may() -> None:
    assert not is_working_day(date(2027, 5, 3))
    assert add_working_days(date(2027, 4, 29), 1) == date(2027, 5, 4)


def test_vietnam_culture_day_24_november_2026_is_a_day_off() -> None:
    assert not is_working_day(date(2026, 11, 24))


def test_a_make_up_saturday_added_by_an_administrator_counts_as_working() -> None:
    CalendarDay.objects.create(day=date(2026, 5, 9), kind=CalendarDay.Kind.WORKING_DAY, reason="Làm bù")
    assert is_working_day(date(2026, 5, 9))
    assert add_working_days(date(2026, 5, 8), 1) == date(2026, 5, 9)


def test_an_extra_day_off_added_by_an_administrator_does_not_count() -> None:
    CalendarDay.objects.create(day=date(2026, 5, 4), kind=CalendarDay.Kind.DAY_OFF, reason="Nghỉ thêm")
    assert not is_working_day(date(2026, 5, 4))
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 5)


def test_an_administrator_can_turn_a_listed_holiday_into_a_working_day() -> None:
    CalendarDay.objects.create(day=date(2026, 11, 24), kind=CalendarDay.Kind.WORKING_DAY, reason="Đính chính")
    assert is_working_day(date(2026, 11, 24))


def test_negative_counts_go_back_to_the_nth_working_day_before() -> None:
    assert add_working_days(date(2026, 9, 3), -1) == date(2026, 8, 28)
    assert add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)


def test_working_days_between_across_tet_2026() -> None:
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 13)) == 0


@pytest.mark.parametrize(
    "start", [date(2026, 2, 10), date(2026, 8, 20), date(2026, 12, 28), date(2027, 1, 29)]
)
def test_working_days_between_undoes_add_working_days(start: date) -> None:
    calendar = WorkingCalendar.for_span(start, date(2027, 12, 31))
    for n in range(-25, 26):
        assert working_days_between(start, add_working_days(start, n, calendar), calendar) == n


def test_a_deadline_across_the_new_year_reads_the_adjustments_in_one_query(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert add_working_days(date(2026, 12, 30), 30) == date(2027, 2, 18)


def test_a_shared_calendar_answers_many_questions_without_more_queries(django_assert_num_queries) -> None:
    calendar = WorkingCalendar.for_span(date(2026, 1, 1), date(2027, 12, 31))
    with django_assert_num_queries(0):
        for day in range(1, 29):
            add_working_days(date(2026, 2, day), 10, calendar)
