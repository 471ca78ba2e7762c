"""Production settings pass Django's deployment checks; embedded mode needs nothing set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HDND_ENV": "production",
        "SECRET_KEY": "x" * 30 + "-production-key-" + "y" * 30,
        "HDND_AUDIT_KEY": "a" * 30 + "-audit-key-" + "b" * 30,
        "ALLOWED_HOSTS": "hdnd.example.vn",
        "DATABASE_URL": "postgres://hdnd@localhost/hdnd",
        "HDND_DATA_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {**os.environ, "HDND_ENV": "production", "HDND_DATA_DIR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_an_audit_key(tmp_path: Path) -> None:
    env = {**os.environ, "HDND_ENV": "production", "SECRET_KEY": "k" * 60, "HDND_DATA_DIR": str(tmp_path)}
    env.pop("HDND_AUDIT_KEY", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "HDND_AUDIT_KEY must be set" in result.stderr


def test_embedded_mode_creates_an_audit_key_only_its_owner_can_read(tmp_path: Path) -> None:
    env = {**os.environ, "HDND_DATA_DIR": str(tmp_path)}
    env.pop("HDND_AUDIT_KEY", None)
    code = "from django.conf import settings; print(len(settings.AUDIT_KEY))"
    first = _manage("shell", "-c", code, env=env)
    again = _manage("shell", "-c", code, env=env)
    assert first.returncode == 0, first.stderr
    assert (first.stdout.split()[-1], again.stdout.split()[-1]) == ("64", "64")
    key_file = tmp_path / "audit.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(key_file.read_text()) == 64
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tmp")] == []


def test_file_storage_is_chosen_by_the_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HDND_DATA_DIR": str(tmp_path),
        "FILE_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
        "FILE_STORAGE_OPTIONS": '{"base_url": "/tep/"}',
    }
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.base_url)"
    )
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "InMemoryStorage /tep/"


def test_every_environment_variable_the_settings_read_is_documented() -> None:
    import re

    source = (ROOT / "hdnd" / "settings.py").read_text()
    names = set(re.findall(r'(?:os\.environ\.get|env_bool|env_list)\("([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\["([A-Z_]+)"\]', source))
    documented = (ROOT / "docs" / "settings.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert names
    assert not missing, f"settings read but not in docs/settings.md: {missing}"


def test_several_machines_share_the_cache_and_may_read_from_a_replica(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "HDND_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "HDND_AUDIT_KEY": "a" * 60,
        "HDND_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://hdnd@db1/hdnd",
        "DATABASE_REPLICA_URL": "postgres://hdnd@db2/hdnd",
    }
    code = (
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], "
        "s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS, "
        "'hdnd.core.replica.ReplicaMiddleware' in s.MIDDLEWARE)"
    )
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "django.core.cache.backends.db.DatabaseCache db2 ['hdnd.core.replica.ReplicaRouter'] True"
    )


def test_in_embedded_mode_the_task_worker_and_the_web_process_share_the_public_cache(tmp_path: Path) -> None:
    """`make run` starts three processes: the figures the worker counts (a reporting period's) and the
    versions its actions bump must reach the web process's pages, so the public cache is the database's
    table there too, not each process's memory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUBLIC_CACHE")}
    env["HDND_DATA_DIR"] = str(tmp_path)
    code = "from django.core.cache import caches; c = caches['public']; print(type(c).__name__, c._table)"
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "DatabaseCache hdnd_public_cache"
