"""Implementation tasks on a resolution's page and the province's review of commune resolutions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.resolutions import followup, review
from hdnd.resolutions.models import ResolutionReview, ReviewStatus
from hdnd.resolutions.tests import support

pytestmark = pytest.mark.django_db


def test_a_task_is_overdue_until_done_and_late_if_done_after_its_date(world: World) -> None:
    resolution = support.published(world.province)
    task = followup.add_task(
        resolution, by=None, requirement="Báo cáo 6 tháng", due_on=date(2027, 6, 30), agency_name="UBND tỉnh"
    )
    assert not task.is_overdue(today=date(2027, 6, 30))
    assert task.is_overdue(today=date(2027, 7, 1))
    done = followup.complete_task(task, by=None, done_on=date(2027, 7, 3), report="Đã báo cáo")
    assert done.is_overdue()
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        followup.complete_task(done, by=None, done_on=date(2027, 7, 4))
    with pytest.raises(ValidationError, match="dự thảo"):
        followup.add_task(support.draft(world.province), by=None, requirement="x", due_on=date(2027, 1, 1))


def test_the_resolution_page_marks_overdue_tasks(client: Client, world: World) -> None:
    resolution = support.published(world.province)
    followup.add_task(
        resolution, by=None, requirement="Báo cáo quý I", due_on=date(2026, 3, 31), agency_name="Sở Tài chính"
    )
    client.force_login(world.user("delegate"))
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert "Báo cáo quý I" in page
    assert "Quá hạn" in page


def test_the_province_reviews_a_commune_resolution_and_the_commune_responds(
    client: Client, world: World
) -> None:
    commune_resolution = support.published(world.commune)
    support.draft(world.commune, title="Dự thảo của xã không ai được xem")
    staff = world.user("office_staff")
    client.force_login(staff)
    board = client.get(reverse("resolutions:review_board", args=[world.province.pk])).content.decode()
    assert commune_resolution.symbol in board
    assert "không ai được xem" not in board
    client.post(reverse("resolutions:review_start", args=[commune_resolution.pk]))
    item = ResolutionReview.objects.get()
    assert (item.council, item.reviewing_council, item.reviewer) == (world.commune, world.province, staff)
    url = reverse("resolutions:review_findings", args=[item.pk])
    client.post(url, {"text": "Điều 3 vượt thẩm quyền của HĐND xã.", "on": "15/01/2027"})
    # The commune's staff cannot write findings, only the response.
    client.force_login(world.user("commune_staff"))
    assert client.post(url, {"text": "Tự khen", "on": "16/01/2027"}).status_code == 403
    client.post(
        reverse("resolutions:review_response", args=[item.pk]),
        {"text": "Đã bãi bỏ Điều 3.", "on": "20/02/2027"},
    )
    item.refresh_from_db()
    assert (item.status, item.findings, item.response) == (
        ReviewStatus.RESPONDED,
        "Điều 3 vượt thẩm quyền của HĐND xã.",
        "Đã bãi bỏ Điều 3.",
    )
    client.force_login(staff)
    client.post(reverse("resolutions:review_close", args=[item.pk]))
    assert ResolutionReview.objects.get().status == ReviewStatus.CLOSED


def test_one_open_review_per_resolution_and_none_for_a_province(world: World) -> None:
    commune_resolution = support.published(world.commune)
    review.start_review(commune_resolution, by=None)
    with pytest.raises(ValidationError, match="đang được xem xét"):
        review.start_review(commune_resolution, by=None)
    with pytest.raises(ValidationError, match="không có HĐND cấp trên"):
        review.start_review(support.published(world.province), by=None)
    with pytest.raises(ValidationError, match="Chỉ ghi việc xử lý sau khi có ý kiến"):
        review.record_response(ResolutionReview.objects.get(), by=None, response="x", on=date(2027, 1, 1))


def test_the_api_lists_the_reviews_under_way_for_those_who_review(client: Client, world: World) -> None:
    under_way = review.start_review(support.published(world.commune), by=None)
    finished = review.start_review(support.published(world.other_commune, title=support.FEES), by=None)
    review.record_findings(finished, by=None, findings="Đúng thẩm quyền.", on=date(2027, 1, 15))
    review.close_review(finished, by=None)
    url = reverse("api:resolution_review_list", args=[world.province.pk])
    client.force_login(world.user("office_staff"))
    assert [row["id"] for row in client.get(url).json()] == [under_way.pk]
    assert [row["id"] for row in client.get(url, {"closed": "true"}).json()] == [finished.pk, under_way.pk]
    client.force_login(world.user("delegate"))  # sees the province, reviews nothing
    assert client.get(url).status_code == 403
    client.force_login(world.user("commune_staff"))
    assert client.get(url).status_code == 404
