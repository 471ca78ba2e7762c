"""The numbers on the session page and in the documents; issuing the notice on the page and over the API
(403 without the right, 404 outside the scope, 422 in Vietnamese); the documents' downloads over the API."""

from __future__ import annotations

import json
from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.documents import build
from hdnd.sittings import actions, documents
from hdnd.sittings.tests import support
from hdnd.sittings.tests.test_documents import texts

pytestmark = pytest.mark.django_db
JSON = "application/json"


# Documents -------------------------------------------------------------------------------------------


def test_the_notice_is_a_dated_draft_until_issued_then_prints_its_number(world: World) -> None:
    session = support.convened(world.province)
    with time_machine.travel(date(2026, 11, 18), tick=False):
        draft = texts(build(documents.session_notice(session)))
    assert "Số:      /TB-HĐND" in draft
    assert "An Bình, ngày 18 tháng 11 năm 2026" in draft
    assert any(
        line.startswith("Thực hiện Quyết định số 01/QĐ-HĐND ngày 16/11/2026 của Thường trực")
        for line in draft
    )
    assert documents.filename(session, "thong-bao", "pdf") == "Thông báo kỳ họp thứ nhất (dự thảo).pdf"
    session = actions.issue_notice(session, by=None, issued_on=date(2026, 11, 20), number=5)
    issued = texts(build(documents.session_notice(session)))
    assert "Số: 05/TB-HĐND" in issued
    assert "An Bình, ngày 20 tháng 11 năm 2026" in issued
    assert documents.filename(session, "thong-bao", "docx") == "Thông báo kỳ họp thứ nhất 05-TB-HĐND.docx"
    assert documents.filename(session, "trieu-tap", "docx") == (
        "Quyết định triệu tập kỳ họp thứ nhất 01-QĐ-HĐND.docx"
    )


def test_a_planned_session_has_a_blank_decision_number(world: World) -> None:
    session = support.session(world.province)
    assert "Số:      /QĐ-HĐND" in texts(build(documents.convening_decision(session)))


# The session page ------------------------------------------------------------------------------------


def test_the_page_links_the_documents_that_make_sense_and_shows_the_numbers(
    client: Client, world: World
) -> None:
    session = support.session(world.province)
    client.force_login(world.user("delegate"))
    page = client.get(session.get_absolute_url()).content.decode()
    assert reverse("sittings:conduct_work", args=[session.pk]) in page
    assert reverse("sittings:session_convening_docx", args=[session.pk]) not in page  # not convened yet
    assert reverse("sittings:conduct_minutes_pdf", args=[session.pk]) not in page
    assert reverse("sittings:session_notice_issue", args=[session.pk]) not in page
    session = actions.convene_session(session, by=None, convened_on=date(2026, 11, 16))
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Số 01/QĐ-HĐND ngày 16/11/2026" in page
    assert "Chưa ban hành (dự thảo, chưa có số)" in page
    for name in ("convening_docx", "convening_pdf", "notice_docx", "notice_pdf"):
        assert reverse(f"sittings:session_{name}", args=[session.pk]) in page
    assert reverse("sittings:conduct_minutes_docx", args=[session.pk]) not in page
    assert reverse("sittings:session_notice_issue", args=[session.pk]) not in page  # a delegate: no steps
    session = actions.open_session(session, by=None)
    page = client.get(session.get_absolute_url()).content.decode()
    assert reverse("sittings:conduct_minutes_docx", args=[session.pk]) in page
    assert reverse("sittings:conduct_minutes_pdf", args=[session.pk]) in page


def test_staff_issue_the_notice_on_the_page(client: Client, world: World) -> None:
    session = support.convened(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:session_notice_issue", args=[session.pk])
    assert url in client.get(session.get_absolute_url()).content.decode()
    refused = client.post(url, {"day": "15/11/2026"}, follow=True)
    assert "Ngày thông báo không được trước ngày triệu tập." in refused.content.decode()
    bad = client.post(url, {"day": "31/11/2026"}, follow=True)
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 22/08/2026." in bad.content.decode()
    done = client.post(url, {"day": "20/11/2026", "number": ""})
    assert done["Location"] == session.get_absolute_url()
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Số 01/TB-HĐND ngày 20/11/2026" in page
    assert url not in page  # issued once
    session.refresh_from_db()
    assert session.notice_symbol == "01/TB-HĐND"
    client.force_login(world.user("delegate"))
    assert client.post(url, {"day": "20/11/2026"}).status_code == 403


# The API ---------------------------------------------------------------------------------------------


def test_the_api_issues_the_notice_and_answers_its_numbers(client: Client, world: World) -> None:
    session = support.convened(world.province)
    client.force_login(world.user("delegate"))
    decision = client.get(reverse("api:session_convening_decision", args=[session.pk])).json()
    assert (decision["number_symbol"], decision["on"], decision["issued"]) == (
        "01/QĐ-HĐND",
        "2026-11-16",
        True,
    )
    assert decision["pdf_url"] == reverse("sittings:session_convening_pdf", args=[session.pk])
    draft = client.get(reverse("api:session_notice", args=[session.pk])).json()
    assert (draft["number"], draft["number_symbol"], draft["issued"]) == (None, "", False)
    issue = reverse("api:session_notice_issue", args=[session.pk])
    payload = json.dumps({"issued_on": "2026-11-20"})
    assert client.post(issue, payload, content_type=JSON).status_code == 403
    client.force_login(world.user("office_staff"))
    early = client.post(issue, json.dumps({"issued_on": "2026-11-01"}), content_type=JSON)
    assert (early.status_code, early.json()["errors"]) == (
        422,
        {"issued_on": ["Ngày thông báo không được trước ngày triệu tập."]},
    )
    zero = client.post(issue, json.dumps({"issued_on": "2026-11-20", "number": 0}), content_type=JSON)
    assert zero.status_code == 422
    assert zero.json()["errors"] == {"number": ["Phải lớn hơn hoặc bằng 1."]}
    issued = client.post(issue, payload, content_type=JSON)
    assert issued.status_code == 200
    assert (issued.json()["number_symbol"], issued.json()["on"]) == ("01/TB-HĐND", "2026-11-20")
    again = client.post(issue, payload, content_type=JSON)
    assert (again.status_code, again.json()["detail"]) == (
        422,
        "Thông báo về kỳ họp đã ban hành, số 01/TB-HĐND.",
    )
    outside = support.convened(world.other_province)
    assert client.get(reverse("api:session_notice", args=[outside.pk])).status_code == 404
    assert (
        client.post(
            reverse("api:session_notice_issue", args=[outside.pk]), payload, content_type=JSON
        ).status_code
        == 404
    )


def test_the_api_serves_the_documents_within_the_scope(client: Client, world: World) -> None:
    session = actions.issue_notice(support.convened(world.province), by=None, issued_on=date(2026, 11, 20))
    client.force_login(world.user("delegate"))
    docx = client.get(reverse("api:session_notice_docx", args=[session.pk]))
    assert docx.status_code == 200
    assert "Số: 01/TB-HĐND" in texts(docx.content)
    decision = client.get(reverse("api:session_convening_docx", args=[session.pk]))
    assert "Số: 01/QĐ-HĐND" in texts(decision.content)
    pdf = client.get(reverse("api:session_convening_pdf", args=[session.pk]))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    stranger = make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province)
    client.force_login(stranger)
    assert client.get(reverse("api:session_notice_pdf", args=[session.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("api:session_notice_docx", args=[session.pk])).status_code == 401


def test_the_edit_page_recalls_the_numbers_issued(client: Client, world: World) -> None:
    session = actions.issue_notice(support.convened(world.province), by=None, issued_on=date(2026, 11, 20))
    client.force_login(world.user("office_staff"))
    page = client.get(reverse("sittings:session_edit", args=[session.pk])).content.decode()
    assert "Quyết định triệu tập số 01/QĐ-HĐND ngày 16/11/2026 đã ban hành" in page
    assert "thông báo số 01/TB-HĐND ngày 20/11/2026 đã gửi" in page


def test_a_decision_issued_before_the_platform_keeps_its_typed_number(client: Client, world: World) -> None:
    session = support.session(world.province)
    client.force_login(world.user("office_staff"))
    page = client.get(session.get_absolute_url()).content.decode()
    assert 'name="number"' in page
    assert "Số quyết định" in page
    url = reverse("sittings:session_convene", args=[session.pk])
    refused = client.post(url, {"day": "01/09/2026", "number": "0"})
    session.refresh_from_db()
    assert session.decision_number is None
    assert "Số văn bản phải từ 1 trở lên." in client.get(refused["Location"]).content.decode()
    client.post(url, {"day": "01/09/2026", "number": "47"})
    session.refresh_from_db()
    assert session.decision_symbol == "47/QĐ-HĐND"

    other = support.session(world.province, number=2)
    made = client.post(
        reverse("api:session_convene", args=[other.pk]), json.dumps({"day": "2026-09-02"}), content_type=JSON
    )
    assert made.status_code == 200, made.content
    assert (made.json()["decision_number"], made.json()["decision_symbol"]) == (48, "48/QĐ-HĐND")
    third = support.session(world.province, number=3)
    taken = client.post(
        reverse("api:session_convene", args=[third.pk]),
        json.dumps({"day": "2026-09-03", "number": 47}),
        content_type=JSON,
    )
    assert taken.status_code == 422
    assert "đã được dùng" in taken.json()["detail"]
