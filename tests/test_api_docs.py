"""The API describes itself: OpenAPI document and interactive docs, served without any CDN."""

import pytest
from django.test import Client


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
