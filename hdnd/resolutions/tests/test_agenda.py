"""A draft on a session's agenda: the resolution points to the agenda item that puts it to the vote
(``Resolution.agenda_item``; sittings reads it as ``item.resolution`` and never imports this app), the
session's results notice lists the resolutions adopted there, and the migration that moved the link
from the item to the resolution carries the links over."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.documents import build
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Body, BodyKind
from hdnd.resolutions.models import Resolution
from hdnd.sittings import conduct, results, voting
from hdnd.sittings.models import Session, SessionAgendaItem
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_conduct import ban, held, item
from tests import docx_reading

pytestmark = pytest.mark.django_db


def texts(content: bytes) -> list[str]:
    """Every non-empty paragraph of the .docx, one "a | b | c" line per table row."""
    return docx_reading.texts(content, rows=True)


def before(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.before or {})


def after(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.after or {})


def entries(session: Session, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_id=str(session.pk), action=action).order_by("pk"))


def three_items(world: World) -> tuple[Session, list[SessionAgendaItem]]:
    session = support.session(world.province)
    first = item(world.province, session)
    second = conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo kinh tế - xã hội")
    third = conduct.add_agenda_item(session, by=None, kind="questioning", title="Chất vấn Sở Y tế")
    return session, [first, second, third]


# Naming a draft on an item -----------------------------------------------------------------------


def test_an_agenda_item_names_a_draft_of_the_council_only(world: World) -> None:
    session = support.session(world.province)
    other_draft = Resolution.objects.create(council=world.commune, title="Dự thảo của xã")
    with pytest.raises(ValidationError, match="phải của HĐND tổ chức kỳ họp"):
        item(world.province, session, resolution=other_draft)
    draft = Resolution.objects.create(council=world.province, title="Dự thảo nghị quyết dự toán")
    placed = item(world.province, session, resolution=draft)
    assert placed.resolution == draft
    draft.refresh_from_db()
    assert draft.agenda_item == placed


def test_editing_an_item_changes_it_with_the_checks_of_adding_one(world: World) -> None:
    session, (first, *_) = three_items(world)
    draft = Resolution.objects.create(council=world.province, title="Dự thảo nghị quyết giá đất")
    edited = conduct.edit_agenda_item(
        first,
        by=world.user("office_staff"),
        kind="draft_resolution",
        title="Dự thảo nghị quyết về bảng giá đất",
        presenter="UBND tỉnh",
        examining_body=ban(world.province),
        resolution=draft,
    )
    assert (edited.title, edited.presenter, edited.resolution, edited.position) == (
        "Dự thảo nghị quyết về bảng giá đất",
        "UBND tỉnh",
        draft,
        1,
    )
    [entry] = entries(session, "sittings.edit_agenda_item")
    assert before(entry)["title"] == "Dự thảo nghị quyết về dự toán ngân sách năm 2027"
    assert after(entry)["resolution_id"] == draft.pk
    assert "kind" not in after(entry)  # only what changed
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    with pytest.raises(ValidationError, match="Ban thẩm tra phải là một Ban"):
        conduct.edit_agenda_item(first, by=None, kind="draft_resolution", title="X", examining_body=standing)
    with pytest.raises(ValidationError, match="Chỉ nội dung loại dự thảo nghị quyết mới gắn"):
        conduct.edit_agenda_item(first, by=None, kind="report", title="X", resolution=draft)
    with pytest.raises(ValidationError, match="Nhập tên nội dung"):
        conduct.edit_agenda_item(first, by=None, kind="report", title="  ")
    assert len(entries(session, "sittings.edit_agenda_item")) == 1


# The results notice lists what the session adopted ---------------------------------------------------


def voted_session(world: World) -> tuple[Session, Resolution]:
    """Five delegates, four present, one excused; a budget draft passed on 10/12/2026 (which adopts it as
    01/NQ-HĐND), a land draft not passed, and a report not voted."""
    session = held(world.province, count=5)
    people = voting.term_delegates(session)
    marks = {person.pk: ("present", "") for person in people[:4]} | {people[4].pk: ("excused", "Ốm")}
    voting.record_attendance(session, by=None, entries=marks)
    budget = Resolution.objects.create(council=world.province, title="Dự toán ngân sách năm 2027")
    budget_item = item(world.province, session, resolution=budget)
    land = item(world.province, session, title="Dự thảo nghị quyết về bảng giá đất")
    conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo kinh tế - xã hội")
    with time_machine.travel(datetime(2026, 12, 10, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        voting.record_vote(budget_item, by=None, method="electronic", votes_for=4)
    voting.record_vote(land, by=None, method="show_of_hands", votes_for=2, votes_against=1, abstentions=1)
    adopted = Resolution.objects.get(pk=budget.pk)
    results.record_minutes(session, by=None, results_notice="Kỳ họp đã bầu bổ sung Ủy viên UBND tỉnh.")
    return session, adopted


def test_the_results_notice_lists_attendance_votes_and_adopted_resolutions(world: World) -> None:
    session, adopted = voted_session(world)
    assert adopted.symbol == "01/NQ-HĐND"
    lines = texts(build(results.results_notice_document(session)))
    joined = "\n".join(lines)
    assert "THÔNG BÁO" in lines
    assert "Số:      /TB-HĐND" in joined
    assert "THƯỜNG TRỰC HĐND" in joined
    assert "Kết quả Kỳ họp thứ nhất, Hội đồng nhân dân tỉnh An Bình khóa XVII, nhiệm kỳ 2026 - 2031" in joined
    assert "Thời gian: từ ngày 08/12/2026 đến ngày 10/12/2026." in lines
    assert (
        "Tổng số đại biểu Hội đồng nhân dân tỉnh An Bình khóa XVII: 5. "
        "Có mặt: 4; vắng có lý do: 1; vắng không có lý do: 0."
    ) in lines
    assert (
        "1 | Dự thảo nghị quyết về dự toán ngân sách năm 2027 | 4/5 đại biểu tán thành (80,00%); "
        "không tán thành 0, phân vân 0, không biểu quyết 0 | Thông qua"
    ) in lines
    assert (
        "2 | Dự thảo nghị quyết về bảng giá đất | 2/5 đại biểu tán thành (40,00%); "
        "không tán thành 1, phân vân 1, không biểu quyết 0 | Không thông qua"
    ) in lines
    assert "Báo cáo kinh tế - xã hội" not in joined  # not voted
    assert "Kỳ họp đã thông qua 1 nghị quyết:" in lines
    assert "1. Nghị quyết số 01/NQ-HĐND ngày 10/12/2026 Dự toán ngân sách năm 2027." in lines
    assert "Kỳ họp đã bầu bổ sung Ủy viên UBND tỉnh." in lines
    assert "Thường trực Hội đồng nhân dân tỉnh An Bình trân trọng thông báo./." in lines


def test_the_work_page_links_the_notice_and_the_downloads_follow_the_scope(client: Any, world: World) -> None:
    session, _ = voted_session(world)
    client.force_login(world.user("delegate"))
    work = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    docx_url = reverse("sittings:conduct_results_docx", args=[session.pk])
    pdf_url = reverse("sittings:conduct_results_pdf", args=[session.pk])
    assert docx_url in work
    assert pdf_url in work
    response = client.get(docx_url)
    assert response.status_code == 200
    assert "Th%C3%B4ng%20b%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3" in response["Content-Disposition"]
    assert "Nghị quyết số 01/NQ-HĐND" in "\n".join(texts(response.content))
    pdf = client.get(pdf_url)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")
    client.force_login(world.user("office_staff"))
    minutes_page = client.get(reverse("sittings:conduct_minutes", args=[session.pk])).content.decode()
    assert docx_url in minutes_page
    client.force_login(make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province))
    assert client.get(docx_url).status_code == 404


def test_the_pages_and_the_api_name_the_draft_of_an_item(client: Any, world: World) -> None:
    session = support.session(world.province)
    draft = Resolution.objects.create(council=world.province, title="Dự thảo nghị quyết về bảng giá đất")
    theirs = Resolution.objects.create(council=world.other_province, title="Dự thảo của tỉnh khác")
    client.force_login(world.user("office_staff"))
    work_url = reverse("sittings:conduct_work", args=[session.pk])
    assert f'<option value="{draft.pk}">' in client.get(work_url).content.decode()
    added = client.post(
        reverse("sittings:conduct_item_add", args=[session.pk]),
        {"kind": "draft_resolution", "title": "Dự thảo nghị quyết về bảng giá đất", "resolution": draft.pk},
    )
    assert added.status_code == 302
    placed = session.agenda_items.get()
    assert placed.resolution == draft
    assert draft.get_absolute_url() in client.get(work_url).content.decode()
    edit = client.get(reverse("sittings:conduct_item_edit", args=[placed.pk])).content.decode()
    assert f'<option value="{draft.pk}" selected>' in edit
    url = reverse("api:conduct_item_create", args=[session.pk])
    payload = {"kind": "draft_resolution", "title": "Dự thảo khác", "resolution_id": theirs.pk}
    refused = client.post(url, payload, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"resolution_id": ["Dự thảo nghị quyết phải của HĐND tổ chức kỳ họp."]}
    second = Resolution.objects.create(council=world.province, title="Dự thảo khác")
    created = client.post(url, {**payload, "resolution_id": second.pk}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["resolution_id"] == second.pk
    conduct_page = client.get(reverse("api:conduct_detail", args=[session.pk])).json()
    assert [row["resolution_id"] for row in conduct_page["agenda"]] == [draft.pk, second.pk]


def test_pointing_another_item_at_a_draft_moves_it_and_removing_the_item_clears_it(world: World) -> None:
    _, (first, second, _) = three_items(world)
    draft = Resolution.objects.create(council=world.province, title="Dự thảo nghị quyết dự toán")
    conduct.edit_agenda_item(first, by=None, kind="draft_resolution", title=first.title, resolution=draft)
    conduct.edit_agenda_item(second, by=None, kind="draft_resolution", title=second.title, resolution=draft)
    draft.refresh_from_db()
    assert draft.agenda_item_id == second.pk
    assert not hasattr(SessionAgendaItem.objects.get(pk=first.pk), "resolution")
    conduct.remove_agenda_item(second, by=None)
    draft.refresh_from_db()
    assert draft.agenda_item is None


# The migration that moved the link ----------------------------------------------------------------
