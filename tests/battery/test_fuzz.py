"""Hostile input over the whole OpenAPI document: schemathesis generates bodies, queries and paths for every
operation (valid and deliberately invalid) with the bearer tokens of several roles. No answer may be a 500,
and every refusal (4xx) is JSON with a ``detail``."""

import contextlib
import time
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from conftest import build_world
from hdnd.accounts.models import ApiToken
from hdnd.wsgi import application

from .figures import measured

pytestmark = [pytest.mark.battery, pytest.mark.django_db]

ROLES = ("system_admin", "council_admin", "office_staff", "commune_staff", "agency_responder", "no_role")
EXAMPLES_PER_OPERATION = 8
TIME_BUDGET = 180.0  # seconds for the whole walk; the operations left over are counted as not reached


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Tracebacks of the exceptions Django turned into 500s during the test."""
    seen: list[str] = []

    def keep(sender: Any, request: Any = None, **kwargs: Any) -> None:
        where = f"{request.method} {request.get_full_path()}" if request is not None else "?"
        seen.append(f"{where}\n{''.join(traceback.format_exc().splitlines(keepends=True)[-6:])}")

    got_request_exception.connect(keep)
    # As Django's test client does: the WSGI app must not close the test's connection after each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield seen
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    got_request_exception.disconnect(keep)


def _tokens() -> dict[str, str]:
    world = build_world()
    return {role: ApiToken.issue(world.user(role), "Kiểm thử")[1] for role in ROLES}


def _probe(
    operation: Any, mode: GenerationMode, headers: dict[str, str], label: str, failures: list[str]
) -> int:
    """Send the operation's generated cases; note each fault; return how many were sent."""
    calls: list[int] = []

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def probe(case: Any) -> None:
        response = case.call(headers=headers)
        calls.append(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{label}: {response.status_code} for {case.as_curl_command()}")
        elif response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = None
            if not isinstance(body, dict) or "detail" not in body:
                failures.append(f"{label}: {response.status_code} without JSON detail")

    with contextlib.suppress(Unsatisfiable):
        probe()
    return len(calls)


def test_schemathesis_over_every_operation(server_errors: list[str]) -> None:
    django_settings.ALLOWED_HOSTS = ["*"]
    tokens = _tokens()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    failures: list[str] = []
    with measured("API fuzzing (schemathesis, 6 roles, positive and negative)") as figure:
        deadline = time.monotonic() + TIME_BUDGET
        reached = 0
        for index, operation in enumerate(operations):
            if time.monotonic() > deadline:
                break
            reached += 1
            role = ROLES[index % len(ROLES)]
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                label = f"{operation.method.upper()} {operation.path} [{role}, {mode.value}]"
                figure.cases += _probe(operation, mode, headers, label, failures)
        figure.result = (
            f"{len(server_errors)} server errors, {len(failures)} faults; "
            f"{reached}/{len(operations)} operations reached"
        )
        assert not server_errors, "\n".join(server_errors[:10])
        assert not failures, "\n".join(failures[:30])
