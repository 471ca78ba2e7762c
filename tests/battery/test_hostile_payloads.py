"""A corpus of hand-made hostile payloads sent to every write operation of the API as the system
administrator (every object with id 1 exists in the world, so many requests reach the actions): NUL,
control and bidi characters, NFD, a 10 MB string, deeply nested JSON, extreme numbers and dates, formula
cells; malformed multipart, a zip bomb .xlsx and a PDF/ZIP polyglot to the upload endpoints. No answer may be
a 500; every refusal is JSON with a ``detail`` in Vietnamese."""

import functools
import io
import json
import re
import time
import traceback
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, transaction
from django.test import Client

from conftest import build_world
from hdnd.accounts.models import ApiToken
from hdnd.api.main import api

from .figures import measured

# reset_sequences: the world built in each test then has id 1 (council, unit…), which the paths use.
pytestmark = [pytest.mark.battery, pytest.mark.django_db(transaction=True, reset_sequences=True)]

TIME_BUDGET = 120.0
VIETNAMESE = re.compile("[À-ỹđĐ]")

TEXTS = {
    "NUL": "Nguyễn\x00Văn",
    "control": "Báo cáo\x07\x1b[31m\x08",
    "bidi": "Ủy ban\u202enhân dân\u202c",
    "zero-width only": "\u200b\u200b\u200b",
    "NFD": unicodedata.normalize("NFD", "Nghị quyết về ngân sách"),
    "formula": "=1+1",
    "formula HYPERLINK": '=HYPERLINK("http://127.0.0.1/x","bấm")',
    "lone surrogate escape": "\\ud800",
    "10 MB": "a" * (10 * 1024 * 1024),
}
NUMBERS = {"2**63": 2**63, "-2**63-1": -(2**63) - 1, "1e21": 10**21, "-1": -1, "float": 1e308}
DATES = {"9999-12-31": "9999-12-31", "0001-01-01": "0001-01-01", "not a date": "31/12/2026"}


def _nested(depth: int) -> Any:
    value: Any = "đáy"
    for _ in range(depth):
        value = {"a": [value]}
    return value


def _value(prop: dict[str, Any], kind: str, hostile: Any) -> Any:
    """The hostile value where it fits the property's type, otherwise a plain value of that type."""
    types = {prop.get("type")} | {alt.get("type") for alt in prop.get("anyOf", [])}
    formats = {prop.get("format")} | {alt.get("format") for alt in prop.get("anyOf", [])}
    if "date" in formats or "date-time" in formats:
        return hostile if kind == "date" else "2026-12-10"
    if "integer" in types or "number" in types:
        return hostile if kind == "number" else 1
    if "boolean" in types:
        return True
    if "array" in types:
        return [hostile] if kind == "text" else []
    return hostile if kind == "text" else "Nội dung"


def _properties(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return {
        name: document["components"]["schemas"][p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p
        for name, p in schema.get("properties", {}).items()
    }


@functools.cache
def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (100 * 1024 * 1024) + b"/>")
    return out.getvalue()


def _polyglot() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n" + out.getvalue() + b"\n%%EOF\n"


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    seen: list[str] = []

    def keep(sender: Any, request: Any = None, **kwargs: Any) -> None:
        where = f"{request.method} {request.get_full_path()}" if request is not None else "?"
        seen.append(f"{where}\n{''.join(traceback.format_exc().splitlines(keepends=True)[-6:])}")

    got_request_exception.connect(keep)
    yield seen
    got_request_exception.disconnect(keep)


def test_hostile_payloads_to_every_write_operation(server_errors: list[str]) -> None:
    django_settings.ALLOWED_HOSTS = ["*"]
    world = build_world()
    key = ApiToken.issue(world.user("system_admin"), "Kiểm thử")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)
    document = api.get_openapi_schema()
    faults: list[str] = []

    def check(label: str, response: Any) -> None:
        if response.status_code >= 500:
            faults.append(f"{label}: {response.status_code}")
        elif response.status_code >= 400:
            try:
                detail = json.loads(response.content).get("detail")
            except (ValueError, AttributeError):
                detail = None
            if not isinstance(detail, str) or not VIETNAMESE.search(detail):
                faults.append(f"{label}: {response.status_code} detail {str(detail)[:80]!r}")

    corpus: list[tuple[str, str, Any]] = [("text", k, v) for k, v in TEXTS.items()]
    corpus += [("number", k, v) for k, v in NUMBERS.items()] + [("date", k, v) for k, v in DATES.items()]
    sent = 0
    with measured("Hostile payload corpus to every write operation (system administrator)") as figure:
        deadline = time.monotonic() + TIME_BUDGET
        operations = [
            (method, re.sub(r"\{[^}]+\}", "1", path), operation)
            for path, methods in document["paths"].items()
            for method, operation in methods.items()
            if method in ("post", "put", "patch")
        ]
        for method, path, operation in operations:
            if time.monotonic() > deadline:
                break
            send = getattr(client, method)
            content = operation.get("requestBody", {}).get("content", {})
            if "multipart/form-data" in content:
                for name, body in (("zip bomb .xlsx", _zip_bomb()), ("PDF/ZIP polyglot", _polyglot())):
                    upload = io.BytesIO(body)
                    upload.name = "tep.xlsx" if "bomb" in name else "tep.pdf"
                    check(f"{method.upper()} {path} {name}", send(path, {"file": upload, "title": "Tệp"}))
                    sent += 1
                malformed = (
                    b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF'
                )
                check(
                    f"{method.upper()} {path} malformed multipart",
                    send(path, malformed, content_type="multipart/form-data; boundary=x"),
                )
                sent += 1
                continue
            properties = _properties(document, operation)
            if properties is None:
                continue
            for kind, name, hostile in corpus:
                fields = {prop: _value(schema, kind, hostile) for prop, schema in properties.items()}
                check(
                    f"{method.upper()} {path} {name}",
                    send(path, json.dumps(fields), content_type="application/json"),
                )
                sent += 1
            for name, raw in (
                ("nested JSON ×10000", "[" * 10000 + "]" * 10000),
                ("nested objects ×2000", json.dumps(_nested(2000))),
                ("malformed JSON", '{"title": "Nghị quyết",'),
                ("not UTF-8", b"\xff\xfe{\x00}"),
            ):
                check(f"{method.upper()} {path} {name}", send(path, raw, content_type="application/json"))
                sent += 1
        figure.cases = sent
        figure.result = (
            f"{len(server_errors)} server errors, {len(faults)} faults over {len(operations)} operations"
        )
        assert not server_errors, "\n".join(server_errors[:10])
        assert not faults, "\n".join(faults[:40])


def _get_in_savepoint(client: Client, url: str, query: dict[str, str]) -> int:
    """The answer's status; a database error inside (a 500) must not poison the requests after it."""
    status = 0
    try:
        with transaction.atomic():
            status = client.get(url, query).status_code
    except DatabaseError:
        pass
    return status


def test_hostile_query_parameters_to_every_read_operation(server_errors: list[str]) -> None:
    """Every query parameter of every GET (paging included) with extreme numbers, dates and characters."""
    django_settings.ALLOWED_HOSTS = ["*"]
    world = build_world()
    key = ApiToken.issue(world.user("system_admin"), "Kiểm thử")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)
    document = api.get_openapi_schema()
    values = [
        "4611686018427387904",
        str(2**63),
        "-" + str(2**63),
        "1e21",
        "9999-12-31",
        "0001-01-01",
        "\x00",
        "\u202e",
    ]
    faults: list[str] = []
    sent = 0
    with measured("Hostile query parameters to every read operation (system administrator)") as figure:
        deadline = time.monotonic() + 60.0
        for path, methods in document["paths"].items():
            operation = methods.get("get")
            if operation is None or time.monotonic() > deadline:
                continue
            url = re.sub(r"\{[^}]+\}", "1", path)
            for parameter in (p for p in operation.get("parameters", []) if p["in"] == "query"):
                for value in values:
                    status = _get_in_savepoint(client, url, {parameter["name"]: value})
                    sent += 1
                    if status >= 500:
                        faults.append(f"GET {url}?{parameter['name']}={value[:24]}: {status}")
        figure.cases = sent
        figure.result = f"{len(faults)} answers ≥ 500"
        if faults:
            figure.result += (
                ": " + "; ".join(faults[:3]) + (f" (+{len(faults) - 3} more)" if len(faults) > 3 else "")
            )
        assert not faults, "\n".join(faults[:40]) + "\n" + "\n".join(server_errors[:2])
