"""Briefings: statuses in order, numbers from the host's series (GM-HĐND, and TB-HĐND shared with the
standing committee), conclusions that become tasks on the communes' own pages, the next briefing's
follow-up, answers to proposals, attendance, the documents, bad input, and the list's query count."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any, cast

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.tasks import default_task_backend
from django.tasks.backends.dummy import DummyBackend
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from conftest import World
from hdnd.briefings import actions, documents
from hdnd.briefings.models import Briefing, BriefingStatus
from hdnd.briefings.tests import support
from hdnd.core import documents as core_documents
from hdnd.core.audit import ACTION_LABELS
from hdnd.core.models import AuditEntry
from hdnd.planning import actions as planning
from hdnd.planning.models import Task, TaskSource, TaskStatus
from hdnd.sittings import standing

pytestmark = pytest.mark.django_db
JSON = "application/json"


def client_for(world: World, name: str) -> Client:
    client = Client()
    client.force_login(world.user(name))
    return client


def test_a_briefing_invites_every_council_below_and_moves_through_its_statuses_in_order(world: World) -> None:
    briefing = support.planned(world.province)
    assert set(briefing.participants.values_list("council_id", flat=True)) == {
        world.commune.pk,
        world.other_commune.pk,
    }
    with pytest.raises(ValidationError, match="Chỉ ghi nhận đã họp khi đã phát hành giấy mời"):
        actions.mark_held(briefing, by=None, held_on=date(2026, 4, 15))
    with pytest.raises(ValidationError, match="Chỉ ban hành thông báo kết luận cho hội nghị đã họp"):
        actions.issue_notice(briefing, by=None, issued_on=date(2026, 4, 15), text="x")
    with pytest.raises(ValidationError, match="không được sau ngày họp"):
        actions.issue_invitation(briefing, by=None, issued_on=date(2026, 4, 20))
    briefing = actions.issue_invitation(briefing, by=None, issued_on=date(2026, 4, 8))
    assert (briefing.status, briefing.invitation_symbol) == (BriefingStatus.INVITED, "01/GM-HĐND")
    with pytest.raises(ValidationError, match="Chỉ phát hành giấy mời cho hội nghị đang dự kiến"):
        actions.issue_invitation(briefing, by=None, issued_on=date(2026, 4, 8))
    briefing = actions.mark_held(briefing, by=None, held_on=date(2026, 4, 15))
    with pytest.raises(ValidationError, match="không sửa được nữa"):
        actions.set_agenda(briefing, by=None, items=[actions.AgendaLine("Muộn")])
    with pytest.raises(ValidationError, match="phải có nội dung hoặc ít nhất một kết luận"):
        actions.issue_notice(briefing, by=None, issued_on=date(2026, 4, 17))
    briefing = actions.issue_notice(briefing, by=None, issued_on=date(2026, 4, 17), text="Thống nhất.")
    assert briefing.status == BriefingStatus.CONCLUDED


def test_the_notice_shares_the_councils_tb_series_with_the_standing_committee(world: World) -> None:
    meeting = standing.create_meeting(world.province, by=None, meets_on=date(2026, 4, 2))
    standing.mark_held(meeting, by=None, held_on=date(2026, 4, 2))
    standing.issue_notice(meeting, by=None, issued_on=date(2026, 4, 3), text="Thống nhất.")
    briefing = support.concluded(world.province)
    assert briefing.notice_symbol == "02/TB-HĐND"
    later = standing.create_meeting(world.province, by=None, meets_on=date(2026, 5, 5))
    standing.mark_held(later, by=None, held_on=date(2026, 5, 5))
    assert (
        standing.issue_notice(later, by=None, issued_on=date(2026, 5, 6), text="x").notice_symbol
        == "03/TB-HĐND"
    )


def test_each_item_becomes_a_task_for_each_named_commune_and_body(world: World) -> None:
    from hdnd.councils.models import Body, BodyKind

    ban = Body.objects.create(council=world.province, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    briefing = support.held(world.province)
    actions.add_conclusion_item(briefing, by=None, content="Đánh giá chung, không giao việc.")
    item = actions.add_conclusion_item(
        briefing,
        by=None,
        content="Rà soát các nghị quyết chuyên đề",
        due_on=date(2026, 5, 29),
        councils=[world.commune, world.other_commune],
        bodies=[ban],
    )
    with pytest.raises(ValidationError, match="Không có trong thành phần"):
        actions.add_conclusion_item(
            briefing, by=None, content="x", due_on=date(2026, 5, 29), councils=[world.other_province_commune]
        )
    with pytest.raises(ValidationError, match="phải giao cho HĐND cấp dưới hoặc cơ quan"):
        actions.add_conclusion_item(briefing, by=None, content="x", due_on=date(2026, 5, 29))
    before = AuditEntry.objects.count()
    briefing = actions.issue_notice(briefing, by=None, issued_on=date(2026, 4, 17))
    # One entry for the notice, one per task it gives (each task's history starts with who gave it).
    assert AuditEntry.objects.count() - before == 4
    tasks = list(item.tasks.order_by("pk"))
    assert {(t.council, t.owner, t.given_by) for t in tasks} == {
        (world.commune, world.commune.name, world.province),
        (world.other_commune, world.other_commune.name, world.province),
        (world.province, "Ban Pháp chế", world.province),
    }
    assert {t.source for t in tasks} == {TaskSource.BRIEFING}
    assert tasks[0].source_ref == "Thông báo số 01/TB-HĐND ngày 17/04/2026, mục 2"


def test_the_commune_sees_its_task_and_the_next_briefing_opens_with_its_progress(world: World) -> None:
    first = support.concluded(world.province, due_on=date(2026, 5, 29))
    [task] = Task.objects.filter(briefing_items__briefing=first, council=world.commune)
    commune = client_for(world, "commune_staff")
    page = commune.get(reverse("planning:task_list", args=[world.commune.pk])).content.decode()
    assert "Báo cáo kết quả rà soát (thử)" in page
    planning.report_progress(
        task, by=world.user("commune_staff"), progress=100, note="Đã báo cáo.", on=date(2026, 5, 20)
    )
    second = support.planned(world.province, period="2026-Q2", meets_on=date(2026, 7, 15))
    province = client_for(world, "standing_member")
    response = province.get(second.get_absolute_url())
    assert response.context["previous"] == first
    # The review counts the item's two tasks: the ward's done, the other ward's past its deadline, named.
    [row] = response.context["review"]
    assert (row.tasks, row.done, row.behind, row.open) == (2, 1, [world.other_commune.name], 0)
    assert "1/2 hoàn thành" in response.content.decode()
    # The materials list each task, what is not done yet first, with what the communes reported.
    papers = province.get(reverse("briefings:briefing_materials", args=[second.pk]))
    assert [t.council for t in papers.context["m"].follow_up] == [world.other_commune, world.commune]
    assert "Đã báo cáo." in papers.content.decode()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE


def test_answers_to_proposals_and_the_unanswered_ones_at_the_next_briefing(world: World) -> None:
    first = support.held(world.province)
    asked = support.proposal(world.commune, first, "Đề nghị hướng dẫn sáp nhập tổ dân phố")
    left = support.proposal(world.other_commune, first, "Đề nghị bổ sung kinh phí")
    staff = client_for(world, "office_staff")
    url = reverse("briefings:proposal_answer", args=[first.pk, asked.pk])
    assert staff.post(url, {"answer": ""}).status_code == 422
    assert staff.post(url, {"answer": "Sở Nội vụ hướng dẫn trong quý II."}).status_code == 302
    asked.refresh_from_db()
    assert (asked.answer, asked.answered_on) == ("Sở Nội vụ hướng dẫn trong quý II.", date(2026, 4, 15))
    actions.issue_notice(first, by=None, issued_on=date(2026, 4, 17), text="Thống nhất.")
    second = support.planned(world.province, period="2026-Q2", meets_on=date(2026, 7, 15))
    response = staff.get(second.get_absolute_url())
    assert [p.pk for p in response.context["unanswered_earlier"]] == [left.pk]
    stranger = support.proposal(world.other_province_commune, support.planned(world.other_province))
    assert (
        staff.post(
            reverse("briefings:proposal_answer", args=[first.pk, stranger.pk]), {"answer": "x"}
        ).status_code
        == 404
    )


def test_attendance_is_recorded_per_council_and_point_once_held(world: World) -> None:
    briefing = support.planned(world.province)
    point = actions.add_point(briefing, by=None, name="Điểm cầu xã Đông Hòa")
    with pytest.raises(ValidationError, match="Đã có điểm cầu"):
        actions.add_point(briefing, by=None, name="Điểm cầu xã Đông Hòa")
    participant = briefing.participants.get(council=world.commune)
    with pytest.raises(ValidationError, match="Chỉ điểm danh khi hội nghị đã họp"):
        actions.record_attendance(participant, by=None, attended=True, point=point)
    actions.record_attendance(participant, by=None, attended=None, point=point)
    briefing = support.held(world.province)
    found = actions.record_attendance(
        participant, by=None, attended=True, point=point, attendees="Ông A, Chủ tịch"
    )
    assert (found.attended, found.point, found.attendees) == (True, point, "Ông A, Chủ tịch")
    actions.set_point_attendees(point, by=None, attendees="Ông A\n\nBà B ")
    point.refresh_from_db()
    assert point.attendees == "Ông A\nBà B"


def test_a_bad_briefing_form_answers_422_in_vietnamese(world: World) -> None:
    staff = client_for(world, "office_staff")
    url = reverse("briefings:briefing_add", args=[world.province.pk])
    response = staff.post(url, {"period": "quy 5", "meets_on": "32/13/2026"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Kỳ báo cáo không hợp lệ" in page
    assert "quy 5" in page
    api = staff.post(
        f"/api/v1/councils/{world.province.pk}/briefings",
        json.dumps({"period": "2026-Q5", "meets_on": "2026-07-15"}),
        content_type=JSON,
    )
    assert api.status_code == 422
    assert "Kỳ báo cáo không hợp lệ" in api.json()["detail"]
    held = support.held(world.province)
    refused = staff.post(reverse("briefings:notice", args=[held.pk]), {"issued_on": "01/04/2026"})
    assert refused.status_code == 422
    assert "không được trước ngày họp" in refused.content.decode()


def test_the_list_costs_the_same_for_one_or_six_briefings(
    world: World, django_assert_num_queries: Any
) -> None:
    staff = client_for(world, "office_staff")
    url = reverse("briefings:briefing_list", args=[world.province.pk])
    support.planned(world.province)
    staff.get(url)
    with CaptureQueriesContext(connection) as few:
        staff.get(url)
    for quarter in ("2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"):
        support.planned(world.province, period=quarter)
    with django_assert_num_queries(len(few)):
        assert len(staff.get(url).context["page"]) == 6


def test_the_invitation_and_notice_read_as_nd30_documents(world: World) -> None:
    briefing = support.concluded(world.province)
    text = "\n".join(
        p.text for p in Document(io.BytesIO(core_documents.build(documents.invitation(briefing)))).paragraphs
    )
    assert "GIẤY MỜI" in text
    assert "Số: 01/GM-HĐND" not in text
    notice = core_documents.build(documents.conclusion_notice(briefing))
    body = Document(io.BytesIO(notice))
    paragraphs = "\n".join(p.text for p in body.paragraphs)
    header = "\n".join(cell.text for table in body.tables for row in table.rows for cell in row.cells)
    assert "Số: 01/TB-HĐND" in header
    assert "THƯỜNG TRỰC HĐND" in header
    assert "1. Báo cáo kết quả rà soát (thử). Giao: HĐND" in paragraphs
    assert "thời hạn hoàn thành: trước ngày 29/05/2026" in paragraphs
    staff = client_for(world, "standing_member")
    pdf = staff.get(reverse("briefings:notice_pdf", args=[briefing.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert "filename*=UTF-8''Th%C3%B4ng" in pdf["Content-Disposition"]


def test_every_action_code_has_a_vietnamese_label() -> None:
    assert all(code in ACTION_LABELS for code in actions.ACTION_LABELS)


def test_api_runs_a_briefing_from_invitation_to_tasks(world: World) -> None:
    staff = client_for(world, "office_staff")
    created = staff.post(
        f"/api/v1/councils/{world.province.pk}/briefings",
        json.dumps({"period": "2026-Q1", "meets_on": "2026-04-15"}),
        content_type=JSON,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (
        staff.post(
            f"/api/v1/briefings/{pk}/invitation", json.dumps({"day": "2026-04-08"}), content_type=JSON
        ).json()["invitation_symbol"]
        == "01/GM-HĐND"
    )
    staff.post(f"/api/v1/briefings/{pk}/held", json.dumps({"day": "2026-04-15"}), content_type=JSON)
    item = staff.post(
        f"/api/v1/briefings/{pk}/conclusions",
        json.dumps({"content": "Rà soát", "due_on": "2026-05-29", "council_ids": [world.commune.pk]}),
        content_type=JSON,
    )
    assert item.status_code == 201
    done = staff.post(
        f"/api/v1/briefings/{pk}/notice", json.dumps({"issued_on": "2026-04-17"}), content_type=JSON
    )
    assert done.status_code == 200
    [conclusion] = done.json()["conclusions"]
    [task_id] = conclusion["task_ids"]
    assert Task.objects.get(pk=task_id).council == world.commune
    assert Briefing.objects.get(pk=pk).status == BriefingStatus.CONCLUDED


def test_the_page_costs_the_same_whatever_the_tasks_of_the_previous_briefing(world: World) -> None:
    from hdnd.councils.tests.factories import CommuneFactory, CouncilFactory

    staff = client_for(world, "standing_member")
    support.concluded(world.province, due_on=date(2026, 5, 29))
    for n in range(6):
        unit = CommuneFactory.create(parent=world.province.unit, name=f"Xã Giao Thêm {n}")
        CouncilFactory.create(unit=unit, name=f"HĐND xã Giao Thêm {n}", parent=world.province)
    second = support.planned(world.province, period="2026-Q2", meets_on=date(2026, 7, 15))
    staff.get(second.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        assert sum(row.tasks for row in staff.get(second.get_absolute_url()).context["review"]) == 2
    with CaptureQueriesContext(connection) as few_papers:
        papers = staff.get(reverse("briefings:briefing_materials", args=[second.pk])).context["m"]
    assert (len(papers.follow_up), len(papers.overdue)) == (2, 2)
    support.concluded(world.province, period="2026-Q2", meets_on=date(2026, 7, 15), due_on=date(2026, 9, 30))
    third = support.planned(world.province, period="2026-Q3", meets_on=date(2026, 10, 15))
    with CaptureQueriesContext(connection) as many:
        page = staff.get(third.get_absolute_url())
    assert len(many) == len(few)
    # The materials list each task, followed up and overdue, in the same queries however many.
    with CaptureQueriesContext(connection) as many_papers:
        papers = staff.get(reverse("briefings:briefing_materials", args=[third.pk])).context["m"]
    assert (len(papers.follow_up), len(papers.overdue)) == (8, 10)
    assert len(many_papers) == len(few_papers)
    # The item went to eight communes: its row names six and counts the others, the same for the
    # eight past their deadline, instead of a link per task.
    [row] = page.context["review"]
    assert (row.tasks, row.done, row.behind_count, len(row.behind)) == (8, 0, 8, 6)
    text = page.content.decode()
    assert text.count("và 2 đơn vị khác") == 2
    assert "0/8 hoàn thành" in text
    assert "8 quá hạn:" in text


POLLS = 'hx-trigger="every 3s"'


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_the_materials_serve_the_roll_up_the_worker_counts_the_same_as_the_period_page(world: World) -> None:
    """The materials' figures are never counted while the page waits (0,15 s at national size): the first
    view says they are being counted, fetches itself again and asks the worker once; then the task's count
    is served. The province's reporting period of the same quarter reads that same count."""
    from hdnd.reports import reading
    from hdnd.reports.rollup import rollup
    from hdnd.reports.tests import support as reports

    queue = cast(DummyBackend, default_task_backend)
    briefing = support.concluded(world.province)
    period = reports.period(world.province, code="2026-Q1")  # its count is asked for after the commit
    staff = client_for(world, "office_staff")
    url = reverse("briefings:briefing_materials", args=[briefing.pk])
    for _ in range(2):
        page = staff.get(url)
        assert page.context["m"].rollup is None
        assert "Hệ thống đang đếm số liệu" in page.text
        assert POLLS in page.text
    asked = [(result.task.name, result.args) for result in queue.results]
    assert asked == [("recount_rollup", [world.province.pk, "2026-Q1"])]  # once
    queue.results[0].task.call(*queue.results[0].args)  # the worker's turn
    page = staff.get(url)
    found = page.context["m"].rollup
    assert found.current
    assert found.total == rollup(world.province, briefing.period_obj).total
    assert "Số liệu đếm lúc" in page.text
    assert POLLS not in page.text
    served = reading.served_rollup(period)
    assert served is not None
    assert (served.current, served.total) == (True, found.total)
    assert len(queue.results) == 1  # nothing more to count
