"""An agency's responder reads their agency's work only (DESIGN §2): not the cycles, the voters'
petitions, the synthesis report, the search, nor the issues forwarded to other agencies."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.actions import seed_rules
from hdnd.councils.models import Agency, AgencyKind
from hdnd.petitions.actions.forwarding import forward_issue
from hdnd.petitions.actions.synthesis import confirm_issue
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def responder(client: Client, world: World) -> Any:
    seed_rules()
    user = world.user("agency_responder")
    client.force_login(user)
    return user


def other_agency(world: World) -> Agency:
    return Agency.objects.create(
        council=world.province, name="Sở Y tế tỉnh An Bình", kind=AgencyKind.DEPARTMENT
    )


def test_a_responder_reads_an_issue_forwarded_to_their_agency_with_their_forwarding_only(
    client: Client, world: World, responder: Any
) -> None:
    issue = support.confirmed_issue(world.province)
    forward_issue(issue, [support.agency(world.province), other_agency(world)], by=None)

    page = client.get(issue.get_absolute_url())

    assert page.status_code == 200
    assert "Sở Xây dựng tỉnh An Bình" in page.text
    assert "Sở Y tế tỉnh An Bình" not in page.text  # another agency's forwarding and answer stay hidden
    assert "Bước tiếp theo" not in page.text  # the office's task list is not theirs


def test_an_issue_forwarded_only_to_another_agency_is_404_for_a_responder(
    client: Client, world: World, responder: Any
) -> None:
    road, lights = support.two_draft_issues(world.province)
    issue = confirm_issue(road, by=None)
    unforwarded = confirm_issue(lights, by=None)
    forward_issue(issue, [other_agency(world)], by=None)
    assert client.get(issue.get_absolute_url()).status_code == 404
    assert client.get(unforwarded.get_absolute_url()).status_code == 404
    api = client.get(reverse("api:list_issue_forwardings", kwargs={"issue_id": issue.pk}))
    assert api.status_code == 404


def test_a_responder_gets_403_on_cycles_search_and_the_synthesis_report(
    client: Client, world: World, responder: Any
) -> None:
    at = support.meeting(world.province)
    support.petition(at)
    council, cycle = world.province.pk, at.cycle_id
    pages = [
        reverse("petitions:cycle_list", args=[council]),
        reverse("petitions:cycle_detail", args=[cycle]),
        reverse("petitions:meeting_detail", args=[at.pk]),
        reverse("petitions:synthesis", args=[cycle]),
        reverse("petitions:reports_synthesis_docx", args=[cycle]),
        reverse("petitions:reports_statistics", args=[council]),
        reverse("petitions:petition_search", args=[council]) + "?q=duong",
        reverse("api:search_petitions", kwargs={"council_id": council}) + "?q=duong",
        reverse("api:list_cycles", kwargs={"council_id": council}),
    ]
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 403)


def test_the_agency_inbox_still_opens_for_its_responder(client: Client, world: World, responder: Any) -> None:
    made = support.forwarded(world.province)
    inbox = client.get(reverse("petitions:agency_inbox", args=[made.agency_id]))
    assert inbox.status_code == 200
    assert made.issue.title in inbox.text
