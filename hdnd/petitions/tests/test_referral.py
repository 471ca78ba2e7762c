"""Referral between councils: up when beyond competence, down to a commune, and the answer coming back."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World, build_world
from hdnd.core.models import AuditEntry
from hdnd.petitions import referral
from hdnd.petitions.actions.classify import classify_issue
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.referral import refer_cycle_up, refer_issue
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Competence, Outcome, Petition, PetitionIssue
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def commune_issue(world: World, competence: str = Competence.PROVINCE) -> PetitionIssue:
    """The commune's confirmed road issue, classified as beyond its competence."""
    issue = support.confirmed_issue(world.commune)
    return classify_issue(issue, by=None, field=None, competence=competence, agency=None)


def as_commune_clerk(client: Client, world: World) -> Client:
    client.force_login(world.user("commune_staff"))
    return client


def test_a_commune_refers_an_issue_up_and_the_province_receives_a_petition(
    client: Client, world: World
) -> None:
    issue = commune_issue(world)
    province_cycle = support.cycle(world.province, name="Sau kỳ họp thứ 11")
    url = reverse("petitions:intake_refer", args=[issue.pk])
    response = as_commune_clerk(client, world).post(
        url, {"to_council": world.province.pk, "note": "Công văn số 12/HĐND"}
    )
    assert response.status_code == 302
    received = Petition.objects.get(council=world.province)
    assert received.source == Petition.Source.LOWER_COUNCIL
    assert received.from_council == world.commune
    assert received.origin_issue == issue
    assert received.cycle == province_cycle
    assert received.text == issue.title
    assert received.meeting is None
    assert (received.voter_place, received.delegate, received.reference) == ("", None, "")
    issue.refresh_from_db()
    assert issue.referred_to == world.province
    assert issue.referred_at is not None
    sent = AuditEntry.objects.get(action="petitions.refer_issue")
    got = AuditEntry.objects.get(action="petitions.receive_referral")
    assert (sent.council, got.council) == (world.commune, world.province)
    assert sent.note == "Công văn số 12/HĐND"


def test_the_same_issue_is_not_referred_twice_to_the_same_council(world: World) -> None:
    issue = commune_issue(world)
    support.cycle(world.province)
    refer_issue(issue, world.province, by=None)
    with pytest.raises(ValidationError, match="đã được chuyển đến HĐND tỉnh An Bình"):
        refer_issue(issue, world.province, by=None)
    assert Petition.objects.filter(council=world.province).count() == 1


def test_a_province_refers_an_issue_down_to_a_commune(world: World) -> None:
    issue = support.confirmed_issue(world.province)
    support.cycle(world.commune)
    received = refer_issue(issue, world.commune, by=world.user("office_staff"))
    assert received.council == world.commune
    assert received.source == Petition.Source.HIGHER_COUNCIL
    assert received.from_council == world.province
    assert received.origin_issue == issue


@pytest.mark.parametrize("target", ["other_commune", "other_province", "other_province_commune"])
def test_sideways_and_other_province_referrals_are_refused(world: World, target: str) -> None:
    issue = commune_issue(world)
    other = getattr(world, target)
    support.cycle(other)
    with pytest.raises(ValidationError, match="Chỉ chuyển lên HĐND cấp trên trực tiếp"):
        refer_issue(issue, other, by=None)
    assert not Petition.objects.filter(origin_issue=issue).exists()


def test_a_target_without_a_cycle_is_refused_clearly(world: World) -> None:
    issue = commune_issue(world)
    with pytest.raises(ValidationError) as refused:
        refer_issue(issue, world.province, by=None)
    assert refused.value.messages == ["HĐND tỉnh An Bình chưa có đợt tiếp xúc cử tri nào để nhận kiến nghị."]
    issue.refresh_from_db()
    assert issue.referred_to is None


def test_a_draft_issue_is_not_referred(world: World) -> None:
    road, _ = support.two_draft_issues(world.commune)
    support.cycle(world.province)
    with pytest.raises(ValidationError, match="Xác nhận kiến nghị rồi mới chuyển"):
        refer_issue(road, world.province, by=None)


def test_the_page_refuses_a_council_outside_the_list_with_422(client: Client, world: World) -> None:
    issue = commune_issue(world)
    url = reverse("petitions:intake_refer", args=[issue.pk])
    response = as_commune_clerk(client, world).post(
        url, {"to_council": world.other_commune.pk, "note": "Ghi chú giữ lại"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Chọn HĐND trong danh sách." in page
    assert "Ghi chú giữ lại" in page
    assert not Petition.objects.filter(origin_issue=issue).exists()


def test_commune_staff_cannot_refer_another_councils_issue(client: Client, world: World) -> None:
    other = support.confirmed_issue(world.other_commune)
    province_issue = support.confirmed_issue(world.province)
    as_commune_clerk(client, world)
    for issue in (other, province_issue):
        url = reverse("petitions:intake_refer", args=[issue.pk])
        assert client.post(url, {"to_council": world.province.pk}).status_code == 404
        api = reverse("api:intake_refer_issue", args=[issue.pk])
        body = json.dumps({"to_council_id": world.province.pk})
        assert client.post(api, body, content_type="application/json").status_code == 404
    assert not Petition.objects.filter(origin_issue__isnull=False).exists()


def test_the_answer_comes_back_to_the_source_council(client: Client, world: World) -> None:
    issue = commune_issue(world)
    province_cycle = support.cycle(world.province, name="Sau kỳ họp thứ 11")
    refer_issue(issue, world.province, by=None)
    assert referral.referral_results(issue)[0].issue is None  # not yet synthesised
    (held,) = synthesize_cycle(world.province, province_cycle, by=None)
    confirm_issue(held, by=None)
    from hdnd.core.actions import seed_rules

    seed_rules()
    (sent,) = forward_issue(held, [support.agency(world.province)], by=None)
    record_answer(
        sent,
        by=world.user("office_staff"),
        outcome=Outcome.RESOLVED,
        text="Tỉnh đã bố trí vốn sửa tuyến đường trong năm 2027.",
    )
    (result,) = referral.referral_results(issue)
    assert result.council == world.province
    assert result.issue == held
    assert [answer.text for answer in result.answers] == [
        "Tỉnh đã bố trí vốn sửa tuyến đường trong năm 2027."
    ]
    # The commune's clerk sees it on the commune's issue page, though the province is outside their scope.
    page = as_commune_clerk(client, world).get(issue.get_absolute_url()).content.decode()
    assert "Tỉnh đã bố trí vốn sửa tuyến đường trong năm 2027." in page
    assert "HĐND tỉnh An Bình" in page
    assert held.get_absolute_url() not in page  # no link into a council they cannot open
    api = client.get(reverse("api:intake_issue_referrals", args=[issue.pk])).json()
    assert api[0]["issue_id"] == held.pk
    assert api[0]["answers"][0]["outcome"] == Outcome.RESOLVED
    # The province's staff see where the petition came from, with a link to the commune's issue.
    client.force_login(world.user("office_staff"))
    province_page = client.get(held.get_absolute_url()).content.decode()
    assert "HĐND xã Đông Hòa" in province_page
    assert issue.get_absolute_url() in province_page


def test_a_commune_sends_its_provincial_issues_up_in_one_action(client: Client, world: World) -> None:
    at = support.meeting(world.commune)
    for text in (support.ROAD, support.LIGHTS, support.LAND):
        support.petition(at, text)
    issues = synthesize_cycle(world.commune, at.cycle, by=None)
    levels = [Competence.PROVINCE, Competence.COMMUNE, Competence.CENTRAL]
    for issue, level in zip(issues, levels, strict=True):
        confirm_issue(issue, by=None)
        classify_issue(issue, by=None, field=None, competence=level, agency=None)
    support.petition(support.meeting(world.province))  # the province's own petitions do not get in the way
    url = reverse("petitions:intake_refer_up", args=[at.cycle_id])
    as_commune_clerk(client, world).post(url)
    received = Petition.objects.filter(council=world.province, origin_issue__isnull=False).order_by("pk")
    assert [p.origin_issue_id for p in received] == [issues[0].pk, issues[2].pk]
    assert refer_cycle_up(at.cycle, by=None) == 0  # running it again sends nothing more
    assert AuditEntry.objects.filter(action="petitions.refer_cycle_up").count() == 1


def test_a_province_cannot_send_a_cycle_up(world: World) -> None:
    cycle = support.cycle(world.province)
    with pytest.raises(ValidationError, match="Chỉ HĐND cấp xã"):
        refer_cycle_up(cycle, by=None)


def test_the_api_refers_an_issue_and_refuses_a_second_time(client: Client, world: World) -> None:
    issue = commune_issue(world)
    support.cycle(world.province)
    url = reverse("api:intake_refer_issue", args=[issue.pk])
    body = json.dumps({"to_council_id": world.province.pk, "note": "Vượt thẩm quyền"})
    as_commune_clerk(client, world)
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201
    assert first.json()["source"] == Petition.Source.LOWER_COUNCIL
    assert first.json()["origin_issue_id"] == issue.pk
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 422
    assert "đã được chuyển đến HĐND tỉnh An Bình" in again.json()["detail"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_referring_at_once_make_one_petition(transactional_db: None) -> None:
    world = build_world()
    issue = commune_issue(world)
    support.cycle(world.province)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def refer() -> None:
        try:
            barrier.wait()
            refer_issue(issue, world.province, by=None)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=refer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [
        f"Kiến nghị “{issue.title}” đã được chuyển đến HĐND tỉnh An Bình.",
        "ok",
    ]
    assert Petition.objects.filter(origin_issue=issue).count() == 1
