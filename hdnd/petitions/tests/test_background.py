"""Synthesis of large cycles in the background, its progress bar, and the paginated review page."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.petitions import background, grouping
from hdnd.petitions.actions.synthesis import start_synthesis, synthesize_cycle
from hdnd.petitions.grouping import save_groups
from hdnd.petitions.models import Petition, PetitionIssue, SynthesisRun
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db

TEXTS = [support.ROAD, support.ROAD_AGAIN, support.LIGHTS, support.LAND]


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def cycle_with(world: World, texts: list[str]) -> Any:
    at = support.meeting(world.province)
    for text in texts:
        support.petition(at, text)
    return at.cycle


def test_a_background_run_groups_the_cycle_and_reports_full_progress(
    world: World, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    cycle = cycle_with(world, TEXTS)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_synthesis(world.province, cycle, by=world.user("office_staff"))
    run.refresh_from_db()
    assert (run.status, run.total, run.done, run.issues_created, run.percent) == ("done", 8, 8, 3, 100)
    assert run.finished_at is not None
    assert cycle.issues.count() == 3
    assert not Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW).exists()
    road = PetitionIssue.objects.get(petitions__text=support.ROAD)
    assert road.petitions.count() == 2
    entry = AuditEntry.objects.get(action="petitions.synthesize_cycle")
    assert entry.after == {"petitions": 4, "issues": 3, "run": run.pk}
    assert entry.actor == world.user("office_staff")
    # The worker then explained the groups and stored the reasons with them, for the synthesis page.
    road.refresh_from_db()
    [reason] = road.grouping_reasons["reasons"]
    assert "cùng đối tượng: đường" in reason


def test_stored_reasons_hold_for_the_texts_they_were_explained_from(world: World) -> None:
    """The worker stores a group's reasons under its texts: stored again only when the group changed, and
    a group of one has none."""
    cycle = cycle_with(world, TEXTS)
    road, road_again, lights, land = Petition.objects.filter(cycle=cycle).order_by("pk")
    pair, single = save_groups(world.province, cycle, [[road, road_again], [lights]])
    assert grouping.store_reasons([pair.pk, single.pk]) == 1
    assert grouping.store_reasons([pair.pk, single.pk]) == 0  # nothing changed
    pair.refresh_from_db()
    assert len(pair.grouping_reasons["reasons"]) == 1
    Petition.objects.filter(pk=land.pk).update(issue=pair)
    assert grouping.store_reasons([pair.pk]) == 1
    pair.refresh_from_db()
    assert len(pair.grouping_reasons["reasons"]) == 2


def test_a_second_run_or_a_manual_synthesis_waits_for_the_active_one(world: World) -> None:
    cycle = cycle_with(world, TEXTS)
    run = start_synthesis(world.province, cycle, by=None)  # queued: the worker has not run it
    assert run.status == SynthesisRun.Status.QUEUED
    with pytest.raises(ValidationError, match="đang được tổng hợp"):
        start_synthesis(world.province, cycle, by=None)
    with pytest.raises(ValidationError, match="tổng hợp nền"):
        synthesize_cycle(world.province, cycle, by=None)
    background.run_synthesis(run.pk)
    background.run_synthesis(run.pk)  # carried out once: a repeat delivery changes nothing
    assert cycle.issues.count() == 3


def test_a_failed_run_keeps_the_petitions_new_and_says_why(world: World, monkeypatch: Any) -> None:
    cycle = cycle_with(world, TEXTS)
    run = start_synthesis(world.province, cycle, by=None)

    def broken(petitions: Any) -> Any:
        raise MemoryError("hết bộ nhớ")

    monkeypatch.setattr(background, "group_petitions", broken)
    with pytest.raises(MemoryError):
        background.run_synthesis(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "hết bộ nhớ")
    assert Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW).count() == 4
    # Nothing is lost: a new run (or a manual synthesis) picks the petitions up again.
    assert len(synthesize_cycle(world.province, cycle, by=None)) == 3


def test_nothing_to_synthesise_is_refused(world: World) -> None:
    cycle = support.cycle(world.province)
    with pytest.raises(ValidationError, match="Không có ý kiến mới"):
        start_synthesis(world.province, cycle, by=None)


def test_the_page_starts_a_background_run_above_the_limit_and_polls_its_progress(
    client: Client, world: World, monkeypatch: Any
) -> None:
    monkeypatch.setattr(background, "SYNC_LIMIT", 2)
    cycle = cycle_with(world, TEXTS)
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("petitions:synthesis", args=[cycle.pk]), follow=True)
    run = SynthesisRun.objects.get(cycle=cycle)
    assert "Đã bắt đầu tổng hợp nền" in response.text
    assert 'hx-trigger="every 1s"' in response.text
    assert not cycle.issues.exists()

    poll = reverse("petitions:synthesis_run", args=[run.pk]) + "?polling=1"
    running = client.get(poll, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in running
    assert "Đang chờ" in running.text
    background.run_synthesis(run.pk)
    finished = client.get(poll, headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true"
    assert "3 kiến nghị dự thảo" in finished.text
    assert "100%" in finished.text


def test_a_few_petitions_are_synthesised_at_once(client: Client, world: World) -> None:
    cycle = cycle_with(world, TEXTS)
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("petitions:synthesis", args=[cycle.pk]), follow=True)
    assert "Đã tổng hợp thành 3 kiến nghị" in response.text
    assert not SynthesisRun.objects.exists()


def test_the_review_page_is_paginated_and_review_returns_to_the_issue_s_page(
    client: Client, world: World
) -> None:
    cycle = cycle_with(world, [f"Đề nghị sửa cống số {n} ở xóm {n}" for n in range(34)])
    # Distinct demands: force one issue per petition so the page count is known.
    for petition in Petition.objects.filter(cycle=cycle).order_by("pk"):
        save_groups(world.province, cycle, [[petition]])
    assert cycle.issues.count() == 34
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:synthesis", args=[cycle.pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    last = cycle.issues.order_by("pk").last()
    assert last is not None
    assert f"issue-{last.pk}" not in first.text
    assert f"issue-{last.pk}" in second.text
    assert "Trang 2/2" in second.text
    response = client.post(reverse("petitions:issue_confirm", args=[last.pk]))
    assert response["Location"] == f"{url}?page=2#issue-{last.pk}"


# A worker that died ------------------------------------------------------------------------------

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
STARTED = datetime(2026, 11, 20, 10, 5, tzinfo=HANOI)


def running_since(world: World, cycle: Any, when: datetime) -> SynthesisRun:
    """A run a worker took at ``when`` and stopped beating (as the worker's first step does)."""
    with time_machine.travel(when, tick=False):
        run = start_synthesis(world.province, cycle, by=world.user("office_staff"))
        SynthesisRun.objects.filter(pk=run.pk).update(
            status=SynthesisRun.Status.RUNNING, heartbeat_at=timezone.now()
        )
    return run


def test_a_run_whose_heartbeat_stopped_is_failed_and_the_synthesis_runs_again(
    client: Client, world: World
) -> None:
    cycle = cycle_with(world, TEXTS)
    dead = running_since(world, cycle, STARTED)
    client.force_login(world.user("office_staff"))
    with time_machine.travel(STARTED + timedelta(minutes=3), tick=False):
        response = client.post(reverse("petitions:synthesis", args=[cycle.pk]), follow=True)
        page = client.get(reverse("petitions:synthesis_run", args=[dead.pk]))
    assert (
        "Lần tổng hợp trước bị gián đoạn (máy xử lý dừng giữa chừng) lúc 10:05 ngày 20/11/2026; đã chạy lại."
        in response.text
    )
    assert "Đã tổng hợp thành 3 kiến nghị" in response.text
    dead.refresh_from_db()
    assert dead.status == SynthesisRun.Status.FAILED
    assert dead.error == (
        "Lần tổng hợp này bị gián đoạn (máy xử lý dừng giữa chừng) lúc 10:05 ngày 20/11/2026; đã chạy lại"
    )
    entry = AuditEntry.objects.get(action="petitions.synthesis_interrupted")
    assert entry.after == {"run": dead.pk, "heartbeat_at": "2026-11-20 03:05:00+00:00", "done": 0, "total": 8}
    # Its progress page says what happened.
    assert "Tổng hợp lỗi: Lần tổng hợp này bị gián đoạn (máy xử lý dừng giữa chừng)" in page.text


def test_a_run_with_a_fresh_heartbeat_still_blocks_both_entry_points(client: Client, world: World) -> None:
    cycle = cycle_with(world, TEXTS)
    alive = running_since(world, cycle, STARTED)
    client.force_login(world.user("office_staff"))
    with time_machine.travel(STARTED + timedelta(seconds=90), tick=False):
        at_once = client.post(f"/api/v1/cycles/{cycle.pk}/synthesize/")
        queued = client.post(f"/api/v1/cycles/{cycle.pk}/synthesis-runs/")
    assert at_once.status_code == 422
    assert at_once.json()["detail"] == "Đợt này đang được tổng hợp nền; chờ xong rồi tổng hợp tiếp."
    assert queued.status_code == 422
    assert queued.json()["detail"] == "Đợt này đang được tổng hợp; theo dõi tiến độ trên trang tổng hợp."
    alive.refresh_from_db()
    assert alive.status == SynthesisRun.Status.RUNNING
    assert not AuditEntry.objects.filter(action="petitions.synthesis_interrupted").exists()


def test_the_periodic_job_fails_stale_runs_and_their_task_rows(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cycle = cycle_with(world, TEXTS)
    with time_machine.travel(STARTED, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            run = start_synthesis(world.province, cycle, by=None)
        row = DBTaskResult.objects.get(task_path="hdnd.petitions.tasks.synthesize_in_background")
        row.claim("worker-1")  # the worker takes the task, marks the run running, then is killed
        SynthesisRun.objects.filter(pk=run.pk).update(
            status=SynthesisRun.Status.RUNNING, heartbeat_at=STARTED
        )
    with time_machine.travel(STARTED + timedelta(minutes=1), tick=False):
        assert background.fail_stale_runs() == []  # a minute of silence is not yet a death
    with time_machine.travel(STARTED + timedelta(minutes=5), tick=False):
        assert [failed.pk for failed in background.fail_stale_runs()] == [run.pk]
    run.refresh_from_db()
    row.refresh_from_db()
    assert run.status == SynthesisRun.Status.FAILED
    assert run.error == "Lần tổng hợp này bị gián đoạn (máy xử lý dừng giữa chừng) lúc 10:05 ngày 20/11/2026"
    assert row.status == "FAILED"
    # The cycle is free again: its petitions are still new and synthesise.
    assert len(synthesize_cycle(world.province, cycle, by=None)) == 3


def test_a_worker_whose_run_was_failed_meanwhile_stops_without_saving(world: World, monkeypatch: Any) -> None:
    cycle = cycle_with(world, TEXTS)
    run = start_synthesis(world.province, cycle, by=None)

    def slow(petitions: Any) -> Any:  # the worker stalls; meanwhile its run is found stale and failed
        SynthesisRun.objects.filter(pk=run.pk).update(status=SynthesisRun.Status.FAILED)
        return [[petition] for petition in petitions]

    monkeypatch.setattr(background, "group_petitions", slow)
    assert background.run_synthesis(run.pk).status == SynthesisRun.Status.FAILED
    assert not cycle.issues.exists()
