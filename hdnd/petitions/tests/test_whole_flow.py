"""The whole life of a petition through the pages, as each user does it: from the voter-contact meeting
to the answer a voter reads by the code on the minutes, without logging in."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.audit import AuditEntry, verify_chain
from hdnd.petitions.fields_seed import seed_fields
from hdnd.petitions.models import Answer, Cycle, Forwarding, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def signed_in(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_from_the_meeting_to_the_answer_voters_read(world: World, rules: Any) -> None:
    seed_fields(by=None)
    agency = support.agency(world.province)  # the department whose responder is in the cast
    staff = signed_in(world, "office_staff")

    # The office opens a cycle and records a meeting.
    staff.post(
        reverse("petitions:cycle_add", args=[world.province.pk]),
        {"name": "Trước kỳ họp thứ 13", "kind": "before_session", "year": 2026},
    )
    cycle = Cycle.objects.get(council=world.province)
    staff.post(
        reverse("petitions:meeting_add", args=[cycle.pk]),
        {
            "date": "20/11/2026",
            "place_text": "Nhà văn hóa thôn Đông",
            "kind": "in_person",
            "voter_count": "120",
        },
    )
    meeting = VoterMeeting.objects.get(cycle=cycle)

    # Petitions typed as the voters said them: the same demand twice, once without accents and in NFD.
    for text in (
        support.ROAD,
        unicodedata.normalize("NFD", support.ROAD_AGAIN),
        "De nghi lap dat he thong den chieu sang cong cong tai to dan pho 3.",
    ):
        assert (
            staff.post(reverse("petitions:petition_add", args=[meeting.pk]), {"text": text}).status_code
            == 302
        )
    assert Petition.objects.filter(meeting=meeting).count() == 3

    # Synthesis groups the two road petitions; the office confirms and accepts the suggestions.
    staff.post(reverse("petitions:synthesis", args=[cycle.pk]))
    road = PetitionIssue.objects.get(petitions__text=support.ROAD)
    assert road.petitions.count() == 2
    staff.post(reverse("petitions:issue_confirm", args=[road.pk]))
    staff.post(reverse("petitions:classify_accept", args=[road.pk]))
    road.refresh_from_db()
    assert road.field is not None
    assert "Giao thông" in road.field.name

    # The clerk settles the level and the answering agency (a road the province funds), then forwards
    # it to that department; its responder acknowledges and answers.
    settled = {"field": road.field.pk, "competence": "tinh", "agency": agency.pk}
    assert staff.post(reverse("petitions:classify_issue", args=[road.pk]), settled).status_code == 302
    staff.post(reverse("petitions:issue_forward", args=[road.pk]), {"agencies": [agency.pk]})
    sent = Forwarding.objects.get(issue=road)
    responder = signed_in(world, "agency_responder")
    inbox = responder.get(reverse("petitions:agency_inbox", args=[agency.pk]))
    assert road.title in inbox.text
    responder.post(reverse("petitions:forwarding_acknowledge", args=[sent.pk]))
    responder.post(
        reverse("petitions:forwarding_answer", args=[sent.pk]),
        {"outcome": "da_giai_quyet", "text": "Sở đã sửa xong tuyến đường liên thôn trong tháng 12/2026."},
    )
    answer = Answer.objects.get(forwarding=sent)

    # Before publication a voter with the code sees only that the answer is awaited.
    voter = Client()
    lookup = reverse("petitions:public_lookup")
    waiting = voter.get(lookup, {"ma": meeting.code})
    assert waiting.status_code == 200
    assert "sửa xong tuyến đường" not in waiting.text

    # A delegate rates it; the office publishes it.
    signed_in(world, "delegate").post(
        reverse("petitions:answer_rate", args=[answer.pk]), {"rating": "satisfactory"}
    )
    staff.post(reverse("petitions:public_issue_publish", args=[road.pk]))
    road.refresh_from_db()
    assert road.published_at is not None

    # The voter types the code from the minutes, in lower case with a dash, and reads the answer.
    code = meeting.code.lower()
    published = voter.get(lookup, {"ma": f"{code[:4]}-{code[4:]}"})
    assert published.status_code == 200
    assert "sửa xong tuyến đường liên thôn" in published.text
    assert "office_staff" not in published.text  # who entered the petitions stays private

    # Every step left its audit entry, and the chain holds.
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "petitions.create_cycle",
        "petitions.record_meeting",
        "petitions.register_petition",
        "petitions.synthesize_cycle",
        "petitions.confirm_issue",
        "petitions.accept_suggestion",
        "petitions.forward_issue",
        "petitions.acknowledge_forwarding",
        "petitions.record_answer",
        "petitions.rate_answer",
        "petitions.publish_issue",
    } <= actions
    assert list(verify_chain()) == []
