"""Audit tampering at scale: a log of a few hundred real entries, anchored, then gone behind its back in
every way the issue names (edited, re-hashed, re-signed, truncated, a row removed); each must be detected.
On PostgreSQL the application's own privileges (SELECT, INSERT) cannot change the log at all."""

from collections.abc import Callable
from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from conftest import World
from hdnd.core.audit import audit_key, check_chain, write_anchor
from hdnd.core.models import AuditEntry
from hdnd.core.tests.audit_tampering import rewrite, tamper
from hdnd.resolutions import actions
from hdnd.resolutions.tests import support

from .figures import measured

pytestmark = [pytest.mark.battery, pytest.mark.django_db]

RESOLUTIONS = 60  # each: draft, edit, adopt → 180 entries


def _log(world: World) -> list[AuditEntry]:
    for n in range(RESOLUTIONS):
        draft = support.draft(world.province)
        actions.edit_resolution(draft, by=world.user("office_staff"), title=f"Về dự toán ngân sách số {n}")
        actions.adopt_resolution(draft, by=world.user("office_staff"), adopted_on=date(2026, 12, 10))
    write_anchor()
    return list(AuditEntry.objects.order_by("id"))


def _ids(entries: list[AuditEntry]) -> tuple[int, int, int]:
    return entries[len(entries) // 3].id, entries[len(entries) // 2].id, entries[-1].id


SCENARIOS: dict[str, Callable[[list[AuditEntry]], None]] = {
    "edited in place": lambda e: tamper(
        "UPDATE core_auditentry SET note = %s WHERE id = %s", ["đã sửa", _ids(e)[1]]
    ),
    "edited, chain re-hashed (no key)": lambda e: rewrite(_ids(e)[1], note="đã sửa"),
    "edited, re-hashed and re-signed with the key": lambda e: rewrite(_ids(e)[2], key=audit_key(), note="x"),
    "tail truncated": lambda e: tamper("DELETE FROM core_auditentry WHERE id >= %s", [_ids(e)[0]]),
    "last row deleted": lambda e: tamper("DELETE FROM core_auditentry WHERE id = %s", [_ids(e)[2]]),
    "signature removed": lambda e: tamper("UPDATE core_auditentry SET mac = '' WHERE id = %s", [_ids(e)[0]]),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_tampering_is_detected(world: World, scenario: str) -> None:
    with measured(f"Audit tampering: {scenario}") as figure:
        entries = _log(world)
        before = check_chain()
        assert before.breaks == []
        assert before.anchor_problems == []
        SCENARIOS[scenario](entries)
        report = check_chain()
        figure.cases = len(entries)
        found = (len(report.breaks), len(report.anchor_problems))
        figure.result = "detected ({} breaks, {} anchor problems)".format(*found)
        assert report.breaks or report.anchor_problems, "not detected"


@pytest.mark.postgres
def test_the_application_role_cannot_rewrite_the_log(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (roles)")
    with measured("Audit: role with only SELECT, INSERT cannot UPDATE, DELETE, TRUNCATE") as figure:
        entries = _log(world)
        with connection.cursor() as cursor:
            cursor.execute("CREATE ROLE hdnd_battery_app NOLOGIN")  # rolled back with the test's transaction
            cursor.execute("GRANT USAGE ON SCHEMA public TO hdnd_battery_app")
            cursor.execute("GRANT SELECT, INSERT ON core_auditentry TO hdnd_battery_app")
            cursor.execute("SET LOCAL session_replication_role = replica")  # the privileges alone suffice
            cursor.execute("SET LOCAL ROLE hdnd_battery_app")
            statements = [
                "UPDATE core_auditentry SET note = 'sửa' WHERE id = (SELECT min(id) FROM core_auditentry)",
                "UPDATE core_auditentry SET hash = prev_hash",
                "DELETE FROM core_auditentry WHERE id = (SELECT max(id) FROM core_auditentry)",
                "DELETE FROM core_auditentry",
                "TRUNCATE core_auditentry",
            ]
            for sql in statements:
                with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
                    cursor.execute(sql)
                figure.cases += 1
            cursor.execute("SELECT count(*) FROM core_auditentry")
            assert cursor.fetchone() == (len(entries),)
            cursor.execute("RESET ROLE")
        assert check_chain().breaks == []
        figure.result = f"{len(statements)}/{len(statements)} statements refused; {len(entries)} rows intact"
