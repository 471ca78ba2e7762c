"""manage.py backup and restore: a round trip on each engine, and the archives a restore refuses."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from hdnd.core.backup import describe
from hdnd.resolutions.actions import attach_file, draft_resolution

ROOT = Path(__file__).resolve().parents[3]
PDF = b"%PDF-1.4\n% phu luc thu nghiem\n" + bytes(range(256)) + b"\n%%EOF\n"


@dataclass
class Target:
    """An empty database beside the test database, for the restore to fill."""

    url: str
    vendor: str
    name: str

    def state(self) -> dict[str, Any]:
        if self.vendor == "sqlite":
            with closing(sqlite3.connect(self.name)) as lite:
                return describe(lite.cursor(), "sqlite")
        with psycopg.connect(self.url) as pg, pg.cursor() as cursor:
            return describe(cursor, "postgresql")


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    if connection.vendor == "sqlite":
        path = tmp_path / "khoi-phuc.sqlite3"
        yield Target(f"sqlite:///{path}", "sqlite", str(path))
        return
    name = f"hdnd_restore_{uuid.uuid4().hex[:12]}"
    db = connection.settings_dict
    with connection.cursor() as cursor:  # autocommit: the test is transactional
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield Target(
        f"postgres://{db['USER']}:{db['PASSWORD']}@{quote(db['HOST'], safe='')}:{db['PORT']}/{name}",
        "postgresql",
        name,
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restore(
    archive: Path, target: Target, media: Path, settings: Any, *extra: str
) -> subprocess.CompletedProcess[str]:
    """Run manage.py restore as the operator would, against the empty target database and media folder."""
    env = {
        **os.environ,
        "DATABASE_URL": target.url,
        "MEDIA_ROOT": str(media),
        "HDND_DATA_DIR": str(media.parent / "data"),
        "HDND_AUDIT_KEY": settings.AUDIT_KEY,
        "HDND_AUDIT_ANCHOR_FILE": str(settings.AUDIT_ANCHOR_FILE),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_rows_files_and_audit_chain(
    world: Any, target: Target, settings: Any, tmp_path: Path
) -> None:
    admin = world.user("council_admin")
    resolution = draft_resolution(
        world.province, by=admin, title="Nghị quyết về kế hoạch đầu tư công năm 2027"
    )
    upload = SimpleUploadedFile("phu-luc-i.pdf", PDF, content_type="application/pdf")
    stored = str(attach_file(resolution, by=admin, title="Phụ lục I", upload=upload).file.name)
    call_command("audit_anchor", stdout=io.StringIO())
    archive = tmp_path / "sao-luu" / "hdnd.tar.gz"

    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out)

    with connection.cursor() as cursor:
        source = describe(cursor, connection.vendor)
    assert source["audit"]["count"] == 2
    assert f"Đã sao lưu vào {archive}: cơ sở dữ liệu" in out.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = sorted(tar.getnames())
    database_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    assert names == sorted(["manifest.json", database_file, f"media/{stored}"])
    assert manifest["files"] == [
        {"path": stored, "size": len(PDF), "sha256": hashlib.sha256(PDF).hexdigest()}
    ]
    assert (manifest["format"], manifest["version"], manifest["engine"]) == (
        "hdnd-backup",
        1,
        connection.vendor,
    )
    assert {key: manifest[key] for key in ("migrations", "tables", "audit")} == source

    media = tmp_path / "media-khoi-phuc"
    result = _restore(archive, target, media, settings)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã khôi phục bản sao lưu lúc" in result.stdout
    assert "1 tệp tải lên vào" in result.stdout
    assert "Nhật ký thao tác nguyên vẹn: đã kiểm tra 2 bản ghi." in result.stdout
    assert "Khớp với 1 mốc neo." in result.stdout
    assert result.stderr == ""
    assert target.state() == source
    assert (media / stored).read_bytes() == PDF

    # Over a database that is no longer empty (the refusal without --force is tested below, in-process).
    forced = _restore(archive, target, media, settings, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert target.state() == source


# Archives a restore refuses, before it touches anything.


def _archive(tmp_path: Path, **manifest: Any) -> Path:
    """A hand-made archive for this engine whose manifest is right unless told otherwise."""
    database_file = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[connection.vendor]
    members = {database_file: b"co so du lieu", "media/van-ban/a.pdf": PDF}
    listed = [
        {"path": name.removeprefix("media/"), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
        if name.startswith("media/")
    ]
    content = {
        "format": "hdnd-backup",
        "version": 1,
        "created_at": "2026-12-01T08:00:00+07:00",
        "engine": connection.vendor,
        "database": {
            "file": database_file,
            "size": 13,
            "sha256": hashlib.sha256(b"co so du lieu").hexdigest(),
        },
        "migrations": [],
        "tables": {},
        "audit": {"count": 0, "last_id": None, "head": None},
        "files": listed,
        **manifest,
    }
    members["manifest.json"] = json.dumps(content).encode()
    path = tmp_path / "tu-lam.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _refusal(archive: Path, *extra: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), *extra, stdout=io.StringIO())
    return str(refused.value)


@pytest.mark.django_db
def test_restore_refuses_a_backup_taken_on_the_other_engine(tmp_path: Path) -> None:
    other, name, here = {
        "sqlite": ("postgresql", "PostgreSQL", "SQLite"),
        "postgresql": ("sqlite", "SQLite", "PostgreSQL"),
    }[connection.vendor]
    message = _refusal(_archive(tmp_path, engine=other))
    assert message == (
        f"Bản sao lưu này lấy từ {name} nên chỉ khôi phục được vào {name}; "
        f"cơ sở dữ liệu đang cấu hình (DATABASE_URL) là {here}."
    )


@pytest.mark.django_db
def test_restore_refuses_an_archive_whose_files_do_not_match_their_hashes(tmp_path: Path) -> None:
    listed = [{"path": "van-ban/a.pdf", "size": len(PDF), "sha256": hashlib.sha256(b"ban goc").hexdigest()}]
    assert _refusal(_archive(tmp_path, files=listed)) == (
        "Bản sao lưu bị hỏng hoặc bị sửa: 1 tệp thiếu hoặc không khớp mã SHA-256 (media/van-ban/a.pdf). "
        "Không khôi phục gì."
    )


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path: Path, settings: Any) -> None:
    message = _refusal(_archive(tmp_path))
    assert message.startswith("Cơ sở dữ liệu đích không trống (")
    assert message.endswith(
        "bảng). Hãy khôi phục vào một cơ sở dữ liệu trống, hoặc thêm --force để xoá toàn bộ dữ liệu hiện có "
        "và thay bằng bản sao lưu."
    )


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_version(tmp_path: Path) -> None:
    message = _refusal(_archive(tmp_path, migrations=[["core", "0001_initial"], ["core", "9999_tuong_lai"]]))
    assert message == (
        "Bản sao lưu được tạo bởi phiên bản phần mềm mới hơn: có 1 migration mà phiên bản này không có "
        "(ví dụ core.9999_tuong_lai). Hãy cài phiên bản mới hơn rồi khôi phục lại."
    )


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    not_tar = tmp_path / "ghi-chu.tar.gz"
    not_tar.write_text("không phải tệp nén")
    assert _refusal(not_tar).startswith(f"Không đọc được tệp sao lưu {not_tar}:")
    no_manifest = tmp_path / "khong-ban-ke.tar.gz"
    with tarfile.open(no_manifest, "w:gz") as tar:
        info = tarfile.TarInfo("a.txt")
        tar.addfile(info, io.BytesIO(b""))
    assert _refusal(no_manifest) == (
        f"{no_manifest} không phải bản sao lưu của nền tảng (thiếu hoặc hỏng manifest.json)."
    )
    assert _refusal(_archive(tmp_path, version=2)) == (
        "Định dạng bản sao lưu không được hỗ trợ (hdnd-backup, phiên bản 2); "
        "phiên bản này đọc hdnd-backup phiên bản 1."
    )
