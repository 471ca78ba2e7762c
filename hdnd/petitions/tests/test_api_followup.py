"""Forwarding, answers, ratings and follow-up over the API: the pages' actions, the pages' scope."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import World
from hdnd.petitions.models import Answer, Forwarding, PetitionIssue, SynthesisRun
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
API = "/api/v1"


def post(client: Client, url: str, data: Any = None) -> Any:
    return client.post(f"{API}{url}", data=json.dumps(data or {}), content_type="application/json")


def as_user(client: Client, world: World, name: str) -> Client:
    client.force_login(world.user(name))
    return client


def test_forward_answer_rate_and_reforward_through_the_api(client: Client, world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    agency = support.agency(world.province)
    as_user(client, world, "office_staff")
    response = post(
        client, f"/issues/{issue.pk}/forwardings/", {"agencies": [agency.pk], "letter_number": "45/HĐND-VP"}
    )
    assert response.status_code == 201, response.text
    (made,) = response.json()
    assert (made["agency_id"], made["status"], made["answers"]) == (agency.pk, "sent", [])
    assert made["letter_number"] == "45/HĐND-VP"
    number_url = f"{API}/forwardings/{made['id']}/letter-number/"
    nfd = unicodedata.normalize("NFD", "46/HĐND-VP ngày 3/12")
    corrected = client.put(
        number_url, data=json.dumps({"letter_number": nfd}), content_type="application/json"
    )
    assert corrected.json()["letter_number"] == unicodedata.normalize("NFC", nfd)
    too_long = client.put(
        number_url, data=json.dumps({"letter_number": "4" * 41}), content_type="application/json"
    )
    assert too_long.status_code == 422
    assert "letter_number" in too_long.json()["errors"]
    assert Forwarding.objects.get().letter_number == unicodedata.normalize("NFC", nfd)

    as_user(client, world, "agency_responder")
    assert post(client, f"/forwardings/{made['id']}/acknowledge/").json()["status"] == "acknowledged"
    text = unicodedata.normalize("NFD", "Đang lập dự án, dự kiến khởi công quý II/2027.")
    missing_date = post(
        client, f"/forwardings/{made['id']}/answers/", {"outcome": "dang_giai_quyet", "text": text}
    )
    assert missing_date.status_code == 422
    assert "target_date" in missing_date.json()["errors"]
    answered = post(
        client,
        f"/forwardings/{made['id']}/answers/",
        {"outcome": "dang_giai_quyet", "text": text, "target_date": "2027-06-30"},
    )
    assert answered.status_code == 201, answered.text
    assert Answer.objects.get().text == unicodedata.normalize("NFC", text)

    as_user(client, world, "delegate")
    rated = post(client, f"/answers/{answered.json()['id']}/rating/", {"rating": "partial"})
    assert rated.json()["rating"] == "partial"

    as_user(client, world, "office_staff")
    in_progress = client.get(f"{API}/councils/{world.province.pk}/in-progress/").json()
    assert [item["target_date"] for item in in_progress["items"]] == ["2027-06-30"]
    again = post(client, f"/forwardings/{made['id']}/reforward/", {"note": "Nêu rõ nguồn vốn."})
    assert again.status_code == 201, again.text
    assert again.json()["reforward_of_id"] == made["id"]
    assert again.json()["answered_on"] is None
    read = client.get(f"{API}/issues/{issue.pk}/forwardings/").json()
    first = next(item for item in read if item["id"] == made["id"])
    assert first["answered_on"] == timezone.localdate().isoformat()
    twice = post(client, f"/forwardings/{made['id']}/reforward/", {"note": "Lần nữa"})
    assert twice.status_code == 422
    assert Forwarding.objects.count() == 2


def test_a_responder_of_another_agency_gets_404_and_a_delegate_403(
    client: Client, world: World, rules: Any
) -> None:
    other_agency = support.agency(world.province, name="Sở Y tế")
    issue = support.confirmed_issue(world.province)
    as_user(client, world, "office_staff")
    made = post(client, f"/issues/{issue.pk}/forwardings/", {"agencies": [other_agency.pk]}).json()[0]
    as_user(client, world, "agency_responder")
    assert post(client, f"/forwardings/{made['id']}/acknowledge/").status_code == 404
    as_user(client, world, "delegate")
    assert post(client, f"/forwardings/{made['id']}/acknowledge/").status_code == 403


def test_forwarding_to_an_agency_of_another_council_is_refused(
    client: Client, world: World, rules: Any
) -> None:
    issue = support.confirmed_issue(world.province)
    elsewhere = support.agency(world.commune, name="Công an xã")
    response = post(
        as_user(client, world, "office_staff"),
        f"/issues/{issue.pk}/forwardings/",
        {"agencies": [elsewhere.pk]},
    )
    assert response.status_code == 422
    assert "cơ quan" in response.json()["detail"]
    assert not Forwarding.objects.exists()


def test_overdue_flag_carry_over_and_background_synthesis(client: Client, world: World) -> None:
    made = support.forwarded(world.province, on=date(2026, 1, 5))
    as_user(client, world, "office_staff")
    overdue = client.get(f"{API}/councils/{world.province.pk}/overdue/").json()
    assert [item["id"] for item in overdue["items"]] == [made.pk]
    assert overdue["items"][0]["overdue"] is True

    flagged = post(client, f"/issues/{made.issue_id}/flag/", {"flag": "supervision", "note": "Giám sát 2027"})
    assert flagged.json() == {"id": made.issue_id, "flag": "supervision", "flag_note": "Giám sát 2027"}
    wrong = post(client, f"/issues/{made.issue_id}/flag/", {"flag": "đâu"})
    assert wrong.status_code == 422

    later = support.cycle(world.province, name="Sau kỳ họp thứ 12")
    carried = post(client, f"/cycles/{made.issue.cycle_id}/carry-over/", {"target": later.pk})
    assert carried.status_code == 201, carried.text
    assert carried.json()[0]["carried_from_id"] == made.issue_id
    backwards = post(client, f"/cycles/{later.pk}/carry-over/", {"target": made.issue.cycle_id})
    assert backwards.status_code == 422

    at = support.meeting(world.province, in_cycle=later)
    support.petition(at)
    started = post(client, f"/cycles/{later.pk}/synthesis-runs/")
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "queued"
    run = SynthesisRun.objects.get()
    assert client.get(f"{API}/synthesis-runs/{run.pk}/").json()["percent"] == 0
    assert PetitionIssue.objects.filter(cycle=later).count() == 1  # the carried issue only, so far


def test_a_responder_reads_only_their_own_agencys_forwardings_of_an_issue(
    client: Client, world: World, rules: Any
) -> None:
    issue = support.confirmed_issue(world.province)
    own = support.agency(world.province)  # the cast's responder answers for this one
    other = support.agency(world.province, "Sở Giáo dục và Đào tạo")
    as_user(client, world, "office_staff")
    sent = post(client, f"/issues/{issue.pk}/forwardings/", {"agencies": [own.pk, other.pk]})
    assert sent.status_code == 201
    staff_sees = client.get(f"{API}/issues/{issue.pk}/forwardings/").json()
    assert sorted(f["agency_id"] for f in staff_sees) == sorted([own.pk, other.pk])
    as_user(client, world, "agency_responder")
    responder_sees = client.get(f"{API}/issues/{issue.pk}/forwardings/").json()
    assert [f["agency_id"] for f in responder_sees] == [own.pk]
