"""Every URL of the app × every role × own council / council below / other province → expected status."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import build_world
from tests.matrix import TARGETS, USERS, Row

APPS = ("core", "councils", "accounts", "petitions", "sittings", "resolutions", "portal", "api")
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


def _cases() -> list[Any]:
    cases = []
    for row in all_rows():
        for user in USERS:
            targets = TARGETS if row.target else (None,)
            for index, target in enumerate(targets):
                expected = row.expect[user]
                status = expected[index] if isinstance(expected, tuple) else expected
                cases.append(pytest.param(row, user, target, status, id=f"{row.name}-{user}-{target}"))
    return cases


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "user", "target", "status"), _cases())
def test_permission_matrix(client: Any, row: Row, user: str, target: str | None, status: int) -> None:
    world = build_world()
    council = {
        "own": world.province,
        "below": world.commune,
        "other": world.other_province_commune,
        None: None,
    }[target]
    if user != "anonymous":
        client.force_login(world.user(user))
    url = reverse(row.name, kwargs=row.kwargs(world, council) if row.kwargs else None)
    data = row.data(world, council) if row.data else {}
    if row.content_type == "application/json":
        response = getattr(client, row.method)(url, data=json.dumps(data), content_type=row.content_type)
    else:
        response = getattr(client, row.method)(url, data=data)
    assert response.status_code == status, f"{row.method.upper()} {url} as {user} on {target}"
