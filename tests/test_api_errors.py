"""Malformed API input answers 422 in Vietnamese, in the same shape as a refused action."""

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _post(client: Client, world: Any, body: str) -> Any:
    client.force_login(world.user("council_admin"))
    url = reverse("api:create_body", kwargs={"council_id": world.province.pk})
    return client.post(url, data=body, content_type="application/json")


def test_a_missing_field_and_a_wrong_choice_are_named_in_vietnamese(client: Client, world: Any) -> None:
    response = _post(client, world, json.dumps({"kind": "khong_co"}))
    assert response.status_code == 422
    body = response.json()
    assert body["errors"]["name"] == ["Thiếu thông tin này."]
    assert body["errors"]["kind"][0].startswith("Giá trị không nằm trong danh sách cho phép")
    assert body["detail"].startswith("Dữ liệu gửi lên không hợp lệ")


def test_a_body_that_is_not_json_is_refused_with_a_message(client: Client, world: Any) -> None:
    response = _post(client, world, "{không phải json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"] == "Nội dung gửi lên không đọc được: không phải JSON hợp lệ."


def test_a_request_without_credentials_is_told_how_to_authenticate(client: Client) -> None:
    response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Chưa xác thực")
