"""Importing petitions from the .xlsx and .docx lists offices keep: all or nothing, clear messages."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Person
from hdnd.petitions.models import Petition, VoterMeeting
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
HEADERS = [
    "STT",
    "Nội dung ý kiến, kiến nghị",
    "Nơi cử tri",
    "Đại biểu",
    "Đã trả lời tại buổi",
    "Nội dung trả lời",
]
MEGABYTE = "Đề nghị sửa đường. " * 55_000  # about 1 MB of text


def xlsx(*rows: list[Any], headers: list[str] = HEADERS, name: str = "y-kien.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(
    paragraphs: list[tuple[str, str | None]], table: list[list[str]] | None = None
) -> SimpleUploadedFile:
    """A Word file: (text, style) paragraphs, then an optional table (first row = header)."""
    from docx import Document

    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        word_table = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                word_table.rows[r].cells[c].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("bien-ban.docx", buffer.getvalue())


def meeting_with_delegate(world: World) -> tuple[VoterMeeting, Person]:
    meeting = support.meeting(world.commune)
    person = Person.objects.create(council=world.commune, full_name="Nguyễn Thị Minh Họa")
    meeting.delegates.add(person)
    return meeting, person


def post_meeting_file(client: Client, world: World, meeting: VoterMeeting, upload: Any) -> Any:
    client.force_login(world.user("commune_staff"))
    url = reverse("petitions:intake_meeting_import", args=[meeting.pk])
    return client.post(url, {"file": upload})


def test_an_xlsx_list_is_imported_with_its_origin(client: Client, world: World) -> None:
    meeting, person = meeting_with_delegate(world)
    upload = xlsx(
        [1, support.ROAD, "Thôn Đông", "nguyen thi minh hoa", "", ""],
        [],  # a wholly blank row in between is skipped
        [2, support.LIGHTS, "Tổ dân phố 3", "", "có", "Đã đưa vào kế hoạch năm 2027."],
    )
    response = post_meeting_file(client, world, meeting, upload)
    assert response.status_code == 302
    road, lights = Petition.objects.order_by("pk")
    assert (road.text, road.voter_place, road.delegate) == (support.ROAD, "Thôn Đông", person)
    assert road.meeting == meeting
    assert road.source == Petition.Source.MEETING
    assert road.entered_by == world.user("commune_staff")
    assert lights.answered_on_the_spot
    assert lights.answer == "Đã đưa vào kế hoạch năm 2027."
    entry = AuditEntry.objects.get(action="petitions.import_petitions")
    assert entry.after is not None
    assert (entry.after["count"], entry.after["file"]) == (2, "y-kien.xlsx")


def test_nfd_text_in_a_cell_is_stored_in_nfc(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    post_meeting_file(client, world, meeting, xlsx([1, unicodedata.normalize("NFD", support.ROAD)]))
    assert Petition.objects.get().text == support.ROAD


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [[1, support.ROAD], [2, '=CONCAT("Đề nghị", " sửa đường")']],
            "Ô B3 chứa công thức; hãy dán giá trị",
        ),
        ([[1, support.ROAD], [2, ""], [3, support.LIGHTS]], "Dòng 3: nội dung trống"),
        ([[1, support.ROAD], [2, MEGABYTE]], "Dòng 3: nội dung dài quá 5.000 ký tự"),
        ([[1, support.ROAD, "", "Lê Văn Không Có"]], "Dòng 2: không có đại biểu “Lê Văn Không Có”"),
        ([[1, support.ROAD, "", "", "có", ""]], "Dòng 2: nhập nội dung đã trả lời tại buổi tiếp xúc"),
    ],
    ids=["formula", "empty-row", "megabyte", "unknown-delegate", "answer-missing"],
)
def test_a_bad_row_refuses_the_whole_file(client: Client, world: World, rows: Any, message: str) -> None:
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, xlsx(*rows))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Chưa nhập ý kiến nào" in response.content.decode()
    assert not Petition.objects.exists()
    assert not AuditEntry.objects.filter(action="petitions.import_petitions").exists()


def test_every_bad_row_is_named_at_once(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, xlsx([1, ""], [2, support.ROAD], [3, "=1+1"]))
    page = response.content.decode()
    assert "Dòng 2: nội dung trống" in page
    assert "Dòng 4: Ô B4 chứa công thức; hãy dán giá trị" in page
    assert "tệp có 2 lỗi" in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 this is not a workbook", "y-kien.xlsx", "không phải tệp Excel .xlsx hợp lệ"),
        (b"", "y-kien.xlsx", "Tệp tải lên trống"),
        ("Nhập ý kiến".encode(), "y-kien.txt", "Chỉ nhận tệp .xlsx hoặc .docx"),
        (b"\xd0\xcf\x11\xe0", "y-kien.xls", "lưu lại dạng .xlsx hoặc .docx"),
    ],
    ids=["broken-zip", "empty", "text", "old-excel"],
)
def test_a_file_that_cannot_be_read_is_refused_with_422(
    client: Client, world: World, content: bytes, name: str, message: str
) -> None:
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, SimpleUploadedFile(name, content))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Petition.objects.exists()


def test_a_zip_that_looks_like_xlsx_but_is_not_says_it_cannot_be_read(client: Client, world: World) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<không phải xml")
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, SimpleUploadedFile("y-kien.xlsx", buffer.getvalue()))
    assert response.status_code == 422
    assert "Không đọc được tệp .xlsx" in response.content.decode()


def test_an_xlsx_with_macros_is_refused(client: Client, world: World) -> None:
    upload = xlsx([1, support.ROAD])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(upload.read())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"macro")
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, SimpleUploadedFile("y-kien.xlsx", buffer.getvalue()))
    assert response.status_code == 422
    assert "macro" in response.content.decode()


def test_a_docx_numbered_list_is_imported_skipping_the_heading(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    upload = docx(
        [
            ("BIÊN BẢN TIẾP XÚC CỬ TRI", None),
            ("Ý kiến của cử tri:", None),
            (f"1. {support.ROAD}", None),
            ("Đoạn đường dài khoảng 2 km.", None),
            (support.LIGHTS, "List Number"),  # Word's own numbering: no "2." in the text
            (f"- {support.LAND}", None),
        ]
    )
    response = post_meeting_file(client, world, meeting, upload)
    assert response.status_code == 302
    assert list(Petition.objects.order_by("pk").values_list("text", flat=True)) == [
        f"{support.ROAD} Đoạn đường dài khoảng 2 km.",
        support.LIGHTS,
        support.LAND,
    ]


def table_docx(*rows: list[str]) -> SimpleUploadedFile:
    """A Word file as offices send it: a letterhead table, a numbered line, then the petitions table."""
    from docx import Document

    document = Document()
    letterhead = document.add_table(rows=1, cols=2)
    letterhead.rows[0].cells[0].text = "HĐND XÃ ĐÔNG HÒA"
    letterhead.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    document.add_paragraph("1. Đoạn này không phải ý kiến khi tệp có bảng theo mẫu.")
    table = document.add_table(rows=len(rows) + 1, cols=3)
    for r, row in enumerate([["STT", "Nội dung ý kiến, kiến nghị", "Nơi cử tri"], *rows]):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("danh-sach.docx", buffer.getvalue())


def test_a_docx_table_is_read_by_its_headers_after_a_letterhead_table(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    refused = post_meeting_file(
        client, world, meeting, table_docx(["1", support.ROAD, ""], ["2", "", "Thôn Tây"])
    )
    assert refused.status_code == 422
    assert "Dòng 3: nội dung trống" in refused.content.decode()
    assert not Petition.objects.exists()
    done = post_meeting_file(client, world, meeting, table_docx(["1", support.ROAD, "Thôn Đông"]))
    assert done.status_code == 302
    petition = Petition.objects.get()
    assert (petition.text, petition.voter_place) == (support.ROAD, "Thôn Đông")


def test_a_broken_docx_is_refused(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    response = post_meeting_file(client, world, meeting, SimpleUploadedFile("a.docx", b"not a zip"))
    assert response.status_code == 422
    assert "không phải tệp Word .docx hợp lệ" in response.content.decode()


def test_reception_import_records_source_date_and_number(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    headers = ["STT", "Nội dung ý kiến, kiến nghị", "Nơi cử tri", "Đại biểu", "Ngày nhận", "Số phiếu, số đơn"]
    upload = xlsx(
        [1, support.ROAD, "Thôn Đông", "", "17/11/2026", "Đơn 12"],
        [2, support.LAND, "", "", None, ""],
        headers=headers,
    )
    client.force_login(world.user("commune_staff"))
    url = reverse("petitions:intake_received_import", args=[cycle.pk])
    response = client.post(url, {"file": upload, "source": "letter", "received_on": "19/11/2026"})
    assert response.status_code == 302
    first, second = Petition.objects.order_by("pk")
    assert (first.source, first.received_on, first.reference) == ("letter", date(2026, 11, 17), "Đơn 12")
    assert (second.received_on, second.meeting) == (date(2026, 11, 19), None)


def test_templates_download_and_read_back_empty(client: Client, world: World) -> None:
    client.force_login(world.user("commune_staff"))
    for kind in ("tiep-xuc", "tiep-nhan"):
        for fmt in ("xlsx", "docx"):
            response = client.get(reverse("petitions:intake_template", args=[kind, fmt]))
            assert response.status_code == 200
            assert f"mau-y-kien-{kind}.{fmt}" in response["Content-Disposition"]
    xlsx_file = client.get(reverse("petitions:intake_template", args=["tiep-xuc", "xlsx"])).content
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx_file))["Ý kiến cử tri"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    meeting, _ = meeting_with_delegate(world)
    docx_file = client.get(reverse("petitions:intake_template", args=["tiep-xuc", "docx"])).content
    empty = post_meeting_file(client, world, meeting, SimpleUploadedFile("mau.docx", docx_file))
    assert "chưa có dòng dữ liệu nào" in empty.content.decode()
    assert client.get("/kien-nghi/mau-nhap/khac.xlsx").status_code == 404


def test_the_api_imports_a_file_and_refuses_row_errors_with_422(client: Client, world: World) -> None:
    meeting, _ = meeting_with_delegate(world)
    client.force_login(world.user("commune_staff"))
    url = reverse("api:intake_import_meeting", args=[meeting.pk])
    refused = client.post(url, {"file": xlsx([1, support.ROAD], [2, "=1+1"])})
    assert refused.status_code == 422
    assert refused.json()["errors"]["rows"] == ["Dòng 3: Ô B3 chứa công thức; hãy dán giá trị"]
    assert not Petition.objects.exists()
    done = client.post(url, {"file": xlsx([1, support.ROAD])})
    assert done.status_code == 201
    assert [item["text"] for item in done.json()] == [support.ROAD]


def test_the_meeting_page_links_to_the_import_for_staff_only(client: Client, world: World) -> None:
    meeting = support.meeting(world.province)
    link = reverse("petitions:intake_meeting_import", args=[meeting.pk])
    client.force_login(world.user("office_staff"))
    assert link in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(world.user("delegate"))
    assert link not in client.get(meeting.get_absolute_url()).content.decode()
