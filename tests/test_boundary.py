"""Every input is held to the same limits at the boundary, pages and API alike (issue 9, items 5, 8, 9).

Control characters are refused, invisible ones dropped, numbers and dates kept to what a record can
carry; refusals are 4xx with a Vietnamese message (JSON on the API), never a 500, and nothing is saved.
"""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.core.views import server_error
from hdnd.councils.models import Body, Person

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _staff(client: Client, world: World) -> Client:
    client.force_login(world.user("office_staff"))
    return client


def _post_json(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_a_form_value_with_a_nul_character_is_refused_with_400_in_vietnamese(
    client: Client, world: World
) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    response = _staff(client, world).post(url, {"full_name": "Nguyễn\x00Văn A", "gender": "M"})
    assert response.status_code == 400
    assert "Nội dung có ký tự điều khiển (như NUL) không hợp lệ" in response.content.decode()
    assert not Person.objects.filter(council=world.province).exists()


def test_a_search_with_an_escape_character_is_refused_not_a_500(client: Client, world: World) -> None:
    response = _staff(client, world).get(reverse("councils:council_list"), {"q": "ha\x1bnoi"})
    assert response.status_code == 400


def test_an_api_string_with_a_control_character_is_refused_by_field(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/people/"
    response = _post_json(_staff(client, world), url, {"full_name": "Trần\x07 Văn B"})
    assert response.status_code == 422
    assert response.json()["errors"]["full_name"] == [
        "Nội dung có ký tự điều khiển (như NUL) không hợp lệ; hãy gõ lại dưới dạng văn bản thuần."
    ]
    assert not Person.objects.exists()


def test_a_name_of_only_zero_width_spaces_is_no_name_on_the_page(client: Client, world: World) -> None:
    url = reverse("councils:person_add", args=[world.province.pk])
    response = _staff(client, world).post(url, {"full_name": "\u200b\u200b\u2060", "gender": "M"})
    assert response.status_code == 422
    assert "Vui lòng nhập thông tin này." in response.content.decode()
    assert not Person.objects.exists()


def test_invisible_characters_are_dropped_so_the_name_is_found_without_accents(
    client: Client, world: World
) -> None:
    url = f"{API}/councils/{world.province.pk}/people/"
    response = _post_json(_staff(client, world), url, {"full_name": "Ngu\u200dyễn Văn \u202eC"})
    assert response.status_code == 201
    person = Person.objects.get()
    assert person.full_name == "Nguyễn Văn C"
    found = client.get(f"{API}/people/", {"council": str(world.province.pk), "q": "nguyen van c"}).json()
    assert [row["full_name"] for row in found["items"]] == ["Nguyễn Văn C"]


def test_an_api_number_beyond_the_database_range_is_refused(client: Client, world: World) -> None:
    url = f"{API}/councils/{world.province.pk}/people/"
    response = _post_json(_staff(client, world), url, {"full_name": "Lê Văn D", "birth_year": 2**63})
    assert response.status_code == 422
    assert response.json()["errors"]["birth_year"]
    assert not Person.objects.exists()


def test_a_form_number_beyond_the_database_range_is_refused(client: Client, world: World) -> None:
    url = reverse("councils:term_add", args=[world.province.pk])
    data = {"number": str(10**21), "starts_on": "01/07/2026", "ends_on": "30/06/2031", "delegate_seats": "95"}
    response = _staff(client, world).post(url, data)
    assert response.status_code == 422
    assert "Số quá lớn: tối đa 2.147.483.647." in response.content.decode()


def test_a_form_date_in_year_9999_is_refused_on_its_field(client: Client, world: World) -> None:
    url = reverse("councils:term_add", args=[world.province.pk])
    data = {"number": "18", "starts_on": "01/07/2026", "ends_on": "31/12/9999", "delegate_seats": "95"}
    response = _staff(client, world).post(url, data)
    assert response.status_code == 422
    assert "Ngày phải nằm trong các năm 1900–2100." in response.content.decode()


def test_an_unknown_api_path_answers_json_in_vietnamese(client: Client) -> None:
    response = client.get(f"{API}/khong-co-duong-nay/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == "Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc bạn không có quyền xem."


def test_an_oversized_api_body_answers_json_not_html(client: Client, world: World, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    url = f"{API}/councils/{world.province.pk}/bodies/"
    response = _post_json(_staff(client, world), url, {"name": "x" * 5000, "kind": "ban_kinh_te_ngan_sach"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Dữ liệu gửi lên không đúng. Vui lòng kiểm tra và thử lại."
    assert not Body.objects.filter(name__startswith="xxx").exists()


def test_a_server_error_on_the_api_answers_json() -> None:
    response = server_error(RequestFactory().get(f"{API}/councils/"))
    assert response.status_code == 500
    assert json.loads(response.content)["detail"].startswith("Hệ thống gặp lỗi ngoài ý muốn")


def test_pages_carry_a_content_security_policy_without_inline_scripts_or_eval(client: Client) -> None:
    response = client.get(reverse("portal:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy
    assert '"allowEval": false' in response.content.decode()


def test_the_api_docs_need_a_sign_in_where_they_are_not_public(client: Client, settings: Any) -> None:
    settings.API_DOCS_PUBLIC = False
    assert client.get(f"{API}/docs").status_code == 302
    assert client.get(f"{API}/openapi.json").status_code == 302
    settings.API_DOCS_PUBLIC = True
    assert client.get(f"{API}/openapi.json").status_code == 200


def test_no_audit_row_is_written_for_refused_input(client: Client, world: World) -> None:
    before = AuditEntry.objects.count()
    url = f"{API}/councils/{world.province.pk}/people/"
    _post_json(_staff(client, world), url, {"full_name": "A\x00"})
    assert AuditEntry.objects.count() == before


def test_a_page_number_beyond_the_database_range_is_refused(client: Client, world: World) -> None:
    staff = _staff(client, world)
    for url in (f"{API}/councils/", f"{API}/councils/{world.province.pk}/sessions", f"{API}/people/"):
        response = staff.get(url, {"page": str(2**62)})
        assert response.status_code == 422, url
        assert response.json()["errors"]["page"] == ["Phải nhỏ hơn hoặc bằng 2147483647."]


def test_no_template_holds_what_the_content_security_policy_blocks() -> None:
    """An inline <style> or <script>, or an on… handler, would silently do nothing under the policy."""
    blocked = re.compile(r"<style|<script(?![^>]*\bsrc=)|\son[a-z]+=\"", re.I)
    root = Path(__file__).resolve().parent.parent / "hdnd"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("templates/**/*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if blocked.search(line)
    ]
    assert not found, f"inline style, script or handler in templates: {found}"
