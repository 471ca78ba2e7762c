"""The shell every page shares: Vietnamese error pages, vendored assets, NFC input, locales."""

import re
import unicodedata
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from hdnd.core.middleware import NFCInputMiddleware

STATIC = Path(__file__).resolve().parent.parent / "hdnd"


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]
handler500 = "hdnd.core.views.server_error"


@pytest.mark.django_db
def test_unknown_page_answers_404_in_vietnamese(client: Client) -> None:
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_page_is_vietnamese_and_says_nothing_was_lost() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Lỗi hệ thống" in body
    assert "không bị ảnh hưởng" in body


def test_templates_load_no_asset_from_another_host() -> None:
    offenders = []
    for template in STATIC.rglob("templates/**/*.html"):
        text = template.read_text()
        for match in re.finditer(r'(?:src|href)="(https?:)?//[^"]+"', text):
            offenders.append(f"{template.name}: {match.group(0)}")
    assert not offenders


def test_vendored_css_and_js_reference_no_network_url() -> None:
    for asset in (STATIC / "core" / "static").rglob("*"):
        if asset.suffix in {".css", ".js"}:
            text = asset.read_text(errors="ignore")
            assert "fonts.googleapis" not in text, asset
            assert "cdn." not in text, asset
            assert "sourceMappingURL" not in text, f"{asset}: a missing source map breaks collectstatic"


@pytest.mark.django_db
def test_base_layout_serves_its_assets_from_the_app(client: Client) -> None:
    page = client.get("/").content.decode()
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(asset).status_code == 200, asset
    assert 'name="viewport"' in page


def test_form_input_is_normalised_to_nfc() -> None:
    seen: dict[str, str] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["post"] = request.POST["name"]
        seen["get"] = request.GET["q"]
        return HttpResponse()

    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    request = RequestFactory().post(f"/?q={decomposed}", {"name": decomposed})
    NFCInputMiddleware(view)(request)
    assert seen["post"] == seen["get"] == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", seen["post"])


@pytest.mark.django_db
def test_pages_are_vietnamese_even_when_the_browser_asks_for_english(client: Client) -> None:
    page = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="vi"' in page
    assert "Đăng nhập" in page


@pytest.mark.django_db
def test_english_is_the_second_locale(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Sign in" in page


def test_vietnamese_formats_write_dates_and_numbers_the_vietnamese_way() -> None:
    from datetime import date

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(date(2026, 11, 22), "SHORT_DATE_FORMAT") == "22/11/2026"
        assert formats.number_format(1234567, force_grouping=True) == "1.234.567"


def test_date_fields_are_day_first_text_inputs_everywhere() -> None:
    from django import forms

    from hdnd.core.forms import StyledForm

    class Form(StyledForm):
        on = forms.DateField(label="Ngày")

    from datetime import date

    form = Form(initial={"on": date(2026, 11, 22)})
    html = str(form["on"])
    assert 'type="text"' in html
    assert 'value="22/11/2026"' in html
    assert Form({"on": "02/09/2026"}).is_valid()
