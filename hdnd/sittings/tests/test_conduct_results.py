"""The results notice of a session (Thông báo kết quả kỳ họp, NĐ 30/2020): time, attendance, each voted
item with its result and counts, the resolutions adopted with their numbers; as .docx and PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.documents import build
from hdnd.resolutions import actions as resolution_actions
from hdnd.resolutions.models import Resolution
from hdnd.sittings import conduct, results, voting
from hdnd.sittings.models import Session
from hdnd.sittings.tests.matrix_conduct import held, item
from tests import docx_reading

pytestmark = pytest.mark.django_db


def texts(content: bytes) -> list[str]:
    """Every non-empty paragraph of the .docx, one "a | b | c" line per table row."""
    return docx_reading.texts(content, rows=True)


def voted_session(world: World) -> tuple[Session, Resolution]:
    """Five delegates, four present, one excused; a budget draft passed (adopted as 12/NQ-HĐND), a land
    draft not passed, and a report not voted."""
    session = held(world.province, count=5)
    people = voting.term_delegates(session)
    marks = {person.pk: ("present", "") for person in people[:4]} | {people[4].pk: ("excused", "Ốm")}
    voting.record_attendance(session, by=None, entries=marks)
    budget = Resolution.objects.create(council=world.province, title="Dự toán ngân sách năm 2027")
    budget_item = item(world.province, session, resolution=budget)
    land = item(world.province, session, title="Dự thảo nghị quyết về bảng giá đất")
    conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo kinh tế - xã hội")
    voting.record_vote(budget_item, by=None, method="electronic", votes_for=4)
    voting.record_vote(land, by=None, method="show_of_hands", votes_for=2, votes_against=1, abstentions=1)
    adopted = resolution_actions.adopt_resolution(budget, by=None, adopted_on=date(2026, 12, 10), number=12)
    results.record_minutes(session, by=None, results_notice="Kỳ họp đã bầu bổ sung Ủy viên UBND tỉnh.")
    return session, adopted


def test_the_results_notice_lists_attendance_votes_and_adopted_resolutions(world: World) -> None:
    session, adopted = voted_session(world)
    assert adopted.symbol == "12/NQ-HĐND"
    lines = texts(build(results.results_notice_document(session)))
    joined = "\n".join(lines)
    assert "THÔNG BÁO" in lines
    assert "Số:      /TB-HĐND" in joined
    assert "THƯỜNG TRỰC HĐND" in joined
    assert "Kết quả Kỳ họp thứ nhất, Hội đồng nhân dân tỉnh An Bình khóa XVII, nhiệm kỳ 2026 - 2031" in joined
    assert "Thời gian: từ ngày 08/12/2026 đến ngày 10/12/2026." in lines
    assert (
        "Tổng số đại biểu Hội đồng nhân dân tỉnh An Bình khóa XVII: 5. "
        "Có mặt: 4; vắng có lý do: 1; vắng không có lý do: 0."
    ) in lines
    assert (
        "1 | Dự thảo nghị quyết về dự toán ngân sách năm 2027 | 4/5 đại biểu tán thành (80,00%); "
        "không tán thành 0, phân vân 0, không biểu quyết 0 | Thông qua"
    ) in lines
    assert (
        "2 | Dự thảo nghị quyết về bảng giá đất | 2/5 đại biểu tán thành (40,00%); "
        "không tán thành 1, phân vân 1, không biểu quyết 0 | Không thông qua"
    ) in lines
    assert "Báo cáo kinh tế - xã hội" not in joined  # not voted
    assert "Kỳ họp đã thông qua 1 nghị quyết:" in lines
    assert "1. Nghị quyết số 12/NQ-HĐND ngày 10/12/2026 Dự toán ngân sách năm 2027." in lines
    assert "Kỳ họp đã bầu bổ sung Ủy viên UBND tỉnh." in lines
    assert "Thường trực Hội đồng nhân dân tỉnh An Bình trân trọng thông báo./." in lines


def test_a_session_without_votes_says_so(world: World) -> None:
    session = held(world.province, count=2)
    document = results.results_notice_document(session)
    assert "(Chưa ghi kết quả biểu quyết.)" in document.body
    assert "(Chưa có nghị quyết được thông qua và cấp số.)" in document.body
    assert (document.symbol, document.number, document.kind) == ("TB-HĐND", "", "THÔNG BÁO")


def test_the_work_page_links_the_notice_and_the_downloads_follow_the_scope(client: Any, world: World) -> None:
    session, _ = voted_session(world)
    client.force_login(world.user("delegate"))
    work = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    docx_url = reverse("sittings:conduct_results_docx", args=[session.pk])
    pdf_url = reverse("sittings:conduct_results_pdf", args=[session.pk])
    assert docx_url in work
    assert pdf_url in work
    response = client.get(docx_url)
    assert response.status_code == 200
    assert "Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3" in response["Content-Disposition"]
    assert "Nghị quyết số 12/NQ-HĐND" in "\n".join(texts(response.content))
    pdf = client.get(pdf_url)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    client.force_login(world.user("office_staff"))
    minutes_page = client.get(reverse("sittings:conduct_minutes", args=[session.pk])).content.decode()
    assert docx_url in minutes_page
    client.force_login(make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province))
    assert client.get(docx_url).status_code == 404
