"""Background tasks of reception: thin wrappers that run the reminder and escalation actions for today."""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from . import actions, matching


@task
def remind_reception_duty() -> list[int]:
    """Remind the people on duty of their reception day."""
    return [slot.pk for slot in actions.remind_slots(timezone.localdate())]


@task
def remind_letter_answers() -> list[int]:
    """Remind competent bodies whose answers on forwarded letters fall due soon."""
    return [letter.pk for letter in actions.remind_letters(timezone.localdate())]


@task
def escalate_overdue_letters() -> list[int]:
    """Escalate forwarded letters past their answer's due date."""
    return [letter.pk for letter in actions.escalate_letters(timezone.localdate())]


@task
def store_letter_matches(letter_id: int) -> None:
    """Find a received letter's earlier letters on the same matter and store them with it."""
    matching.store_matches(letter_id)
