"""Editing the record of a session: an agenda item edited or removed (never one with votes), a vote in
error recorded again (the new record replaces the old, the audit keeps both) or removed; through the
actions and the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.audit import action_label
from hdnd.core.models import AuditEntry
from hdnd.sittings import conduct, voting
from hdnd.sittings.models import Session, SessionAgendaItem, SessionBallot, SessionDocument, SessionVote
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_conduct import held, item, pdf_file, present_all

pytestmark = pytest.mark.django_db


def before(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.before or {})


def after(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.after or {})


def entries(session: Session, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=str(session.pk), action=action).order_by("pk"))


def three_items(world: World) -> tuple[Session, list[SessionAgendaItem]]:
    session = support.session(world.province)
    first = item(world.province, session)
    second = conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo kinh tế - xã hội")
    third = conduct.add_agenda_item(session, by=None, kind="questioning", title="Chất vấn Sở Y tế")
    return session, [first, second, third]


# Agenda items ------------------------------------------------------------------------------------


def test_removing_an_item_closes_the_gap_and_takes_its_documents(world: World) -> None:
    session, (first, second, third) = three_items(world)
    conduct.attach_document(second, by=None, title="Báo cáo", upload=pdf_file())
    conduct.remove_agenda_item(second, by=world.user("office_staff"))
    assert list(session.agenda_items.values_list("pk", "position")) == [(first.pk, 1), (third.pk, 2)]
    assert not SessionDocument.objects.exists()
    [entry] = entries(session, "sittings.remove_agenda_item")
    assert entry.before == {
        "item": second.pk,
        "position": 2,
        "title": "Báo cáo kinh tế - xã hội",
        "documents": 1,
    }
    conduct.remove_agenda_item(first, by=None)
    assert list(session.agenda_items.values_list("pk", "position")) == [(third.pk, 1)]


def test_an_item_with_votes_is_not_removed(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    voted = item(world.province, session)
    voting.record_vote(voted, by=None, method="show_of_hands", votes_for=3)
    with pytest.raises(ValidationError) as refused:
        conduct.remove_agenda_item(voted, by=None)
    assert refused.value.messages == [
        "Nội dung đã có kết quả biểu quyết, không xóa được. Nếu biểu quyết ghi nhầm, xóa biểu quyết trước."
    ]
    assert session.agenda_items.filter(pk=voted.pk).exists()
    assert not entries(session, "sittings.remove_agenda_item")


def test_the_pages_edit_an_item_and_refuse_to_remove_one_with_votes(client: Any, world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    voted = item(world.province, session)
    spare = conduct.add_agenda_item(session, by=None, kind="other", title="Bầu Phó Chủ tịch")
    voting.record_vote(voted, by=None, method="show_of_hands", votes_for=2)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_item_edit", args=[spare.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bầu Phó Chủ tịch" in page.content.decode()
    assert "<html" in page.content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert f'id="id_item{spare.pk}_title"' in partial
    empty = client.post(url, {"kind": "other", "title": ""})
    assert empty.status_code == 422
    assert "id_item" in empty.content.decode()
    wrong = client.post(url, {"kind": "report", "title": "Báo cáo", "resolution": ""})
    assert wrong.status_code == 302
    assert session.agenda_items.get(pk=spare.pk).kind == "report"
    refused = client.post(reverse("sittings:conduct_item_remove", args=[voted.pk]))
    assert refused.status_code == 422
    assert "Nội dung đã có kết quả biểu quyết, không xóa được." in refused.content.decode()
    removed = client.post(reverse("sittings:conduct_item_remove", args=[spare.pk]))
    assert removed.status_code == 302
    assert list(session.agenda_items.values_list("pk", flat=True)) == [voted.pk]
    work = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert reverse("sittings:conduct_item_edit", args=[voted.pk]) in work
    # An item with votes shows no removal form.
    assert reverse("sittings:conduct_item_remove", args=[voted.pk]) not in work


def test_a_delegate_may_not_edit_and_another_province_gets_404(client: Any, world: World) -> None:
    _, (first, *_) = three_items(world)
    url = reverse("sittings:conduct_item_edit", args=[first.pk])
    client.force_login(world.user("delegate"))
    assert client.get(url).status_code == 403
    assert client.post(reverse("sittings:conduct_item_remove", args=[first.pk])).status_code == 403
    client.force_login(make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province))
    assert client.get(url).status_code == 404


# Votes -------------------------------------------------------------------------------------------


def test_a_vote_recorded_again_replaces_the_old_one_and_the_audit_keeps_both(world: World) -> None:
    session = held(world.province, count=5)
    present_all(session)
    agenda = item(world.province, session)
    wrong = voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=2, votes_against=3)
    assert not wrong.passed
    right = voting.correct_vote(
        wrong, by=world.user("office_staff"), method="show_of_hands", votes_for=4, votes_against=1
    )
    assert list(agenda.votes.values_list("pk", flat=True)) == [right.pk]
    assert (right.votes_for, right.passed, right.summary) == (4, True, "4/5 đại biểu tán thành (80,00%)")
    [entry] = entries(session, "sittings.correct_vote")
    assert (before(entry)["votes_for"], before(entry)["votes_against"], before(entry)["passed"]) == (
        2,
        3,
        False,
    )
    assert (after(entry)["votes_for"], after(entry)["votes_against"], after(entry)["passed"]) == (4, 1, True)
    assert (before(entry)["vote"], after(entry)["vote"]) == (wrong.pk, right.pk)
    # Recorded again with more votes than present: refused, the vote stays as it was.
    with pytest.raises(ValidationError, match="vượt số đại biểu có mặt"):
        voting.correct_vote(right, by=None, method="show_of_hands", votes_for=6)
    assert SessionVote.objects.get().pk == right.pk


def test_a_named_vote_recorded_again_replaces_its_ballots(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    first, second, third = voting.term_delegates(session)
    agenda = item(world.province, session)
    ballots = {first.pk: "for", second.pk: "against", third.pk: "against"}
    wrong = voting.record_vote(agenda, by=None, method="electronic", ballots=ballots)
    right = voting.correct_vote(wrong, by=None, method="electronic", ballots={**ballots, third.pk: "for"})
    assert dict(SessionBallot.objects.values_list("person_id", "choice")) == {**ballots, third.pk: "for"}
    assert set(SessionBallot.objects.values_list("vote_id", flat=True)) == {right.pk}
    assert right.passed


def test_removing_a_vote_in_error(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session)
    vote = voting.record_vote(agenda, by=None, method="secret_ballot", votes_for=2, votes_against=1)
    assert voting.remove_vote(vote, by=None) == agenda
    assert not SessionVote.objects.exists()
    [entry] = entries(session, "sittings.remove_vote")
    assert (before(entry)["votes_for"], before(entry)["method"], entry.after) == (2, "secret_ballot", None)
    conduct.remove_agenda_item(agenda, by=None)  # no votes left: the item may go
    assert not session.agenda_items.exists()


def test_the_pages_record_a_vote_again_and_remove_one(client: Any, world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session)
    first, second, third = voting.term_delegates(session)
    wrong = voting.record_vote(agenda, by=None, method="electronic", ballots={first.pk: "for"})
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_vote_correct", args=[wrong.pk])
    page = client.get(url).content.decode()
    assert "Ghi lại biểu quyết ghi nhầm: 1/3 đại biểu tán thành (33,33%)" in page
    assert '<details class="mt-3" open>' in page
    too_many = client.post(
        url, {"method": "show_of_hands", "votes_for": 4, "votes_against": 0, "abstentions": 0}
    )
    assert too_many.status_code == 422
    assert "vượt số đại biểu có mặt (3)" in too_many.content.decode()
    ballots = {f"ballot_{first.pk}": "for", f"ballot_{second.pk}": "for", f"ballot_{third.pk}": "abstain"}
    again = client.post(
        url, {"method": "electronic", "votes_for": 0, "votes_against": 0, "abstentions": 0, **ballots}
    )
    assert again.status_code == 302
    right = SessionVote.objects.get(item=agenda)
    assert (right.votes_for, right.abstentions, right.passed) == (2, 1, True)
    work = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert "2/3 đại biểu tán thành (66,67%)" in work
    assert "1/3 đại biểu tán thành" not in work
    assert client.get(url).status_code == 404  # the old vote is gone
    assert client.post(reverse("sittings:conduct_vote_remove", args=[right.pk])).status_code == 302
    assert not SessionVote.objects.exists()
    codes = [e.action for e in AuditEntry.objects.filter(object_id=str(session.pk)).order_by("pk")]
    assert codes[-2:] == ["sittings.correct_vote", "sittings.remove_vote"]


def test_only_staff_correct_votes(client: Any, world: World) -> None:
    session = held(world.province, count=1)
    present_all(session)
    vote = voting.record_vote(item(world.province, session), by=None, method="show_of_hands", votes_for=1)
    client.force_login(world.user("auditor"))
    assert client.get(reverse("sittings:conduct_vote_correct", args=[vote.pk])).status_code == 403
    assert client.post(reverse("sittings:conduct_vote_remove", args=[vote.pk])).status_code == 403
    assert SessionVote.objects.filter(pk=vote.pk).exists()


def test_every_change_is_audited_with_a_vietnamese_label(world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    first = item(world.province, session)
    spare = conduct.add_agenda_item(session, by=None, kind="other", title="Khác")
    conduct.edit_agenda_item(spare, by=None, kind="report", title="Báo cáo")
    vote = voting.record_vote(first, by=None, method="show_of_hands", votes_for=2)
    vote = voting.correct_vote(vote, by=None, method="show_of_hands", votes_for=1)
    voting.remove_vote(vote, by=None)
    conduct.remove_agenda_item(spare, by=None)
    recorded = set(AuditEntry.objects.filter(object_id=str(session.pk)).values_list("action", flat=True))
    assert {
        "sittings.edit_agenda_item",
        "sittings.correct_vote",
        "sittings.remove_vote",
        "sittings.remove_agenda_item",
    } <= recorded
    ours = {code for code in recorded if code in conduct.ACTION_LABELS}
    assert recorded - ours <= {"sittings.plan_session", "sittings.convene_session", "sittings.open_session"}
    assert all(action_label(code) == conduct.ACTION_LABELS[code] for code in ours)


def test_the_work_page_queries_do_not_grow_with_items(
    client: Any, world: World, django_assert_max_num_queries: Any
) -> None:
    session = held(world.province, count=2)
    present_all(session)
    voting.record_vote(item(world.province, session), by=None, method="show_of_hands", votes_for=2)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_work", args=[session.pk])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        voted = item(world.province, session, title=f"Dự thảo {n}")
        voting.record_vote(voted, by=None, method="show_of_hands", votes_for=1)
        conduct.attach_document(voted, by=None, title="Tờ trình", upload=pdf_file())
    with django_assert_max_num_queries(len(one)):
        page = client.get(url)
    assert page.content.decode().count("Ghi lại</a>") == 5


def test_a_vote_or_item_removed_meanwhile_is_refused_not_a_crash(world: World) -> None:
    session = held(world.province, count=1)
    present_all(session)
    agenda = item(world.province, session)
    vote = voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=1)
    voting.remove_vote(vote, by=None)  # another clerk, a moment earlier
    with pytest.raises(ValidationError, match="Biểu quyết này không còn"):
        voting.correct_vote(vote, by=None, method="show_of_hands", votes_for=1)
    with pytest.raises(ValidationError, match="Biểu quyết này không còn"):
        voting.remove_vote(vote, by=None)
    conduct.remove_agenda_item(agenda, by=None)
    with pytest.raises(ValidationError, match="Nội dung này không còn"):
        conduct.remove_agenda_item(agenda, by=None)
    with pytest.raises(ValidationError, match="Nội dung này không còn"):
        conduct.edit_agenda_item(agenda, by=None, kind="report", title="Báo cáo")
