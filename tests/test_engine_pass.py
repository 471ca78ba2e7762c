"""The PostgreSQL pass keeps every test that reaches the database (``HDND_DATABASE_TESTS_ONLY``)."""

from __future__ import annotations

from typing import Any, cast

import pytest

from conftest import _reaches_the_database


class _Item:
    """What ``_reaches_the_database`` reads of a collected test: its marks and its fixtures."""

    def __init__(self, marks: tuple[str, ...] = (), fixtures: tuple[str, ...] = ()) -> None:
        self.marks, self.fixturenames = marks, list(fixtures)

    def get_closest_marker(self, name: str) -> Any:
        return object() if name in self.marks else None


@pytest.mark.parametrize(
    ("marks", "fixtures", "reaches"),
    [
        (("django_db",), (), True),
        (("postgres",), (), True),
        (("migrations",), ("django_db_blocker",), True),
        ((), ("db",), True),
        ((), ("transactional_db",), True),
        ((), ("live_server",), True),
        ((), ("settings", "tmp_path"), False),
        (("browser",), ("monkeypatch",), False),
    ],
)
def test_a_test_reaches_the_database_by_its_mark_or_fixtures(
    marks: tuple[str, ...], fixtures: tuple[str, ...], reaches: bool
) -> None:
    assert _reaches_the_database(cast(pytest.Item, _Item(marks, fixtures))) is reaches


def test_a_test_using_the_world_reaches_it_through_the_fixtures_closure(
    world: Any, request: pytest.FixtureRequest
) -> None:
    """``world`` asks for ``db``: pytest lists every fixture a test pulls in, so the test counts."""
    assert _reaches_the_database(request.node)


def test_a_pure_function_test_does_not(request: pytest.FixtureRequest) -> None:
    assert not _reaches_the_database(request.node)
