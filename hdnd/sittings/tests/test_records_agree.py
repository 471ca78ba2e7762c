"""The record allows only what the work would: a closed session's agenda and votes are not removed any
more, a planned standing meeting has no conclusion notice (a passed vote adopting its draft resolution is
tested in ``hdnd.resolutions.tests.test_adopted_by_vote``)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.sittings import actions, conduct, voting
from hdnd.sittings.models import SessionVote
from hdnd.sittings.tests.matrix_conduct import held, item, present_all
from hdnd.sittings.tests.matrix_standing import concluded, meeting

pytestmark = pytest.mark.django_db
CLOSED = "Kỳ họp đã bế mạc: chương trình và kết quả biểu quyết đã thành hồ sơ, không xóa được nữa."


def test_a_closed_session_keeps_its_votes_and_agenda(client: Client, world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    voted = item(world.province, session)
    spare = conduct.add_agenda_item(session, by=None, kind="other", title="Bầu Phó Chủ tịch")
    vote = voting.record_vote(voted, by=None, method="show_of_hands", votes_for=1)
    actions.close_session(session, by=None)
    with pytest.raises(ValidationError, match=CLOSED):
        voting.remove_vote(vote, by=None)
    with pytest.raises(ValidationError, match=CLOSED):
        conduct.remove_agenda_item(spare, by=None)
    client.force_login(world.user("office_staff"))
    work = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert reverse("sittings:conduct_vote_remove", args=[vote.pk]) not in work
    assert reverse("sittings:conduct_item_remove", args=[spare.pk]) not in work
    edit = client.get(reverse("sittings:conduct_item_edit", args=[spare.pk])).content.decode()
    assert reverse("sittings:conduct_item_remove", args=[spare.pk]) not in edit
    refused = client.post(reverse("sittings:conduct_item_remove", args=[spare.pk]))
    assert refused.status_code == 422
    assert CLOSED in refused.content.decode()
    client.post(reverse("sittings:conduct_vote_remove", args=[vote.pk]))
    api = client.delete(reverse("api:conduct_vote_delete", args=[vote.pk]))
    assert api.status_code == 422
    assert CLOSED in api.json()["detail"]
    assert SessionVote.objects.filter(pk=vote.pk).exists()
    assert session.agenda_items.count() == 2


def test_a_planned_standing_meeting_has_no_conclusion_notice(client: Client, world: World) -> None:
    planned = meeting(world.province)
    client.force_login(world.user("office_staff"))
    page = client.get(planned.get_absolute_url()).content.decode()
    assert reverse("sittings:standing_notice_docx", args=[planned.pk]) not in page
    assert reverse("sittings:standing_notice", args=[planned.pk]) not in page
    refusal = "Phiên họp chưa họp: chưa có kết luận để ra thông báo kết luận."
    for name in ("sittings:standing_notice_docx", "sittings:standing_notice_pdf", "sittings:standing_notice"):
        refused = client.get(reverse(name, args=[planned.pk]))
        assert refused.status_code == 422, name
        assert refusal in refused.content.decode()
    api = client.get(reverse("api:standing_notice_pdf", args=[planned.pk]))
    assert api.status_code == 422
    done = concluded(world.province, meets_on=date(2026, 12, 1))
    assert client.get(reverse("sittings:standing_notice_pdf", args=[done.pk])).status_code == 200
