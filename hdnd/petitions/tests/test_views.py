"""Pages: entering petitions at a meeting, pasting a list, synthesising and reviewing issues."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.petitions.actions.synthesis import move_petition, synthesize_cycle
from hdnd.petitions.models import Cycle, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.synthesis import explain
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
MEGABYTE = "Đề nghị sửa đường. " * 55_000  # about 1 MB of text


def as_clerk(client: Client, world: World) -> Client:
    """The commune's office clerk: the person who types petitions in."""
    client.force_login(world.user("commune_staff"))
    return client


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_creating_a_cycle_writes_one_audit_entry(client: Client, world: World) -> None:
    url = reverse("petitions:cycle_add", args=[world.commune.pk])
    response = as_clerk(client, world).post(
        url, {"name": "Trước kỳ họp thứ 12", "kind": "before_session", "year": 2026}
    )
    cycle = Cycle.objects.get()
    assert response["Location"] == cycle.get_absolute_url()
    assert AuditEntry.objects.filter(action="petitions.create_cycle", council=world.commune).count() == 1


def test_a_cycle_without_a_name_is_refused_in_vietnamese(client: Client, world: World) -> None:
    url = reverse("petitions:cycle_add", args=[world.commune.pk])
    response = as_clerk(client, world).post(url, {"name": "", "kind": "before_session", "year": 2026})
    assert response.status_code == 422
    assert "Nhập tên đợt tiếp xúc" in response.content.decode()
    assert not Cycle.objects.exists()


def test_recording_a_meeting_shows_its_public_code(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    place = unicodedata.normalize("NFD", "Nhà văn hóa thôn Đông")
    url = reverse("petitions:meeting_add", args=[cycle.pk])
    response = as_clerk(client, world).post(
        url, {"date": "20/11/2026", "place_text": place, "kind": "in_person"}
    )
    meeting = VoterMeeting.objects.get()
    assert meeting.place_text == "Nhà văn hóa thôn Đông"
    page = client.get(response["Location"]).content.decode()
    assert meeting.code in page
    assert AuditEntry.objects.filter(action="petitions.record_meeting").count() == 1


def test_entering_a_petition_with_htmx_returns_the_list_and_a_fresh_focused_form(
    client: Client, world: World
) -> None:
    meeting = support.meeting(world.commune)
    text = unicodedata.normalize("NFD", support.ROAD)
    url = reverse("petitions:petition_add", args=[meeting.pk])
    response = as_clerk(client, world).post(url, {"text": text, "voter_place": "thôn Đông"}, headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="entry">')
    assert support.ROAD in body
    assert "Đã lưu. Nhập ý kiến tiếp theo." in body
    assert 'autofocus class="form-control" required id="id_text">\n</textarea>' in body  # empty, focused
    petition = Petition.objects.get()
    assert petition.text == support.ROAD
    assert petition.entered_by == world.user("commune_staff")
    assert AuditEntry.objects.filter(action="petitions.register_petition").count() == 1


def test_an_empty_petition_is_refused_with_a_message(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    url = reverse("petitions:petition_add", args=[meeting.pk])
    response = as_clerk(client, world).post(url, {"text": "  "}, headers=HTMX)
    assert response.status_code == 422  # htmx swaps 422 (base.html), so the message shows
    assert "Nhập nội dung ý kiến, kiến nghị của cử tri." in response.content.decode()
    assert not Petition.objects.exists()


def test_a_megabyte_petition_is_refused_clearly_and_the_text_is_kept(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    url = reverse("petitions:petition_add", args=[meeting.pk])
    response = as_clerk(client, world).post(url, {"text": MEGABYTE}, headers=HTMX)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Nội dung dài quá 5.000 ký tự; hãy tách thành nhiều ý kiến" in body
    assert MEGABYTE.strip()[:2000] in body  # still in the form, nothing lost
    assert not Petition.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="petitions.register").exists()


def test_without_htmx_a_saved_petition_redirects_to_the_meeting(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    url = reverse("petitions:petition_add", args=[meeting.pk])
    response = as_clerk(client, world).post(url, {"text": support.LIGHTS})
    assert response["Location"] == meeting.get_absolute_url()


def test_pasting_a_numbered_list_registers_each_item(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    url = reverse("petitions:petition_paste", args=[meeting.pk])
    text = f"1. {support.ROAD}\n2) {support.LIGHTS}\n- {support.LAND}"
    response = as_clerk(client, world).post(url, {"text": text})
    assert response["Location"] == meeting.get_absolute_url()
    assert list(Petition.objects.values_list("text", flat=True)) == [
        support.ROAD,
        support.LIGHTS,
        support.LAND,
    ]
    assert AuditEntry.objects.filter(action="petitions.register_petitions_from_list").count() == 1


def test_a_megabyte_list_is_refused_clearly(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    url = reverse("petitions:petition_paste", args=[meeting.pk])
    response = as_clerk(client, world).post(url, {"text": MEGABYTE})
    assert response.status_code == 422
    assert "Danh sách dài quá 200.000 ký tự; hãy chia thành nhiều lần dán." in response.content.decode()
    assert not Petition.objects.exists()


def test_synthesis_page_runs_and_lists_issues_with_their_origins(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    for text in (support.ROAD, support.ROAD_AGAIN, support.LIGHTS):
        support.petition(meeting, text)
    url = reverse("petitions:synthesis", args=[meeting.cycle_id])
    response = as_clerk(client, world).post(url)
    assert response["Location"] == url
    assert PetitionIssue.objects.count() == 2
    page = client.get(url).content.decode()
    assert "Đã tổng hợp thành 2 kiến nghị (dự thảo)." in page
    assert "Nhà văn hóa thôn Đông" in page
    assert support.ROAD_AGAIN in page
    assert AuditEntry.objects.filter(action="petitions.synthesize_cycle").count() == 1


def test_the_synthesis_page_says_why_each_petition_was_grouped(client: Client, world: World) -> None:
    """Each petition after the first of a group carries the engine's reason: shared demand, object and
    words (spelled as written), and the pair model's odds; a group of one and its first petition, none."""
    road, lights = support.two_draft_issues(world.commune)
    page = as_clerk(client, world).get(reverse("petitions:synthesis", args=[road.cycle_id])).content.decode()
    assert page.count("Gộp vì:") == 1
    reason = page.split("Gộp vì:</strong>", 1)[1].split("</p>", 1)[0]
    assert "cùng yêu cầu: sửa chữa" in reason
    assert "cùng đối tượng: đường" in reason
    assert "từ chung: sửa chữa, đường liên thôn" in reason  # as written, neighbours together
    assert "khả năng cùng một yêu cầu" in reason
    first, second = road.petitions.order_by("pk")
    road_at, lights_at = page.index(f'id="issue-{road.pk}"'), page.index(f'id="issue-{lights.pk}"')
    assert road_at < page.index(first.text, road_at) < page.index(second.text, road_at)
    assert page.index(second.text, road_at) < page.index("Gộp vì:") < lights_at


def test_the_move_and_merge_selects_offer_every_other_draft_issue(client: Client, world: World) -> None:
    road, lights = support.two_draft_issues(world.commune)
    page = as_clerk(client, world).get(reverse("petitions:synthesis", args=[road.cycle_id])).content.decode()

    def offered(select_id: str) -> list[str]:
        select = page.split(f'id="{select_id}">', 1)[1].split("</select>", 1)[0]
        return [part.split('"', 1)[0] for part in select.split('<option value="')[1:]]

    assert offered(f"merge-{road.pk}") == [str(lights.pk)]
    assert offered(f"merge-{lights.pk}") == [str(road.pk)]
    for petition in road.petitions.all():
        assert offered(f"move-{petition.pk}") == [str(lights.pk)]
    assert offered(f"move-{lights.petitions.get().pk}") == [str(road.pk)]
    assert f"#{lights.pk} " in page.split(f'id="merge-{road.pk}">', 1)[1].split("</select>", 1)[0]


def test_a_groups_reasons_are_kept_for_its_texts_and_follow_a_move(client: Client, world: World) -> None:
    """The reasons are kept under the group's texts: the same on every view, and a group whose members
    change is explained anew (the lights petition moved into the road group gets its own reason)."""
    road, lights = support.two_draft_issues(world.commune)
    url = reverse("petitions:synthesis", args=[road.cycle_id])
    clerk = as_clerk(client, world)

    def reasons() -> list[str]:
        page = clerk.get(url).content.decode()
        return [part.split("</p>", 1)[0] for part in page.split("Gộp vì:</strong>")[1:]]

    first = reasons()
    assert len(first) == 1
    assert reasons() == first
    moved = lights.petitions.get()
    move_petition(moved, road, by=world.user("office_staff"))
    after = reasons()
    assert len(after) == 2
    assert "khả năng cùng một yêu cầu" in after[1]
    road.refresh_from_db()  # the page had the worker store what it explained itself (at once here)
    assert road.grouping_reasons["reasons"] == [reason.strip() for reason in after]


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}})
def test_a_synthesis_has_the_worker_explain_its_groups_so_the_page_explains_none(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """Explaining a page of 30 new groups took 0,1 s at national size: the synthesis asks the worker to
    explain them after its commit, and the page reads the reasons it kept."""
    with django_capture_on_commit_callbacks(execute=True):
        road, _ = support.two_draft_issues(world.commune)

    def explain_in_the_request(texts: Any) -> Any:
        raise AssertionError("explained in the request")

    monkeypatch.setattr(explain, "explain_members", explain_in_the_request)
    page = as_clerk(client, world).get(reverse("petitions:synthesis", args=[road.cycle_id])).content.decode()
    reason = page.split("Gộp vì:</strong>", 1)[1].split("</p>", 1)[0]
    assert "cùng đối tượng: đường" in reason


@pytest.mark.parametrize(
    ("texts", "phrase"),
    [
        (("Đường thôn 3 có nhiều ổ gà, đề nghị sửa.", "Đề nghị lấp ổ gà trên đường thôn 3."), "ổ gà"),
        (("Hỗ trợ vốn nuôi gà cho hộ nghèo.", "Cho vay vốn nuôi gà thả vườn."), "nuôi gà"),
    ],
)
def test_a_word_shared_alone_is_shown_with_the_neighbour_both_texts_write_beside_it(
    texts: tuple[str, str], phrase: str
) -> None:
    """A pothole ("ổ gà") is not a chicken ("gà"): the reason shows the phrase, not the word alone."""
    from hdnd.petitions.grouping import shared_phrases

    assert shared_phrases(["ga"], texts) == [phrase]
    assert shared_phrases(["ga"], (texts[0], "Giá gà tăng.")) == ["gà"]  # no shared neighbour


def test_review_buttons_move_merge_split_mark_and_confirm(client: Client, world: World) -> None:
    road, lights = support.two_draft_issues(world.commune)
    first, second = road.petitions.order_by("pk")
    as_clerk(client, world)
    client.post(reverse("petitions:petition_duplicate", args=[second.pk]))
    client.post(reverse("petitions:petition_move", args=[first.pk]), {"issue": lights.pk})
    client.post(reverse("petitions:issue_merge", args=[lights.pk]), {"issue": road.pk})
    client.post(reverse("petitions:petition_split", args=[first.pk]))
    first.refresh_from_db()
    assert first.issue_id is not None
    client.post(reverse("petitions:issue_confirm", args=[first.issue_id]))
    assert PetitionIssue.objects.get(pk=first.issue_id).status == PetitionIssue.Status.CONFIRMED
    lamp = Petition.objects.get(text=support.LIGHTS)
    assert set(lights.petitions.values_list("pk", "status")) == {
        (second.pk, Petition.Status.DUPLICATE_KEPT),
        (lamp.pk, Petition.Status.GROUPED),
    }
    assert not PetitionIssue.objects.filter(pk=road.pk).exists()
    assert (
        AuditEntry.objects.filter(action__startswith="petitions.").count() == 6 + 5
    )  # arrange (cycle, meeting, 3 petitions, synthesis) + review


def test_moving_to_an_unknown_issue_changes_nothing(client: Client, world: World) -> None:
    road, _ = support.two_draft_issues(world.commune)
    petition = road.petitions.first()
    assert petition is not None
    response = as_clerk(client, world).post(
        reverse("petitions:petition_move", args=[petition.pk]), {"issue": 999}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Chọn một kiến nghị dự thảo khác của cùng đợt." in page
    petition.refresh_from_db()
    assert petition.issue_id == road.pk


def test_other_provinces_get_404_and_readers_get_403(client: Client, world: World) -> None:
    meeting = support.meeting(world.other_province_commune)
    url = reverse("petitions:petition_add", args=[meeting.pk])
    assert as_clerk(client, world).post(url, {"text": support.ROAD}).status_code == 404
    own = support.meeting(world.province)
    client.force_login(world.user("delegate"))
    assert (
        client.post(reverse("petitions:petition_add", args=[own.pk]), {"text": support.ROAD}).status_code
        == 403
    )
    assert not Petition.objects.exists()


def test_list_pages_do_not_grow_queries_with_rows(client: Client, world: World) -> None:
    meeting = support.meeting(world.commune)
    support.petition(meeting)
    support.petition(meeting, support.LIGHTS)
    urls = [
        reverse("petitions:cycle_list", args=[world.commune.pk]),
        reverse("petitions:cycle_detail", args=[meeting.cycle_id]),
        reverse("petitions:meeting_detail", args=[meeting.pk]),
        reverse("petitions:synthesis", args=[meeting.cycle_id]),
    ]
    as_clerk(client, world)
    synthesize_cycle(world.commune, meeting.cycle, by=None)
    support.cycle(world.commune, name="Chuyên đề đầu tiên")  # a later cycle: carry-over is offered
    for url in urls:
        client.get(url)  # warm up: the session and the user are loaded once
    baselines = [query_count(client, url) for url in urls]
    for number in range(10):
        more = support.meeting(world.commune, in_cycle=meeting.cycle)
        support.petition(more, f"Đề nghị nạo vét kênh mương số {number} tại cánh đồng phía Bắc.")
        support.petition(meeting, f"Đề nghị hỗ trợ giống cây trồng vụ {number} cho hộ nghèo.")
        support.cycle(world.commune, name=f"Chuyên đề {number}")
    synthesize_cycle(world.commune, meeting.cycle, by=None)
    client.get(urls[-1])  # the first view of the new groups has the worker store their reasons (at once here)
    assert [query_count(client, url) for url in urls] == baselines
