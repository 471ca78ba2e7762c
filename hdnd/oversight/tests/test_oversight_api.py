"""The oversight API: the same actions as the pages, refusals as 422 in Vietnamese, scope as 404."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.test import Client

from hdnd.oversight import actions
from hdnd.oversight.tests import support

pytestmark = pytest.mark.django_db


def client_for(world: Any, user: str = "office_staff") -> Client:
    client = Client()
    client.force_login(world.user(user))
    return client


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_a_supervision_without_body_or_delegate_is_refused_with_the_message(world: Any, rules: Any) -> None:
    response = post(
        client_for(world),
        f"/api/v1/councils/{world.province.pk}/supervisions/",
        {"kind": "thematic", "title": "Đất công"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "body": ["Chọn cơ quan giám sát hoặc đại biểu giám sát (một trong hai)."]
    }


def test_a_date_out_of_range_is_refused_at_the_boundary(world: Any, rules: Any) -> None:
    supervision = support.planned(world.province)
    response = post(client_for(world), f"/api/v1/supervisions/{supervision.pk}/finish/", {"on": "1800-01-01"})
    assert response.status_code == 422


def test_the_rate_answers_only_what_is_due(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 6, 30))
    actions.report_progress(item, by=None, on=date(2026, 6, 1), status="done")
    support.recommendation(world.province, supervision=item.supervision, due_on=date(2026, 12, 31))
    response = client_for(world).get(
        f"/api/v1/councils/{world.province.pk}/recommendations/rate/?on=2026-09-01"
    )
    assert response.json() == {
        "due": 1,
        "done": 1,
        "partly_done": 0,
        "overdue": 0,
        "not_due": 1,
        "excluded": 0,
        "percent": 100,
    }


def test_the_chain_of_another_province_is_404(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.other_province)
    response = client_for(world).get(f"/api/v1/oversight/chain/recommendation/{item.pk}/")
    assert response.status_code == 404


def test_the_chain_runs_from_petition_issue_to_the_commitment(world: Any, rules: Any) -> None:
    from hdnd.petitions.tests import support as petitions

    support.rules()
    issue = petitions.confirmed_issue(world.province)
    supervision = actions.create_supervision(
        world.province,
        by=None,
        kind="thematic",
        title="Ngập úng",
        body=support.body(world.province),
        issues=[issue],
    )
    supervision = actions.send_plan(
        supervision,
        by=None,
        on=date(2026, 3, 2),
        agencies=[support.agency(world.province)],
        report_due_on=date(2026, 3, 20),
    )
    finding = actions.add_finding(supervision, by=None, text="Hệ thống thoát nước quá tải", issue=issue)
    item = actions.add_recommendation(
        world.province,
        by=None,
        agency=support.agency(world.province),
        content="Cải tạo cống",
        on=date(2026, 5, 1),
        due_on=date(2026, 6, 30),
        supervision=supervision,
        finding=finding,
    )
    topic = actions.start_requestioning(item, by=None, on=date(2026, 7, 10))
    actions.add_commitment(
        topic,
        by=None,
        official="Giám đốc Sở",
        agency=support.agency(world.province),
        content="Xong trước mùa mưa",
        on=date(2026, 7, 20),
        due_on=date(2027, 4, 30),
    )
    # Start from the commitment: the whole thread back to the voters' petitions is there.
    commitment = topic.commitments.get()
    body = client_for(world).get(f"/api/v1/oversight/chain/commitment/{commitment.pk}/").json()
    found = {stage: len(links) for stage, links in body["stages"].items() if links}
    assert found == {
        "petition": 1,
        "issue": 1,
        "supervision": 1,
        "finding": 1,
        "recommendation": 1,
        "question": 1,
        "commitment": 1,
    }
    assert body["all_done"] is False
