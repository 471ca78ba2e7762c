"""Concurrency on PostgreSQL: many clerks firing the same transition at once, and two editors of one record.

Each round starts 50 threads behind a barrier, each on its own connection, all adopting the same draft
resolution: exactly one may win, the rest are refused with the Vietnamese rule message, and the audit log
holds exactly one adoption row. Two editors changing different fields of one resolution at once both keep
their change (the action re-reads the row under its lock)."""

import threading
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.resolutions import actions
from hdnd.resolutions.models import Resolution, Status
from hdnd.resolutions.tests import support

from .figures import measured

pytestmark = [pytest.mark.battery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50
ON = date(2026, 12, 10)
ROUNDS = 20


def _race(count: int, work: Any) -> tuple[list[Any], list[BaseException]]:
    """Run ``work(i)`` in ``count`` threads released together; return the results and the exceptions."""
    barrier = threading.Barrier(count, timeout=30)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results.append(work(i))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors


def _needs_postgres() -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL (row locks)")


def adopt(draft: Resolution) -> Resolution:
    return actions.adopt_resolution(draft, by=None, adopted_on=ON)


def test_fifty_clerks_adopt_the_same_draft(transactional_db: None, world: World) -> None:
    _needs_postgres()
    check = f"Same transition ×{THREADS} threads ({ROUNDS} rounds): one winner, one audit row"
    with measured(check) as figure:
        for round_ in range(ROUNDS):
            draft = support.draft(world.province)
            results, errors = _race(
                THREADS, lambda i, d=draft: actions.adopt_resolution(d, by=None, adopted_on=ON)
            )
            figure.cases += THREADS
            figure.result = f"round {round_ + 1}: {len(results)} won, {len(errors)} refused"
            assert len(results) == 1, figure.result
            assert all(isinstance(error, ValidationError) for error in errors), errors[:3]
            assert {error.messages[0] for error in errors if isinstance(error, ValidationError)} <= {
                "Chỉ thông qua được dự thảo."
            }
            adopted = Resolution.objects.get(pk=draft.pk)
            assert adopted.status == Status.ADOPTED
            assert adopted.number == round_ + 1
            rows = AuditEntry.objects.filter(action="resolutions.adopt_resolution", object_id=str(draft.pk))
            assert rows.count() == 1
        figure.result = (
            f"{ROUNDS}/{ROUNDS} rounds: 1 winner, {THREADS - 1} refused, 1 audit row, numbers 1…{ROUNDS}"
        )


def test_two_editors_of_one_record_lose_nothing(transactional_db: None, world: World) -> None:
    _needs_postgres()
    fields = ("title", "signer_name")
    with measured(f"Two editors of one record, different fields ({ROUNDS} rounds): no lost update") as figure:
        for round_ in range(ROUNDS):
            draft = support.draft(world.province)
            values = {"title": f"Về dự toán ngân sách, lần {round_}", "signer_name": f"Nguyễn Văn {round_}"}
            _, errors = _race(
                2,
                lambda i, d=draft, v=values: actions.edit_resolution(d, by=None, **{fields[i]: v[fields[i]]}),
            )
            figure.cases += 2
            assert not errors, errors
            saved = Resolution.objects.get(pk=draft.pk)
            assert (saved.title, saved.signer_name) == (values["title"], values["signer_name"])
            edits = AuditEntry.objects.filter(action="resolutions.edit_resolution", object_id=str(draft.pk))
            assert edits.count() == 2
        figure.result = f"{ROUNDS}/{ROUNDS} rounds: both changes kept, 2 audit rows"
