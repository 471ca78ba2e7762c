"""The API describes itself: OpenAPI document and interactive docs, served without any CDN."""

import pytest
from django.test import Client
from ninja import Schema

from hdnd.api.main import api


@pytest.mark.django_db
def test_openapi_document_is_public_json(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "HĐND API"
    assert document["openapi"].startswith("3.")


@pytest.mark.django_db
def test_interactive_docs_load_their_assets_from_the_app(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn.jsdelivr" not in body
    assert "django-ninja.dev" not in body
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def _schemas(cls: type = Schema) -> list[type]:
    found: list[type] = []
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        if sub.__module__.startswith("hdnd."):
            found.append(sub)
        found.extend(_schemas(sub))
    return found


def test_no_two_schema_classes_share_a_name_in_the_api_document() -> None:
    """django-ninja names a schema by its class: two classes of one name would show one body for both."""
    api.get_openapi_schema()  # every router imported
    modules: dict[str, set[str]] = {}
    for schema in _schemas():
        modules.setdefault(schema.__name__, set()).add(schema.__module__)
    shared = {name: sorted(where) for name, where in modules.items() if len(where) > 1}
    assert not shared, f"schema names used by several classes: {shared}"
