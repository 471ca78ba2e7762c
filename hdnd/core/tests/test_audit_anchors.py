"""The audit log's keyed signatures and its anchors outside the table (issue 9, items 3 and 4)."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from hdnd.core.audit import (
    MAC_MISSING,
    MAC_WRONG,
    AnchorProblem,
    ChainBreak,
    audit_key,
    check_chain,
    missing_guards,
    record,
    write_anchor,
)
from hdnd.core.models import AuditEntry

from .audit_tampering import guards_off, rewrite, tamper

pytestmark = pytest.mark.django_db

TAIL_GONE = "(phần cuối nhật ký bị xoá, hoặc cơ sở dữ liệu được khôi phục từ bản sao lưu cũ hơn mốc neo)"


def _entries(count: int = 3) -> list[AuditEntry]:
    return [
        record(action="test.step", actor="cán bộ", after={"n": n}, note=f"Bước {n}") for n in range(count)
    ]


def _verify(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except SystemExit as exit_info:
        return int(exit_info.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_every_entry_is_signed_with_the_audit_key_over_its_hash(settings: Any) -> None:
    entry = _entries(1)[0]
    expected = hmac.new(
        settings.AUDIT_KEY.encode(), b"hdnd-audit-entry\n" + entry.hash.encode(), hashlib.sha256
    ).hexdigest()
    assert entry.mac == expected
    assert AuditEntry.objects.get(id=entry.id).mac == expected


def test_an_edit_with_the_chain_recomputed_is_caught_by_the_signatures() -> None:
    _, second, third = _entries()
    rewrite(second.id, note="Bước 1 (đã sửa)")
    report = check_chain()
    # The hashes and links are consistent again; only the key, which the intruder lacks, tells.
    assert report.breaks == [ChainBreak(second.id, MAC_WRONG), ChainBreak(third.id, MAC_WRONG)]
    assert MAC_WRONG == (
        "mã xác thực (HMAC) không khớp (bản ghi bị băm lại, hoặc khoá nhật ký HDND_AUDIT_KEY đã đổi)"
    )


def test_verify_audit_names_the_rehashed_entries_and_exits_1() -> None:
    _, second, third = _entries()
    rewrite(second.id, actor_label="người khác")
    code, _, err = _verify()
    assert code == 1
    assert "Nhật ký thao tác bị can thiệp: 2 bản ghi không hợp lệ (đã kiểm tra 3 bản ghi)." in err
    assert f"Bản ghi #{second.id}: mã xác thực (HMAC) không khớp" in err
    assert f"Bản ghi #{third.id}: mã xác thực (HMAC) không khớp" in err


def test_an_entry_whose_signature_was_removed_is_reported_unsigned() -> None:
    first, _, _ = _entries()
    tamper("UPDATE core_auditentry SET mac = '' WHERE id = %s", [first.id])
    assert check_chain().breaks == [ChainBreak(first.id, MAC_MISSING)]
    assert MAC_MISSING == "chưa ký: thiếu mã xác thực (HMAC) của bản ghi"


def test_a_log_checked_with_another_key_says_to_check_the_key(settings: Any) -> None:
    _entries()
    settings.AUDIT_KEY = "một khoá khác hẳn"
    code, _, err = _verify()
    assert code == 1
    assert "Không mã xác thực nào khớp: hãy kiểm tra khoá nhật ký HDND_AUDIT_KEY." in err


def test_audit_anchor_appends_the_signed_head_as_one_json_line(settings: Any) -> None:
    _, _, third = _entries()
    out = StringIO()
    call_command("audit_anchor", stdout=out)
    call_command("audit_anchor", stdout=StringIO())
    path: Path = settings.AUDIT_ANCHOR_FILE
    assert f"Đã neo nhật ký thao tác tại bản ghi #{third.id} (3 bản ghi) vào tệp {path}." in out.getvalue()
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(lines) == 2
    assert sorted(lines[0]) == ["at", "count", "head", "last_id", "mac", "v"]
    assert (lines[0]["v"], lines[0]["last_id"], lines[0]["count"], lines[0]["head"]) == (
        1,
        third.id,
        3,
        third.hash,
    )


def test_audit_anchor_on_an_empty_log_writes_nothing(settings: Any) -> None:
    out = StringIO()
    call_command("audit_anchor", stdout=out)
    assert out.getvalue() == "Nhật ký thao tác chưa có bản ghi nào: không có gì để neo.\n"
    assert not settings.AUDIT_ANCHOR_FILE.exists()


def test_an_intact_chain_matches_its_anchors() -> None:
    _entries(2)
    write_anchor()
    _entries(2)
    write_anchor()
    code, out, err = _verify()
    assert (code, err) == (0, "")
    assert out == "Nhật ký thao tác nguyên vẹn: đã kiểm tra 4 bản ghi.\nKhớp với 2 mốc neo.\n"


def test_without_anchors_verify_audit_says_none_were_checked() -> None:
    _entries(1)
    code, out, _ = _verify()
    assert code == 0
    assert "Chưa có mốc neo nào để đối chiếu (tạo bằng manage.py audit_anchor)." in out


def test_deleting_the_tail_after_an_anchor_is_detected(settings: Any) -> None:
    _, second, third = _entries()
    anchor = write_anchor()
    assert anchor is not None
    tamper("DELETE FROM core_auditentry WHERE id >= %s", [second.id])
    report = check_chain()
    assert report.breaks == []  # what is left is a perfectly good chain: only the anchor knows
    assert report.anchor_problems == [
        AnchorProblem(
            f"{settings.AUDIT_ANCHOR_FILE}:1",
            f"bản ghi #{third.id} đã neo lúc {anchor.at} không còn {TAIL_GONE}",
        )
    ]
    code, _, err = _verify()
    assert code == 1
    assert "Nhật ký thao tác không khớp với mốc neo: 1 lỗi (đã đối chiếu 1 mốc neo)." in err


def test_an_anchored_entry_rehashed_and_resigned_with_the_key_is_detected(settings: Any) -> None:
    # Someone holding the key too (the application server) can re-sign; the anchor kept elsewhere cannot.
    _, _, third = _entries()
    write_anchor()
    rewrite(third.id, key=audit_key(), note="Bước 2 (viết lại)")
    report = check_chain()
    assert report.breaks == []
    assert [p.reason for p in report.anchor_problems] == [
        f"mã băm của bản ghi #{third.id} khác với mốc neo (bản ghi bị băm lại)"
    ]


def test_a_row_removed_before_the_anchor_changes_the_count_it_recorded() -> None:
    first, second, third = _entries()
    write_anchor()
    tamper("DELETE FROM core_auditentry WHERE id = %s", [second.id])
    rewrite(third.id, key=audit_key(), prev_hash=first.hash)
    report = check_chain()
    assert report.breaks == []
    assert [p.reason for p in report.anchor_problems] == [
        f"mã băm của bản ghi #{third.id} khác với mốc neo (bản ghi bị băm lại)",
        f"đến bản ghi #{third.id} hiện có 2 bản ghi, mốc neo ghi 3 (bản ghi bị xoá hoặc chèn)",
    ]


def test_an_edited_anchor_line_is_refused(settings: Any) -> None:
    _entries()
    write_anchor()
    path: Path = settings.AUDIT_ANCHOR_FILE
    line = json.loads(path.read_text())
    path.write_text(json.dumps({**line, "count": 2}) + "\n" + "không phải JSON\n")
    assert [p.reason for p in check_chain().anchor_problems] == [
        "chữ ký của mốc neo không khớp (mốc neo bị sửa, hoặc khoá nhật ký đã đổi)",
        "dòng mốc neo không đọc được",
    ]


def test_verify_audit_checks_a_copy_of_the_anchors_kept_elsewhere(settings: Any, tmp_path: Path) -> None:
    _, _, third = _entries()
    write_anchor()
    copy = tmp_path / "ban-sao" / "moc-neo.jsonl"
    copy.parent.mkdir()
    copy.write_bytes(settings.AUDIT_ANCHOR_FILE.read_bytes())
    settings.AUDIT_ANCHOR_FILE.unlink()  # the intruder removed the server's own file as well
    tamper("DELETE FROM core_auditentry WHERE id = %s", [third.id])
    assert _verify()[0] == 0
    code, _, err = _verify("--anchor", str(copy))
    assert code == 1
    assert f"Mốc neo {copy}:1: bản ghi #{third.id} đã neo lúc" in err


def test_verify_audit_reports_an_anchor_file_that_is_missing(tmp_path: Path) -> None:
    _entries(1)
    code, _, err = _verify("--anchor", str(tmp_path / "khong-co.jsonl"))
    assert code == 1
    assert f"Mốc neo {tmp_path / 'khong-co.jsonl'}: không tìm thấy tệp mốc neo" in err


def test_verify_audit_warns_when_a_trigger_is_gone() -> None:
    _entries(1)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending trigger events
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_update_delete")
            gone = "core_auditentry_no_update_delete"
        else:
            cursor.execute("DROP TRIGGER core_auditentry_no_update")
            gone = "core_auditentry_no_update"
    assert missing_guards() == [gone]
    code, _, err = _verify()
    assert code == 0
    assert f"Cảnh báo: bảng nhật ký thiếu (hoặc đã tắt) trigger {gone} ngăn sửa, xoá." in err


def test_the_migration_signs_the_entries_written_before_signatures() -> None:
    first, second = _entries(2)
    tamper("UPDATE core_auditentry SET mac = ''", [])
    assert [b.reason for b in check_chain().breaks] == [MAC_MISSING, MAC_MISSING]
    migration = importlib.import_module("hdnd.core.migrations.0005_audit_sign_and_sqlite_triggers")

    class Editor:
        """The two things the migration asks of its schema editor."""

        connection = connection

        def execute(self, sql: str, params: Any = None) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    if connection.vendor == "postgresql":
        migration.sign_existing(apps, Editor())  # switches the trigger off and on itself
    else:
        with guards_off():  # on SQLite the migration signs before it creates the triggers
            migration.sign_existing(apps, Editor())
    assert check_chain().breaks == []
    assert missing_guards() == []
    assert {first.id, second.id} == set(AuditEntry.objects.exclude(mac="").values_list("id", flat=True))


@pytest.mark.postgres
def test_a_role_granted_only_select_and_insert_cannot_rewrite_the_log() -> None:
    entry = _entries(1)[0]
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE hdnd_app_test NOLOGIN")  # rolled back with the test's transaction
        cursor.execute("GRANT USAGE ON SCHEMA public TO hdnd_app_test")
        cursor.execute("GRANT SELECT, INSERT ON core_auditentry TO hdnd_app_test")
        # Triggers off, to show the privileges alone are enough.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL ROLE hdnd_app_test")
        for sql in (
            "UPDATE core_auditentry SET note = 'sửa'",
            "DELETE FROM core_auditentry",
            "TRUNCATE core_auditentry",
        ):
            with (
                pytest.raises(DatabaseError, match="permission denied for table core_auditentry"),
                transaction.atomic(),
            ):
                cursor.execute(sql)
        cursor.execute("SELECT count(*) FROM core_auditentry")
        assert cursor.fetchone() == (1,)
        cursor.execute("RESET ROLE")
    assert AuditEntry.objects.get(id=entry.id).note == "Bước 0"
