"""Standing-committee meetings: statuses, the notice's number per council and year (also under a race),
participants from the Thường trực, scoped materials, tasks overdue on real dates, the .docx and PDF."""

from __future__ import annotations

import io
import json
import os
import threading
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.audit import action_label
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Agency, Body, BodyKind, Membership, MembershipRole, Person
from hdnd.sittings import standing
from hdnd.sittings.models import ConclusionItem, StandingMeeting
from hdnd.sittings.tests.matrix_standing import concluded, held, meeting, pdf_upload, standing_seat

pytestmark = pytest.mark.django_db
JSON = "application/json"


def issue(found: StandingMeeting, on: date, **extra: Any) -> StandingMeeting:
    return standing.issue_notice(found, by=None, issued_on=on, text="Thống nhất các nội dung.", **extra)


# Statuses and numbering -----------------------------------------------------------------------------


def test_a_meeting_is_held_then_concluded_and_refuses_steps_out_of_order(world: World) -> None:
    found = meeting(world.province)
    with pytest.raises(ValidationError, match="Chỉ ban hành thông báo kết luận cho phiên họp đã họp"):
        issue(found, date(2026, 11, 8))
    with pytest.raises(ValidationError, match="khi phiên họp đã họp"):
        standing.add_conclusion_item(found, by=None, content="Giao nhiệm vụ")
    found = standing.mark_held(found, by=None, held_on=date(2026, 11, 5))
    with pytest.raises(ValidationError, match="đang dự kiến"):
        standing.mark_held(found, by=None, held_on=date(2026, 11, 5))
    with pytest.raises(ValidationError, match="phải có nội dung hoặc ít nhất một kết luận"):
        standing.issue_notice(found, by=None, issued_on=date(2026, 11, 8))
    with pytest.raises(ValidationError, match="không được trước ngày họp"):
        issue(found, date(2026, 11, 4))
    found = issue(found, date(2026, 11, 8))
    found.refresh_from_db()
    assert (found.status, found.notice_symbol, found.notice_on) == (
        "concluded",
        "01/TB-HĐND",
        date(2026, 11, 8),
    )
    with pytest.raises(ValidationError, match="không sửa được"):
        standing.edit_meeting(found, by=None, meets_on=date(2026, 11, 6), kind="monthly")
    with pytest.raises(ValidationError, match="không sửa được"):
        standing.set_agenda(found, by=None, items=[standing.AgendaLine("Thêm nội dung")])
    actions = set(AuditEntry.objects.filter(object_id=str(found.pk)).values_list("action", flat=True))
    assert {
        "sittings.create_standing_meeting",
        "sittings.mark_standing_held",
        "sittings.issue_conclusion_notice",
    } <= actions


def test_notices_are_numbered_per_council_and_restart_each_year(world: World) -> None:
    first = issue(held(world.province, meets_on=date(2026, 11, 5)), date(2026, 11, 9))
    second = issue(held(world.province, meets_on=date(2026, 12, 3)), date(2026, 12, 31))
    commune = issue(held(world.commune, meets_on=date(2026, 12, 3)), date(2026, 12, 4))
    next_year = issue(held(world.province, meets_on=date(2026, 12, 28)), date(2027, 1, 4))
    assert [m.notice_symbol for m in (first, second, commune, next_year)] == [
        "01/TB-HĐND",
        "02/TB-HĐND",
        "01/TB-HĐND",
        "01/TB-HĐND",
    ]
    assert (next_year.notice_year, second.notice_year) == (2027, 2026)
    # An older notice typed with its real number moves the counter past it; a number taken is refused.
    typed = issue(held(world.province, meets_on=date(2027, 3, 2)), date(2027, 3, 5), number=28)
    after = issue(held(world.province, meets_on=date(2027, 4, 2)), date(2027, 4, 6))
    assert (typed.notice_symbol, after.notice_symbol) == ("28/TB-HĐND", "29/TB-HĐND")
    with pytest.raises(ValidationError, match="Số 28/TB-HĐND năm 2027 đã được dùng"):
        issue(held(world.province, meets_on=date(2027, 5, 4)), date(2027, 5, 6), number=28)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_issuing_at_once_get_distinct_numbers(transactional_db: None, world: World) -> None:
    meetings = [held(world.province, meets_on=date(2026, 11, day)) for day in (3, 4, 5, 6)]
    barrier = threading.Barrier(len(meetings))
    symbols: list[str] = []
    errors: list[BaseException] = []

    def run(found: StandingMeeting) -> None:
        try:
            barrier.wait()
            symbols.append(issue(found, date(2026, 11, 10)).notice_symbol)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(found,)) for found in meetings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(symbols) == ["01/TB-HĐND", "02/TB-HĐND", "03/TB-HĐND", "04/TB-HĐND"]


# Agenda and participants ----------------------------------------------------------------------------


def test_the_agenda_keeps_its_order_and_the_materials_of_the_items_that_stay(world: World) -> None:
    found = meeting(world.province)
    first, second = standing.set_agenda(
        found,
        by=None,
        items=[
            standing.AgendaLine("Báo cáo công tác tháng 10", "Văn phòng"),
            standing.AgendaLine("Tờ trình"),
        ],
    )
    filed = standing.upload_material(found, by=None, upload=pdf_upload(), agenda_item=first)
    items = standing.set_agenda(
        found, by=None, items=[standing.AgendaLine("Báo cáo công tác tháng 11", "Văn phòng")]
    )
    assert [(item.position, item.title) for item in items] == [(1, "Báo cáo công tác tháng 11")]
    filed.refresh_from_db()
    assert (filed.agenda_item_id, filed.title) == (first.pk, "to-trinh.pdf")
    assert not found.agenda.filter(pk=second.pk).exists()
    with pytest.raises(ValidationError, match="phải có tiêu đề"):
        standing.set_agenda(found, by=None, items=[standing.AgendaLine("  ", "Văn phòng")])


def test_participants_are_members_of_the_thuong_truc_or_invited(world: World) -> None:
    chair = standing_seat(world.province, "Nguyễn Văn An", MembershipRole.CHAIR)
    vice = standing_seat(world.province, "Trần Thị Bình", MembershipRole.VICE_CHAIR)
    ban = Body.objects.create(council=world.province, kind=BodyKind.LEGAL, name="Ban Pháp chế")
    outsider = Membership.objects.create(
        person=Person.objects.create(council=world.province, full_name="Lê Văn Cường"),
        council=world.province,
        body=ban,
        role=MembershipRole.HEAD,
        starts_on=date(2026, 3, 16),
    )
    assert standing.standing_members(world.province, date(2026, 11, 5)) == [chair, vice]
    found = meeting(world.province)
    added = standing.add_participants(
        found, by=None, memberships=[vice, chair], invited=[("Ông Phạm Văn Dũng", "Giám đốc Sở Tài chính")]
    )
    assert [p.display_name for p in added] == ["Trần Thị Bình", "Nguyễn Văn An", "Ông Phạm Văn Dũng"]
    assert added[0].display_position == "Phó Chủ tịch Thường trực HĐND"
    again = standing.add_participants(found, by=None, memberships=[chair])
    assert again == []
    assert found.participants.count() == 3
    with pytest.raises(ValidationError, match="không phải thành viên Thường trực"):
        standing.add_participants(found, by=None, memberships=[outsider])
    with pytest.raises(ValidationError, match="Chọn thành viên Thường trực hoặc nhập"):
        standing.add_participants(found, by=None, invited=[("  ", "")])
    standing.remove_participant(added[2], by=None)
    assert found.participants.count() == 2


# Materials ------------------------------------------------------------------------------------------


def test_materials_are_checked_and_served_only_inside_the_scope(client: Client, world: World) -> None:
    found = meeting(world.province)
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF, Word, Excel"):
        standing.upload_material(found, by=None, upload=pdf_upload("virus.exe"))
    big = pdf_upload("bao-cao.pdf")
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="quá giới hạn 20 MB"):
        standing.upload_material(found, by=None, upload=big)
    material = standing.upload_material(
        found, by=None, upload=pdf_upload("to-trinh.pdf", 10), title="Tờ trình"
    )
    url = reverse("sittings:standing_material", args=[material.pk])
    client.force_login(world.user("delegate"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")  # type: ignore[attr-defined]
    assert "to-trinh" in response["Content-Disposition"]
    # No public copy: the stored file is not reachable under /media/.
    assert client.get(f"/media/{material.file.name}").status_code == 404
    stranger = make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(reverse("sittings:standing_detail", args=[found.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_a_material_is_uploaded_through_the_page(client: Client, world: World) -> None:
    found = meeting(world.province)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:standing_material_add", args=[found.pk])
    refused = client.post(url, {"title": "Bảng tính", "file": pdf_upload("bang.csv")}, follow=True)
    assert "Chỉ nhận tệp PDF, Word, Excel" in refused.content.decode()
    client.post(url, {"title": "Báo cáo thẩm tra", "file": pdf_upload("bao-cao.pdf")})
    page = client.get(found.get_absolute_url()).content.decode()
    assert "Báo cáo thẩm tra" in page
    assert [m.title for m in found.materials.all()] == ["Báo cáo thẩm tra"]


# Tasks ----------------------------------------------------------------------------------------------


def test_tasks_are_overdue_after_their_deadline_until_done(client: Client, world: World) -> None:
    agency = Agency.objects.get(council=world.province)
    found = held(world.province, meets_on=date(2026, 11, 5))
    with pytest.raises(ValidationError, match="phải có cơ quan hoặc người thực hiện"):
        standing.add_conclusion_item(found, by=None, content="Báo cáo tiến độ", due_on=date(2026, 12, 1))
    other = Agency.objects.create(council=world.other_province, name="Sở Tài chính Bắc Sơn", kind="so_nganh")
    with pytest.raises(ValidationError, match="Chọn cơ quan của HĐND này"):
        standing.add_conclusion_item(
            found, by=None, content="Báo cáo", owner_agency=other, due_on=date(2026, 12, 1)
        )
    road = standing.add_conclusion_item(
        found,
        by=None,
        content="Báo cáo tiến độ đường ven biển",
        owner_agency=agency,
        due_on=date(2026, 11, 30),
    )
    school = standing.add_conclusion_item(
        found, by=None, content="Rà soát trường học", owner_name="UBND xã Đông Hòa", due_on=date(2026, 12, 31)
    )
    note = standing.add_conclusion_item(found, by=None, content="Thống nhất chương trình kỳ họp cuối năm")
    issue(found, date(2026, 11, 9))
    assert (road.position, school.position, note.position) == (1, 2, 3)
    assert not road.is_overdue(date(2026, 11, 30))
    assert road.is_overdue(date(2026, 12, 1))
    assert not note.is_overdue(date(2030, 1, 1))
    tasks = ConclusionItem.objects.filter(council=world.province).tasks()
    assert list(tasks.overdue(date(2026, 12, 1))) == [road]
    assert list(tasks.overdue(date(2027, 1, 1))) == [road, school]
    client.force_login(world.user("office_staff"))
    board = reverse("sittings:standing_tasks", args=[world.province.pk])
    with time_machine.travel(date(2026, 12, 15), tick=False):
        client.force_login(world.user("office_staff"))
        page = client.get(board, {"xem": "overdue"}).content.decode()
        assert "Báo cáo tiến độ đường ven biển" in page
        assert "Quá hạn" in page
        assert "Rà soát trường học" not in page
        done = client.post(
            reverse("sittings:standing_task_done", args=[road.pk]),
            {"done_on": "14/12/2026", "result": "Đã báo cáo", "next": f"{board}?xem=overdue"},
        )
        assert done["Location"] == f"{board}?xem=overdue"
        assert "Báo cáo tiến độ đường ven biển" not in client.get(board, {"xem": "overdue"}).content.decode()
        detail = client.get(found.get_absolute_url()).content.decode()
        assert "Muộn" in detail
        assert "Đã báo cáo" in detail
    road.refresh_from_db()
    assert (road.done_on, road.is_overdue(date(2027, 1, 1)), road.done_late()) == (
        date(2026, 12, 14),
        False,
        True,
    )
    with pytest.raises(ValidationError, match="đã được ghi nhận hoàn thành"):
        standing.complete_task(road, by=None, done_on=date(2026, 12, 15))
    with pytest.raises(ValidationError, match="không phải nhiệm vụ có thời hạn"):
        standing.complete_task(note, by=None, done_on=date(2026, 12, 15))


def test_an_item_taken_off_the_draft_moves_the_next_ones_up(world: World) -> None:
    found = held(world.province)
    first, second, third = (
        standing.add_conclusion_item(found, by=None, content=text) for text in ("Một", "Hai", "Ba")
    )
    standing.remove_conclusion_item(second, by=None)
    assert [(i.position, i.content) for i in found.conclusions.all()] == [(1, "Một"), (2, "Ba")]
    assert standing.add_conclusion_item(found, by=None, content="Bốn").position == 3
    issue(found, date(2026, 11, 9))
    with pytest.raises(ValidationError, match="khi thông báo chưa ban hành"):
        standing.remove_conclusion_item(first, by=None)
    assert AuditEntry.objects.filter(action="sittings.remove_conclusion_item").count() == 1
    assert third.pk in set(found.conclusions.values_list("pk", flat=True))


# Pages and API --------------------------------------------------------------------------------------


def test_the_pages_plan_hold_and_conclude_a_meeting(client: Client, world: World) -> None:
    chair = standing_seat(world.province, "Nguyễn Văn An", MembershipRole.CHAIR)
    client.force_login(world.user("office_staff"))
    add = reverse("sittings:standing_add", args=[world.province.pk])
    refused = client.post(add, {"kind": "monthly", "meets_on": "31/02/2026"})
    assert refused.status_code == 422
    created = client.post(add, {"kind": "monthly", "meets_on": "05/11/2026", "place": "Phòng họp số 1"})
    found = StandingMeeting.objects.get(council=world.province)
    assert created["Location"] == found.get_absolute_url()
    client.post(
        reverse("sittings:standing_agenda", args=[found.pk]), {"items": "Báo cáo tháng 10 | Văn phòng"}
    )
    client.post(
        reverse("sittings:standing_participants", args=[found.pk]),
        {"memberships": [str(chair.pk)], "invited": "Ông Phạm Văn Dũng | Giám đốc Sở Tài chính\n\n"},
    )
    assert [(p.display_name, p.display_position) for p in found.participants.all()] == [
        ("Nguyễn Văn An", "Chủ tịch Thường trực HĐND"),
        ("Ông Phạm Văn Dũng", "Giám đốc Sở Tài chính"),
    ]
    client.post(reverse("sittings:standing_held", args=[found.pk]), {"day": "05/11/2026"})
    client.post(
        reverse("sittings:standing_conclusion_add", args=[found.pk]),
        {"content": "Chuẩn bị kỳ họp cuối năm", "owner_name": "Văn phòng", "due_on": "30/11/2026"},
    )
    notice = reverse("sittings:standing_notice", args=[found.pk])
    assert client.post(notice, {"issued_on": "04/11/2026"}).status_code == 422
    assert client.post(notice, {"issued_on": "09/11/2026"}).status_code == 302
    found.refresh_from_db()
    assert (found.status, found.notice_symbol) == ("concluded", "01/TB-HĐND")
    page = client.get(found.get_absolute_url()).content.decode()
    assert "Số 01/TB-HĐND ngày 09/11/2026" in page
    assert "Báo cáo tháng 10" in page
    listing = client.get(reverse("sittings:standing_list", args=[world.province.pk])).content.decode()
    assert "Phiên họp tháng 11 năm 2026" in listing
    recorded = set(AuditEntry.objects.filter(council=world.province).values_list("action", flat=True))
    assert len(recorded) == 6
    assert all(action_label(code) == standing.ACTION_LABELS[code] for code in recorded)


def test_the_api_runs_a_meeting_and_refuses_in_vietnamese(client: Client, world: World) -> None:
    seat = standing_seat(world.province)
    agency = Agency.objects.get(council=world.province)
    client.force_login(world.user("office_staff"))
    created = client.post(
        reverse("api:standing_meeting_create", args=[world.province.pk]),
        json.dumps({"meets_on": "2026-11-05", "place": "Phòng họp"}),
        content_type=JSON,
    )
    assert created.status_code == 201
    mid = created.json()["id"]
    agenda = client.put(
        reverse("api:standing_meeting_agenda", args=[mid]),
        json.dumps({"items": [{"title": "Báo cáo tháng 10", "presenter": "Văn phòng"}]}),
        content_type=JSON,
    )
    assert [item["title"] for item in agenda.json()["agenda"]] == ["Báo cáo tháng 10"]
    people = client.post(
        reverse("api:standing_meeting_participants", args=[mid]),
        json.dumps({"membership_ids": [seat.pk], "invited": [{"name": "Sở Tài chính"}]}),
        content_type=JSON,
    )
    assert [(p["name"], p["is_member"]) for p in people.json()["participants"]] == [
        ("Nguyễn Văn An", True),
        ("Sở Tài chính", False),
    ]
    early = client.post(
        reverse("api:standing_meeting_notice", args=[mid]),
        json.dumps({"issued_on": "2026-11-08", "text": "Kết luận"}),
        content_type=JSON,
    )
    assert (early.status_code, early.json()["detail"]) == (
        422,
        "Chỉ ban hành thông báo kết luận cho phiên họp đã họp.",
    )
    client.post(
        reverse("api:standing_meeting_held", args=[mid]),
        json.dumps({"held_on": "2026-11-05"}),
        content_type=JSON,
    )
    task = client.post(
        reverse("api:standing_meeting_conclusion", args=[mid]),
        json.dumps({"content": "Báo cáo tiến độ", "owner_agency_id": agency.pk, "due_on": "2026-11-30"}),
        content_type=JSON,
    )
    assert (task.status_code, task.json()["owner"]) == (201, "Sở Xây dựng tỉnh An Bình")
    issued = client.post(
        reverse("api:standing_meeting_notice", args=[mid]),
        json.dumps({"issued_on": "2026-11-09"}),
        content_type=JSON,
    )
    assert issued.json()["notice_symbol"] == "01/TB-HĐND"
    with time_machine.travel(date(2026, 12, 2), tick=False):
        client.force_login(world.user("delegate"))
        overdue = client.get(reverse("api:standing_task_list", args=[world.province.pk]), {"show": "overdue"})
        assert [(t["content"], t["overdue"]) for t in overdue.json()["items"]] == [("Báo cáo tiến độ", True)]


# Documents ------------------------------------------------------------------------------------------


def _texts(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def test_the_conclusion_notice_reads_back_from_the_docx(client: Client, world: World) -> None:
    standing_seat(world.province, "Nguyễn Văn An", MembershipRole.CHAIR)
    found = concluded(world.province)
    client.force_login(world.user("delegate"))
    response = client.get(reverse("sittings:standing_notice_docx", args=[found.pk]))
    assert response.status_code == 200
    assert "01-TB-H" in response["Content-Disposition"]
    text = _texts(response.content)
    for expected in (
        "HĐND TỈNH AN BÌNH",
        "THƯỜNG TRỰC HĐND",
        "Số: 01/TB-HĐND",
        "An Bình, ngày 08 tháng 11 năm 2026",
        "THÔNG BÁO",
        "Kết luận của Thường trực HĐND tại phiên họp tháng 11 năm 2026",
        "1. Rà soát hồ sơ dự án đường ven biển (giao Sở Xây dựng; thời hạn: 15/12/2026).",
        "Nơi nhận:",
        "TM. THƯỜNG TRỰC HĐND",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ):
        assert expected in text, expected
    assert "KT. CHỦ TỊCH" not in text


def test_the_conclusion_notice_downloads_as_pdf(client: Client, world: World) -> None:
    found = concluded(world.province)
    client.force_login(world.user("office_staff"))
    response = client.get(reverse("sittings:standing_notice_pdf", args=[found.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# Removing a material --------------------------------------------------------------------------------


def test_a_material_is_removed_on_the_page_with_its_file_until_the_notice(
    client: Client, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    found = held(world.province)
    material = standing.upload_material(found, by=None, upload=pdf_upload("to-trinh.pdf"), title="Tờ trình")
    stored = material.file.path
    url = reverse("sittings:standing_material_remove", args=[material.pk])
    client.force_login(world.user("delegate"))
    assert url not in client.get(found.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(world.user("office_staff"))
    assert url in client.get(found.get_absolute_url()).content.decode()
    assert os.path.exists(stored)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)
    assert response["Location"] == found.get_absolute_url()
    assert not found.materials.exists()
    # The file goes once the removal is committed (the public pages' cache is told then too).
    assert [c.__qualname__ for c in callbacks if "remove_material" in c.__qualname__] == [
        "remove_material.<locals>.<lambda>"
    ]
    assert not os.path.exists(stored)
    entry = AuditEntry.objects.get(action="sittings.remove_standing_material")
    assert (entry.object_id, (entry.before or {})["title"]) == (str(found.pk), "Tờ trình")
    assert action_label(entry.action) == "Bỏ tài liệu phiên họp Thường trực HĐND"
    kept = standing.upload_material(found, by=None, upload=pdf_upload(), title="Báo cáo")
    issue(found, date(2026, 11, 9))
    with pytest.raises(ValidationError, match="không bỏ tài liệu được"):
        standing.remove_material(kept, by=None)
    refused = client.post(reverse("sittings:standing_material_remove", args=[kept.pk]), follow=True)
    assert "không bỏ tài liệu được" in refused.content.decode()
    stranger = make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province)
    client.force_login(stranger)
    assert client.post(reverse("sittings:standing_material_remove", args=[kept.pk])).status_code == 404


def test_the_api_removes_a_material_and_serves_the_notice(client: Client, world: World) -> None:
    found = meeting(world.province)
    material = standing.upload_material(found, by=None, upload=pdf_upload(), title="Tờ trình")
    url = reverse("api:standing_material_delete", args=[material.pk])
    client.force_login(world.user("delegate"))
    assert client.delete(url).status_code == 403
    client.force_login(world.user("office_staff"))
    removed = client.delete(url)
    assert (removed.status_code, removed.json()["materials"]) == (200, [])
    assert client.delete(url).status_code == 404
    concluded_meeting = concluded(world.province)
    docx = client.get(reverse("api:standing_notice_docx", args=[concluded_meeting.pk]))
    assert docx.status_code == 200
    assert "Số: 01/TB-HĐND" in _texts(docx.content)
    assert "01-TB-H" in docx["Content-Disposition"]
    pdf = client.get(reverse("api:standing_notice_pdf", args=[concluded_meeting.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    stranger = make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province)
    client.force_login(stranger)
    assert client.get(reverse("api:standing_notice_docx", args=[concluded_meeting.pk])).status_code == 404
