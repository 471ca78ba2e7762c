"""Sessions: numbering in words, the delegate one-third check, lead times on real holidays, statuses."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Term
from hdnd.sittings import actions
from hdnd.sittings.counts import council_ids_with_below, counts_by_kind
from hdnd.sittings.models import Session
from hdnd.sittings.tests import support

pytestmark = pytest.mark.django_db


def test_sessions_are_numbered_within_their_term(world: World) -> None:
    first = support.session(world.province, kind=Session.Kind.FIRST, opens_on=date(2026, 4, 20))
    second = support.session(world.province)
    assert (first.number, second.number) == (1, 2)
    assert str(second) == "Kỳ họp thứ hai, HĐND tỉnh An Bình khóa XVII"
    older = Term.objects.create(
        council=world.province, number=16, starts_on=date(2021, 6, 1), ends_on=date(2026, 3, 15)
    )
    again = actions.plan_session(
        world.province,
        by=None,
        term=older,
        kind=Session.Kind.REGULAR,
        opens_on=date(2025, 12, 9),
        closes_on=date(2025, 12, 11),
    )
    assert again.number == 1
    with pytest.raises(ValidationError, match="đã có kỳ họp thứ 2"):
        support.session(world.province, number=2)


def test_a_thematic_session_needs_a_third_of_the_delegates(world: World) -> None:
    support.term(world.province, delegates=30)
    with pytest.raises(ValidationError) as refused:
        support.session(
            world.province, kind=Session.Kind.THEMATIC, requested_by="delegates", requesting_delegates=9
        )
    assert refused.value.message_dict["requesting_delegates"] == [
        "Chỉ 9/30 đại biểu đề nghị, chưa đủ một phần ba (cần ít nhất 10 đại biểu)."
    ]
    with pytest.raises(ValidationError, match="phải ghi ai đề nghị"):
        support.session(world.province, kind=Session.Kind.AD_HOC)
    with pytest.raises(ValidationError, match="phải ghi ai đề nghị"):
        support.session(world.province, kind=Session.Kind.AD_HOC, requested_by="the mayor's cousin")
    session = support.session(
        world.province, kind=Session.Kind.THEMATIC, requested_by="delegates", requesting_delegates=10
    )
    assert (session.requesting_delegates, session.delegate_total) == (10, 30)
    chair = support.session(world.province, kind=Session.Kind.AD_HOC, requested_by="pc_chair")
    assert chair.requested_by == "pc_chair"
    assert chair.delegate_total is None


def test_delegates_who_left_do_not_count(world: World) -> None:
    term = support.term(world.province, delegates=6)
    term.memberships.filter(pk__in=term.memberships.values_list("pk", flat=True)[:3]).update(
        ends_on=date(2026, 5, 1)
    )
    session = support.session(
        world.province, kind=Session.Kind.THEMATIC, requested_by="delegates", requesting_delegates=1
    )
    assert session.delegate_total == 3


def test_convening_across_national_day_2026_is_checked_on_working_days(world: World, rules: Any) -> None:
    # Opens Monday 21/9/2026; 20 days before is 1/9, a holiday; 31/8 too, then a weekend: Friday 28/8.
    session = support.session(world.province, opens_on=date(2026, 9, 21))
    assert session.convening_deadline() == date(2026, 8, 28)
    late = actions.convene_session(session, by=None, convened_on=date(2026, 9, 1))
    assert late.warnings(today=date(2026, 9, 1))[0].startswith(
        "Triệu tập muộn: phải triệu tập chậm nhất ngày 28/08/2026"
    )
    on_time = support.session(world.province, opens_on=date(2026, 9, 21))
    on_time = actions.convene_session(on_time, by=None, convened_on=date(2026, 8, 28))
    on_time = actions.send_documents(on_time, by=None, sent_on=date(2026, 9, 11))
    assert on_time.warnings(today=date(2026, 9, 1)) == []


def test_a_thematic_session_after_tet_2027_must_be_convened_before_the_holiday(
    world: World, rules: Any
) -> None:
    # Opens Monday 15/2/2027; 7 days before is 8/2 (mùng ba Tết); the last working day before is 3/2.
    session = support.session(
        world.province, opens_on=date(2027, 2, 15), kind=Session.Kind.THEMATIC, requested_by="standing"
    )
    assert session.convening_deadline() == date(2027, 2, 3)
    assert session.documents_deadline() == date(2027, 2, 3)
    session = actions.convene_session(session, by=None, convened_on=date(2027, 2, 4))
    session = actions.send_documents(session, by=None, sent_on=date(2027, 2, 5))
    warnings = session.warnings(today=date(2027, 2, 5))
    assert len(warnings) == 2
    assert "03/02/2027" in warnings[0]
    assert warnings[1].startswith("Gửi tài liệu muộn")


def test_a_session_is_convened_opened_and_closed_in_order(world: World) -> None:
    staff = world.user("office_staff")
    session = support.session(world.province, staff)
    with pytest.raises(ValidationError, match="Chỉ khai mạc được kỳ họp đã triệu tập"):
        actions.open_session(session, by=staff)
    with pytest.raises(ValidationError, match="không được sau ngày khai mạc"):
        actions.convene_session(session, by=staff, convened_on=date(2026, 12, 9))
    session = actions.convene_session(session, by=staff, convened_on=date(2026, 11, 16))
    session = actions.close_session(actions.open_session(session, by=staff), by=staff)
    assert Session.objects.get(pk=session.pk).status == Session.Status.CLOSED
    with pytest.raises(ValidationError):
        actions.close_session(session, by=staff)
    codes = list(
        AuditEntry.objects.filter(object_id=str(session.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert codes == [
        "sittings.plan_session",
        "sittings.convene_session",
        "sittings.open_session",
        "sittings.close_session",
    ]


def test_counts_by_kind_for_a_council_and_its_province(world: World) -> None:
    held = support.in_progress(world.province)
    support.session(world.province, kind=Session.Kind.THEMATIC, requested_by="standing")
    support.session(world.commune)
    support.session(world.province, opens_on=date(2027, 7, 1))  # outside the period
    year = (date(2026, 1, 1), date(2026, 12, 31))
    own = {row.kind: (row.planned, row.held) for row in counts_by_kind([world.province.pk], *year)}
    assert own == {"first": (0, 0), "regular": (1, 1), "thematic": (1, 0), "ad_hoc": (0, 0)}
    province = counts_by_kind(council_ids_with_below(world.province), *year)
    assert [row.planned for row in province] == [0, 2, 1, 0]
    assert held.status == Session.Status.IN_PROGRESS


# Pages and API -----------------------------------------------------------------------------------


def test_the_calendar_page_and_the_ical_feed(client: Any, world: World) -> None:
    support.convened(world.province)
    support.session(world.province, opens_on=date(2026, 12, 20))  # planned: not in the public feed
    client.force_login(world.user("delegate"))
    page = client.get(reverse("sittings:session_list", args=[world.province.pk]))
    assert "Kỳ họp thứ nhất" in page.content.decode()
    assert "Kỳ họp thứ hai" in page.content.decode()
    client.logout()
    feed = client.get(reverse("sittings:session_ical", args=[world.province.pk]))
    assert feed["Content-Type"].startswith("text/calendar")
    text = feed.content.decode()
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Kỳ họp thứ nhất HĐND tỉnh An Bình" in text
    assert "DTSTART;VALUE=DATE:20261208" in text


def test_planning_with_too_few_delegates_is_refused_on_the_page(client: Any, world: World) -> None:
    term = support.term(world.province, delegates=12)
    client.force_login(world.user("office_staff"))
    data = {
        "term": term.pk,
        "kind": "thematic",
        "requested_by": "delegates",
        "requesting_delegates": 3,
        "opens_on": "08/12/2026",
        "closes_on": "09/12/2026",
    }
    response = client.post(reverse("sittings:session_add", args=[world.province.pk]), data)
    assert response.status_code == 422
    assert (
        "Chỉ 3/12 đại biểu đề nghị, chưa đủ một phần ba (cần ít nhất 4 đại biểu)."
        in response.content.decode()
    )
    assert not Session.objects.exists()
    response = client.post(
        reverse("sittings:session_add", args=[world.province.pk]), {**data, "requesting_delegates": 4}
    )
    assert response.status_code == 302
    assert Session.objects.get().get_requested_by_display() == "Ít nhất một phần ba tổng số đại biểu HĐND"


def test_the_api_plans_warns_and_counts(client: Any, world: World, rules: Any) -> None:
    term = support.term(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("api:session_create", args=[world.province.pk])
    body = {"term_id": term.pk, "opens_on": "2026-09-21", "closes_on": "2026-09-23"}
    created = client.post(url, json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    session_id = created.json()["id"]
    assert created.json()["number_words"] == "thứ nhất"
    assert created.json()["convening_deadline"] == "2026-08-28"
    convened = client.post(
        reverse("api:session_convene", args=[session_id]),
        json.dumps({"day": "2026-09-01"}),
        content_type="application/json",
    )
    assert convened.status_code == 200
    assert convened.json()["warnings"][0].startswith("Triệu tập muộn")
    refused = client.post(reverse("api:session_close", args=[session_id]), content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Chỉ bế mạc được kỳ họp đang họp."
    counts = client.get(
        reverse("api:session_counts", args=[world.province.pk]), {"first": "2026-01-01", "last": "2026-12-31"}
    )
    assert {row["kind"]: row["planned"] for row in counts.json()}["regular"] == 1


def test_without_a_delegate_list_the_elected_seats_count(world: World) -> None:
    term = support.term(world.province)
    term.delegate_seats = 50
    term.save()
    with pytest.raises(ValidationError, match="Chỉ 16/50 đại biểu"):
        support.session(
            world.province, kind=Session.Kind.AD_HOC, requested_by="delegates", requesting_delegates=16
        )
    assert (
        support.session(
            world.province, kind=Session.Kind.AD_HOC, requested_by="delegates", requesting_delegates=17
        ).delegate_total
        == 50
    )


def test_the_api_moves_a_session_until_it_closes(client: Any, world: World) -> None:
    session = support.session(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("api:session_update", args=[session.pk])
    place = unicodedata.normalize("NFD", "Hội trường Trung tâm Hội nghị tỉnh")
    moved = client.patch(
        url,
        json.dumps({"opens_on": "2026-12-09", "closes_on": "2026-12-11", "place": place}),
        "application/json",
    )
    assert moved.status_code == 200, moved.content
    assert (moved.json()["opens_on"], moved.json()["place"]) == (
        "2026-12-09",
        unicodedata.normalize("NFC", place),
    )
    assert AuditEntry.objects.filter(action="sittings.edit_session").count() == 1
    backwards = client.patch(url, json.dumps({"closes_on": "2026-12-01"}), "application/json")
    assert backwards.status_code == 422
    session.refresh_from_db()
    assert session.closes_on == date(2026, 12, 11)
    actions.close_session(
        actions.open_session(
            actions.convene_session(session, by=None, convened_on=date(2026, 11, 16)), by=None
        ),
        by=None,
    )
    closed = client.patch(url, json.dumps({"place": "Nơi khác"}), "application/json")
    assert closed.status_code == 422
    assert "đã bế mạc" in closed.json()["detail"]
