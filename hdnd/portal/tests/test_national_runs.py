"""``manage.py generate_national`` run afresh: the same content for the same seed, counts that follow the
scale, and the denouncer's identity only in the sealed store. The tests that only read one generated
country share it (``test_national.py``); these need a database of their own.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from hdnd.councils.models import Council
from hdnd.planning.models import Task
from hdnd.portal import national
from hdnd.reception import sealing
from hdnd.reception.models import Letter, SealedIdentity
from hdnd.sittings.models import Session, StandingMeeting

from .test_national import _run

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _run_and_forget() -> str:
    """Generate inside a savepoint rolled back afterwards; the content's digest."""
    with transaction.atomic():
        _run()
        found = national.digest()
        transaction.set_rollback(True)
    return found


def test_two_runs_write_the_same_content_and_another_seed_another() -> None:
    first, second = _run_and_forget(), _run_and_forget()
    assert first == second
    with transaction.atomic():
        _run(seed=7)
        assert national.digest() != first
        transaction.set_rollback(True)


def test_the_counts_follow_the_scale() -> None:
    call_command("generate_national", scale=0.1, provinces=1, stdout=StringIO())
    councils = Council.objects.count()
    years = len({d.year for d in Session.objects.values_list("opens_on", flat=True)})
    # 20 programme tasks and 20 letters a commune a year at scale 1: two at 0,1.
    assert Task.objects.filter(source="programme").count() == 2 * councils * years
    assert Letter.objects.count() == 2 * (councils - 1) * years + 6 * years
    assert StandingMeeting.objects.count() == 1 * councils * years


@override_settings(SEALED_STORE=True, SEALED_KEY="k" * 40)
def test_a_denouncer_identity_is_only_in_the_sealed_store() -> None:
    _run()
    denunciations = Letter.objects.filter(kind="to_cao")
    assert denunciations.exists()
    assert SealedIdentity.objects.count() == denunciations.count()
    assert not denunciations.exclude(sender="").exists()
    names = []
    for letter in denunciations[:30]:
        row = letter.sealed_identity
        values = sealing.unseal(
            sealing.Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext)),
            f"letter:{letter.pk}:{letter.code}".encode(),
        )
        names.append(f"%{values['name']}, {values['address']}%")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' AND table_name <> 'reception_sealedidentity'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE ANY (%s)', [names])  # noqa: S608
            assert cursor.fetchone() == (0,), table
