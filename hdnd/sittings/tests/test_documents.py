"""A session's convening decision and notice as .docx and PDF: the ordinal in words, the term in Roman
numerals, time and place, the agenda, the chair's signature; scope (404 outside, login required)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.councils.models import Body, BodyKind, Membership, MembershipRole, Person
from hdnd.sittings import documents
from hdnd.sittings.models import Session, SessionAgendaItem
from hdnd.sittings.tests import support
from tests.docx_reading import texts

pytestmark = pytest.mark.django_db


def twelfth(world: World) -> Session:
    """The convened twelfth session of the province's khóa XVII, with a chair and two agenda items."""
    session = support.convened(world.province)
    session.number = 12
    session.save(update_fields=["number"])
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    chair = Person.objects.create(council=world.province, full_name="Trần Thị Bình")
    Membership.objects.create(
        person=chair,
        council=world.province,
        body=standing,
        role=MembershipRole.CHAIR,
        starts_on=date(2026, 3, 20),
    )
    SessionAgendaItem.objects.create(
        session=session,
        position=2,
        kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION,
        title="Dự toán ngân sách địa phương năm 2027",
        presenter="UBND tỉnh",
    )
    SessionAgendaItem.objects.create(
        session=session, position=1, kind=SessionAgendaItem.Kind.REPORT, title="Báo cáo công tác năm 2026"
    )
    return session


def test_the_convening_decision_says_which_session_when_where_what(world: World) -> None:
    session = twelfth(world)
    lines = texts(_docx("trieu-tap", session))
    assert lines[:2] == ["HĐND TỈNH AN BÌNH", "THƯỜNG TRỰC HĐND"]
    assert "Số: 01/QĐ-HĐND" in lines  # the number it took when the session was convened
    assert "An Bình, ngày 16 tháng 11 năm 2026" in lines
    name = "Kỳ họp thứ mười hai, Hội đồng nhân dân tỉnh An Bình khóa XVII, nhiệm kỳ 2026 - 2031"
    at = lines.index("QUYẾT ĐỊNH")
    assert lines[at + 1] == f"Về việc triệu tập {name}"
    assert lines[at + 2] == "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN TỈNH AN BÌNH"
    assert "QUYẾT ĐỊNH:" in lines
    assert f"Điều 1. Triệu tập {name}." in lines
    assert (
        "Thời gian: khai mạc ngày 08 tháng 12 năm 2026, dự kiến bế mạc ngày 10 tháng 12 năm 2026 (3 ngày)."
        in lines
    )
    assert "Địa điểm: Hội trường HĐND." in lines
    article2 = lines.index("Điều 2. Nội dung kỳ họp")
    assert lines[article2 + 1 : article2 + 3] == [
        "1. Báo cáo: Báo cáo công tác năm 2026;",
        "2. Dự thảo nghị quyết: Dự toán ngân sách địa phương năm 2027 (UBND tỉnh).",
    ]
    assert lines[article2 + 3] == "Điều 3. Tổ chức thực hiện"
    closing = lines[lines.index("Nơi nhận:") :]
    assert "- Như Điều 3;" in closing
    assert [line for line in closing if line in {"TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Thị Bình"}] == [
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
        "Trần Thị Bình",
    ]


def _docx(which: str, session: Session) -> bytes:
    from hdnd.core.documents import build

    return build(documents.BUILDERS[which](session))


def test_the_notice_and_a_thematic_commune_session(world: World) -> None:
    session = support.session(
        world.commune, kind=Session.Kind.THEMATIC, opens_on=date(2026, 9, 1), requested_by="standing"
    )
    lines = texts(_docx("thong-bao", session))
    assert lines[:2] == ["HĐND XÃ ĐÔNG HÒA", "THƯỜNG TRỰC HĐND"]
    assert "Số:      /TB-HĐND" in lines
    assert (
        "Về Kỳ họp thứ nhất (kỳ họp chuyên đề), Hội đồng nhân dân xã Đông Hòa khóa XVII, nhiệm kỳ 2026 - 2031"
        in lines
    )
    assert "1. Thời gian" in lines
    assert any(line.startswith("Kỳ họp xem xét, quyết định các nội dung") for line in lines)  # no agenda yet
    assert "- Thường trực HĐND tỉnh An Bình;" in lines
    assert "TM. THƯỜNG TRỰC HĐND" in lines


def test_downloads_follow_the_scope(client: Client, world: World) -> None:
    session = support.convened(world.province)
    url = reverse("sittings:session_convening_docx", args=[session.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world.user("delegate"))
    response = client.get(url)
    assert response.status_code == 200
    assert (
        "Về việc triệu tập Kỳ họp thứ nhất, Hội đồng nhân dân tỉnh An Bình khóa XVII, nhiệm kỳ 2026 - 2031"
        in (texts(response.content))
    )
    assert "filename*=UTF-8''Quy%E1%BA%BFt" in response["Content-Disposition"]
    pdf = client.get(reverse("sittings:session_notice_pdf", args=[session.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    outside = support.convened(world.other_province)
    assert client.get(reverse("sittings:session_notice_docx", args=[outside.pk])).status_code == 404
    assert client.get(reverse("sittings:session_convening_pdf", args=[outside.pk])).status_code == 404
