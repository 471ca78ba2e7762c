"""A resolution's files over the API: .docx and PDF, attachments uploaded as multipart and checked,
downloads scoped like the pages (public once published, otherwise as the resolution)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import World
from hdnd.accounts.models import ApiToken
from hdnd.core.models import AuditEntry
from hdnd.resolutions.models import Attachment
from hdnd.resolutions.tests import support

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes) -> dict[str, object]:
    return {"title": "Phụ lục dự toán", "file": SimpleUploadedFile(name, content)}


def test_staff_attach_a_file_and_it_shows_on_the_resolution(client: Client, world: World) -> None:
    resolution = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("api:resolution_attach", args=[resolution.pk])
    response = client.post(url, upload("phu-luc.pdf", b"%PDF-1.7 bang du toan"))
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["title"] == "Phụ lục dự toán"
    detail = client.get(reverse("api:resolution_detail", args=[resolution.pk])).json()
    assert [item["id"] for item in detail["attachments"]] == [made["id"]]
    assert AuditEntry.objects.filter(action="resolutions.attach_file").count() == 1

    download = client.get(reverse("api:attachment_download", args=[made["id"]]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp PDF, Word, Excel"),
        ("gia-mao.pdf", b"<html>not a pdf</html>", "không đúng định dạng .pdf"),
        ("phu-luc.docx", b"%PDF-1.4", "không đúng định dạng .docx"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(
    client: Client, world: World, name: str, content: bytes, message: str
) -> None:
    resolution = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("api:resolution_attach", args=[resolution.pk]), upload(name, content))
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert not Attachment.objects.exists()


def test_a_missing_file_is_a_422_in_vietnamese(client: Client, world: World) -> None:
    resolution = support.adopted(world.province)
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("api:resolution_attach", args=[resolution.pk]), {"title": "Phụ lục"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Dữ liệu gửi lên không hợp lệ")


def test_the_docx_and_pdf_carry_the_number(client: Client, world: World) -> None:
    resolution = support.published(world.province)
    client.force_login(world.user("delegate"))
    docx = client.get(reverse("api:resolution_docx", args=[resolution.pk]))
    assert docx.status_code == 200
    body = Document(io.BytesIO(docx.content)).element.body
    assert f"Số: {resolution.symbol}" in "".join(body.itertext())
    client.logout()
    pdf = client.get(reverse("api:public_resolution_pdf", args=[resolution.pk]))
    assert (pdf.status_code, pdf.content[:5]) == (200, b"%PDF-")


def test_a_draft_attachment_needs_a_token_or_login_of_a_manager(client: Client, world: World) -> None:
    draft = support.draft(world.province)
    attachment = support.attachment(draft)
    url = reverse("api:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404
    _, secret = ApiToken.issue(world.user("office_staff"), name="văn phòng")
    assert client.get(url, headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    _, delegate_secret = ApiToken.issue(world.user("delegate"), name="đại biểu")
    assert client.get(url, headers={"Authorization": f"Bearer {delegate_secret}"}).status_code == 403
