"""A backup taken while clerks keep writing (rows, uploaded files, audit entries), restored into a fresh
database: the restored rows are exactly the ones the archive's manifest describes, every file a restored
row names is there with its bytes, and the audit chain checks out."""

import io
import json
import tarfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from hdnd.core.tests.test_backup import PDF, Target, _restore
from hdnd.core.tests.test_backup import target as target  # the fixture
from hdnd.resolutions.actions import attach_file, draft_resolution

from .figures import measured

pytestmark = [pytest.mark.battery, pytest.mark.django_db(transaction=True)]

WRITERS = 4
LOAD_SECONDS = 20.0


def test_a_backup_under_write_load_restores_consistently(
    world: Any,
    target: Target,
    settings: Any,
    tmp_path: Path,
) -> None:
    admin = world.user("council_admin")
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            i = 0
            while not stop.is_set():
                resolution = draft_resolution(world.province, by=admin, title=f"Nghị quyết tải {n}-{i}")
                upload = SimpleUploadedFile(f"phu-luc-{n}-{i}.pdf", PDF, content_type="application/pdf")
                attach_file(resolution, by=admin, title=f"Phụ lục {n}-{i}", upload=upload)
                written.append(resolution.pk)
                i += 1
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    with measured(f"Backup under write load ({WRITERS} writers), restored into a fresh database") as figure:
        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # the load is running before the backup starts
        archive = tmp_path / "sao-luu" / "hdnd.tar.gz"
        started = time.monotonic()
        call_command("backup", "--output", str(archive), stdout=io.StringIO())
        backup_seconds = time.monotonic() - started
        time.sleep(max(0.0, LOAD_SECONDS - backup_seconds - 2) if backup_seconds < LOAD_SECONDS else 0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors[:3]
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
            archived = {name.removeprefix("media/") for name in tar.getnames() if name.startswith("media/")}

        media = tmp_path / "media-khoi-phuc"
        result = _restore(archive, target, media, settings)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Nhật ký thao tác nguyên vẹn" in result.stdout, result.stdout
        restored = target.state()
        figure.cases = len(written)
        in_snapshot = restored["tables"]["resolutions_resolution"]
        figure.result = (
            f"{len(written)} resolutions written during the run, {in_snapshot} in the snapshot; "
            f"audit {restored['audit']['count']} rows"
        )
        assert restored["tables"] == manifest["tables"], "restored rows differ from the manifest"
        assert restored["audit"] == manifest["audit"]
        names = _file_names(target)
        missing = [name for name in names if not (media / name).is_file()]
        assert not missing, f"{len(missing)} files named by restored rows are missing: {missing[:5]}"
        assert all((media / name).read_bytes() == PDF for name in names)
        assert set(names) <= archived
        figure.result += f"; {len(names)} files restored, 0 missing; chain intact"


def _file_names(restored: Target) -> list[str]:
    sql = "SELECT file FROM resolutions_attachment"
    if restored.vendor == "sqlite":
        import sqlite3
        from contextlib import closing

        with closing(sqlite3.connect(restored.name)) as lite:
            return [row[0] for row in lite.execute(sql)]
    import psycopg

    with psycopg.connect(restored.url) as pg, pg.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]
