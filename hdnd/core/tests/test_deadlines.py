"""Deadlines read from the rules table: calendar or working days, periods in force, council overrides."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hdnd.core.actions import set_rule_override
from hdnd.core.calendar import deadline
from hdnd.core.models import Rule, Rulebook, RuleUnit, effective_rule


def test_complaints_received_before_1_july_2026_are_accepted_within_10_calendar_days(rules: Any) -> None:
    assert deadline("complaint.accept", date(2026, 6, 26)) == date(2026, 7, 6)


def test_complaints_received_from_1_july_2026_are_accepted_within_7_working_days(rules: Any) -> None:
    # 31/8 (swapped), 1/9 and 2/9 are days off in between.
    assert deadline("complaint.accept", date(2026, 8, 26)) == date(2026, 9, 9)


def test_a_calendar_day_deadline_landing_on_a_saturday_moves_to_monday(rules: Any) -> None:
    assert deadline("complaint.accept", date(2026, 6, 24)) == date(2026, 7, 6)


def test_a_calendar_day_deadline_landing_in_tet_moves_to_the_first_working_day_after(rules: Any) -> None:
    assert deadline("complaint.resolve_first", date(2026, 1, 17)) == date(2026, 2, 23)


def test_denunciations_needing_checks_at_several_places_get_10_working_days_across_tet_2027(
    rules: Any,
) -> None:
    assert deadline("denunciation.classify.multi_site", date(2027, 1, 29)) == date(2027, 2, 19)


def test_a_before_rule_gives_the_latest_day_to_notify_ahead_of_a_meeting(rules: Any) -> None:
    # Meeting on Thursday 3/9/2026; 2/9, 1/9 and 31/8 are days off.
    assert deadline("voter_meeting.individual.notice", date(2026, 9, 3)) == date(2026, 8, 26)


def test_a_before_rule_in_calendar_days_moves_back_to_a_working_day(rules: Any) -> None:
    # A regular session opening on Saturday 12/12/2026: 20 days before is Sunday 22/11.
    assert deadline("session.convening", date(2026, 12, 12)) == date(2026, 11, 20)


def test_a_councils_override_replaces_the_national_value_for_that_council_only(
    rules: Any, world: Any
) -> None:
    rule = rules["denunciation.forward"]
    set_rule_override(
        rule, world.commune, value=Decimal(3), unit=RuleUnit.WORKING_DAYS, legal_basis="Quy chế", by=None
    )
    assert deadline("denunciation.forward", date(2026, 3, 2), world.commune) == date(2026, 3, 5)
    assert deadline("denunciation.forward", date(2026, 3, 2), world.other_commune) == date(2026, 3, 9)


def test_a_rule_that_is_not_a_day_count_raises(rules: Any) -> None:
    with pytest.raises(ValueError, match="before_next_session"):
        deadline("council_petition.answer", date(2026, 3, 2))


def test_a_rule_not_yet_in_force_on_the_start_day_raises(rules: Any) -> None:
    with pytest.raises(Rule.DoesNotExist):
        deadline("reception.refusal_notice", date(2026, 6, 30))


def test_a_deadline_for_a_council_takes_three_queries(
    rules: Any, world: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):  # the rule, the council's override, the calendar
        deadline("denunciation.classify", date(2026, 2, 13), world.commune)


@pytest.mark.parametrize("on", [date(2026, 6, 30), date(2026, 7, 1), date(2027, 2, 10)])
def test_a_rulebook_answers_as_each_rule_is_read_alone(rules: Any, world: Any, on: date) -> None:
    """``Rulebook`` (a list's one reading of the rules) gives the rule ``effective_rule`` gives, period
    by period and with a council's override."""
    keys = ["complaint.accept", "denunciation.forward", "session.convening"]
    rule = Rule.objects.filter(key="denunciation.forward").first()
    assert rule is not None
    set_rule_override(
        rule, world.commune, value=Decimal(3), unit=RuleUnit.WORKING_DAYS, legal_basis="Quy chế", by=None
    )
    for council in (world.commune, world.province, None):
        book = Rulebook(keys, council)
        for key in keys:
            assert book.effective(key, on) == effective_rule(key, council, on=on), (key, council)
            assert deadline(key, on, council, rules=book) == deadline(key, on, council)
