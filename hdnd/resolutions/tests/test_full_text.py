"""An adopted resolution's full text: typed, read from an uploaded .docx, or its signed .pdf kept beside
it; the resolution page and the public register link the resolution's own .docx, PDF and signed file."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.resolutions import documents
from hdnd.resolutions.models import Resolution
from hdnd.resolutions.tests import support
from tests.docx_reading import texts

pytestmark = pytest.mark.django_db
NO_TEXT = "(Toàn văn nghị quyết chưa được nhập.)"


def word_file(*paragraphs: str) -> SimpleUploadedFile:
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("nghi-quyet.docx", out.getvalue())


def signed_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("nghi-quyet-da-ky.pdf", b"%PDF-1.4 signed copy", "application/pdf")


def enter(client: Client, resolution: Resolution, **data: Any) -> Any:
    return client.post(reverse("resolutions:resolution_text", args=[resolution.pk]), data)


def test_a_typed_text_replaces_the_placeholder_and_is_audited_once(client: Client, world: World) -> None:
    adopted = support.adopted(world.province)
    assert NO_TEXT in texts(documents.docx(adopted))
    client.force_login(world.user("office_staff"))
    page = client.get(adopted.get_absolute_url()).content.decode()
    assert "Nhập toàn văn" in page
    answer = enter(
        client, adopted, text="Điều 1. Giao dự toán ngân sách năm 2027.\nĐiều 2. Tổ chức thực hiện."
    )
    assert answer.status_code == 302
    adopted.refresh_from_db()
    lines = texts(documents.docx(adopted))
    assert NO_TEXT not in lines
    assert "Điều 1. Giao dự toán ngân sách năm 2027." in lines
    [entry] = AuditEntry.objects.filter(action="resolutions.enter_text", object_id=str(adopted.pk))
    assert entry.before == {"text_chars": 0, "text_file": ""}
    assert entry.after == {"text_chars": len(adopted.text), "text_file": ""}


def test_a_word_file_gives_the_text_without_the_header_and_signature(client: Client, world: World) -> None:
    adopted = support.adopted(world.province)
    upload = word_file(
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH",
        "Số: 01/NQ-HĐND",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
        "QUYẾT NGHỊ:",
        "Điều 1. Giao dự toán ngân sách năm 2027.",
        "Nơi nhận:",
        "CHỦ TỊCH",
    )
    client.force_login(world.user("office_staff"))
    assert enter(client, adopted, text="", file=upload).status_code == 302
    adopted.refresh_from_db()
    assert adopted.text == (
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n"
        "QUYẾT NGHỊ:\n"
        "Điều 1. Giao dự toán ngân sách năm 2027."
    )
    assert str(adopted.text_file.name).endswith(".docx")
    assert adopted.text_file_kind == "DOCX"


def test_a_signed_pdf_is_linked_from_the_page_and_the_public_register(client: Client, world: World) -> None:
    published = support.published(world.province)
    client.force_login(world.user("office_staff"))
    assert enter(client, published, text="", file=signed_pdf()).status_code == 302
    published.refresh_from_db()
    lines = texts(documents.docx(published))
    assert NO_TEXT not in lines
    assert "(Toàn văn nghị quyết là tệp PDF kèm theo, đăng cùng nghị quyết.)" in lines
    own = reverse("resolutions:text_file", args=[published.pk])
    page = client.get(published.get_absolute_url()).content.decode()
    for url in (own, reverse("resolutions:resolution_docx", args=[published.pk])):
        assert url in page
    assert "Xem trang công khai của nghị quyết</a>" in page  # not the raw path as the link's text
    client.logout()
    register = client.get(reverse("resolutions:public_register", args=[world.province.pk])).content.decode()
    assert reverse("resolutions:public_resolution_pdf", args=[published.pk]) in register
    assert own in register
    detail = client.get(published.get_public_url()).content.decode()
    assert own in detail
    served = client.get(own)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4 signed copy"  # type: ignore[attr-defined]


def test_wrong_files_and_empty_entries_are_refused_in_vietnamese(client: Client, world: World) -> None:
    adopted = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    sheet = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04 sheet")
    refused = enter(client, adopted, text="", file=sheet)
    assert refused.status_code == 422
    assert "Toàn văn nghị quyết: chỉ nhận tệp .docx hoặc .pdf." in refused.content.decode()
    empty = enter(client, adopted, text="  ")
    assert empty.status_code == 422
    assert "Nhập toàn văn hoặc chọn tệp toàn văn (.docx hoặc .pdf)." in empty.content.decode()
    assert not AuditEntry.objects.filter(action="resolutions.enter_text").exists()


def test_the_api_enters_the_text_and_serves_the_file(client: Client, world: World) -> None:
    adopted = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("api:resolution_text", args=[adopted.pk])
    answer = client.post(url, {"text": "Điều 1. Nội dung.", "file": signed_pdf()})
    assert answer.status_code == 200
    body = answer.json()
    assert body["text"] == "Điều 1. Nội dung."
    assert body["text_file"] == reverse("api:resolution_text_file", args=[adopted.pk])
    assert client.get(body["text_file"]).status_code == 200
    bare = support.adopted(world.province, title=support.FEES)
    refused = client.post(reverse("api:resolution_text", args=[bare.pk]), {"text": ""})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Nhập toàn văn hoặc chọn tệp toàn văn (.docx hoặc .pdf)."
