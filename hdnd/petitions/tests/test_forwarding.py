"""Forwarding confirmed issues to agencies: deadlines, answers, ratings, reminders and escalation."""

from __future__ import annotations

import threading
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World, build_world, make_user
from hdnd.accounts.models import Role
from hdnd.core.models import AuditEntry, RuleOverride, RuleUnit
from hdnd.councils.models import Agency, AgencyKind
from hdnd.petitions import tasks
from hdnd.petitions.actions.forwarding import (
    check_letter_number,
    escalate_overdue,
    forward_issue,
    rate_answer,
    record_answer,
    send_reminders,
)
from hdnd.petitions.models import Answer, AnswerRating, Forwarding, Outcome, PetitionIssue
from hdnd.petitions.tests import support
from hdnd.petitions.tests.test_views import query_count
from hdnd.petitions.views.forwarding import PAGE_SIZE

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ROAD_ANSWER = "Tuyến đường đã được đưa vào kế hoạch sửa chữa năm 2027."


def audit_count(action: str) -> int:
    return AuditEntry.objects.filter(action=f"petitions.{action}").count()


def department(world: World) -> Agency:
    """Sở Xây dựng: the province's agency whose responder is in the cast."""
    return support.agency(world.province)


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=HANOI)


# Deadlines ---------------------------------------------------------------------------------------


def test_forwarding_before_tet_moves_a_calendar_day_deadline_off_the_weekend(
    world: World, rules: Any
) -> None:
    issue = support.confirmed_issue(world.province)
    (sent,) = forward_issue(issue, [department(world)], by=None, on=date(2026, 2, 13))
    # 13/02/2026 + 30 days is Sunday 15/03/2026: the deadline moves to Monday 16/03/2026.
    assert (sent.sent_on, sent.due_on) == (date(2026, 2, 13), date(2026, 3, 16))


def test_a_council_counting_working_days_skips_the_tet_week(world: World, rules: Any) -> None:
    RuleOverride.objects.create(
        rule=rules["council_petition.answer.days"],
        council=world.province,
        value=Decimal(5),
        unit=RuleUnit.WORKING_DAYS,
        legal_basis="Quy chế phối hợp số 01/QC-HĐND",
    )
    issue = support.confirmed_issue(world.province)
    (sent,) = forward_issue(issue, [department(world)], by=None, on=date(2026, 2, 13))
    # Friday 13/02, then Tết 16–20/02: the 5th working day is Friday 27/02/2026.
    assert sent.due_on == date(2026, 2, 27)


def test_fan_out_to_two_agencies_gives_each_its_own_forwarding(world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    transport = support.agency(world.province, "Sở Giao thông vận tải")
    made = forward_issue(issue, [department(world), transport], by=None, on=date(2026, 11, 23))
    assert [(f.agency.name, f.due_on) for f in made] == [
        ("Sở Xây dựng tỉnh An Bình", date(2026, 12, 23)),
        ("Sở Giao thông vận tải", date(2026, 12, 23)),
    ]
    assert Forwarding.objects.filter(issue=issue).count() == 2
    assert audit_count("forward_issue") == 1


# The whole flow through the pages ----------------------------------------------------------------


def test_forward_acknowledge_answer_and_rate(client: Client, world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    client.force_login(world.user("office_staff"))
    response = client.post(
        reverse("petitions:issue_forward", args=[issue.pk]), {"agencies": [department(world).pk]}
    )
    assert response["Location"] == issue.get_absolute_url()
    sent = Forwarding.objects.get(issue=issue)
    assert sent.status == Forwarding.Status.SENT

    client.force_login(world.user("agency_responder"))
    inbox = client.get(reverse("petitions:agency_inbox", args=[sent.agency_id])).content.decode()
    assert issue.title in inbox
    client.post(reverse("petitions:forwarding_acknowledge", args=[sent.pk]))
    response = client.post(
        reverse("petitions:forwarding_answer", args=[sent.pk]),
        {"outcome": "dang_giai_quyet", "text": ROAD_ANSWER, "target_date": "30/06/2027"},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    answer = Answer.objects.get(forwarding=sent)
    assert (sent.status, answer.outcome, answer.target_date) == (
        "answered",
        "dang_giai_quyet",
        date(2027, 6, 30),
    )
    assert sent.acknowledged_at is not None

    client.force_login(world.user("delegate"))
    client.post(reverse("petitions:answer_rate", args=[answer.pk]), {"rating": "partial"})
    client.post(reverse("petitions:answer_rate", args=[answer.pk]), {"rating": "evasive"})
    assert list(AnswerRating.objects.values_list("rating", flat=True)) == ["evasive"]
    page = client.get(issue.get_absolute_url()).content.decode()
    assert ROAD_ANSWER in page
    assert "Né tránh, chung chung" in page
    counts = [
        audit_count(a) for a in ("forward_issue", "acknowledge_forwarding", "record_answer", "rate_answer")
    ]
    assert counts == [1, 1, 1, 2]


def test_the_letter_number_is_given_when_forwarding_or_recorded_later(
    client: Client, world: World, rules: Any
) -> None:
    issue = support.confirmed_issue(world.province)
    client.force_login(world.user("office_staff"))
    client.post(
        reverse("petitions:issue_forward", args=[issue.pk]),
        {"agencies": [department(world).pk], "letter_number": " 45/HĐND-VP "},
    )
    sent = Forwarding.objects.get(issue=issue)
    assert sent.letter_number == "45/HĐND-VP"

    response = client.post(
        reverse("petitions:forwarding_letter_number", args=[sent.pk]), {"letter_number": "46/HĐND-VP"}
    )
    assert response["Location"] == f"{issue.get_absolute_url()}#forwarding-{sent.pk}"
    sent.refresh_from_db()
    assert sent.letter_number == "46/HĐND-VP"
    entry = AuditEntry.objects.get(action="petitions.record_letter_number")
    assert (entry.before, entry.after) == ({"letter_number": "45/HĐND-VP"}, {"letter_number": "46/HĐND-VP"})
    page = client.get(issue.get_absolute_url()).content.decode()
    assert 'value="46/HĐND-VP"' in page

    # The same number again changes nothing and audits nothing; one too long is refused, the old kept.
    client.post(
        reverse("petitions:forwarding_letter_number", args=[sent.pk]), {"letter_number": "46/HĐND-VP"}
    )
    assert audit_count("record_letter_number") == 1
    response = client.post(
        reverse("petitions:forwarding_letter_number", args=[sent.pk]), {"letter_number": "9" * 41}
    )
    sent.refresh_from_db()
    assert sent.letter_number == "46/HĐND-VP"
    # The issue page comes back refused (422), the typed number still in its box with the reason.
    assert response.status_code == 422
    refused = response.content.decode()
    assert "Số công văn dài tối đa 40 ký tự, ví dụ 45/HĐND-VP." in refused
    assert f'value="{"9" * 41}"' in refused

    # The letter (.docx) prints the number.
    letter = client.get(reverse("petitions:reports_forwarding_letter", args=[sent.pk]))
    assert letter.status_code == 200


def test_a_letter_number_too_long_is_refused_by_the_action() -> None:
    with pytest.raises(ValidationError) as refused:
        check_letter_number("1" * 41)
    assert "letter_number" in refused.value.message_dict
    assert check_letter_number("  12/HĐND-VP\n") == "12/HĐND-VP"


def test_forwarding_a_draft_issue_is_refused_with_a_message(client: Client, world: World, rules: Any) -> None:
    road, _ = support.two_draft_issues(world.province)
    client.force_login(world.user("office_staff"))
    response = client.post(
        reverse("petitions:issue_forward", args=[road.pk]), {"agencies": [department(world).pk]}
    )
    assert response.status_code == 422
    assert "chưa được xác nhận; xác nhận rồi mới chuyển" in response.content.decode()
    assert not Forwarding.objects.exists()
    assert audit_count("forward_issue") == 0


def test_forwarding_to_the_same_agency_twice_is_refused(client: Client, world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    forward_issue(issue, [department(world)], by=None)
    client.force_login(world.user("office_staff"))
    response = client.post(
        reverse("petitions:issue_forward", args=[issue.pk]), {"agencies": [department(world).pk]}
    )
    assert response.status_code == 422
    assert (
        "Kiến nghị đã được chuyển đến Sở Xây dựng tỉnh An Bình và đang chờ trả lời."
        in response.content.decode()
    )
    assert Forwarding.objects.count() == 1


def test_an_agency_of_another_council_cannot_be_chosen(world: World, rules: Any) -> None:
    issue = support.confirmed_issue(world.province)
    with pytest.raises(ValidationError, match="đang hoạt động của HĐND này"):
        forward_issue(issue, [support.agency(world.commune)], by=None)


def test_an_answer_in_progress_needs_a_target_date(client: Client, world: World, rules: Any) -> None:
    sent = support.forwarded(world.province)
    client.force_login(world.user("agency_responder"))
    response = client.post(
        reverse("petitions:forwarding_answer", args=[sent.pk]),
        {"outcome": "dang_giai_quyet", "text": ROAD_ANSWER},
    )
    assert response.status_code == 422
    assert "nhập thời hạn dự kiến hoàn thành" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_unresolved_answer_needs_a_reason(world: World, rules: Any) -> None:
    sent = support.forwarded(world.province)
    with pytest.raises(ValidationError, match="chọn lý do"):
        record_answer(
            sent, by=world.user("office_staff"), outcome=Outcome.UNRESOLVED, text="Chưa bố trí được vốn."
        )


def test_a_forwarding_is_answered_on_the_local_day_of_its_first_answer(world: World, rules: Any) -> None:
    """At 00:30 in Hà Nội it is still the day before in UTC: the answer counts on the local day. A later
    answer (the work in progress now done) leaves the day the forwarding was first answered."""
    sent = support.forwarded(world.province)
    responder = world.user("agency_responder")
    with time_machine.travel(at(date(2026, 5, 12), 0).replace(minute=30), tick=False):
        record_answer(
            sent, by=responder, outcome=Outcome.IN_PROGRESS, text=ROAD_ANSWER, target_date=date(2026, 9, 1)
        )
    sent.refresh_from_db()
    assert sent.answered_on == date(2026, 5, 12)
    with time_machine.travel(at(date(2026, 9, 3)), tick=False):
        record_answer(sent, by=responder, outcome=Outcome.RESOLVED, text="Đã sửa xong tuyến đường.")
    sent.refresh_from_db()
    assert (sent.answered_on, sent.answers.count()) == (date(2026, 5, 12), 2)


# Who may answer ----------------------------------------------------------------------------------


def test_a_responder_of_another_agency_gets_404(client: Client, world: World, rules: Any) -> None:
    transport = support.agency(world.province, "Sở Giao thông vận tải")
    issue = support.confirmed_issue(world.province)
    (sent,) = forward_issue(issue, [transport], by=None)
    client.force_login(world.user("agency_responder"))  # responds for Sở Xây dựng
    assert client.get(reverse("petitions:forwarding_answer", args=[sent.pk])).status_code == 404
    assert client.get(reverse("petitions:agency_inbox", args=[transport.pk])).status_code == 404
    assert client.post(reverse("petitions:forwarding_acknowledge", args=[sent.pk])).status_code == 404


def test_other_tenants_get_404(client: Client, world: World, rules: Any) -> None:
    sent = support.forwarded(world.other_province_commune)
    client.force_login(world.user("office_staff"))
    assert client.get(reverse("petitions:forwarding_answer", args=[sent.pk])).status_code == 404
    assert client.get(reverse("petitions:issue_detail", args=[sent.issue_id])).status_code == 404


def test_only_delegates_of_the_council_rate(world: World, rules: Any) -> None:
    answer = support.answered(world.province, world.user("office_staff"))
    with pytest.raises(ValidationError):
        rate_answer(answer, by=world.user("delegate"), rating="very good")
    outsider = make_user("dai_bieu_xa", Role.DELEGATE, world.commune)
    with pytest.raises(PermissionDenied):
        rate_answer(answer, by=outsider, rating="satisfactory")


# Reminders and escalation ------------------------------------------------------------------------


@pytest.fixture
def overdue_setup(world: World, rules: Any) -> Forwarding:
    """Sở Xây dựng (under UBND tỉnh) gets the road issue on Monday 23/11/2026: due Wednesday 23/12/2026."""
    committee = Agency.objects.create(
        council=world.province,
        name="UBND tỉnh An Bình",
        kind=AgencyKind.PEOPLES_COMMITTEE,
        email="ubnd@an-binh.vn",
    )
    agency = department(world)
    agency.superior, agency.email = committee, "sxd@an-binh.vn"
    agency.save()
    world.province.email = "hdnd@an-binh.vn"
    world.province.save()
    sent = support.forwarded(world.province)
    assert sent.due_on == date(2026, 12, 23)
    return sent


def test_the_reminder_goes_three_working_days_before_the_deadline_once(
    overdue_setup: Forwarding, django_capture_on_commit_callbacks: Any
) -> None:
    assert send_reminders(date(2026, 12, 17)) == []
    with time_machine.travel(at(date(2026, 12, 18))), django_capture_on_commit_callbacks(execute=True):
        assert [f.pk for f in send_reminders(date(2026, 12, 18))] == [overdue_setup.pk]
        assert send_reminders(date(2026, 12, 18)) == []
    assert audit_count("remind_forwarding") == 1
    assert [m.to for m in mail.outbox if "Nhắc hạn" in m.subject] == [["sxd@an-binh.vn"]]


def test_overdue_answers_go_to_the_superior_then_the_standing_committee(
    overdue_setup: Forwarding, django_capture_on_commit_callbacks: Any
) -> None:
    assert escalate_overdue(date(2026, 12, 23)) == []  # due today: not overdue yet
    with time_machine.travel(at(date(2026, 12, 24))), django_capture_on_commit_callbacks(execute=True):
        assert len(escalate_overdue(date(2026, 12, 24))) == 1
        assert escalate_overdue(date(2026, 12, 24)) == []  # twice the same day: nothing
    overdue_setup.refresh_from_db()
    assert overdue_setup.escalation == Forwarding.Escalation.SUPERIOR
    assert mail.outbox[-1].to == ["sxd@an-binh.vn", "ubnd@an-binh.vn"]
    with time_machine.travel(at(date(2026, 12, 30))):
        assert escalate_overdue(date(2026, 12, 30)) == []  # 5 working days not yet past
    with time_machine.travel(at(date(2026, 12, 31))), django_capture_on_commit_callbacks(execute=True):
        assert len(escalate_overdue(date(2026, 12, 31))) == 1
        assert escalate_overdue(date(2026, 12, 31)) == []
    overdue_setup.refresh_from_db()
    assert overdue_setup.escalation == Forwarding.Escalation.STANDING_COMMITTEE
    assert "hdnd@an-binh.vn" in mail.outbox[-1].to
    assert audit_count("escalate_forwarding") == 2


def test_an_answered_forwarding_is_neither_reminded_nor_escalated(
    world: World, overdue_setup: Forwarding
) -> None:
    record_answer(overdue_setup, by=world.user("office_staff"), outcome=Outcome.EXPLAINED, text=ROAD_ANSWER)
    assert send_reminders(date(2026, 12, 18)) == []
    assert escalate_overdue(date(2026, 12, 24)) == []


def test_the_periodic_tasks_run_the_actions_for_today(overdue_setup: Forwarding) -> None:
    with time_machine.travel(at(date(2026, 12, 24))):
        assert tasks.send_answer_reminders.call() == []
        assert tasks.escalate_overdue_answers.call() == [overdue_setup.pk]


def test_the_jobs_are_registered_with_the_scheduler() -> None:
    from hdnd.core.scheduler import PERIODIC

    names = {job.name for job in PERIODIC}
    assert {"petitions.answer_reminders", "petitions.escalate_overdue"} <= names


# Lists -------------------------------------------------------------------------------------------


def _overdue_forwardings(world: World, count: int, first: int = 0) -> None:
    """``count`` confirmed issues (each in its own cycle) forwarded on 05/01/2026, due 04/02/2026."""
    for n in range(first, first + count):
        issue = PetitionIssue.objects.create(
            council=world.province,
            cycle=support.cycle(world.province, name=f"Đợt {n}"),
            title=f"Kiến nghị {n}",
            status="confirmed",
        )
        forward_issue(issue, [department(world)], by=None, on=date(2026, 1, 5))


def test_the_overdue_board_counts_per_agency_with_days_overdue(
    client: Client, world: World, rules: Any
) -> None:
    _overdue_forwardings(world, 2)
    client.force_login(world.user("standing_member"))
    with time_machine.travel(at(date(2026, 2, 9))):
        page = client.get(reverse("petitions:overdue_board", args=[world.province.pk])).content.decode()
    # Forwarded 05/01/2026, due 04/02/2026: five days overdue on 09/02/2026.
    assert "04/02/2026" in page
    assert "<td>5</td>" in page
    assert 'badge text-bg-danger">2</span>' in page


def test_board_and_inbox_queries_do_not_grow_with_rows(client: Client, world: World, rules: Any) -> None:
    client.force_login(world.user("office_staff"))
    board = reverse("petitions:overdue_board", args=[world.province.pk])
    inbox = reverse("petitions:agency_inbox", args=[department(world).pk])
    _overdue_forwardings(world, 1)
    client.get(board)  # warm the per-process caches (content types, the calendar) before counting
    few = (query_count(client, board), query_count(client, inbox))
    _overdue_forwardings(world, 4, first=1)
    assert (query_count(client, board), query_count(client, inbox)) == few


def test_the_issue_page_does_not_query_more_with_more_forwardings_and_answers(
    client: Client, world: World, rules: Any
) -> None:
    staff = world.user("office_staff")
    client.force_login(staff)
    issue = support.confirmed_issue(world.province)
    url = reverse("petitions:issue_detail", args=[issue.pk])
    (first,) = forward_issue(issue, [department(world)], by=None, on=date(2026, 1, 5))
    record_answer(first, by=staff, outcome=Outcome.RESOLVED, text=ROAD_ANSWER)
    client.get(url)  # warm the per-process caches (content types, the calendar) before counting
    few = query_count(client, url)
    others = [Agency.objects.create(council=world.province, name=f"Sở số {n}") for n in range(3)]
    for sent in forward_issue(issue, others, by=None, on=date(2026, 1, 6)):
        record_answer(
            sent, by=staff, outcome=Outcome.UNRESOLVED, reason="thieu_nguon_luc", text="Chưa có vốn."
        )

    page = client.get(url).content.decode()

    assert query_count(client, url) == few
    assert page.count("Chưa có vốn.") == 3
    assert "Sở số 2" in page


# Concurrency (PostgreSQL) ------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_forwarding_at_once_make_one_forwarding(transactional_db: None) -> None:
    from hdnd.core.actions import seed_rules

    world = build_world()
    seed_rules()
    issue = support.confirmed_issue(world.province)
    agency = department(world)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def forward() -> None:
        try:
            barrier.wait()
            forward_issue(issue, [agency], by=None)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=forward) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[0] == "Kiến nghị đã được chuyển đến Sở Xây dựng tỉnh An Bình và đang chờ trả lời."
    assert sorted(outcomes)[1] == "ok"
    assert Forwarding.objects.filter(issue=issue, agency=agency).count() == 1


def test_the_inbox_lists_open_forwardings_before_answered_ones(
    client: Client, world: World, rules: Any
) -> None:
    _overdue_forwardings(world, 2)
    first, second = Forwarding.objects.order_by("pk")
    record_answer(first, by=world.user("office_staff"), outcome=Outcome.RESOLVED, text=ROAD_ANSWER)
    client.force_login(world.user("agency_responder"))
    page = client.get(reverse("petitions:agency_inbox", args=[department(world).pk])).content.decode()
    assert page.index(f'id="forwarding-{second.pk}"') < page.index(f'id="forwarding-{first.pk}"')


def test_an_agency_s_inbox_and_the_overdue_board_show_a_page_at_a_time_open_ones_first(
    client: Client, world: World, rules: Any
) -> None:
    # An agency of a province receives hundreds of forwardings a year: 644 in five years for the busiest
    # of the country-sized data, a 420 KB page before it was paged.
    _overdue_forwardings(world, PAGE_SIZE + 2)
    answered = Forwarding.objects.order_by("pk").first()
    assert answered is not None
    record_answer(answered, by=world.user("office_staff"), outcome=Outcome.RESOLVED, text=ROAD_ANSWER)
    client.force_login(world.user("office_staff"))
    inbox = reverse("petitions:agency_inbox", args=[department(world).pk])
    board = reverse("petitions:overdue_board", args=[world.province.pk])
    with time_machine.travel(at(date(2026, 2, 9))):
        first = client.get(inbox)
        last = client.get(inbox, {"page": 2})
        overdue = [client.get(board), client.get(board, {"page": 2})]
    assert len(first.context["forwardings"]) == PAGE_SIZE
    assert answered not in first.context["forwardings"]  # the open ones first
    assert [f.pk for f in last.context["forwardings"]][-1] == answered.pk
    assert "Đang chờ trả lời: 51, trong đó" in first.text
    assert "Trang 1/2" in first.text
    assert [len(page.context["rows"]) for page in overdue] == [PAGE_SIZE, 1]
    assert 'badge text-bg-danger">51</span>' in overdue[0].text  # the count per agency is of them all
