"""Work programmes and tasks: targets counted from the registry (never typed), per quarter and per body,
behind first; tasks given across levels; progress, extension, reopening; the overdue and reminder jobs on
real working days; bad input; query counts of the lists."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.audit import ACTION_LABELS
from hdnd.core.models import AuditEntry
from hdnd.planning import actions, progress
from hdnd.planning.models import Task, TaskStatus
from hdnd.planning.tests import support

pytestmark = pytest.mark.django_db
JSON = "application/json"


def client_for(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


# Targets -------------------------------------------------------------------------------------------


def test_a_targets_actual_is_counted_from_the_records_per_quarter(world: World) -> None:
    programme = support.with_target(world.province, planned=8)
    support.done_task(world.province, date(2026, 2, 10))
    support.done_task(world.province, date(2026, 3, 31))
    support.done_task(world.province, date(2026, 5, 4))
    support.done_task(world.province, date(2025, 12, 31))  # the year before: not counted
    support.done_task(world.commune, date(2026, 2, 10))  # another council: not counted
    [row] = progress.target_progress([programme], today=date(2026, 7, 15))[programme.pk]
    assert row.quarters == [2, 1, 0, 0]
    assert row.year_actual == 3
    # Two quarters are over on 15/07/2026: 8 × 2/4 = 4 expected, 3 counted, so one behind.
    assert (row.expected, row.behind, row.shortfall) == (4, True, 1)


def test_a_bodys_target_counts_the_council_unless_the_figure_names_bodies(world: World) -> None:
    body = support.standing_body(world.province)
    programme = support.programme(world.province, body=body)
    actions.add_target(programme, by=None, figure=support.DONE_FIGURE, planned=2)
    actions.add_target(programme, by=None, figure=support.DONE_BY_BODY_FIGURE, planned=2)
    support.done_task(world.province, date(2026, 2, 10), body=body)
    support.done_task(world.province, date(2026, 2, 11))  # the council's, no body
    rows = {
        row.target.figure: row
        for row in progress.target_progress([programme], date(2026, 4, 1))[programme.pk]
    }
    assert (rows[support.DONE_FIGURE].year_actual, rows[support.DONE_FIGURE].by_body) == (2, False)
    assert (rows[support.DONE_BY_BODY_FIGURE].year_actual, rows[support.DONE_BY_BODY_FIGURE].by_body) == (
        1,
        True,
    )


def test_targets_refuse_unknown_figures_duplicates_and_an_adopted_programme(world: World) -> None:
    programme = support.with_target(world.province)
    with pytest.raises(ValidationError, match="Chọn một chỉ tiêu trong sổ số liệu"):
        actions.add_target(programme, by=None, figure="khong.co", planned=1)
    with pytest.raises(ValidationError, match="đã có chỉ tiêu"):
        actions.add_target(programme, by=None, figure=support.DONE_FIGURE, planned=1)
    actions.adopt_programme(
        programme, by=None, adopted_on=date(2026, 1, 10), adopted_by="Nghị quyết số 01/NQ-HĐND"
    )
    with pytest.raises(ValidationError, match="đã thông qua"):
        actions.add_target(programme, by=None, figure=support.DONE_BY_BODY_FIGURE, planned=1)
    with pytest.raises(ValidationError, match="đã được thông qua"):
        actions.adopt_programme(programme, by=None, adopted_on=date(2026, 1, 10), adopted_by="lại")


def test_one_programme_per_body_and_year(world: World) -> None:
    support.programme(world.province, year=2026)
    with pytest.raises(ValidationError, match="đã có chương trình công tác năm 2026"):
        actions.create_programme(world.province, by=None, year=2026)
    with pytest.raises(ValidationError, match="Năm phải từ"):
        actions.create_programme(world.province, by=None, year=1990)


def test_the_overview_shows_what_is_behind_first(client: Client, world: World) -> None:
    behind = support.with_target(world.province, planned=40)
    ban = support.standing_body(world.province)
    support.programme(world.province, body=ban)
    client.force_login(world.user("standing_member"))
    with time_machine.travel(date(2026, 10, 5), tick=False):
        response = client.get(reverse("planning:programme_list", args=[world.province.pk]) + "?nam=2026")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert rows[0].programme == behind
    assert rows[0].targets_behind == 1
    assert "chỉ tiêu chậm so với kế hoạch" in response.content.decode()


def test_the_drilldown_lists_the_records_counted(client: Client, world: World) -> None:
    programme = support.with_target(world.province)
    done = support.done_task(world.province, date(2026, 2, 10))
    target = programme.targets.get()
    client.force_login(world.user("office_staff"))
    response = client.get(reverse("planning:target_records", args=[target.pk]) + "?ky=2026-Q1")
    assert response.status_code == 200
    assert list(response.context["page"]) == [done]
    other = client.get(reverse("planning:target_records", args=[target.pk]) + "?ky=2026-Q2")
    assert list(other.context["page"]) == []
    bad = client.get(reverse("planning:target_records", args=[target.pk]) + "?ky=quy-mot")
    assert bad.status_code == 200
    assert bad.context["period"].code == "2026"


# Tasks across levels ------------------------------------------------------------------------------


def test_a_task_given_by_the_province_is_reported_by_the_commune_and_read_by_the_province(
    world: World,
) -> None:
    task = support.task(world.commune, given_by=world.province, due_on=date(2026, 5, 29))
    assert task.given_from_above
    assert task.owner == world.commune.name
    commune = client_for(world, "commune_staff")
    listed = commune.get(reverse("planning:task_list", args=[world.commune.pk]))
    assert task in list(listed.context["page"])
    url = reverse("planning:task_progress", args=[task.pk])
    response = commune.post(
        url, {"progress": "100", "note": "Đã rà soát xong 12 tổ dân phố.", "on": "27/05/2026"}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_on, task.progress) == (TaskStatus.DONE, date(2026, 5, 27), 100)
    province = client_for(world, "office_staff")
    given = province.get(reverse("planning:task_list", args=[world.province.pk]) + "?giao=1")
    assert list(given.context["page"]) == [task]
    page = province.get(task.get_absolute_url()).content.decode()
    assert "Đã rà soát xong 12 tổ dân phố." in page
    # The province reads it but cannot report for the commune.
    assert province.post(url, {"progress": "50", "on": "27/05/2026"}).status_code == 403


def test_only_a_council_above_may_give_a_task(world: World) -> None:
    with pytest.raises(ValidationError, match="không giao nhiệm vụ"):
        support.task(world.province, given_by=world.commune)
    with pytest.raises(ValidationError, match="không giao nhiệm vụ"):
        support.task(world.other_province_commune, given_by=world.province)


def test_progress_refuses_going_back_and_done_needs_a_result(world: World) -> None:
    task = support.task(world.province)
    actions.report_progress(task, by=None, progress=60, note="Đang làm", on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="không giảm được"):
        actions.report_progress(task, by=None, progress=40, on=date(2026, 5, 2))
    with pytest.raises(ValidationError, match="Ghi kết quả"):
        actions.report_progress(task, by=None, progress=100, on=date(2026, 5, 2))
    actions.report_progress(task, by=None, progress=100, note="Xong", on=date(2026, 5, 2))
    with pytest.raises(ValidationError, match="đã hoàn thành"):
        actions.report_progress(task, by=None, progress=100, note="Lại", on=date(2026, 5, 3))
    task = actions.reopen_task(task, by=None, reason="Chưa đạt yêu cầu")
    assert (task.status, task.done_on) == (TaskStatus.OPEN, None)
    assert task.updates.count() == 2


def test_a_bad_progress_answers_422_with_the_message_and_keeps_what_was_typed(world: World) -> None:
    task = support.task(world.province)
    staff = client_for(world, "office_staff")
    response = staff.post(
        reverse("planning:task_progress", args=[task.pk]), {"progress": "150", "note": "giữ lại"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Tiến độ từ 0 đến 100." in page
    assert "giữ lại" in page
    api = staff.post(
        f"/api/v1/tasks/{task.pk}/progress", json.dumps({"progress": 20, "done": True}), content_type=JSON
    )
    assert api.status_code == 422
    assert "Ghi kết quả" in api.json()["detail"]


def test_extending_an_overdue_task_opens_it_again(world: World) -> None:
    task = support.task(world.commune, given_by=world.province, due_on=date(2026, 5, 29))
    [marked] = actions.mark_overdue(date(2026, 6, 1))
    assert marked.status == TaskStatus.OVERDUE
    with pytest.raises(ValidationError, match="phải sau thời hạn cũ"):
        actions.extend_task(task, by=None, due_on=date(2026, 5, 1), reason="x")
    task = actions.extend_task(task, by=None, due_on=date(2026, 6, 30), reason="Chờ hướng dẫn của Bộ")
    assert (task.status, task.due_on) == (TaskStatus.OPEN, date(2026, 6, 30))


# The daily jobs, on real working days ----------------------------------------------------------------


def test_a_task_is_reminded_three_working_days_ahead_across_a_holiday_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.commune.email = "xa@example.org"
    world.commune.save()
    # Due Wednesday 06/05/2026. On Tuesday 28/04 three working days reach 05/05 (29/04, then 30/04 and
    # 01/05 are holidays and 02-03/05 a weekend: 04/05, 05/05): not yet. On Wednesday 29/04 they reach
    # 06/05 (04, 05, 06/05): the reminder goes out, once.
    task = support.task(world.commune, given_by=world.province, due_on=date(2026, 5, 6))
    mail.outbox.clear()
    assert actions.send_reminders(date(2026, 4, 28)) == []
    with django_capture_on_commit_callbacks(execute=True):
        reminded = actions.send_reminders(date(2026, 4, 29))
    assert [t.pk for t in reminded] == [task.pk]
    assert actions.send_reminders(date(2026, 4, 29)) == []  # once
    assert [m.to for m in mail.outbox] == [["xa@example.org"]]


def test_overdue_is_set_once_by_the_job_and_shown_before_it(world: World) -> None:
    task = support.task(world.province, due_on=date(2026, 9, 1))
    with time_machine.travel(date(2026, 9, 2), tick=False):
        assert task in Task.objects.overdue()  # open past its deadline: already counted overdue
        assert [t.pk for t in actions.mark_overdue(date(2026, 9, 2))] == [task.pk]
        assert actions.mark_overdue(date(2026, 9, 2)) == []
    entry = AuditEntry.objects.filter(action="planning.mark_overdue").get()
    assert entry.actor_label == actions.SYSTEM


def test_every_action_code_has_a_vietnamese_label() -> None:
    assert all(code in ACTION_LABELS for code in actions.ACTION_LABELS)


# Lists: queries do not grow with rows ---------------------------------------------------------------


def _queries(client: Client, url: str, django_assert_max_num_queries: Any, budget: int) -> None:
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_the_task_list_costs_the_same_for_3_or_30_tasks(world: World, django_assert_num_queries: Any) -> None:
    staff = client_for(world, "office_staff")
    url = reverse("planning:task_list", args=[world.province.pk])
    for _ in range(3):
        support.task(world.province)
    staff.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    for _ in range(27):
        support.task(world.province)
    with django_assert_num_queries(len(few)):
        staff.get(url)


def test_the_programme_overview_costs_the_same_for_1_or_4_programmes(
    world: World, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hdnd.councils.models import Body, BodyKind

    staff = client_for(world, "office_staff")
    url = reverse("planning:programme_list", args=[world.province.pk]) + "?nam=2026"
    support.with_target(world.province)
    staff.get(url)
    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    for n in range(3):
        body = Body.objects.create(council=world.province, kind=BodyKind.DELEGATE_GROUP, name=f"Tổ {n}")
        programme = support.programme(world.province, body=body)
        actions.add_target(programme, by=None, figure=support.DONE_FIGURE, planned=3)
        support.task(world.province, programme=programme)
    # The same figure for the same council is counted once, whatever the number of programmes using it.
    with django_assert_num_queries(len(few)):
        staff.get(url)


def test_api_creates_a_programme_and_a_task_and_refuses_a_body_of_another_council(world: World) -> None:
    staff = client_for(world, "office_staff")
    created = staff.post(
        f"/api/v1/councils/{world.province.pk}/work-programmes", json.dumps({"year": 2027}), content_type=JSON
    )
    assert created.status_code == 201
    assert created.json()["title"].startswith("Chương trình công tác năm 2027")
    ward_body = support.standing_body(world.commune)
    refused = staff.post(
        f"/api/v1/councils/{world.province.pk}/tasks",
        json.dumps({"content": "Việc", "due_on": "2026-12-30", "owner_body_id": ward_body.pk}),
        content_type=JSON,
    )
    assert refused.status_code == 422
    assert "Chọn cơ quan của HĐND thực hiện" in refused.json()["detail"]
    listed = staff.get(f"/api/v1/councils/{world.province.pk}/tasks")
    assert listed.status_code == 200
    assert listed.json()["count"] == 0
