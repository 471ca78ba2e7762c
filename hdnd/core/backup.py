"""Back up and restore the platform: one consistent database snapshot and the uploaded files together.

An archive is a .tar.gz holding ``manifest.json`` (format, engine, applied migrations, rows per table,
the audit log's head, the size and SHA-256 of every file), the database (``database.sqlite3`` from
SQLite's online backup API, or ``database.pgdump`` from ``pg_dump -Fc``) and ``media/`` (MEDIA_ROOT).
Both snapshots keep every value exactly as stored, microseconds included, so the audit chain still
verifies after a restore, which ``dumpdata``/``loaddata`` cannot promise. See docs/backup.md.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "hdnd-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(CommandError):
    """A refusal or a failure, worded for the operator."""


# Writing an archive.


def create_backup(output: Path) -> dict[str, Any]:
    """Write the database snapshot, the uploaded files and their manifest into one archive."""
    vendor = _vendor()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="hdnd-backup-") as work:
        dump = Path(work) / DATABASE_FILES[vendor]
        state = _snapshot_sqlite(dump) if vendor == "sqlite" else _snapshot_postgresql(dump)
        partial.touch(mode=0o600)  # personal data: readable by the operator only, from the first byte
        try:
            manifest = _write_archive(partial, vendor, dump, state)
            os.replace(partial, output)  # never leave a half-written archive under the final name
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _write_archive(path: Path, vendor: str, dump: Path, state: dict[str, Any]) -> dict[str, Any]:
    with tarfile.open(path, "w:gz") as tar:
        database = {"file": dump.name, **_add_file(tar, dump, dump.name)}
        files = [
            {"path": name, **_add_file(tar, source, f"{MEDIA}/{name}")} for name, source in media_files()
        ]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": vendor,
            "django": django.get_version(),
            "database": database,
            **state,
            "files": files,
        }
        data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
        tar.addfile(info, io.BytesIO(data))
    return manifest


def media_files() -> Iterator[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT as (relative POSIX name, path), in a stable order."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def media_outside_media_root() -> bool:
    """True when uploads go to another storage (object storage), which a backup does not cover."""
    return not isinstance(default_storage, FileSystemStorage)


class _HashingReader:
    """A file object that hashes what tarfile reads from it, so each file is read once."""

    def __init__(self, file: BinaryIO) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, source: Path, name: str) -> dict[str, Any]:
    info = tar.gettarinfo(str(source), name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with source.open("rb") as file:
        reader = _HashingReader(file)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


# Snapshots and what they hold.


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Chỉ sao lưu, khôi phục được SQLite và PostgreSQL, không phải {connection.vendor}."
        )
    return connection.vendor


def _snapshot_sqlite(target: Path) -> dict[str, Any]:
    """Copy the live database with SQLite's online backup API (a consistent copy, writers or not)."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        return describe(copy.cursor(), "sqlite")


def _snapshot_postgresql(target: Path) -> dict[str, Any]:
    """Count the rows and dump the database from one exported snapshot, so both agree exactly."""
    if connection.in_atomic_block:
        raise BackupError("Sao lưu phải chạy ngoài mọi giao dịch cơ sở dữ liệu.")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = describe(cursor, "postgresql")
        # This transaction keeps the snapshot alive while pg_dump reads it.
        _run([pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return state


def describe(cursor: Any, vendor: str) -> dict[str, Any]:
    """The applied migrations, rows per table and the audit log's head, read through ``cursor``."""
    tables = _tables(cursor, vendor)
    if "django_migrations" not in tables:
        raise BackupError("Cơ sở dữ liệu chưa được khởi tạo (chưa chạy manage.py migrate).")
    # The names come from the catalogue, quote-free (see _tables), not from input.
    counts = {table: _scalar(cursor, f'SELECT COUNT(*) FROM "{table}"') for table in tables}  # noqa: S608
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [[app, name] for app, name in cursor.fetchall()]
    head = None
    if "core_auditentry" in tables:
        cursor.execute("SELECT id, hash FROM core_auditentry ORDER BY id DESC LIMIT 1")
        head = cursor.fetchone()
    audit = {"count": counts.get("core_auditentry", 0), "last_id": head[0] if head else None}
    return {"migrations": migrations, "tables": counts, "audit": {**audit, "head": head[1] if head else None}}


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
        )
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    # Quoted below as identifiers; a name with a quote cannot come from Django, so refuse it.
    return sorted(name for (name,) in cursor.fetchall() if '"' not in name)


def _scalar(cursor: Any, sql: str) -> int:
    cursor.execute(sql)
    return int(cursor.fetchone()[0])


# PostgreSQL's tools.


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    if found := shutil.which(name):
        return found

    def version(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version, reverse=True)
    if installed:
        return installed[0]
    raise BackupError(
        f"Không tìm thấy {name}: cài gói postgresql-client (apt-get install postgresql-client) "
        "hoặc thêm thư mục chứa nó vào PATH."
    )


def _pg_environment() -> dict[str, str]:
    """libpq's variables for the configured database, so no password appears on a command line."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("NAME", "PGDATABASE")):
        if db.get(key):
            env[variable] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS", {})
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "passfile", "service", "options"):
        if options.get(key):
            env[f"PG{key.upper()}"] = str(options[key])
    return env


def _run(command: list[str]) -> str:
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} thất bại: {result.stderr.strip()[-2000:]}")
    return result.stdout


# Restoring an archive.


@dataclass
class Restored:
    """What a restore put back, and what the operator still has to do."""

    manifest: dict[str, Any]
    rows: int
    files: int
    pending_migrations: list[str] = field(default_factory=list)


def restore_backup(archive: Path, *, force: bool = False) -> Restored:
    """Check an archive, then put its database and files in place of the (empty) current ones."""
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="hdnd-restore-") as work:
        folder = Path(work)
        manifest = _unpack(Path(archive), folder)
        _check_manifest(manifest, vendor)
        _check_hashes(manifest, folder)
        _check_migrations_known(manifest)
        _check_target_empty(force)
        database = folder / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            _restore_sqlite(database)
        else:
            _restore_postgresql(database, force)
        _place_media(manifest, folder)
    _check_restored(manifest, vendor)
    rows = sum(manifest["tables"].values())
    return Restored(manifest, rows, len(manifest["files"]), _pending_migrations())


def _unpack(archive: Path, folder: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")  # no absolute paths, no "..", no links out
    except (OSError, EOFError, tarfile.TarError) as exc:
        raise BackupError(f"Không đọc được tệp sao lưu {archive}: {exc}") from exc
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(
            f"{archive} không phải bản sao lưu của nền tảng (thiếu hoặc hỏng {MANIFEST})."
        ) from exc
    if not isinstance(manifest, dict):
        raise BackupError(f"{archive} không phải bản sao lưu của nền tảng ({MANIFEST} không hợp lệ).")
    return manifest


def _check_manifest(manifest: dict[str, Any], vendor: str) -> None:
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"Định dạng bản sao lưu không được hỗ trợ ({manifest.get('format')}, phiên bản "
            f"{manifest.get('version')}); phiên bản này đọc {FORMAT} phiên bản {VERSION}."
        )
    engine = manifest.get("engine")
    if engine != vendor:
        source = ENGINE_NAMES.get(str(engine), str(engine))
        raise BackupError(
            f"Bản sao lưu này lấy từ {source} nên chỉ khôi phục được vào {source}; "
            f"cơ sở dữ liệu đang cấu hình (DATABASE_URL) là {ENGINE_NAMES[vendor]}."
        )
    if manifest.get("database", {}).get("file") != DATABASE_FILES[vendor]:
        raise BackupError(f"{MANIFEST} không hợp lệ: tệp cơ sở dữ liệu phải là {DATABASE_FILES[vendor]}.")


def _check_hashes(manifest: dict[str, Any], folder: Path) -> None:
    expected = [(manifest["database"]["file"], manifest["database"]["sha256"])]
    expected += [(f"{MEDIA}/{item['path']}", item["sha256"]) for item in manifest.get("files", [])]
    bad = [name for name, digest in expected if _sha256(folder, name) != digest]
    if bad:
        raise BackupError(
            f"Bản sao lưu bị hỏng hoặc bị sửa: {len(bad)} tệp thiếu hoặc không khớp mã SHA-256 "
            f"({', '.join(bad[:5])}{', ...' if len(bad) > 5 else ''}). Không khôi phục gì."
        )


def _sha256(folder: Path, name: str) -> str | None:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_migrations_known(manifest: dict[str, Any]) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.get("migrations", []) if (app, name) not in known]
    if unknown:
        raise BackupError(
            f"Bản sao lưu được tạo bởi phiên bản phần mềm mới hơn: có {len(unknown)} migration mà phiên bản "
            f"này không có (ví dụ {unknown[0]}). Hãy cài phiên bản mới hơn rồi khôi phục lại."
        )


def _check_target_empty(force: bool) -> None:
    if force:
        return
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu đích không trống ({len(tables)} bảng). Hãy khôi phục vào một cơ sở dữ liệu "
            "trống, hoặc thêm --force để xoá toàn bộ dữ liệu hiện có và thay bằng bản sao lưu."
        )
    present = sum(1 for _ in media_files())
    if present:
        raise BackupError(
            f"Thư mục tệp tải lên {settings.MEDIA_ROOT} không trống ({present} tệp). Hãy dùng một thư mục "
            "trống, hoặc thêm --force để ghi đè các tệp trùng tên."
        )


def _restore_sqlite(source: Path) -> None:
    """Copy the snapshot over the configured database, page by page (the backup API again)."""
    connection.ensure_connection()
    with closing(sqlite3.connect(source)) as snapshot:
        snapshot.backup(connection.connection)


def _restore_postgresql(dump: Path, force: bool) -> None:
    """Empty the schema when forced, then pg_restore into it in one transaction."""
    if force:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = connection.ops.quote_name(cursor.fetchone()[0])
            cursor.execute(f"DROP SCHEMA {schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {schema}")
    connection.close()  # pg_restore has its own session; ours must hold no locks meanwhile
    restore = pg_tool("pg_restore")
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        # Only an extension's owner may comment on it; skipping those lines lets the database's
        # owner (not a superuser) restore, and changes nothing the application reads.
        entries = _run([restore, "--list", str(dump)]).splitlines()
        listing.write("\n".join(line for line in entries if " COMMENT - EXTENSION " not in line))
        listing.flush()
        _run(
            [
                restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--use-list={listing.name}",
                f"--dbname={connection.settings_dict['NAME']}",
                str(dump),
            ]
        )


def _place_media(manifest: dict[str, Any], folder: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    for item in manifest.get("files", []):
        target = root / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(folder / MEDIA / item["path"], target)


def _check_restored(manifest: dict[str, Any], vendor: str) -> None:
    with connection.cursor() as cursor:
        state = describe(cursor, vendor)
    differences = [
        f"bảng {table}: {state['tables'].get(table, 0)} dòng, bản sao lưu ghi {count}"
        for table, count in manifest["tables"].items()
        if state["tables"].get(table) != count
    ]
    if state["audit"] != manifest["audit"]:
        differences.append(f"đầu nhật ký thao tác {state['audit']}, bản sao lưu ghi {manifest['audit']}")
    if differences:
        raise BackupError("Dữ liệu sau khi khôi phục không khớp với bản kê: " + "; ".join(differences[:10]))


def _pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
