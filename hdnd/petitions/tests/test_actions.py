"""Actions: the flow meeting → petitions → pasted list → synthesis → review → confirmation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.petitions.actions.entry import parse_list, register_petition, register_petitions_from_list
from hdnd.petitions.actions.synthesis import (
    confirm_issue,
    mark_duplicate_kept,
    merge_issues,
    move_petition,
    split_petition_out,
    synthesize_cycle,
)
from hdnd.petitions.grouping import TITLE_MAX, title_of
from hdnd.petitions.models import TEXT_MAX, Petition, PetitionIssue
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def audit_count(action: str) -> int:
    return AuditEntry.objects.filter(action=f"petitions.{action}").count()


def test_the_whole_flow_from_meeting_to_confirmed_issues(world: World) -> None:
    clerk = world.user("commune_staff")
    meeting = support.meeting(world.commune, clerk)
    support.petition(meeting, support.ROAD, clerk)
    pasted = register_petitions_from_list(
        world.commune,
        by=clerk,
        cycle=meeting.cycle,
        meeting=meeting,
        source=Petition.Source.MEETING,
        text=f"1. {support.ROAD_AGAIN}\n2) {support.LIGHTS}\n- {support.LAND}",
    )
    assert [p.text for p in pasted] == [support.ROAD_AGAIN, support.LIGHTS, support.LAND]

    issues = synthesize_cycle(world.commune, meeting.cycle, by=clerk)

    assert [issue.title for issue in issues] == [support.ROAD, support.LIGHTS, support.LAND]
    road, lights, land = issues
    assert [p.text for p in road.petitions.order_by("pk")] == [support.ROAD, support.ROAD_AGAIN]
    assert set(Petition.objects.values_list("status", flat=True)) == {Petition.Status.GROUPED}
    merge_issues(lights, land, by=clerk)
    assert not PetitionIssue.objects.filter(pk=land.pk).exists()
    assert lights.petitions.count() == 2
    for issue in (road, lights):
        confirm_issue(issue, by=clerk)
    assert set(PetitionIssue.objects.values_list("status", flat=True)) == {PetitionIssue.Status.CONFIRMED}
    assert audit_count("synthesize_cycle") == audit_count("merge_issues") == 1
    assert audit_count("confirm_issue") == 2


def test_a_pasted_list_writes_one_audit_entry_and_continues_wrapped_lines(world: World) -> None:
    meeting = support.meeting(world.commune)
    created = register_petitions_from_list(
        world.commune,
        by=None,
        cycle=meeting.cycle,
        meeting=meeting,
        source=Petition.Source.MEETING,
        text="1. Đề nghị sửa đường\nliên thôn Đông\n2. Đề nghị lắp đèn",
    )
    assert [p.text for p in created] == ["Đề nghị sửa đường liên thôn Đông", "Đề nghị lắp đèn"]
    assert audit_count("register_petitions_from_list") == 1


def test_a_list_without_markers_is_one_petition_a_line() -> None:
    assert parse_list("Sửa đường\n\n  Lắp đèn  \n") == ["Sửa đường", "Lắp đèn"]


def test_one_too_long_item_refuses_the_whole_list(world: World) -> None:
    meeting = support.meeting(world.commune)
    with pytest.raises(ValidationError, match="Ý kiến số 2"):
        register_petitions_from_list(
            world.commune,
            by=None,
            cycle=meeting.cycle,
            meeting=meeting,
            source=Petition.Source.MEETING,
            text=f"1. Sửa đường\n2. {'x' * (TEXT_MAX + 1)}",
        )
    assert Petition.objects.count() == 0


def test_empty_text_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="Nhập nội dung"):
        support.petition(support.meeting(world.commune), "   ")


def test_synthesis_takes_petitions_forwarded_from_councils_below(world: World) -> None:
    cycle = support.cycle(world.province)
    forwarded = register_petition(
        world.province,
        by=None,
        cycle=cycle,
        source=Petition.Source.LOWER_COUNCIL,
        from_council=world.commune,
        text=support.ROAD,
    )
    [issue] = synthesize_cycle(world.province, cycle, by=None)
    assert list(issue.petitions.all()) == [forwarded]


def test_a_forwarded_petition_must_name_a_council_below(world: World) -> None:
    cycle = support.cycle(world.province)
    with pytest.raises(ValidationError) as caught:
        register_petition(
            world.province,
            by=None,
            cycle=cycle,
            source=Petition.Source.LOWER_COUNCIL,
            from_council=world.other_province_commune,
            text=support.ROAD,
        )
    assert "from_council" in caught.value.message_dict


def test_a_meeting_petition_needs_its_meeting(world: World) -> None:
    cycle = support.cycle(world.commune)
    with pytest.raises(ValidationError, match="buổi tiếp xúc"):
        register_petition(
            world.commune, by=None, cycle=cycle, source=Petition.Source.MEETING, text=support.ROAD
        )


def test_synthesis_with_nothing_new_is_refused_and_synthesised_petitions_are_not_taken_again(
    world: World,
) -> None:
    road, _lights = support.two_draft_issues(world.commune)
    with pytest.raises(ValidationError, match="Không có ý kiến mới"):
        synthesize_cycle(world.commune, road.cycle, by=None)
    assert audit_count("synthesize_cycle") == 1


def test_moving_a_petition_and_splitting_it_out(world: World) -> None:
    road, lights = support.two_draft_issues(world.commune)
    first = road.petitions.order_by("pk").first()
    assert first is not None
    move_petition(first, lights, by=None)
    assert road.petitions.count() == 1
    assert lights.petitions.count() == 2
    new_issue = split_petition_out(first, by=None)
    assert list(new_issue.petitions.all()) == [first]
    assert new_issue.title == support.ROAD
    assert new_issue.is_draft
    assert audit_count("move_petition") == audit_count("split_petition_out") == 1


def test_a_lone_petition_cannot_be_split_out(world: World) -> None:
    _, lights = support.two_draft_issues(world.commune)
    with pytest.raises(ValidationError, match="đã là kiến nghị riêng"):
        split_petition_out(lights.petitions.get(), by=None)


def test_a_duplicate_is_kept_for_monitoring_once(world: World) -> None:
    road, _ = support.two_draft_issues(world.commune)
    second = road.petitions.order_by("pk").last()
    assert second is not None
    kept = mark_duplicate_kept(second, by=None)
    assert kept.status == Petition.Status.DUPLICATE_KEPT
    assert kept.issue_id == road.pk
    with pytest.raises(ValidationError, match="đã được đánh dấu"):
        mark_duplicate_kept(second, by=None)
    assert audit_count("mark_duplicate_kept") == 1


def test_a_confirmed_issue_is_settled(world: World) -> None:
    road, lights = support.two_draft_issues(world.commune)
    confirm_issue(road, by=None)
    with pytest.raises(ValidationError, match="đã được xác nhận"):
        confirm_issue(road, by=None)
    with pytest.raises(ValidationError, match="đã xác nhận"):
        merge_issues(lights, road, by=None)
    with pytest.raises(ValidationError, match="đã xác nhận"):
        move_petition(lights.petitions.get(), road, by=None)


def test_long_titles_are_cut_at_a_word() -> None:
    title = title_of("Đề nghị " * 40)
    assert len(title) <= TITLE_MAX
    assert title.endswith("…")
    assert set(title[:-1].split()) == {"Đề", "nghị"}  # no half word before the ellipsis
