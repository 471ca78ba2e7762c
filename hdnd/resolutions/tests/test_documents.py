"""A resolution as .docx and PDF: the number, the council and session lines, the text, the signature,
scope (404 outside), drafts for managers only and never public."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.documents import Heading, Line
from hdnd.councils.models import Body, BodyKind, Membership, MembershipRole, Person
from hdnd.resolutions import documents
from hdnd.resolutions.models import Kind, Resolution
from hdnd.resolutions.tests import support
from hdnd.sittings.tests import support as sittings
from tests.docx_reading import texts

pytestmark = pytest.mark.django_db

TEXT = """Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;
Xét Tờ trình số 150/TTr-UBND ngày 20 tháng 11 năm 2026 của Ủy ban nhân dân tỉnh;

QUYẾT NGHỊ:
Điều 1. Giao dự toán thu ngân sách nhà nước năm 2027
Tổng thu ngân sách nhà nước trên địa bàn: 12.500 tỷ đồng.
Điều 2. Tổ chức thực hiện
Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này."""


def chair(world: World) -> None:
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    person = Person.objects.create(council=world.province, full_name="Trần Thị Bình")
    Membership.objects.create(
        person=person,
        council=world.province,
        body=standing,
        role=MembershipRole.CHAIR,
        starts_on=date(2026, 3, 20),
    )


def resolution_of_a_session(world: World) -> Resolution:
    session = sittings.session(world.province)
    session.number = 12
    session.save(update_fields=["number"])
    return support.adopted(world.province, on=date(2026, 12, 10), text=TEXT, session=session)


def test_the_resolution_reads_as_the_council_adopted_it(world: World) -> None:
    chair(world)
    resolution = resolution_of_a_session(world)
    lines = texts(documents.docx(resolution))
    assert "Số: 01/NQ-HĐND" in lines
    assert "An Bình, ngày 10 tháng 12 năm 2026" in lines
    at = lines.index("NGHỊ QUYẾT")
    assert lines[at + 1] == support.BUDGET
    assert lines[at + 2 : at + 4] == ["HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH", "KHÓA XVII, KỲ HỌP THỨ MƯỜI HAI"]
    assert lines[at + 4].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert lines[at + 5].startswith("Xét Tờ trình số 150/TTr-UBND")
    assert lines.count("QUYẾT NGHỊ:") == 1
    assert "Điều 2. Tổ chức thực hiện" in lines
    assert (
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh An Bình khóa XVII, Kỳ họp thứ mười hai "
        "thông qua ngày 10 tháng 12 năm 2026." in lines
    )
    signature = lines[lines.index("Nơi nhận:") :]
    assert [line for line in signature if line in ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "Trần Thị Bình")] == [
        "TM. HỘI ĐỒNG NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Thị Bình",
    ]
    assert "- Ủy ban Thường vụ Quốc hội;" in signature


def test_standard_bases_when_none_typed_and_normative_numbers_carry_the_year(world: World) -> None:
    resolution = support.adopted(world.commune, kind=Kind.NORMATIVE, on=date(2027, 1, 5))
    resolution.effective_on = date(2027, 1, 15)
    lines = texts(documents.docx(resolution))
    assert "Số: 01/2027/NQ-HĐND" in lines
    assert "Đông Hòa, ngày 05 tháng 01 năm 2027" in lines
    assert "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;" in lines
    assert "QUYẾT NGHỊ:" in lines
    assert any(
        line.startswith("Nghị quyết này đã được Hội đồng nhân dân xã Đông Hòa")
        and line.endswith("và có hiệu lực từ ngày 15 tháng 01 năm 2027.")
        for line in lines
    )
    assert "- Thường trực HĐND tỉnh An Bình;" in lines


def test_a_draft_has_no_number_nor_date(world: World) -> None:
    draft = support.draft(world.province)
    document = documents.resolution_document(draft)
    assert document.number_line == "Số:      /NQ-HĐND"
    assert document.on is None
    assert documents.filename(draft, "docx") == f"Dự thảo nghị quyết {draft.pk}.docx"


def test_staff_download_both_formats_and_scope_holds(client: Client, world: World) -> None:
    published = support.published(world.province)
    client.force_login(world.user("delegate"))
    response = client.get(reverse("resolutions:resolution_docx", args=[published.pk]))
    assert response.status_code == 200
    assert (
        "filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2001-NQ-H%C4%90ND.docx"
        in (response["Content-Disposition"])
    )
    assert "Số: 01/NQ-HĐND" in texts(response.content)
    pdf = client.get(reverse("resolutions:resolution_pdf", args=[published.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    outside = support.published(world.other_province)
    assert client.get(reverse("resolutions:resolution_docx", args=[outside.pk])).status_code == 404
    draft = support.draft(world.province)
    assert client.get(reverse("resolutions:resolution_docx", args=[draft.pk])).status_code == 403
    client.force_login(world.user("office_staff"))
    assert client.get(reverse("resolutions:resolution_docx", args=[draft.pk])).status_code == 200


def test_only_published_resolutions_have_a_public_pdf(client: Client, world: World) -> None:
    draft = support.draft(world.province)
    adopted = support.adopted(world.province)
    published = support.published(world.commune)
    url = "resolutions:public_resolution_pdf"
    assert client.get(reverse(url, args=[draft.pk])).status_code == 404
    assert client.get(reverse(url, args=[adopted.pk])).status_code == 404
    response = client.get(reverse(url, args=[published.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    # Anonymous staff URLs send to the login page, never the file.
    assert client.get(reverse("resolutions:resolution_pdf", args=[published.pk])).status_code == 302


def test_text_lines_are_styled_as_they_read(world: World) -> None:
    resolution = support.draft(world.province, text="Điều 1. Phạm vi\nNội dung.\nQUYẾT NGHỊ:\nChương II\n")
    blocks = documents.text_blocks(resolution)
    assert blocks[0] == Line(documents.BASES[0], italic=True)
    assert [b for b in blocks if isinstance(b, Line) and b.text == "QUYẾT NGHỊ:"] == [
        Line("QUYẾT NGHỊ:", bold=True, centred=True)
    ]
    assert Heading("Điều 1. Phạm vi") in blocks
    assert Line("Chương II", bold=True, centred=True) in blocks
    assert isinstance(blocks[-1], str)
    assert blocks[-1].startswith("Nghị quyết này đã được Hội đồng nhân dân tỉnh An Bình")
    assert blocks[-1].endswith("thông qua ngày      tháng      năm.")
