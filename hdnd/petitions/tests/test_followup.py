"""After the answer: re-forwarding, supervision and questioning flags, work in progress, carry-over."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.tests.factories import PersonFactory
from hdnd.petitions import followup
from hdnd.petitions.actions.followup import (
    carry_over,
    flag_issue,
    link_earlier,
    reforward,
    remind_in_progress,
)
from hdnd.petitions.actions.forwarding import forward_issue, rate_answer, record_answer
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import (
    Answer,
    AnswerRating,
    Cycle,
    Forwarding,
    IssueFlag,
    Outcome,
    PetitionIssue,
    VoterMeeting,
)
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def answer(made: Forwarding, by: Any, outcome: str = Outcome.RESOLVED, **extra: Any) -> Answer:
    if outcome == Outcome.IN_PROGRESS:
        extra.setdefault("target_date", date(2027, 3, 31))
    if outcome == Outcome.UNRESOLVED:
        extra.setdefault("reason", "thieu_nguon_luc")
    return record_answer(made, by=by, outcome=outcome, text="Trả lời của Sở.", **extra)


def staff(client: Client, world: World) -> Client:
    client.force_login(world.user("office_staff"))
    return client


# Re-forwarding ----------------------------------------------------------------------------------


def test_a_resolved_answer_rated_satisfactory_cannot_be_forwarded_again(world: World) -> None:
    made = support.forwarded(world.province)
    given = answer(made, world.user("office_staff"))
    rate_answer(given, by=world.user("delegate"), rating=AnswerRating.Rating.SATISFACTORY)
    made.refresh_from_db()
    assert followup.reforward_reasons(made) == []
    with pytest.raises(ValidationError, match="Chỉ chuyển lại"):
        reforward(made, by=world.user("office_staff"), note="Trả lời thêm")


def test_an_evasive_rating_lets_staff_forward_again_with_a_new_deadline(world: World) -> None:
    made = support.forwarded(world.province)
    given = answer(made, world.user("office_staff"))
    rate_answer(given, by=world.user("delegate"), rating=AnswerRating.Rating.EVASIVE)
    made.refresh_from_db()
    assert followup.reforward_reasons(made) == ["Đại biểu đánh giá: Né tránh, chung chung"]

    again = reforward(
        made, by=world.user("office_staff"), note="Nêu rõ thời gian sửa đường.", on=date(2026, 12, 1)
    )
    assert (again.reforward_of, again.agency, again.note) == (
        made,
        made.agency,
        "Nêu rõ thời gian sửa đường.",
    )
    assert again.status == Forwarding.Status.SENT
    assert again.due_on == date(2026, 12, 31)  # the rules table's 30 days
    entry = AuditEntry.objects.get(action="petitions.reforward")
    assert (entry.after or {})["reforward_of"] == made.pk
    # The superseded forwarding no longer counts, and cannot be forwarded a second time.
    issue = PetitionIssue.objects.get(pk=made.issue_id)
    assert followup.current_forwardings(issue) == [again]
    with pytest.raises(ValidationError):
        reforward(made, by=world.user("office_staff"), note="Lần nữa")


def test_reforwarding_needs_a_reason(world: World) -> None:
    made = support.forwarded(world.province)
    answer(made, world.user("office_staff"), Outcome.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        reforward(made, by=world.user("office_staff"), note="  ")
    assert "lý do" in refused.value.message_dict["note"][0]
    assert Forwarding.objects.count() == 1


# Flags --------------------------------------------------------------------------------------------


def test_flagging_an_issue_for_questioning_is_audited_and_can_be_cleared(world: World) -> None:
    issue = support.confirmed_issue(world.province)
    flagged = flag_issue(issue, by=world.user("office_staff"), flag=IssueFlag.QUESTIONING, note="Kỳ họp 13")
    assert (flagged.flag, flagged.flag_note) == ("questioning", "Kỳ họp 13")
    cleared = flag_issue(issue, by=world.user("office_staff"), flag="", note="ignored")
    assert (cleared.flag, cleared.flag_note) == ("", "")
    assert AuditEntry.objects.filter(action="petitions.flag_issue").count() == 2


def test_a_draft_cannot_be_flagged_and_an_unknown_flag_is_refused(world: World) -> None:
    draft, _ = support.two_draft_issues(world.province)
    with pytest.raises(ValidationError, match="Xác nhận"):
        flag_issue(draft, by=None, flag=IssueFlag.SUPERVISION)
    confirmed = support.confirmed_issue(world.commune)
    with pytest.raises(ValidationError):
        flag_issue(confirmed, by=None, flag="everything")


# Carry-over ---------------------------------------------------------------------------------------


def test_open_issues_carry_over_once_with_their_history(world: World) -> None:
    by = world.user("office_staff")
    done = support.forwarded(world.province)  # road issue: resolved below
    answer(done, by)
    first = done.issue.cycle
    # Another confirmed issue of the same cycle, answered "in progress": still open.
    lights = PetitionIssue.objects.get(cycle=first, status=PetitionIssue.Status.DRAFT)

    confirm_issue(lights, by=by)
    (pending,) = forward_issue(lights, [support.agency(world.province)], by=by, on=date(2026, 11, 23))
    answer(pending, by, Outcome.IN_PROGRESS)
    later = support.cycle(world.province, name="Trước kỳ họp thứ 13")

    (carried,) = carry_over(first, later, by=by)
    assert (carried.carried_from_id, carried.cycle, carried.status) == (lights.pk, later, "confirmed")
    assert carried.title == lights.title
    assert followup.history(carried) == [lights]
    with pytest.raises(ValidationError, match="Không còn kiến nghị"):
        carry_over(first, later, by=by)
    # Only a later cycle of the same council may receive them.
    with pytest.raises(ValidationError):
        carry_over(later, first, by=by)
    other = support.cycle(world.commune, name="Đợt của xã")
    with pytest.raises(ValidationError):
        carry_over(first, other, by=by)


def test_an_issue_never_forwarded_is_open_and_an_explained_one_is_closed(world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    assert followup.open_issues(issue.cycle) == [issue]
    (made,) = forward_issue(issue, [support.agency(world.province)], by=None, on=date(2026, 11, 23))
    answer(made, world.user("office_staff"), Outcome.EXPLAINED)
    assert followup.open_issues(issue.cycle) == []


# Work in progress ---------------------------------------------------------------------------------


def test_the_agency_is_reminded_once_when_work_in_progress_reaches_its_target(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    made = support.forwarded(world.province)
    made.agency.email = "so-xd@anbinh.gov.vn"
    made.agency.save()
    given = answer(made, world.user("office_staff"), Outcome.IN_PROGRESS, target_date=date(2027, 3, 31))
    assert list(followup.in_progress([world.province.pk])) == [given]
    assert remind_in_progress(date(2027, 3, 30)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_in_progress(date(2027, 3, 31)) == [given]
    assert remind_in_progress(date(2027, 4, 1)) == []
    assert [m.to for m in mail.outbox] == [["so-xd@anbinh.gov.vn"]]
    assert "31/03/2027" in mail.outbox[0].body
    # A later answer "resolved" takes the issue off the list.
    answer(made, world.user("office_staff"))
    assert list(followup.in_progress([world.province.pk])) == []


# Pages --------------------------------------------------------------------------------------------


def test_staff_flag_reforward_and_carry_over_from_the_pages(client: Client, world: World) -> None:
    staff(client, world)
    made = support.forwarded(world.province)
    answer(made, world.user("office_staff"), Outcome.UNRESOLVED)
    page = client.get(made.issue.get_absolute_url())
    assert "Chuyển lại" in page.text
    assert "Chưa giải quyết" in page.text

    response = client.post(reverse("petitions:followup_reforward", args=[made.pk]), {"note": ""})
    assert response.status_code == 422  # the step comes back with the reason asked for
    assert "Nhập lý do chuyển lại" in response.text
    assert Forwarding.objects.count() == 1
    response = client.post(reverse("petitions:followup_reforward", args=[made.pk]), {"note": "Bố trí vốn?"})
    assert Forwarding.objects.filter(reforward_of=made).count() == 1

    client.post(
        reverse("petitions:followup_flag", args=[made.issue_id]), {"flag": "supervision", "note": "x"}
    )
    assert PetitionIssue.objects.get(pk=made.issue_id).flag == "supervision"

    later = support.cycle(world.province, name="Sau kỳ họp thứ 12")
    cycle_page = client.get(made.issue.cycle.get_absolute_url())
    assert "kiến nghị chưa giải quyết sang đợt sau" in cycle_page.text
    response = client.post(
        reverse("petitions:followup_carry_over", args=[made.issue.cycle_id]), {"target": later.pk}
    )
    assert response.status_code == 302
    assert later.issues.filter(carried_from=made.issue_id).exists()
    board = client.get(reverse("petitions:followup_board", args=[world.province.pk]))
    assert "Đưa vào giám sát" in board.text
    assert made.issue.title in board.text


def test_the_board_marks_work_past_its_target_date(client: Client, world: World) -> None:
    made = support.forwarded(world.province)
    answer(made, world.user("office_staff"), Outcome.IN_PROGRESS, target_date=date(2020, 1, 31))
    response = staff(client, world).get(reverse("petitions:followup_board", args=[world.province.pk]))
    assert "31/01/2020" in response.text
    assert "Quá lộ trình" in response.text


def test_an_answer_document_is_uploaded_checked_and_served_only_within_scope(
    client: Client, world: World
) -> None:
    made = support.forwarded(world.province)
    url = reverse("petitions:forwarding_answer", args=[made.pk])
    staff(client, world)
    data = {"outcome": "da_giai_quyet", "text": "Đã sửa xong đường."}
    bad = client.post(url, {**data, "document": SimpleUploadedFile("virus.exe", b"MZ")})
    assert bad.status_code == 422
    assert "Chỉ nhận tệp PDF" in bad.text
    assert not Answer.objects.exists()
    good = client.post(url, {**data, "document": SimpleUploadedFile("cong-van.pdf", b"%PDF-1.4 ok")})
    assert good.status_code == 302
    saved = Answer.objects.get()
    download = reverse("petitions:followup_answer_document", args=[saved.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ok"  # type: ignore[attr-defined]
    client.force_login(world.user("no_role"))
    assert client.get(download).status_code == 404


def test_carry_over_refuses_a_cycle_chosen_from_another_council(client: Client, world: World) -> None:
    issue = support.confirmed_issue(world.province)
    elsewhere = Cycle.objects.create(council=world.commune, name="Khác", year=2027)
    response = staff(client, world).post(
        reverse("petitions:followup_carry_over", args=[issue.cycle_id]), {"target": elsewhere.pk}
    )
    assert response.status_code == 302
    assert not PetitionIssue.objects.filter(carried_from=issue).exists()


# Issues raised again --------------------------------------------------------------------------------


def test_an_issue_raised_again_is_suggested_and_linked_to_the_earlier_one(
    client: Client, world: World
) -> None:

    earlier = support.confirmed_issue(world.province)
    support.confirmed_issue(world.commune)  # another council's issue is never suggested
    later = support.cycle(world.province, name="Trước kỳ họp thứ 13")
    at = support.meeting(world.province, in_cycle=later)
    support.petition(at, "Cu tri tiep tuc de nghi sua chua duong lien thon Dong Tay xuong cap.")
    support.petition(at, support.LAND)
    road, land = synthesize_cycle(world.province, later, by=None)
    assert [found for found, _ in followup.suggest_earlier(road)] == [earlier]
    assert followup.suggest_earlier(land) == []

    staff(client, world)
    partial = client.get(reverse("petitions:followup_earlier", args=[road.pk]))
    assert f"#{earlier.pk}" in partial.text
    assert "Gắn với kiến nghị này" in partial.text
    assert (
        client.post(reverse("petitions:followup_link_earlier", args=[road.pk]), {"earlier": "x"}).status_code
        == 302
    )
    client.post(reverse("petitions:followup_link_earlier", args=[road.pk]), {"earlier": earlier.pk})
    road.refresh_from_db()
    assert road.carried_from == earlier
    assert followup.history(road) == [earlier]
    assert AuditEntry.objects.filter(action="petitions.link_earlier").count() == 1
    with pytest.raises(ValidationError, match="đã được gắn"):
        link_earlier(road, earlier, by=None)
    # Only an earlier cycle's confirmed issue of the same council can be linked.
    with pytest.raises(ValidationError, match="đợt trước"):
        link_earlier(land, road, by=None)


def test_a_delegate_follows_the_petitions_of_their_meetings_to_the_answer(
    client: Client, world: World
) -> None:
    from hdnd.accounts.models import RoleAssignment

    seat = RoleAssignment.objects.get(user=world.user("delegate"), role="delegate")
    made = support.forwarded(world.province)
    meeting = VoterMeeting.objects.get(petitions__issue=made.issue, petitions__text=support.ROAD)
    if seat.person is None:
        seat.person = PersonFactory(council=world.province)  # type: ignore[assignment]
        seat.save()
    assert seat.person is not None
    meeting.delegates.add(seat.person)
    answer(made, world.user("office_staff"), Outcome.IN_PROGRESS, target_date=date(2027, 5, 31))
    client.force_login(world.user("delegate"))
    page = client.get(reverse("petitions:followup_mine"))
    assert page.status_code == 200
    assert support.ROAD_AGAIN[:40] in page.text
    assert "31/05/2027" in page.text
    # Someone who is no delegate gets a page that says so, not someone else's petitions.
    client.force_login(world.user("office_staff"))
    other = client.get(reverse("petitions:followup_mine"))
    assert "không gắn với đại biểu" in other.text
    assert support.ROAD_AGAIN[:40] not in other.text
