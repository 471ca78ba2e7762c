"""Every URL of the app × every role × own council / council below / other province → expected status."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import build_world
from hdnd.core import documents
from tests.matrix import TARGETS, USERS, Row

APPS = ("core", "councils", "accounts", "petitions", "sittings", "resolutions", "reception", "portal", "api")
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


def _request(row: Row, world: Any, user: str, target: str | None) -> tuple[str, int]:
    council = {
        "own": world.province,
        "below": world.commune,
        "other": world.other_province_commune,
        None: None,
    }[target]
    client = Client()
    if user != "anonymous":
        client.force_login(world.user(user))
    url = reverse(row.name, kwargs=row.kwargs(world, council) if row.kwargs else None)
    data = row.data(world, council) if row.data else {}
    if row.content_type == "application/json":
        response = getattr(client, row.method)(url, data=json.dumps(data), content_type=row.content_type)
    else:
        response = getattr(client, row.method)(url, data=data)
    return url, response.status_code


def _html_only(document: documents.AdminDocument) -> bytes:
    """Builds the whole document (its HTML) but skips WeasyPrint's layout: the matrix checks who gets a
    file, ``hdnd/core/tests/test_documents_pdf.py`` and each app's document tests check the PDF itself."""
    return b"%PDF-" + documents.html(document).encode()


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
def test_permission_matrix(row: Row, monkeypatch: pytest.MonkeyPatch) -> None:
    """One row: every user against every target, each case in its own savepoint rolled back afterwards,
    so the cases of a row share one world and none sees what another changed."""
    monkeypatch.setattr(documents, "build_pdf", _html_only)
    world = build_world()
    wrong: list[str] = []
    for user in USERS:
        targets = TARGETS if row.target else (None,)
        for index, target in enumerate(targets):
            expected = row.expect[user]
            status = expected[index] if isinstance(expected, tuple) else expected
            with transaction.atomic():
                url, got = _request(row, world, user, target)
                transaction.set_rollback(True)
            if got != status:
                case = f"{row.method.upper()} {url} as {user} on {target}"
                wrong.append(f"{case}: {status} expected, {got} got")
    assert not wrong, "\n".join(wrong)
