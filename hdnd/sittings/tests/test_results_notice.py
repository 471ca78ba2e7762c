"""The results notice (Thông báo kết quả kỳ họp): issued once the session has closed, numbered from the
council's one TB-HĐND series of the year, printed with its number; the page step and the API."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.documents import build
from hdnd.core.models import AuditEntry
from hdnd.sittings import actions, results
from hdnd.sittings.tests import support
from hdnd.sittings.tests.test_documents import texts

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_it_is_issued_after_closing_and_takes_the_next_notice_number(world: World) -> None:
    session = support.in_progress(world.province)
    session = actions.issue_notice(session, by=None, issued_on=date(2026, 11, 20))
    with pytest.raises(ValidationError, match="đã bế mạc"):
        results.issue_results_notice(session, by=None, issued_on=date(2026, 12, 11))
    session = actions.close_session(session, by=None)
    with pytest.raises(ValidationError) as early:
        results.issue_results_notice(session, by=None, issued_on=date(2026, 12, 9))
    assert "trước ngày bế mạc" in early.value.message_dict["issued_on"][0]

    draft = texts(build(results.results_notice_document(session)))
    assert "Số:      /TB-HĐND" in draft
    session = results.issue_results_notice(session, by=None, issued_on=date(2026, 12, 11))
    assert (session.results_symbol, session.results_on) == ("02/TB-HĐND", date(2026, 12, 11))
    issued = texts(build(results.results_notice_document(session)))
    assert "Số: 02/TB-HĐND" in issued
    assert "An Bình, ngày 11 tháng 12 năm 2026" in issued
    assert AuditEntry.objects.filter(action="sittings.issue_results_notice").count() == 1
    with pytest.raises(ValidationError, match="đã ban hành, số 02/TB-HĐND"):
        results.issue_results_notice(session, by=None, issued_on=date(2026, 12, 12))


def test_a_typed_number_already_given_to_a_session_notice_is_refused(world: World) -> None:
    first = actions.issue_notice(support.convened(world.province), by=None, issued_on=date(2026, 11, 20))
    other = support.session(world.province, opens_on=date(2026, 12, 14), number=2)
    other = actions.convene_session(other, by=None, convened_on=date(2026, 11, 20))
    other = actions.close_session(actions.open_session(other, by=None), by=None)
    with pytest.raises(ValidationError) as taken:
        results.issue_results_notice(other, by=None, issued_on=date(2026, 12, 17), number=first.notice_number)
    assert "đã được dùng" in taken.value.message_dict["number"][0]
    other.refresh_from_db()
    assert other.results_number is None


def test_staff_issue_it_on_the_session_page_and_delegates_cannot(client: Client, world: World) -> None:
    session = support.closed(world.province)
    url = reverse("sittings:session_results_issue", args=[session.pk])
    client.force_login(world.user("delegate"))
    assert "Ban hành thông báo kết quả" not in client.get(session.get_absolute_url()).content.decode()
    assert client.post(url, {"day": "11/12/2026"}).status_code == 403
    client.force_login(world.user("office_staff"))
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Ban hành thông báo kết quả" in page
    bad = client.post(url, {"day": "31/02/2026", "number": "9"})
    session.refresh_from_db()
    assert session.results_number is None
    # The session page again (422), the message above the form and both typed values in it.
    assert bad.status_code == 422
    assert "ngày/tháng/năm" in bad.content.decode()
    assert 'value="31/02/2026"' in bad.content.decode()
    assert 'id="results-number-input" min="1" value="9"' in bad.content.decode()
    client.post(url, {"day": "11/12/2026", "number": "9"})
    session.refresh_from_db()
    assert session.results_symbol == "09/TB-HĐND"
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Số 09/TB-HĐND ngày 11/12/2026" in page
    assert "Ban hành thông báo kết quả" not in page


def test_the_api_reads_and_issues_it(client: Client, world: World) -> None:
    session = support.in_progress(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("api:session_results_issue", args=[session.pk])
    refused = client.post(url, json.dumps({"issued_on": "2026-12-11"}), content_type=JSON)
    assert refused.status_code == 422
    assert "đã bế mạc" in refused.json()["detail"]
    actions.close_session(session, by=None)
    made = client.post(url, json.dumps({"issued_on": "2026-12-11"}), content_type=JSON)
    assert made.status_code == 200, made.content
    assert (made.json()["number_symbol"], made.json()["issued"]) == ("01/TB-HĐND", True)
    detail = client.get(reverse("api:session_detail", args=[session.pk])).json()
    assert (detail["results_symbol"], detail["results_on"]) == ("01/TB-HĐND", "2026-12-11")
    docx = client.get(made.json()["docx_url"])
    assert docx.status_code == 200
