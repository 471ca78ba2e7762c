"""A passed vote on a draft-resolution item adopts and numbers its draft (Dự thảo → Đã thông qua); a
failed one leaves it a draft; the vote that adopted a resolution is not removed or turned into a failure."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.resolutions import actions as resolutions
from hdnd.resolutions.models import Resolution
from hdnd.sittings import voting
from hdnd.sittings.models import Session, SessionAgendaItem, SessionVote
from hdnd.sittings.tests.matrix_conduct import held, item, present_all

pytestmark = pytest.mark.django_db


def on_the_agenda(world: World, session: Session) -> tuple[SessionAgendaItem, Resolution]:
    draft = resolutions.draft_resolution(world.province, by=None, title="Dự toán ngân sách năm 2027")
    return item(world.province, session, resolution=draft), draft


def test_a_passed_vote_on_the_page_adopts_and_numbers_its_draft(client: Client, world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda, draft = on_the_agenda(world, session)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_vote", args=[agenda.pk])
    counts = {"method": "show_of_hands", "votes_for": 2, "votes_against": 1, "abstentions": 0}
    posted = client.post(url, counts)
    assert posted.status_code == 302
    draft.refresh_from_db()
    # Session 08–10/12/2026; the vote is dated within it.
    assert (draft.status, draft.symbol, draft.session_id) == ("adopted", "01/NQ-HĐND", session.pk)
    assert draft.adopted_on is not None
    assert session.opens_on <= draft.adopted_on <= session.closes_on
    adoptions = AuditEntry.objects.filter(action="resolutions.adopt_resolution", object_id=str(draft.pk))
    assert adoptions.count() == 1
    page = client.get(reverse("resolutions:resolution_detail", args=[draft.pk])).content.decode()
    assert "Đã thông qua" in page


def test_a_failed_vote_leaves_the_draft_a_draft(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda, draft = on_the_agenda(world, session)
    voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=1, votes_against=2)
    draft.refresh_from_db()
    assert (draft.status, draft.number) == ("draft", None)
    # Recorded again as passed (a counting error), it adopts the draft then.
    vote = SessionVote.objects.get(item=agenda)
    voting.correct_vote(vote, by=None, method="show_of_hands", votes_for=3)
    draft.refresh_from_db()
    assert draft.status == "adopted"


def test_the_vote_that_adopted_a_resolution_is_not_undone(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda, draft = on_the_agenda(world, session)
    vote = voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=3)
    refusal = "Nghị quyết 01/NQ-HĐND đã được thông qua theo biểu quyết này"
    with pytest.raises(ValidationError, match=refusal):
        voting.remove_vote(vote, by=None)
    with pytest.raises(ValidationError, match=refusal):
        voting.correct_vote(vote, by=None, method="show_of_hands", votes_for=1)
    assert SessionVote.objects.get(item=agenda).votes_for == 3
    # A correction that still passes keeps the resolution as it is.
    voting.correct_vote(vote, by=None, method="show_of_hands", votes_for=2)
    draft.refresh_from_db()
    assert (draft.status, draft.symbol) == ("adopted", "01/NQ-HĐND")
