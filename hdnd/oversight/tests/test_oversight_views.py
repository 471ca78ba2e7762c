"""The oversight pages: every page renders, steps post through the actions, refused input answers 422
with the Vietnamese message, and lists keep a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd.core.models import AuditEntry
from hdnd.oversight import actions
from hdnd.oversight.models import Supervision
from hdnd.oversight.tests import support

pytestmark = pytest.mark.django_db


def staff(world: Any) -> Client:
    client = Client()
    client.force_login(world.user("office_staff"))
    return client


def test_every_page_of_a_concluded_supervision_renders(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 6, 30))
    supervision = item.supervision
    assert supervision is not None
    topic = support.topic(world.province)
    session = support.explanation(world.province)
    client = staff(world)
    council = world.province.pk
    urls = [
        reverse("oversight:home", args=[council]),
        reverse("oversight:suggestions", args=[council]),
        reverse("oversight:supervision_list", args=[council]),
        reverse("oversight:supervision_add", args=[council]),
        reverse("oversight:programme_add", args=[council]),
        reverse("oversight:recommendation_list", args=[council]),
        reverse("oversight:commitment_list", args=[council]),
        reverse("oversight:topic_list", args=[council]),
        reverse("oversight:topic_add", args=[council]),
        reverse("oversight:slip_list", args=[council]),
        reverse("oversight:slip_add", args=[council]),
        reverse("oversight:explanation_list", args=[council]),
        reverse("oversight:explanation_add", args=[council]),
        supervision.get_absolute_url(),
        item.get_absolute_url(),
        topic.get_absolute_url(),
        session.get_absolute_url(),
        reverse("oversight:chain", args=["recommendation", item.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_team_step_numbers_the_decision_and_writes_one_history_row(world: Any, rules: Any) -> None:
    supervision = support.planned(world.province)
    head = support.person(world.province, "Trần Thị Trưởng Đoàn")
    url = reverse("oversight:supervision_step", args=[supervision.pk, "doan"])
    response = staff(world).post(url, {"on": "20/02/2026", "head": head.pk})
    assert response.status_code == 302
    supervision.refresh_from_db()
    assert supervision.decision_symbol == "01/QĐ-BKTNS"
    assert AuditEntry.objects.filter(action="oversight.establish_team").count() == 1


def test_a_refused_step_re_renders_the_page_with_422_and_the_message(world: Any, rules: Any) -> None:
    supervision = support.established(world.province)
    url = reverse("oversight:supervision_step", args=[supervision.pk, "ke-hoach"])
    agency = support.agency(world.province)
    response = staff(world).post(
        url, {"on": "02/03/2026", "agencies": [agency.pk], "report_due_on": "01/03/2026"}
    )
    assert response.status_code == 422
    assert "Hạn gửi báo cáo phải sau ngày gửi kế hoạch." in response.content.decode()
    supervision.refresh_from_db()
    assert supervision.status == Supervision.Status.ESTABLISHED


def test_a_folded_step_draws_its_form_only_when_opened(world: Any, rules: Any) -> None:
    """The page draws a link for each folded step, not its form. Opening one fetches its fields (htmx);
    without script its link opens the page with that step unfolded, where it is posted as before."""
    supervision = support.in_fieldwork(world.province)
    client = staff(world)
    findings = reverse("oversight:supervision_step", args=[supervision.pk, "phat-hien"])
    page = client.get(supervision.get_absolute_url()).content.decode()
    assert f'hx-get="{findings}"' in page
    assert 'name="text"' not in page
    fields = client.get(findings, headers={"HX-Request": "true"})
    assert fields.status_code == 200
    assert 'name="text"' in fields.content.decode()
    assert "<html" not in fields.content.decode()
    unfolded = client.get(findings)
    assert unfolded.status_code == 200
    assert 'name="text"' in unfolded.content.decode()
    assert f'hx-get="{findings}"' not in unfolded.content.decode()
    assert client.post(findings, {"text": "Chậm giải phóng mặt bằng"}).status_code == 302
    assert supervision.findings.get().text == "Chậm giải phóng mặt bằng"


def test_a_malformed_date_is_refused_in_vietnamese(world: Any, rules: Any) -> None:
    supervision = support.in_fieldwork(world.province)
    url = reverse("oversight:supervision_step", args=[supervision.pk, "ket-thuc"])
    response = staff(world).post(url, {"on": "31/02/2026"})
    assert response.status_code == 422
    assert "Nhập ngày theo dạng" in response.content.decode() or "hợp lệ" in response.content.decode()


def test_an_unknown_step_is_404(world: Any, rules: Any) -> None:
    supervision = support.planned(world.province)
    response = staff(world).post(reverse("oversight:supervision_step", args=[supervision.pk, "khong-co"]))
    assert response.status_code == 404


def test_the_overdue_recommendation_page_offers_re_supervision_in_one_step(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 6, 30))
    client = staff(world)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Tái giám sát" in page
    response = client.post(reverse("oversight:recommendation_resupervise", args=[item.pk]))
    created = Supervision.objects.get(kind=Supervision.Kind.RESUPERVISION)
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.rechecks == item.supervision
    assert "Thời hạn: 30/06/2026" in created.history_note


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name",
    [
        "supervision_list",
        "recommendation_list",
        "commitment_list",
        "topic_list",
        "slip_list",
        "explanation_list",
        "home",
    ],
)
def test_lists_keep_the_same_number_of_queries_as_rows_grow(world: Any, rules: Any, name: str) -> None:
    support.rules()
    client = staff(world)
    url = reverse(f"oversight:{name}", args=[world.province.pk])
    support.recommendation(world.province)
    topic = support.topic(world.province)
    actions.add_commitment(
        topic,
        by=None,
        official="Giám đốc Sở",
        agency=support.agency(world.province),
        content="Khơi thông cống",
        on=date(2026, 6, 1),
        due_on=date(2026, 9, 1),
    )
    support.explanation(world.province)
    _count(client, url)  # the first request fills the caches (content types, the session)
    first = _count(client, url)
    for _ in range(3):
        support.recommendation(world.province)
        topic = support.topic(world.province)
        actions.add_commitment(
            topic,
            by=None,
            official="Giám đốc Sở",
            agency=support.agency(world.province),
            content="Khơi thông cống",
            on=date(2026, 6, 1),
            due_on=date(2026, 9, 1),
        )
        support.explanation(world.province)
    assert _count(client, url) == first
