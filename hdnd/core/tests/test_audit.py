"""The hash-chained audit log: verification, tampering detected, the database refusing edits."""

from __future__ import annotations

import threading
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.template.loader import render_to_string

from hdnd.core.audit import GENESIS, check_chain, history_for, missing_guards, record, verify_chain
from hdnd.core.models import AuditEntry

from .audit_tampering import tamper

pytestmark = pytest.mark.django_db


def _three_entries(world: Any) -> list[AuditEntry]:
    admin = world.user("council_admin")
    return [
        record(
            action="test.created", actor=admin, obj=world.commune, council=world.commune, after={"name": "A"}
        ),
        record(
            action="test.renamed",
            actor=admin,
            obj=world.commune,
            council=world.commune,
            before={"name": "A"},
            after={"name": "B"},
        ),
        record(action="test.closed", actor="hệ thống", obj=world.commune, council=world.commune, note="Đóng"),
    ]


def test_entries_chain_to_the_previous_one_and_the_chain_verifies(world: Any) -> None:
    first, second, third = _three_entries(world)
    assert (first.prev_hash, second.prev_hash, third.prev_hash) == (GENESIS, first.hash, second.hash)
    assert list(verify_chain()) == []
    assert check_chain().checked == 3


def test_editing_a_row_with_raw_sql_is_detected(world: Any) -> None:
    _, second, _ = _three_entries(world)
    tamper("UPDATE core_auditentry SET actor_label = %s WHERE id = %s", ["người khác", second.id])
    breaks = list(verify_chain())
    assert [(b.entry_id, b.reason) for b in breaks] == [
        (second.id, "nội dung không khớp mã băm (bản ghi bị sửa)")
    ]


def test_deleting_a_middle_row_is_detected(world: Any) -> None:
    _, second, third = _three_entries(world)
    tamper("DELETE FROM core_auditentry WHERE id = %s", [second.id])
    breaks = list(verify_chain())
    assert [b.entry_id for b in breaks] == [third.id]
    assert "bị xoá hoặc chèn" in breaks[0].reason


def test_deleting_the_first_row_is_detected(world: Any) -> None:
    first, second, _ = _three_entries(world)
    tamper("DELETE FROM core_auditentry WHERE id = %s", [first.id])
    assert [b.entry_id for b in verify_chain()] == [second.id]


def test_the_orm_refuses_to_change_or_delete_an_entry(world: Any) -> None:
    entry = _three_entries(world)[0]
    entry.note = "sửa"
    with pytest.raises(RuntimeError, match="append-only"):
        entry.save()
    with pytest.raises(RuntimeError, match="append-only"):
        entry.delete()


def test_verify_audit_reports_the_count_and_exits_0_when_intact(world: Any) -> None:
    _three_entries(world)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Nhật ký thao tác nguyên vẹn: đã kiểm tra 3 bản ghi." in out.getvalue()


def test_verify_audit_names_the_broken_entries_and_exits_1(world: Any) -> None:
    first, second, third = _three_entries(world)
    tamper("UPDATE core_auditentry SET note = %s WHERE id = %s", ["đã sửa", first.id])
    tamper("DELETE FROM core_auditentry WHERE id = %s", [second.id])
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit", stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "Nhật ký thao tác bị can thiệp: 2 bản ghi không hợp lệ (đã kiểm tra 2 bản ghi)." in err.getvalue()
    assert f"Bản ghi #{first.id}: nội dung không khớp mã băm (bản ghi bị sửa)" in err.getvalue()
    assert f"Bản ghi #{third.id}: liên kết với bản ghi trước bị đứt" in err.getvalue()


def test_history_for_lists_an_objects_entries_oldest_first(world: Any) -> None:
    created, renamed, closed = _three_entries(world)
    record(action="test.other", obj=world.province, council=world.province)
    assert list(history_for(world.commune)) == [created, renamed, closed]


def test_an_entry_lists_only_the_fields_that_changed(world: Any) -> None:
    entry = record(
        action="test.edit", before={"name": "A", "phone": "1"}, after={"name": "B", "phone": "1", "note": ""}
    )
    assert entry.changes() == [("name", "A", "B")]


def test_the_history_include_shows_who_did_what(world: Any) -> None:
    _three_entries(world)
    html = render_to_string("core/_history.html", {"entries": history_for(world.commune)})
    assert "Lịch sử thao tác" in html
    assert "Council_Admin" in html
    assert "hệ thống" in html
    assert '<li>Tên: <del class="text-secondary">A</del> → B</li>' in html  # the field in words
    assert "Đóng" in html


def test_the_history_include_says_when_nothing_was_recorded() -> None:
    assert "Chưa có thao tác nào được ghi." in render_to_string("core/_history.html", {"entries": []})


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        ("UPDATE core_auditentry SET note = 'sửa' WHERE id = %s", "UPDATE"),
        ("DELETE FROM core_auditentry WHERE id = %s", "DELETE"),
    ],
)
def test_the_database_refuses_to_update_or_delete_an_entry(world: Any, sql: str, refusal: str) -> None:
    entry = _three_entries(world)[0]
    with (
        pytest.raises(DatabaseError, match=f"Nhật ký thao tác chỉ được ghi thêm: không được .*{refusal}"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.id])
    assert list(verify_chain()) == []
    assert AuditEntry.objects.get(id=entry.id).note == ""


def test_the_append_only_triggers_are_in_place_after_the_migrations(db: Any) -> None:
    assert missing_guards() == []


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_audit_entries_is_flushed_afterwards(transactional_db: None) -> None:
    # The teardown's flush must get past the triggers on both engines (conftest._audit_flush_allowed).
    record(action="test.committed", after={"n": 1})
    assert AuditEntry.objects.count() == 1


@pytest.mark.postgres
def test_postgresql_refuses_to_truncate_the_audit_table(world: Any) -> None:
    _three_entries(world)
    with connection.cursor() as cursor:
        cursor.execute("RESET hdnd.audit_maintenance")  # a transactional test earlier may have set it
        with pytest.raises(DatabaseError, match="TRUNCATE"), transaction.atomic():
            cursor.execute("TRUNCATE core_auditentry")
    assert AuditEntry.objects.count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_threads_recording_at_once_never_fork_the_chain(transactional_db: None) -> None:
    per_thread = 25
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                with transaction.atomic():
                    record(action="test.concurrent", actor=name, after={"n": n})
        except BaseException as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(f"luồng {i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    prev_hashes = list(AuditEntry.objects.values_list("prev_hash", flat=True))
    assert len(prev_hashes) == 2 * per_thread
    assert len(set(prev_hashes)) == len(prev_hashes)  # no two entries claim the same predecessor
    assert check_chain().intact
