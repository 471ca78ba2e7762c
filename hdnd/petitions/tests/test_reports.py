"""The cycle's documents: synthesis report, results table (.docx, .xlsx), forwarding letter; downloads."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from conftest import World
from hdnd.core import documents, spreadsheets
from hdnd.councils.models import Body, BodyKind, Membership, MembershipRole, Person
from hdnd.petitions import reports
from hdnd.petitions.actions.entry import register_petition
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Forwarding, Outcome, Petition
from hdnd.petitions.tests import support
from hdnd.petitions.tests.test_statistics import ON, SENT, Scene, build_scene

FORMULA = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'


@pytest.fixture
def scene(world: World, rules: Any) -> Scene:
    return build_scene(world, rules)


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def body_texts(document: documents.AdminDocument) -> list[str]:
    return [block if isinstance(block, str) else getattr(block, "text", "") for block in document.body]


def vice_chair(world: World, name: str = "Trần Thị Bình") -> None:
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    person = Person.objects.create(council=world.province, full_name=name)
    Membership.objects.create(
        person=person,
        council=world.province,
        body=standing,
        role=MembershipRole.VICE_CHAIR,
        starts_on=date(2026, 3, 1),
    )


# (a) The synthesis report -------------------------------------------------------------------------


def test_the_synthesis_report_counts_the_cycle_and_groups_issues_by_field(scene: Scene, world: World) -> None:
    document = reports.synthesis_report(scene.cycle, on=date(2026, 11, 22))
    assert document.issuer == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"]
    assert document.kind == "BÁO CÁO"
    assert document.number_line == "Số:      /BC-HĐND"
    assert document.date_line == "An Bình, ngày 22 tháng 11 năm 2026"
    assert document.summary == "Tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp thứ 12 năm 2026"
    texts = body_texts(document)
    assert any(
        "đại biểu Hội đồng nhân dân tỉnh An Bình đã tổ chức 2 buổi tiếp xúc cử tri với 200 lượt" in t
        for t in texts
    )
    assert "UBND tỉnh An Bình;" in document.recipients
    assert any("ghi nhận: 4. Sau khi tổng hợp, loại trùng, còn 3 kiến nghị." in t for t in texts)
    assert "1. Giao thông – xây dựng – thủy lợi (2 kiến nghị)" in texts
    assert "2. Đất đai – tài nguyên – môi trường (1 kiến nghị)" in texts
    road = next(t for t in texts if t.startswith("1.1. "))
    assert road.startswith("1.1. Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp. (")
    assert road.endswith(
        "(2 ý kiến tại 2 nơi; thẩm quyền: Tỉnh; cơ quan giải quyết: Sở Xây dựng tỉnh An Bình)."
    )


def test_the_synthesis_report_docx_reads_back(scene: Scene, world: World) -> None:
    vice_chair(world)
    text = docx_text(documents.build(reports.synthesis_report(scene.cycle, on=date(2026, 11, 22))))
    assert "BÁO CÁO" in text
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text
    assert "Trần Thị Bình" in text
    assert "- Lưu: VT." in text


def test_a_chair_signs_when_there_is_no_vice_chair(world: World) -> None:
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    person = Person.objects.create(council=world.province, full_name="Lê Văn Cường")
    Membership.objects.create(
        person=person,
        council=world.province,
        body=standing,
        role=MembershipRole.CHAIR,
        starts_on=date(2026, 3, 1),
    )
    signed = reports.signature(world.province, date(2026, 11, 22))
    assert (signed.on_behalf, signed.acting, signed.title, signed.name) == (
        "TM. THƯỜNG TRỰC HĐND",
        "",
        "CHỦ TỊCH",
        "Lê Văn Cường",
    )


def test_an_empty_cycle_still_makes_a_report(world: World, rules: Any) -> None:
    cycle = support.cycle(world.commune)
    document = reports.synthesis_report(cycle, on=date(2026, 11, 22))
    assert document.issuer == ["HỘI ĐỒNG NHÂN DÂN", "XÃ ĐÔNG HÒA"]
    assert document.place == "Đông Hòa"
    assert "Trong đợt này chưa có kiến nghị nào được tổng hợp." in body_texts(document)


# (b) The results table ----------------------------------------------------------------------------


def test_the_results_rows_say_on_time_late_and_not_yet_due(scene: Scene, world: World) -> None:
    at = support.meeting(world.province, in_cycle=scene.cycle)
    support.petition(at, "Đề nghị nạo vét kênh mương nội đồng xóm Giữa.")
    synthesize_cycle(world.province, scene.cycle, by=None)
    rows = {row.title: row for row in reports.result_rows(scene.cycle, on=ON)}
    road, lights, land = (rows[issue.title] for issue in (scene.road, scene.lights, scene.land))
    assert (road.agency, road.due_on, road.answered_on) == (
        "Sở Xây dựng tỉnh An Bình",
        date(2026, 12, 23),
        date(2026, 12, 1),
    )
    assert (road.outcome, road.timeliness) == ("Đã giải quyết xong", "Đúng hạn")
    assert (lights.outcome, lights.timeliness) == ("Đang giải quyết (có lộ trình)", "Trễ hạn")
    assert lights.excerpt == "Đã có kết quả giải quyết."
    assert (land.outcome, land.timeliness, land.answered_on) == ("Chưa trả lời", "Chưa đến hạn", None)
    ditch = rows["Đề nghị nạo vét kênh mương nội đồng xóm Giữa."]
    assert ditch.agency == "Chưa chuyển"
    late = {row.title: row for row in reports.result_rows(scene.cycle, on=date(2027, 3, 1))}
    assert late[scene.land.title].timeliness == "Quá hạn, chưa trả lời"


def test_the_results_docx_is_landscape_with_the_rate(scene: Scene, world: World) -> None:
    content = documents.build(reports.results_report(scene.cycle, on=ON))
    doc = Document(io.BytesIO(content))
    width = doc.sections[0].page_width
    assert width is not None
    assert round(width.mm) == 297
    text = docx_text(content)
    assert "tỷ lệ trả lời đúng hạn 50% (1/2 kiến nghị đến hạn)" in text
    assert "Trễ hạn" in text
    assert "Đúng hạn" in text
    assert "23/12/2026" in text


def test_the_results_xlsx_escapes_a_formula_typed_as_a_petition(world: World, rules: Any) -> None:
    staff = world.user("office_staff")
    at = support.meeting(world.province, staff)
    support.petition(at, FORMULA, staff)
    (issue,) = synthesize_cycle(world.province, at.cycle, by=staff)
    assert issue.title.startswith("=HYPERLINK")
    worksheet = load_workbook(io.BytesIO(reports.results_xlsx(at.cycle, on=ON))).active
    assert isinstance(worksheet, Worksheet)
    assert [c.value for c in worksheet[3]] == list(reports.RESULT_HEADER)
    title = worksheet["B4"]
    assert isinstance(title, Cell)
    assert title.value == issue.title
    assert title.data_type == "s"
    assert title.quotePrefix is True
    assert worksheet.freeze_panes == "A4"


def test_the_results_xlsx_keeps_dates_as_dates(scene: Scene, world: World) -> None:
    worksheet = load_workbook(io.BytesIO(reports.results_xlsx(scene.cycle, on=ON))).active
    assert isinstance(worksheet, Worksheet)
    due = worksheet["D4"]
    assert isinstance(due, Cell)
    assert due.is_date
    assert isinstance(due.value, datetime)
    assert due.value.date() == date(2026, 12, 23)


# (c) The forwarding letter -----------------------------------------------------------------------


def test_the_letter_asks_the_agency_to_answer_before_the_due_date(scene: Scene, world: World) -> None:
    forwardings = reports.letter_forwardings(scene.cycle, scene.works.pk)
    letter = reports.forwarding_letter(forwardings)
    assert letter.parent_issuer == ["HĐND TỈNH AN BÌNH"]
    assert letter.issuer == ["THƯỜNG TRỰC HĐND"]
    assert letter.kind == ""
    assert letter.number_line == "Số:      /HĐND-VP"
    assert letter.summary == "chuyển kiến nghị của cử tri trước kỳ họp thứ 12 năm 2026"
    assert letter.date_line == "An Bình, ngày 23 tháng 11 năm 2026"
    assert letter.addressees == ["Kính gửi: Sở Xây dựng tỉnh An Bình."]
    assert letter.recipients[0] == "Như trên;"
    text = docx_text(documents.build(letter))
    assert "V/v chuyển kiến nghị của cử tri trước kỳ họp thứ 12 năm 2026" in text
    assert "trước ngày 23/12/2026" in text
    assert scene.road.title in text
    assert scene.lights.title not in text


def test_the_letter_carries_its_number_once_the_office_gives_one(scene: Scene, world: World) -> None:
    Forwarding.objects.filter(agency=scene.works).update(letter_number="45/HĐND-VP")
    letter = reports.forwarding_letter(reports.letter_forwardings(scene.cycle, scene.works.pk))
    assert letter.number_line == "Số: 45/HĐND-VP"
    Forwarding.objects.filter(agency=scene.works).update(letter_number="46")
    letter = reports.forwarding_letter(reports.letter_forwardings(scene.cycle, scene.works.pk))
    assert letter.number_line == "Số: 46/HĐND-VP"


def test_one_letter_lists_every_issue_of_the_cycle_sent_to_the_agency(world: World, rules: Any) -> None:
    staff = world.user("office_staff")
    road, lights = support.two_draft_issues(world.province, staff)
    works = support.agency(world.province)
    for issue in (road, lights):
        confirm_issue(issue, by=staff)
    forward_issue(road, [works], by=staff, on=SENT)
    forward_issue(lights, [works], by=staff, on=date(2026, 11, 25), letter_number="45/HĐND-VP")
    letter = reports.forwarding_letter(reports.letter_forwardings(road.cycle, works.pk))
    table = next(block for block in letter.body if isinstance(block, documents.Table))
    assert [row[1] for row in table.rows] == [road.title, lights.title]
    # Dated the day of the latest forwarding, never before an item it lists; the number entered printed.
    assert letter.on == date(2026, 11, 25)
    assert letter.number_line == "Số: 45/HĐND-VP"
    assert "2 kiến nghị" in body_texts(letter)[0]
    # Two deadlines (23/11 + 30 days, 25/11 + 30 days): the letter asks by the table, not by one date.
    assert [row[2] for row in table.rows] == [date(2026, 12, 23), date(2026, 12, 25)]
    assert "trước thời hạn ghi tại cột “Hạn trả lời” đối với từng kiến nghị" in body_texts(letter)[2]


def test_the_letter_leaves_out_what_the_agency_has_answered(world: World, rules: Any) -> None:
    staff = world.user("office_staff")
    road, lights = support.two_draft_issues(world.province, staff)
    works = support.agency(world.province)
    for issue in (road, lights):
        confirm_issue(issue, by=staff)
    (first,) = forward_issue(road, [works], by=staff, on=SENT)
    forward_issue(lights, [works], by=staff, on=date(2026, 11, 25))
    record_answer(first, by=staff, outcome=Outcome.RESOLVED, text="Đã sửa xong tuyến đường.")
    letter = reports.forwarding_letter(reports.letter_forwardings(road.cycle, works.pk))
    table = next(block for block in letter.body if isinstance(block, documents.Table))
    assert [row[1] for row in table.rows] == [lights.title]
    assert letter.on == date(2026, 11, 25)
    assert "trước ngày 25/12/2026" in body_texts(letter)[2]


# Downloads, panels, API --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "filename"),
    [
        (
            "petitions:reports_synthesis_docx",
            documents.DOCX,
            "B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20h%E1%BB%A3p",
        ),
        (
            "petitions:reports_results_docx",
            documents.DOCX,
            "K%E1%BA%BFt%20qu%E1%BA%A3%20tr%E1%BA%A3%20l%E1%BB%9Di",
        ),
        ("petitions:reports_results_xlsx", spreadsheets.XLSX, ".xlsx"),
    ],
)
def test_readers_download_the_cycle_reports(
    client: Any, scene: Scene, world: World, name: str, content_type: str, filename: str
) -> None:
    client.force_login(world.user("delegate"))
    response = client.get(reverse(name, args=[scene.cycle.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert filename in response["Content-Disposition"]
    assert response.content.startswith(b"PK")


def test_staff_download_the_letter_of_one_forwarding(client: Any, scene: Scene, world: World) -> None:
    (made,) = Forwarding.objects.filter(agency=scene.transport)
    client.force_login(world.user("office_staff"))
    response = client.get(reverse("petitions:reports_forwarding_letter", args=[made.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX
    assert "Kính gửi: Sở Giao thông vận tải." in docx_text(response.content)


def test_an_agency_without_forwardings_in_the_cycle_has_no_letter(
    client: Any, scene: Scene, world: World
) -> None:
    other = support.agency(world.province, "Công an tỉnh An Bình")
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:reports_agency_letter", args=[scene.cycle.pk, other.pk])
    assert client.get(url).status_code == 404


def test_the_cycle_page_links_the_reports_and_a_letter_per_agency(
    client: Any, scene: Scene, world: World
) -> None:
    client.force_login(world.user("office_staff"))
    page = client.get(scene.cycle.get_absolute_url()).content.decode()
    assert reverse("petitions:reports_synthesis_docx", args=[scene.cycle.pk]) in page
    assert reverse("petitions:reports_results_xlsx", args=[scene.cycle.pk]) in page
    assert reverse("petitions:reports_agency_letter", args=[scene.cycle.pk, scene.transport.pk]) in page
    client.force_login(world.user("delegate"))
    page = client.get(scene.cycle.get_absolute_url()).content.decode()
    assert reverse("petitions:reports_results_docx", args=[scene.cycle.pk]) in page
    assert "cong-van-chuyen" not in page


def test_the_issue_page_links_the_letter_for_staff_only(client: Any, scene: Scene, world: World) -> None:
    (made,) = Forwarding.objects.filter(issue=scene.road)
    letter = reverse("petitions:reports_forwarding_letter", args=[made.pk])
    forward_step = scene.road.get_absolute_url() + "?buoc=chuyen-co-quan"  # the letters sit in that step
    client.force_login(world.user("office_staff"))
    assert letter in client.get(forward_step).content.decode()
    client.force_login(world.user("delegate"))
    assert letter not in client.get(forward_step).content.decode()


def test_the_api_downloads_the_same_documents(client: Any, scene: Scene, world: World) -> None:
    client.force_login(world.user("office_staff"))
    xlsx = client.get(reverse("api:download_results_xlsx", args=[scene.cycle.pk]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == spreadsheets.XLSX
    letter = client.get(reverse("api:download_agency_letter", args=[scene.cycle.pk, scene.works.pk]))
    assert letter.status_code == 200
    assert "Sở Xây dựng tỉnh An Bình" in docx_text(letter.content)
    missing = client.get(reverse("api:download_agency_letter", args=[scene.cycle.pk, 999999]))
    assert missing.status_code == 404
    assert missing.json()["detail"]


def test_a_forwarded_petition_from_below_counts_as_a_place(world: World, rules: Any) -> None:
    staff = world.user("office_staff")
    at = support.meeting(world.province, staff)
    support.petition(at, support.ROAD, staff)
    register_petition(
        world.province,
        by=staff,
        cycle=at.cycle,
        source=Petition.Source.LOWER_COUNCIL,
        from_council=world.commune,
        text=support.ROAD_AGAIN,
    )
    synthesize_cycle(world.province, at.cycle, by=staff)
    line = next(t for t in body_texts(reports.synthesis_report(at.cycle)) if t.startswith("1.1. "))
    assert "(2 ý kiến tại 2 nơi; thẩm quyền: chưa xác định)." in line
