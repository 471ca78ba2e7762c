"""Load balancers ask whether the process lives and whether it is ready; every response carries its id."""

import logging

import pytest
from django.test import Client

from hdnd.core.health import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_the_process_answers_that_it_lives_and_is_ready(client: Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}


def test_a_sane_request_id_from_the_proxy_is_kept_and_returned(client: Client) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "req-2026-12-06-abc"})
    assert response["X-Request-ID"] == "req-2026-12-06-abc"


def test_an_unsafe_request_id_is_replaced(client: Client) -> None:
    response = client.get("/healthz", headers={"X-Request-ID": "x\nforged log line"})
    assert len(response["X-Request-ID"]) == 32
    assert "\n" not in response["X-Request-ID"]


def test_a_log_line_is_one_json_object_with_the_request_id() -> None:
    record = logging.LogRecord("hdnd", logging.WARNING, __file__, 1, "Chuyển %s cơ quan", ("3",), None)
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert '"message": "Chuyển 3 cơ quan"' in line
    assert '"request_id": "-"' in line
