"""Every URL of the app × every role × own council / council below / other province → expected status."""

from __future__ import annotations

import copy
import importlib
import json
import os
import time
from collections import Counter
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import World, build_world
from hdnd.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from hdnd.core import documents
from hdnd.core.actions import seed_rules
from hdnd.councils.models import Council
from tests.matrix import LOGIN, TARGETS, USERS, Row

# Every app of the platform: a new app's rows are collected without editing this file.
APPS = tuple(c.label for c in django_apps.get_app_configs() if c.name.startswith("hdnd."))
# Names served by libraries for their own purposes, each covered elsewhere.
NOT_APP_URLS = {"set_language"}


def all_rows() -> list[Row]:
    rows: list[Row] = []
    for app in APPS:
        try:
            module = importlib.import_module(f"hdnd.{app}.tests.matrix")
        except ModuleNotFoundError:
            continue
        rows.extend(module.ROWS)
    return rows


def url_names(patterns: Any = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row_in_the_matrix() -> None:
    covered = {row.name for row in all_rows()}
    missing = sorted(url_names() - covered - NOT_APP_URLS)
    assert not missing, f"URLs without a permission-matrix row: {missing}"


def _ids(rows: list[Row]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for row in rows:
        seen[row.name] = seen.get(row.name, 0) + 1
        ids.append(row.name if seen[row.name] == 1 else f"{row.name}#{seen[row.name]}")
    return ids


ROWS = all_rows()
NUMBER = {id(row): number for number, row in enumerate(ROWS)}


def _targets(row: Row) -> tuple[str | None, ...]:
    """The places a row is asked about: the three targets, or none for a URL not about one council."""
    return TARGETS if row.target else (None,)


def _council(world: World, target: str | None) -> Council | None:
    return {
        "own": world.province,
        "below": world.commune,
        "other": world.other_province_commune,
        None: None,
    }[target]


def _build(row: Row, world: World, target: str | None) -> tuple[str, dict[str, Any]]:
    """The URL and the form data of a row against one target, creating the objects they need."""
    council = _council(world, target)
    url = reverse(row.name, kwargs=row.kwargs(world, council) if row.kwargs else None)
    data = row.data(world, council) if row.data else {}
    return url, data


def _signed_in(world: World, user: str) -> tuple[Client, SimpleCookie]:
    """A client for the user and its cookies right after signing in, to start every request from."""
    client = Client()
    if user != "anonymous":
        client.force_login(world.user(user))
        # What the session guard writes on a first request, written once here (see ``signed_in``).
        session = client.session
        session[LAST_SEEN] = session[SIGNED_IN_AT] = int(time.time())
        session.save()
    return client, copy.deepcopy(client.cookies)


def _rewind(data: Any) -> None:
    """Uploads in the form data are read by each request: put them back at their start."""
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list | tuple) else ()
    for value in values:
        if isinstance(value, dict | list | tuple):
            _rewind(value)
        elif hasattr(value, "seek") and hasattr(value, "read"):
            value.seek(0)


def _request(row: Row, client: Client, cookies: SimpleCookie, url: str, data: dict[str, Any]) -> int:
    # Only the cookies of the sign-in: none a previous request set (messages, a rotated session key).
    client.cookies = copy.deepcopy(cookies)
    _rewind(data)
    send = getattr(client, row.method)
    if row.content_type == "application/json":
        response = send(url, data=json.dumps(data), content_type=row.content_type, headers=row.headers)
    else:
        response = send(url, data=data, headers=row.headers)
    return response.status_code


def _html_only(document: documents.AdminDocument) -> bytes:
    """Builds the whole document (its HTML) but skips WeasyPrint's layout: the matrix checks who gets a
    file, ``hdnd/core/tests/test_documents_pdf.py`` and each app's document tests check the PDF itself."""
    return b"%PDF-" + documents.html(document).encode()


# The idle clock of the matrix's sessions: an hour, however long the matrix takes on a busy machine.
SESSION_IDLE_TIMEOUT = 3600

SignedIn = tuple[World, dict[str, tuple[Client, SimpleCookie]]]


@pytest.fixture(scope="module")
def signed_in(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """One world and one signed-in client per user for the whole matrix, in a transaction rolled back at
    the end. Each row runs inside it in savepoints of its own (below), so no row sees what another did;
    building the world and signing ten users in for each of 600 rows was a third of the matrix's time.
    The sessions are signed in with the last-seen time the guard writes on a first request, and the
    guard moves it forward only after an hour: no request of the matrix writes its session (a write per
    request was 4 % of the time; ``hdnd/accounts/tests/test_sessions.py`` tests the idle clock)."""
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        SESSION_TOUCH_EVERY=SESSION_IDLE_TIMEOUT,
        SESSION_IDLE_TIMEOUT=SESSION_IDLE_TIMEOUT,
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        world = build_world()
        seed_rules()  # once: the rows that forward or remind seed again, and then find nothing to change
        yield world, {user: _signed_in(world, user) for user in USERS}
        transaction.set_rollback(True)


def _expected(row: Row, user: str, index: int) -> int:
    expected = row.expect[user]
    return expected[index] if isinstance(expected, tuple) else expected


def _refused(user: str, status: int) -> bool:
    """A refusal: the request never reached the view's work (sent to sign in, or 401/403/404/405)."""
    return status in (401, 403, 404, 405) or (user == "anonymous" and status == LOGIN)


def _answer(row: Row, user: str, index: int) -> tuple[int, bool]:
    """What a user gets from a row on a target: the status, and whether it is a refusal (a 302 sends the
    anonymous user to sign in, and a signed-in user on after the view's work)."""
    status = _expected(row, user, index)
    return status, _refused(user, status)


def asked(row_number: int, row: Row, index: int, *, every_case: bool) -> list[str]:
    """The users asked for one row and target, in the order of ``USERS``.

    On the first engine every case. On the second (decision 0009) each distinct answer of the row and
    target, asked of one of the users who get it: the view's queries, writes and documents for that
    answer run on that engine, while who gets which answer is decided by ``accounts.scope``'s role
    tables, the same Python on both, and checked case by case on the first. The one user is taken in
    turn from row to row and target to target, so every role meets each of its answers there on many
    rows (``test_on_the_second_engine_each_role_meets_each_of_its_answers_on_several_rows``)."""
    if every_case:
        return list(USERS)
    alike: dict[tuple[int, bool], list[str]] = {}
    for user in USERS:
        alike.setdefault(_answer(row, user, index), []).append(user)
    chosen = {users[(row_number + index) % len(users)] for users in alike.values()}
    return [user for user in USERS if user in chosen]


def _cases(every_case: bool) -> list[tuple[int, int, str]]:
    """(row, target, user) of every request the matrix makes."""
    return [
        (number, index, user)
        for number, row in enumerate(ROWS)
        for index in range(len(_targets(row)))
        for user in asked(number, row, index, every_case=every_case)
    ]


def _answers(cases: list[tuple[int, int, str]]) -> Counter[tuple[int, int, tuple[int, bool]]]:
    return Counter((number, index, _answer(ROWS[number], user, index)) for number, index, user in cases)


def test_the_second_engine_is_asked_each_answer_of_every_row_and_target_once() -> None:
    every, second = _cases(every_case=True), _cases(every_case=False)
    assert set(second) < set(every)
    assert len(every) == len(set(every)) == sum(len(_targets(row)) for row in ROWS) * len(USERS)
    assert _answers(second) == dict.fromkeys(_answers(every), 1)


def test_on_the_second_engine_each_role_meets_each_of_its_answers_on_several_rows() -> None:
    """An answer a role gets on twenty cases or more of the whole matrix is asked of it on three or more."""

    def by_role(cases: list[tuple[int, int, str]]) -> Counter[tuple[str, tuple[int, bool]]]:
        return Counter((user, _answer(ROWS[number], user, index)) for number, index, user in cases)

    every, second = by_role(_cases(every_case=True)), by_role(_cases(every_case=False))
    common = [case for case, count in every.items() if count >= 20]
    assert len(common) >= 20
    assert not {case: second[case] for case in common if second[case] < 3}


def _every_case() -> bool:
    """Every case on SQLite; on PostgreSQL with ``HDND_WHOLE_MATRIX=1`` (README)."""
    return connection.vendor == "sqlite" or bool(os.environ.get("HDND_WHOLE_MATRIX"))


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_permission_matrix(row: Row, signed_in: SignedIn, monkeypatch: pytest.MonkeyPatch) -> None:
    """One row: every user against every target (on PostgreSQL each distinct answer once: ``asked``).
    Each target's objects are built in a savepoint rolled back after that target, and each user's
    request runs in its own savepoint inside it, rolled back at once, so no case sees what another
    changed. Every request starts from the cookies of the sign-in."""
    monkeypatch.setattr(documents, "build_pdf", _html_only)
    world, clients = signed_in
    targets = _targets(row)
    every_case = _every_case()
    found: dict[tuple[int, int], str] = {}  # (user, target) → what went wrong, reported user by user
    for index, target in enumerate(targets):
        with transaction.atomic():
            url, data = _build(row, world, target)
            for user in asked(NUMBER[id(row)], row, index, every_case=every_case):
                status = _expected(row, user, index)
                with transaction.atomic():
                    got = _request(row, *clients[user], url, data)
                    transaction.set_rollback(True)
                if got != status:
                    case = f"{row.method.upper()} {url} as {user} on {target}"
                    found[USERS.index(user), index] = f"{case}: {status} expected, {got} got"
            transaction.set_rollback(True)
    wrong = [found[case] for case in sorted(found)]
    assert not wrong, "\n".join(wrong)
