"""Statistics of voters' petitions: by field, level, agency, outcome, on-time rate, and the roll-up."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import World
from hdnd.core import spreadsheets
from hdnd.councils.models import Agency, Council
from hdnd.petitions import statistics
from hdnd.petitions.actions.classify import classify_issue
from hdnd.petitions.actions.entry import create_cycle, record_meeting, register_petition
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Competence, Cycle, Field, Forwarding, Outcome, Petition, PetitionIssue
from hdnd.petitions.tests import support

SENT = date(2026, 11, 23)  # due 30 calendar days later: 23/12/2026
ON = date(2027, 1, 10)


@dataclass
class Scene:
    """The province's cycle: road answered on time, lights answered late, land forwarded, not yet due."""

    cycle: Cycle
    road: PetitionIssue
    lights: PetitionIssue
    land: PetitionIssue
    works: Agency
    transport: Agency
    land_office: Agency


def answer(made: Forwarding, by: Any, on: date, outcome: str = Outcome.RESOLVED, **extra: Any) -> None:
    with time_machine.travel(f"{on.isoformat()} 09:00 +07:00", tick=False):
        record_answer(made, by=by, outcome=outcome, text="Đã có kết quả giải quyết.", **extra)


def build_scene(world: World, rules: Any) -> Scene:
    staff = world.user("office_staff")
    province = world.province
    at = record_meeting(
        support.cycle(province, staff),
        by=staff,
        date=date(2026, 11, 20),
        place_text="Thôn Đông",
        voter_count=120,
    )
    second = record_meeting(
        at.cycle, by=staff, date=date(2026, 11, 21), place_text="Thôn Tây", voter_count=80
    )
    for text in (support.ROAD, support.LIGHTS):
        support.petition(at, text, staff)
    support.petition(second, support.ROAD_AGAIN, staff)
    support.petition(second, support.LAND, staff)
    issues = synthesize_cycle(province, at.cycle, by=staff)
    assert len(issues) == 3
    road, lights, land = (confirm_issue(issue, by=staff) for issue in issues)
    traffic = Field.objects.create(name="Giao thông – xây dựng – thủy lợi")
    soil = Field.objects.create(name="Đất đai – tài nguyên – môi trường")
    works = support.agency(province)
    transport = support.agency(province, "Sở Giao thông vận tải")
    land_office = support.agency(province, "Sở Nông nghiệp và Môi trường")
    classify_issue(road, by=staff, field=traffic, competence=Competence.PROVINCE, agency=works)
    classify_issue(lights, by=staff, field=traffic, competence=Competence.CENTRAL, agency=transport)
    classify_issue(land, by=staff, field=soil, competence=Competence.PROVINCE, agency=land_office)
    (to_works,) = forward_issue(road, [works], by=staff, on=SENT)
    (to_transport,) = forward_issue(lights, [transport], by=staff, on=SENT)
    forward_issue(land, [land_office], by=staff, on=date(2027, 1, 5))
    answer(to_works, staff, date(2026, 12, 1))  # on time
    answer(
        to_transport, staff, date(2026, 12, 28), Outcome.IN_PROGRESS, target_date=date(2027, 6, 30)
    )  # late
    return Scene(at.cycle, road, lights, land, works, transport, land_office)


@pytest.fixture
def scene(world: World, rules: Any) -> Scene:
    return build_scene(world, rules)


def commune_answered_on_time(world: World) -> None:
    staff = world.user("commune_staff")
    made = support.forwarded(world.commune, staff, on=SENT)
    answer(made, staff, date(2026, 12, 10), Outcome.EXPLAINED)


def tallies(rows: list[statistics.Tally]) -> dict[str, int]:
    return {row.label: row.count for row in rows}


def test_the_on_time_rate_counts_first_answers_by_their_due_date(scene: Scene, world: World) -> None:
    figures = statistics.council_figures(world.province, cycle=scene.cycle, on=ON)
    answers = figures.answers
    assert (answers.forwarded, answers.answered, answers.open, answers.overdue) == (3, 2, 1, 0)
    assert (answers.due, answers.on_time, answers.late) == (2, 1, 1)
    assert answers.on_time_rate == 0.5
    assert statistics.percent(answers.on_time_rate) == "50%"


def test_an_open_forwarding_past_its_due_date_is_overdue_and_counts_as_late(
    scene: Scene, world: World
) -> None:
    answers = statistics.council_figures(world.province, cycle=scene.cycle, on=date(2027, 3, 1)).answers
    assert (answers.overdue, answers.due, answers.on_time) == (1, 3, 1)
    assert statistics.percent(answers.on_time_rate) == "33,3%"


def test_counts_of_meetings_voters_petitions_and_issues(scene: Scene, world: World) -> None:
    figures = statistics.council_figures(world.province, cycle=scene.cycle, on=ON)
    assert (figures.meetings, figures.voters, figures.petitions, figures.issues) == (2, 200, 4, 3)
    assert tallies(figures.by_source) == {"Tiếp xúc cử tri": 4}


def test_issues_by_field_and_by_competence(scene: Scene, world: World) -> None:
    figures = statistics.council_figures(world.province, cycle=scene.cycle, on=ON)
    assert tallies(figures.by_field) == {
        "Giao thông – xây dựng – thủy lợi": 2,
        "Đất đai – tài nguyên – môi trường": 1,
    }
    assert next(row.label for row in figures.by_field) == "Giao thông – xây dựng – thủy lợi"
    assert tallies(figures.by_competence) == {"Tỉnh": 2, "Trung ương": 1}


def test_outcomes_follow_the_latest_answer_of_each_forwarding(scene: Scene, world: World) -> None:
    (late,) = Forwarding.objects.filter(issue=scene.lights)
    answer(late, world.user("office_staff"), date(2027, 1, 8))  # the work in progress is now done
    figures = statistics.council_figures(world.province, cycle=scene.cycle, on=ON)
    assert tallies(figures.by_outcome) == {
        "Đã giải quyết xong": 2,
        "Đang giải quyết (có lộ trình)": 0,
        "Giải trình, cung cấp thông tin": 0,
        "Chưa giải quyết": 0,
        "Chưa trả lời, còn hạn": 1,
        "Chưa trả lời, quá hạn": 0,
    }
    assert figures.answers.on_time == 1  # the first answer was late; a later one does not change that


def test_figures_per_agency(scene: Scene, world: World) -> None:
    figures = statistics.council_figures(world.province, cycle=scene.cycle, on=ON)
    by_agency = {row.name: row.answers for row in figures.by_agency}
    assert by_agency["Sở Xây dựng tỉnh An Bình"] == statistics.Timeliness(1, 1, 0, 1, 1)
    assert by_agency["Sở Giao thông vận tải"] == statistics.Timeliness(1, 1, 0, 1, 0)
    assert by_agency["Sở Nông nghiệp và Môi trường"] == statistics.Timeliness(1, 0, 0, 0, 0)


def test_a_year_covers_every_cycle_of_that_year_and_no_other(scene: Scene, world: World) -> None:
    create_cycle(world.province, by=None, name="Sau kỳ họp thứ 12", kind="after_session", year=2027)
    assert statistics.council_figures(world.province, year=2026, on=ON).issues == 3
    assert statistics.council_figures(world.province, year=2027, on=ON).issues == 0
    assert statistics.council_figures(world.province, on=ON).petitions == 4


def test_a_council_figures_take_seven_queries(
    scene: Scene, world: World, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(7):
        statistics.council_figures(world.province, cycle=scene.cycle, on=ON)


def test_the_rollup_has_a_row_per_council_and_the_total(scene: Scene, world: World) -> None:
    commune_answered_on_time(world)
    rollup = statistics.rollup(world.province, year=2026, on=ON)
    rows = {row.name: row for row in rollup.rows}
    assert list(rows) == ["HĐND tỉnh An Bình", "HĐND phường Tây Thủy", "HĐND xã Đông Hòa"]
    assert (rows["HĐND tỉnh An Bình"].petitions, rows["HĐND tỉnh An Bình"].issues) == (4, 3)
    assert rows["HĐND xã Đông Hòa"].answers.on_time_rate == 1.0
    assert rows["HĐND phường Tây Thủy"].issues == 0
    total = rollup.total
    assert total.council_id is None
    assert total.name == "Tổng cộng"
    assert (total.meetings, total.voters, total.petitions, total.issues) == (3, 200, 7, 5)
    assert (total.answers.due, total.answers.on_time) == (3, 2)
    assert statistics.percent(total.answers.on_time_rate) == "66,7%"
    assert "HĐND xã Nam Đàn" not in rows  # another province


def test_the_rollup_leaves_out_councils_the_reader_may_not_see(scene: Scene, world: World) -> None:
    commune_answered_on_time(world)
    rollup = statistics.rollup(world.province, year=2026, on=ON, visible={world.province.pk})
    assert [row.name for row in rollup.rows] == ["HĐND tỉnh An Bình"]


def test_the_rollup_queries_do_not_grow_with_councils(
    scene: Scene, world: World, django_assert_max_num_queries: Any
) -> None:
    commune_answered_on_time(world)
    support.forwarded(world.other_commune, world.user("office_staff"), on=SENT)
    with django_assert_max_num_queries(5):
        statistics.rollup(world.province, year=2026, on=ON)


# The statistics page and the API ------------------------------------------------------------------


def test_the_statistics_page_shows_the_rate_and_the_communes(
    client: Any, scene: Scene, world: World, django_assert_max_num_queries: Any
) -> None:
    commune_answered_on_time(world)
    url = reverse("petitions:reports_statistics", args=[world.province.pk])
    with time_machine.travel("2027-01-10 09:00 +07:00", tick=False):
        client.force_login(world.user("standing_member"))
        with django_assert_max_num_queries(24):
            response = client.get(url, {"cycle": scene.cycle.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<div class="fs-4" id="on-time-rate">50%</div>' in page
    assert "Giao thông – xây dựng – thủy lợi" in page
    assert "Sở Giao thông vận tải" in page
    assert 'id="rollup"' in page
    assert "HĐND xã Đông Hòa" in page
    assert "66,7%" in page


def test_a_commune_page_has_no_rollup(client: Any, world: World, rules: Any) -> None:
    client.force_login(world.user("commune_staff"))
    response = client.get(reverse("petitions:reports_statistics", args=[world.commune.pk]))
    assert response.status_code == 200
    assert 'id="rollup"' not in response.content.decode()


def test_an_unknown_cycle_in_the_filter_shows_all_time(client: Any, scene: Scene, world: World) -> None:
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:reports_statistics", args=[world.province.pk])
    response = client.get(url, {"cycle": "999999", "year": "abc"})
    assert response.status_code == 200
    assert response.context["figures"].cycle is None
    assert response.context["figures"].petitions == 4


def test_the_api_gives_the_same_figures(client: Any, scene: Scene, world: World) -> None:
    url = reverse("api:petition_statistics", args=[world.province.pk])
    with time_machine.travel("2027-01-10 09:00 +07:00", tick=False):
        client.force_login(world.user("auditor"))
        body = client.get(url, {"cycle_id": scene.cycle.pk}).json()
    assert body["issues"] == 3
    assert body["cycle_id"] == scene.cycle.pk
    assert body["answers"]["on_time_rate"] == 0.5
    assert {row["label"]: row["count"] for row in body["by_competence"]} == {"Tỉnh": 2, "Trung ương": 1}


def test_the_api_refuses_a_cycle_of_another_council(client: Any, scene: Scene, world: World) -> None:
    client.force_login(world.user("office_staff"))
    other = support.cycle(world.commune, name="Trước kỳ họp thứ 3")
    url = reverse("api:petition_statistics", args=[world.province.pk])
    response = client.get(url, {"cycle_id": other.pk})
    assert response.status_code == 404


def test_the_api_rollup(client: Any, scene: Scene, world: World) -> None:
    commune_answered_on_time(world)
    client.force_login(world.user("office_staff"))
    url = reverse("api:petition_statistics_rollup", args=[world.province.pk])
    body = client.get(url, {"year": 2026}).json()
    assert [row["name"] for row in body["rows"]] == [
        "HĐND tỉnh An Bình",
        "HĐND phường Tây Thủy",
        "HĐND xã Đông Hòa",
    ]
    assert body["total"]["petitions"] == 7


def test_petitions_forwarded_from_below_count_by_source(world: World, rules: Any) -> None:
    staff = world.user("office_staff")
    cycle = support.cycle(world.province, staff)
    register_petition(
        world.province,
        by=staff,
        cycle=cycle,
        source=Petition.Source.LOWER_COUNCIL,
        from_council=world.commune,
        text=support.LAND,
    )
    figures = statistics.council_figures(world.province, cycle=cycle)
    assert tallies(figures.by_source) == {"HĐND cấp dưới chuyển lên": 1}
    assert isinstance(world.province, Council)


def test_the_rollup_downloads_as_xlsx(client: Any, scene: Scene, world: World) -> None:
    commune_answered_on_time(world)
    url = reverse("petitions:reports_rollup_xlsx", args=[world.province.pk])
    with time_machine.travel("2027-01-10 09:00 +07:00", tick=False):
        client.force_login(world.user("committee_member"))
        response = client.get(url, {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    worksheet = load_workbook(io.BytesIO(response.content)).active
    assert isinstance(worksheet, Worksheet)
    rows = [[cell.value for cell in row] for row in worksheet.iter_rows(min_row=4)]
    assert [row[0] for row in rows] == [
        "HĐND tỉnh An Bình",
        "HĐND phường Tây Thủy",
        "HĐND xã Đông Hòa",
        "Tổng cộng",
    ]
    assert rows[0][1:] == [2, 200, 4, 3, 3, 2, 0, 2, 1, "50%"]
    assert rows[-1][-1] == "66,7%"
