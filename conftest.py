"""The fixed cast every test can use, and the guards that make missing services fail under CI.

The world: province P ("Tỉnh An Bình") with communes P1 and P2 below it, and another province Q
with commune Q1. One user per role sits in P's council; ``commune_staff`` works in P1.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.signals import clear_cache_handlers

from hdnd.accounts.models import Role, RoleAssignment, User
from hdnd.councils.models import AdminUnit, Council
from hdnd.councils.tests.factories import AgencyFactory, CommuneFactory, CouncilFactory, ProvinceFactory

PASSWORD = "Thu-nghiem-2026"  # noqa: S105 (the test cast's password)


# Python's cycle collector runs after every 2,000 new objects; one request of the test client makes tens
# of thousands (querysets, compiled SQL, template nodes), and each pass walks the young objects again.
# After every 50,000 the SQLite pass took 16–17 % less time (182 against 220 s and 207 against 247 s,
# alternated; user CPU 305 against 378 s), for about 60 MB more per process.
GC_THRESHOLD = (50_000, 20, 50)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    gc.set_threshold(*GC_THRESHOLD)
    # WhiteNoise lists every static file when its middleware starts, and the test client starts the
    # middleware anew for each Client (thousands in the permission matrix): look files up on request.
    settings.WHITENOISE_AUTOREFRESH = True
    # The public cache in memory: its versions are bumped inside each test's transaction, never committed
    # (a database table is bumped after the commit: ``publiccache.changed``). One process runs the tests.
    if "PUBLIC_CACHE_BACKEND" not in os.environ:
        public = cast(dict[str, Any], settings.CACHES["public"])
        memory = {**public, "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        settings.CACHES = {**settings.CACHES, "public": memory}
        clear_cache_handlers(setting="CACHES")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> Any:
    """Each worker's test database is a copy of the migrated template when ``scripts/test`` built one
    (``tests/dbtemplate.py``); otherwise it is migrated as usual."""
    from tests import dbtemplate

    with dbtemplate.used_when_built():
        yield


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="runs in the PostgreSQL pass of `make test`"))
    if os.environ.get("HDND_DATABASE_TESTS_ONLY"):
        # The second engine's pass (scripts/test): a test pytest-django lets reach no database cannot
        # answer differently on another engine; it ran in the SQLite pass.
        engine_free = [item for item in items if not _reaches_the_database(item)]
        config.hook.pytest_deselected(items=engine_free)
        items[:] = [item for item in items if _reaches_the_database(item)]


def _reaches_the_database(item: pytest.Item) -> bool:
    if any(item.get_closest_marker(mark) for mark in ("django_db", "postgres", "migrations")):
        return True
    return bool({"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True, scope="session")
def _require_postgres_when_asked(django_db_setup: Any, django_db_blocker: Any) -> None:
    if os.environ.get("HDND_REQUIRE_POSTGRES"):
        with django_db_blocker.unblock():
            assert connection.vendor == "postgresql", (
                "HDND_REQUIRE_POSTGRES is set but the database is not PostgreSQL"
            )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The cast has a dozen users per test; production hashing would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_public_cache() -> None:
    """Each test starts with no cached public page (the cache outlives the test's database rows)."""
    caches["public"].clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Uploaded files (answer documents, attachments) go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _audit_anchors_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Audit anchors (``audit_anchor``, the daily check) go to the test's own file, never ``var/``."""
    settings.AUDIT_ANCHOR_FILE = tmp_path / "audit-anchors.jsonl"


@pytest.fixture(autouse=True)
def _audit_flush_allowed(request: pytest.FixtureRequest) -> Any:
    """Let a transactional test's teardown flush the append-only audit table.

    PostgreSQL's trigger lets a session that opts in TRUNCATE (decision 0007). SQLite's triggers have no
    switch and its flush is a DELETE, so there the rows are deleted with the triggers dropped and put
    back in one transaction, just before the flush. UPDATE and DELETE of single rows stay refused.
    """
    transactional = _is_transactional(request)
    if transactional:
        request.getfixturevalue("transactional_db")  # set up first, so its flush runs after this teardown
    yield
    if transactional and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET hdnd.audit_maintenance = 'on'")
    elif transactional and connection.vendor == "sqlite":
        _empty_audit_table_on_sqlite()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


def _empty_audit_table_on_sqlite() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'core_auditentry'"
        )
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("DELETE FROM core_auditentry")
        for _, sql in triggers:
            cursor.execute(sql)


@pytest.fixture
def rules(db: Any) -> dict[str, Any]:
    """The rules table as `make run` seeds it from LEGAL.md, by key (the period in force today)."""
    from hdnd.core.actions import seed_rules
    from hdnd.core.models import Rule

    seed_rules()
    return {rule.key: rule for rule in Rule.objects.in_force()}


@dataclass
class World:
    province: Council
    commune: Council
    other_commune: Council
    other_province: Council
    other_province_commune: Council
    users: dict[str, Any]

    def user(self, name: str) -> User:
        return self.users[name]


def make_user(username: str, role: str | None = None, council: Council | None = None, **extra: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username.title())
    if role:
        RoleAssignment.objects.create(user=user, role=role, council=council, **extra)
    return user


def build_world() -> World:
    p_unit: AdminUnit = ProvinceFactory.create(name="Tỉnh An Bình", code="91")
    q_unit: AdminUnit = ProvinceFactory.create(name="Tỉnh Bắc Sơn", code="92")
    province = CouncilFactory.create(unit=p_unit, name="HĐND tỉnh An Bình")
    other_province = CouncilFactory.create(unit=q_unit, name="HĐND tỉnh Bắc Sơn")
    commune = CouncilFactory.create(
        unit=CommuneFactory.create(parent=p_unit, name="Xã Đông Hòa"),
        name="HĐND xã Đông Hòa",
        parent=province,
    )
    other_commune = CouncilFactory.create(
        unit=CommuneFactory.create(parent=p_unit, name="Phường Tây Thủy"),
        name="HĐND phường Tây Thủy",
        parent=province,
    )
    q1 = CouncilFactory.create(
        unit=CommuneFactory.create(parent=q_unit, name="Xã Nam Đàn"),
        name="HĐND xã Nam Đàn",
        parent=other_province,
    )
    agency = AgencyFactory.create(council=province, name="Sở Xây dựng tỉnh An Bình")
    users: dict[str, Any] = {"anonymous": None}
    users["system_admin"] = make_user("system_admin", Role.SYSTEM_ADMIN)
    for role in Role:
        if role in (Role.SYSTEM_ADMIN, Role.AGENCY_RESPONDER):
            continue
        users[role.value] = make_user(role.value, role, province)
    users["agency_responder"] = make_user("agency_responder", Role.AGENCY_RESPONDER, province, agency=agency)
    users["commune_staff"] = make_user("commune_staff", Role.OFFICE_STAFF, commune)
    users["no_role"] = make_user("no_role")
    return World(province, commune, other_commune, other_province, q1, users)


@pytest.fixture
def world(db: Any) -> World:
    return build_world()
