"""Publishing answers: who may be published, the audit trail, the deadline to publish on real holidays."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World
from hdnd.core.audit import ACTION_LABELS
from hdnd.core.models import AuditEntry
from hdnd.petitions import publication
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.publication import publish_cycle_answers, publish_issue, unpublish_issue
from hdnd.petitions.models import Outcome, PetitionIssue
from hdnd.petitions.tests import support

RESOLVED = "Đã sửa xong tuyến đường tháng 10/2026."


def answered_issue(world: World) -> PetitionIssue:
    answer = support.answered(world.province, world.user("office_staff"))
    return PetitionIssue.objects.get(pk=answer.forwarding.issue_id)


def entries(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_publishing_an_answered_issue_records_when_and_by_whom_with_one_audit_entry(world: World) -> None:
    issue = answered_issue(world)
    staff = world.user("office_staff")

    publish_issue(issue, by=staff)

    issue.refresh_from_db()
    assert issue.is_published
    assert issue.published_by == staff
    assert entries("petitions.publish_issue") == 1
    entry = AuditEntry.objects.get(action="petitions.publish_issue")
    assert entry.council == world.province
    assert entry.before == {"published_at": None}
    assert ACTION_LABELS["petitions.publish_issue"] == "Công khai kết quả trả lời kiến nghị"


def test_a_draft_issue_is_never_published(world: World) -> None:
    draft, _ = support.two_draft_issues(world.province)
    with pytest.raises(ValidationError, match="chưa được xác nhận"):
        publish_issue(draft, by=world.user("office_staff"))
    draft.refresh_from_db()
    assert draft.published_at is None
    assert entries("petitions.publish_issue") == 0


def test_a_confirmed_issue_nobody_answered_is_not_published(world: World) -> None:
    issue = support.forwarded(world.province).issue
    with pytest.raises(ValidationError, match="chưa có cơ quan nào trả lời"):
        publish_issue(issue, by=world.user("office_staff"))
    issue.refresh_from_db()
    assert issue.published_at is None


def test_publishing_again_is_refused_until_a_new_answer_arrives(world: World) -> None:
    issue = answered_issue(world)
    staff = world.user("office_staff")
    publish_issue(issue, by=staff)
    with pytest.raises(ValidationError, match="đã được công khai"):
        publish_issue(issue, by=staff)

    (first,) = issue.forwardings.all()
    record_answer(first, by=staff, outcome=Outcome.RESOLVED, text="Bổ sung: đã nghiệm thu.")
    issue.refresh_from_db()
    assert [a.text for a in publication.public_answers([issue])[issue.pk]] == [RESOLVED]

    publish_issue(issue, by=staff)
    issue.refresh_from_db()
    assert [a.text for a in publication.public_answers([issue])[issue.pk]] == ["Bổ sung: đã nghiệm thu."]
    assert entries("petitions.publish_issue") == 2


def test_unpublishing_takes_the_issue_off_and_is_audited(world: World) -> None:
    issue = publish_issue(answered_issue(world), by=world.user("office_staff"))

    unpublish_issue(issue, by=world.user("council_admin"))

    issue.refresh_from_db()
    assert issue.published_at is None
    assert issue.published_by is None
    assert entries("petitions.unpublish_issue") == 1
    assert not publication.published().filter(pk=issue.pk).exists()
    with pytest.raises(ValidationError, match="chưa được công khai"):
        unpublish_issue(issue, by=world.user("council_admin"))
    assert entries("petitions.unpublish_issue") == 1


def test_publishing_a_cycle_publishes_its_answered_confirmed_issues_only(world: World) -> None:
    issue = answered_issue(world)
    lights = PetitionIssue.objects.exclude(pk=issue.pk).get(cycle=issue.cycle)  # still a draft
    staff = world.user("office_staff")

    assert publish_cycle_answers(issue.cycle, by=staff) == 1

    issue.refresh_from_db()
    lights.refresh_from_db()
    assert issue.is_published
    assert issue.published_by == staff
    assert not lights.is_published
    entry = AuditEntry.objects.get(action="petitions.publish_cycle_answers")
    assert entry.after is not None
    assert entry.after["issues"] == [issue.pk]
    # Nothing left to publish: nothing happens, nothing is written.
    assert publish_cycle_answers(issue.cycle, by=staff) == 0
    assert entries("petitions.publish_cycle_answers") == 1


def test_an_answer_recorded_after_publication_stays_private_until_published_again(world: World) -> None:
    staff = world.user("office_staff")
    issue = publish_issue(answered_issue(world), by=staff)
    (sent,) = issue.forwardings.all()
    record_answer(sent, by=staff, outcome=Outcome.EXPLAINED, text="Thông tin nội bộ chưa duyệt.")

    texts = [a.text for a in publication.public_answers([issue])[issue.pk]]

    assert texts == [RESOLVED]
    assert publication.publishable(PetitionIssue.objects.filter(pk=issue.pk)).exists()


# The deadline to publish: 15 working days after the answer deadline (NQLT 72/2025 Art. 51) -----------


def forwarded_on(world: World, *days: date) -> PetitionIssue:
    """A confirmed issue forwarded to one agency per day in ``days`` (answers due 30 days later)."""
    support.forwarded(world.province, on=days[0])
    issue = PetitionIssue.objects.get(council=world.province, status="confirmed")
    for index, day in enumerate(days[1:]):
        other = support.agency(world.province, f"Sở thứ {index + 2}")
        forward_issue(issue, [other], by=None, on=day)
    return issue


def test_the_deadline_to_publish_counts_15_working_days_past_new_year(world: World) -> None:
    issue = forwarded_on(world, date(2026, 11, 23))  # answer due Wed 23/12/2026
    # 1/1/2027 is a holiday: 24, 25, 28, 29, 30, 31/12, then 4–8 and 11–14/1.
    assert publication.publication_due(issue) == date(2027, 1, 14)


def test_the_deadline_to_publish_skips_tet_2027(world: World) -> None:
    issue = forwarded_on(world, date(2026, 12, 28))  # answer due Wed 27/01/2027
    # 28, 29/1, 1–3/2, Tết from 4 to 10/2, then 11, 12, 15–19, 22, 23, 24/2.
    assert publication.publication_due(issue) == date(2027, 2, 24)


def test_the_deadline_to_publish_skips_national_day_and_counts_the_swapped_saturday(world: World) -> None:
    issue = forwarded_on(world, date(2026, 7, 21))  # answer due Thu 20/08/2026
    # Saturday 22/8 is worked (swap for 31/8); 31/8, 1/9 and 2/9 are days off.
    assert publication.publication_due(issue) == date(2026, 9, 14)


def test_the_latest_answer_deadline_of_all_forwardings_counts(world: World) -> None:
    issue = forwarded_on(world, date(2026, 7, 21), date(2026, 11, 23))
    assert publication.publication_due(issue) == date(2027, 1, 14)


def test_an_issue_not_forwarded_has_no_deadline_to_publish(world: World) -> None:
    issue = support.confirmed_issue(world.province)
    assert publication.publication_due(issue) is None
    assert publication.is_publication_late(issue, None) is False


def test_an_unpublished_issue_is_late_the_day_after_its_deadline(world: World) -> None:
    issue = forwarded_on(world, date(2026, 11, 23))
    due = publication.publication_due(issue)
    assert due == date(2027, 1, 14)
    assert not publication.is_publication_late(issue, due, today=date(2027, 1, 14))
    assert publication.is_publication_late(issue, due, today=date(2027, 1, 15))


def test_an_issue_published_after_its_deadline_stays_marked_late(world: World) -> None:
    staff = world.user("office_staff")
    issue = forwarded_on(world, date(2026, 11, 23))
    (sent,) = issue.forwardings.all()
    record_answer(sent, by=staff, outcome=Outcome.RESOLVED, text=RESOLVED)
    with time_machine.travel(timezone.make_aware(datetime(2027, 1, 20, 9, 0))):
        publish_issue(issue, by=staff)
    issue.refresh_from_db()
    assert publication.is_publication_late(issue, date(2027, 1, 14), today=date(2027, 3, 1))
    assert not publication.is_publication_late(issue, date(2027, 1, 20), today=date(2027, 3, 1))
