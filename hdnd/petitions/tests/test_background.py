"""Synthesis of large cycles in the background, its progress bar, and the paginated review page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from hdnd.core.models import AuditEntry
from hdnd.petitions import actions, background
from hdnd.petitions.models import Petition, PetitionIssue, SynthesisRun
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db

TEXTS = [support.ROAD, support.ROAD_AGAIN, support.LIGHTS, support.LAND]


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def cycle_with(world: Any, texts: list[str]) -> Any:
    at = support.meeting(world.province)
    for text in texts:
        support.petition(at, text)
    return at.cycle


def test_a_background_run_groups_the_cycle_and_reports_full_progress(
    world: Any, immediate_tasks: None, django_capture_on_commit_callbacks: Any
) -> None:
    cycle = cycle_with(world, TEXTS)
    with django_capture_on_commit_callbacks(execute=True):
        run = background.start_synthesis(world.province, cycle, by=world.user("office_staff"))
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


def test_a_second_run_or_a_manual_synthesis_waits_for_the_active_one(world: Any) -> None:
    cycle = cycle_with(world, TEXTS)
    run = background.start_synthesis(world.province, cycle, by=None)  # queued: the worker has not run it
    assert run.status == SynthesisRun.Status.QUEUED
    with pytest.raises(ValidationError, match="đang được tổng hợp"):
        background.start_synthesis(world.province, cycle, by=None)
    with pytest.raises(ValidationError, match="tổng hợp nền"):
        actions.synthesize_cycle(world.province, cycle, by=None)
    background.run_synthesis(run.pk)
    background.run_synthesis(run.pk)  # carried out once: a repeat delivery changes nothing
    assert cycle.issues.count() == 3


def test_a_failed_run_keeps_the_petitions_new_and_says_why(world: Any, monkeypatch: Any) -> None:
    cycle = cycle_with(world, TEXTS)
    run = background.start_synthesis(world.province, cycle, by=None)

    def broken(petitions: Any) -> Any:
        raise MemoryError("hết bộ nhớ")

    monkeypatch.setattr(background, "group_petitions", broken)
    with pytest.raises(MemoryError):
        background.run_synthesis(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "hết bộ nhớ")
    assert Petition.objects.filter(cycle=cycle, status=Petition.Status.NEW).count() == 4
    # Nothing is lost: a new run (or a manual synthesis) picks the petitions up again.
    assert len(actions.synthesize_cycle(world.province, cycle, by=None)) == 3


def test_nothing_to_synthesise_is_refused(world: Any) -> None:
    cycle = support.cycle(world.province)
    with pytest.raises(ValidationError, match="Không có ý kiến mới"):
        background.start_synthesis(world.province, cycle, by=None)


def test_the_page_starts_a_background_run_above_the_limit_and_polls_its_progress(
    client: Client, world: Any, monkeypatch: Any
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


def test_a_few_petitions_are_synthesised_at_once(client: Client, world: Any) -> None:
    cycle = cycle_with(world, TEXTS)
    client.force_login(world.user("office_staff"))
    response = client.post(reverse("petitions:synthesis", args=[cycle.pk]), follow=True)
    assert "Đã tổng hợp thành 3 kiến nghị" in response.text
    assert not SynthesisRun.objects.exists()


def test_the_review_page_is_paginated_and_review_returns_to_the_issue_s_page(
    client: Client, world: Any
) -> None:
    cycle = cycle_with(world, [f"Đề nghị sửa cống số {n} ở xóm {n}" for n in range(34)])
    # Distinct demands: force one issue per petition so the page count is known.
    for petition in Petition.objects.filter(cycle=cycle).order_by("pk"):
        actions.save_groups(world.province, cycle, [[petition]])
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
