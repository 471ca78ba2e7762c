"""The conduct of a session: agenda and examining reports, attendance, votes against the whole term,
files served only inside scope, and the minutes as .docx and PDF."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Body, BodyKind, Person
from hdnd.sittings import actions, conduct, results, voting
from hdnd.sittings.models import Session, SessionAttendance, SessionBallot, SessionVote, percent_text
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_conduct import PDF, ban, delegates, held, item, pdf_file, present_all

pytestmark = pytest.mark.django_db


def fifty_with_48_present(world: World) -> Session:
    """A session in progress of a 50-delegate term: 48 present, one excused, one absent."""
    session = held(world.province, count=50)
    people = voting.term_delegates(session)
    entries = {person.pk: ("present", "") for person in people[:48]}
    entries[people[48].pk] = ("excused", "Đi công tác")
    entries[people[49].pk] = ("absent", "")
    voting.record_attendance(session, by=None, entries=entries)
    return session


# Votes -------------------------------------------------------------------------------------------


def test_percentages_are_written_with_two_decimals_and_a_comma() -> None:
    assert percent_text(45, 50) == "90,00%"
    assert percent_text(2, 3) == "66,67%"
    assert percent_text(1, 3) == "33,33%"
    assert percent_text(0, 0) == "0,00%"


def test_a_vote_passes_with_more_than_half_of_all_delegates_not_of_those_present(world: World) -> None:
    session = fifty_with_48_present(world)
    agenda = item(world.province, session)
    vote = voting.record_vote(
        agenda, by=None, method="show_of_hands", votes_for=45, votes_against=2, abstentions=1
    )
    assert vote.summary == "45/50 đại biểu tán thành (90,00%)"
    assert (vote.passed, vote.present, vote.delegate_total, vote.not_voting) == (True, 48, 50, 0)
    # 25 of 48 present is more than half of those present, but exactly half of the term: not passed.
    half = voting.record_vote(agenda, by=None, method="electronic", votes_for=25, votes_against=20)
    assert (half.passed, half.percent_for, half.not_voting) == (False, "50,00%", 3)
    assert half.result_label == "Không thông qua"
    more = voting.record_vote(agenda, by=None, method="secret_ballot", votes_for=26, votes_against=22)
    assert (more.passed, more.summary) == (True, "26/50 đại biểu tán thành (52,00%)")


def test_more_votes_than_delegates_present_is_refused_with_the_numbers(world: World) -> None:
    session = fifty_with_48_present(world)
    agenda = item(world.province, session)
    with pytest.raises(ValidationError) as refused:
        voting.record_vote(
            agenda, by=None, method="show_of_hands", votes_for=40, votes_against=5, abstentions=4
        )
    assert refused.value.messages == [
        "Tổng số phiếu 49 (tán thành 40, không tán thành 5, phân vân 4, không biểu quyết 0) "
        "vượt số đại biểu có mặt (48)."
    ]
    with pytest.raises(ValidationError, match="vượt số đại biểu có mặt"):
        voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=45, not_voting=4)
    assert not SessionVote.objects.exists()


def test_a_vote_needs_the_session_open_and_attendance_taken(world: World) -> None:
    agenda = item(world.province)
    with pytest.raises(ValidationError, match="Chỉ ghi biểu quyết khi kỳ họp đã khai mạc"):
        voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=1)
    session = held(world.province)
    with pytest.raises(ValidationError, match="Chưa điểm danh"):
        voting.record_vote(item(world.province, session), by=None, method="show_of_hands", votes_for=1)


def test_a_named_electronic_vote_counts_each_delegates_ballot(world: World) -> None:
    session = held(world.province, count=5)
    present_all(session)
    first, second, third, fourth, _ = voting.term_delegates(session)
    agenda = item(world.province, session)
    ballots = {first.pk: "for", second.pk: "for", third.pk: "for", fourth.pk: "against"}
    vote = voting.record_vote(agenda, by=None, method="electronic", votes_for=99, ballots=ballots)
    assert (vote.votes_for, vote.votes_against, vote.abstentions, vote.not_voting) == (3, 1, 0, 1)
    assert vote.named
    assert vote.passed
    assert vote.summary == "3/5 đại biểu tán thành (60,00%)"
    assert dict(SessionBallot.objects.filter(vote=vote).values_list("person_id", "choice")) == ballots


def test_ballots_of_strangers_absentees_or_a_secret_vote_are_refused(world: World) -> None:
    session = held(world.province, count=3)
    people = voting.term_delegates(session)
    voting.record_attendance(
        session, by=None, entries={people[0].pk: ("present", ""), people[1].pk: ("absent", "")}
    )
    agenda = item(world.province, session)
    stranger = Person.objects.create(council=world.province, full_name="Lê Văn Khách")
    with pytest.raises(ValidationError, match="Không phải đại biểu HĐND khóa này tại kỳ họp: Lê Văn Khách"):
        voting.record_vote(agenda, by=None, method="electronic", ballots={stranger.pk: "for"})
    with pytest.raises(ValidationError, match="không có mặt theo điểm danh"):
        voting.record_vote(agenda, by=None, method="electronic", ballots={people[1].pk: "for"})
    with pytest.raises(ValidationError, match="Bỏ phiếu kín: không ghi phiếu của từng đại biểu"):
        voting.record_vote(agenda, by=None, method="secret_ballot", ballots={people[0].pk: "for"})
    assert not SessionVote.objects.exists()


# Attendance --------------------------------------------------------------------------------------


def test_attendance_totals_and_its_refusals(world: World) -> None:
    session = fifty_with_48_present(world)
    totals = voting.attendance_totals(session)
    assert (totals.delegates, totals.present, totals.excused, totals.absent, totals.unrecorded) == (
        50,
        48,
        1,
        1,
        0,
    )
    person = voting.term_delegates(session)[0]
    with pytest.raises(ValidationError, match="ghi lý do vắng"):
        voting.record_attendance(session, by=None, entries={person.pk: ("excused", " ")})
    stranger = Person.objects.create(council=world.province, full_name="Phạm Thị Ngoài")
    with pytest.raises(ValidationError, match="Phạm Thị Ngoài"):
        voting.record_attendance(session, by=None, entries={stranger.pk: ("present", "")})
    again = voting.record_attendance(session, by=None, entries={person.pk: ("excused", "Ốm")})
    assert (again.present, again.excused) == (47, 2)
    assert SessionAttendance.objects.get(session=session, person=person).reason == "Ốm"
    with pytest.raises(ValidationError, match="Chỉ điểm danh khi kỳ họp đã khai mạc"):
        voting.record_attendance(support.session(world.province), by=None, entries={})


# Agenda and examining reports --------------------------------------------------------------------


def test_the_agenda_is_ordered_and_checks_its_ban(world: World) -> None:
    session = support.session(world.province)
    first = item(world.province, session)
    second = conduct.add_agenda_item(
        session, by=None, kind="questioning", title="Chất vấn Giám đốc Sở Xây dựng"
    )
    assert [first.position, second.position] == [1, 2]
    conduct.move_agenda_item(second, by=None, up=True)
    assert list(session.agenda_items.values_list("kind", flat=True)) == ["questioning", "draft_resolution"]
    standing = Body.objects.create(council=world.province, kind=BodyKind.STANDING, name="Thường trực HĐND")
    with pytest.raises(ValidationError, match="Ban thẩm tra phải là một Ban"):
        item(world.province, session, examining_body=standing)
    with pytest.raises(ValidationError, match="Ban thẩm tra phải là một Ban"):
        item(world.province, session, examining_body=ban(world.commune))


def test_a_missing_examining_report_is_warned_about_on_real_dates(world: World, rules: Any) -> None:
    # Opens Monday 15/2/2027, after Tết: documents must go out by Wednesday 3/2/2027.
    session = support.session(
        world.province, opens_on=date(2027, 2, 15), kind=Session.Kind.THEMATIC, requested_by="standing"
    )
    agenda = item(world.province, session)
    conduct.add_agenda_item(session, by=None, kind="draft_resolution", title="Dự thảo không có Ban")
    assert conduct.agenda_warnings(session, today=date(2027, 2, 3)) == [
        "Nội dung 2 (dự thảo nghị quyết “Dự thảo không có Ban”) chưa phân công Ban thẩm tra."
    ]
    late = conduct.agenda_warnings(session, today=date(2027, 2, 4))
    assert (
        "Nội dung 1 (dự thảo nghị quyết “Dự thảo nghị quyết về dự toán ngân sách năm 2027”) chưa có báo cáo "
        "thẩm tra; tài liệu phải gửi đại biểu chậm nhất ngày 03/02/2027."
    ) in late
    conduct.record_examination(agenda, by=None, on=date(2027, 2, 4), upload=pdf_file("tham-tra.pdf"))
    session = actions.send_documents(session, by=None, sent_on=date(2027, 2, 2))
    warned = conduct.agenda_warnings(session, today=date(2027, 2, 5))
    assert (
        "Nội dung 1 (dự thảo nghị quyết “Dự thảo nghị quyết về dự toán ngân sách năm 2027”): "
        "báo cáo thẩm tra ngày 04/02/2027, sau ngày gửi tài liệu đến đại biểu (02/02/2027)."
    ) in warned
    conduct.record_examination(agenda, by=None, on=date(2027, 2, 1))
    assert all(not text.startswith("Nội dung 1") for text in conduct.agenda_warnings(session))
    assert (session.agenda_items.get(pk=agenda.pk).examination_report.name or "").endswith(".pdf")


def test_files_must_be_pdf_word_or_excel_up_to_20_mb(world: World) -> None:
    agenda = item(world.province)
    with pytest.raises(ValidationError, match="Chỉ nhận tệp PDF, Word"):
        conduct.attach_document(agenda, by=None, title="", upload=SimpleUploadedFile("virus.exe", b"MZ"))
    with pytest.raises(ValidationError, match=r"không đúng định dạng \.pdf"):
        conduct.attach_document(agenda, by=None, title="", upload=SimpleUploadedFile("gia.pdf", b"MZ\x90"))
    big = pdf_file("lon.pdf")
    big.size = 21 * 1024 * 1024
    with pytest.raises(ValidationError, match="quá giới hạn 20 MB"):
        conduct.attach_document(agenda, by=None, title="", upload=big)
    word = SimpleUploadedFile("du-thao.docx", b"PK\x03\x04rest")
    assert conduct.attach_document(agenda, by=None, title="", upload=word).title == "du-thao.docx"


def test_files_are_served_only_inside_the_councils_scope(client: Any, world: World) -> None:
    document = conduct.attach_document(item(world.province), by=None, title="Tờ trình", upload=pdf_file())
    url = reverse("sittings:conduct_document_file", args=[document.pk])
    client.force_login(world.user("delegate"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    outsider = make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


# Pages, documents, API ---------------------------------------------------------------------------


def conducted(world: World) -> Session:
    """A held session of three delegates, all present, with one voted draft and the minutes' signers."""
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session, presenter="UBND tỉnh")
    voting.record_vote(agenda, by=None, method="electronic", votes_for=3)
    results.record_minutes(
        session,
        by=None,
        chair_name="Nguyễn Văn An",
        secretary_name="Trần Thị Bình",
        text="Khai mạc lúc 8 giờ.",
    )
    return session


def test_the_minutes_skeleton_reads_back_as_a_docx(client: Any, world: World) -> None:
    session = conducted(world)
    client.force_login(world.user("standing_member"))
    response = client.get(reverse("sittings:conduct_minutes_docx", args=[session.pk]))
    assert response.status_code == 200
    assert "Bi%C3%AAn%20b%E1%BA%A3n" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    assert "BIÊN BẢN" in text
    assert "Kỳ họp thứ nhất Hội đồng nhân dân tỉnh An Bình khóa XVII" in text
    assert "Có mặt: 3; vắng có lý do: 0; vắng không có lý do: 0." in text
    assert (
        "1. Dự thảo nghị quyết: Dự thảo nghị quyết về dự toán ngân sách năm 2027 (trình bày: UBND tỉnh)"
        in text
    )
    assert "3/3 đại biểu tán thành (100,00%)" in text
    assert "Thông qua." in text
    assert "Khai mạc lúc 8 giờ." in text
    for words in ("THƯ KÝ KỲ HỌP", "Trần Thị Bình", "CHỦ TỌA KỲ HỌP", "Nguyễn Văn An"):
        assert words in cells
    assert "Nơi nhận" not in cells


def test_the_minutes_as_pdf(client: Any, world: World) -> None:
    session = conducted(world)
    client.force_login(world.user("delegate"))
    response = client.get(reverse("sittings:conduct_minutes_pdf", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pages_record_attendance_and_refuse_a_vote_over_those_present(client: Any, world: World) -> None:
    session = held(world.province, count=3)
    agenda = item(world.province, session)
    people = voting.term_delegates(session)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_attendance", args=[session.pk])
    refused = client.post(url, {f"status_{people[0].pk}": "excused"})
    assert refused.status_code == 422
    assert "ghi lý do vắng" in refused.content.decode()
    data = {f"status_{p.pk}": "present" for p in people[:2]} | {f"status_{people[2].pk}": "absent"}
    assert client.post(url, data).status_code == 302
    vote_url = reverse("sittings:conduct_vote", args=[agenda.pk])
    too_many = client.post(
        vote_url, {"method": "show_of_hands", "votes_for": 2, "votes_against": 1, "abstentions": 0}
    )
    assert too_many.status_code == 422
    assert "vượt số đại biểu có mặt (2)" in too_many.content.decode()
    passed = client.post(
        vote_url, {"method": "show_of_hands", "votes_for": 2, "votes_against": 0, "abstentions": 0}
    )
    assert passed.status_code == 302
    page = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert "2/3 đại biểu tán thành (66,67%)" in page
    assert "có mặt: <strong>2</strong>" in page
    codes = set(AuditEntry.objects.filter(object_id=str(session.pk)).values_list("action", flat=True))
    assert {"sittings.add_agenda_item", "sittings.record_attendance", "sittings.record_vote"} <= codes


def test_the_work_page_posts_the_preparation_and_agenda(client: Any, world: World) -> None:
    session = support.session(world.province)
    client.force_login(world.user("council_admin"))
    client.post(
        reverse("sittings:conduct_preparatory", args=[session.pk]),
        {"held_on": "20/11/2026", "participants": "Thường trực HĐND, UBND tỉnh", "conclusions": "Thống nhất"},
    )
    late = client.post(reverse("sittings:conduct_preparatory", args=[session.pk]), {"held_on": "09/12/2026"})
    # Refused on the work page itself, with what was typed still in the form.
    assert late.status_code == 422
    assert "Hội nghị liên tịch phải họp trước ngày khai mạc kỳ họp." in late.content.decode()
    assert 'value="09/12/2026"' in late.content.decode()
    client.post(
        reverse("sittings:conduct_item_add", args=[session.pk]),
        {
            "kind": "draft_resolution",
            "title": "Dự thảo nghị quyết về giá đất",
            "examining_body": ban(world.province).pk,
        },
    )
    page = client.get(reverse("sittings:conduct_work", args=[session.pk])).content.decode()
    assert "Thống nhất" in page
    assert "Dự thảo nghị quyết về giá đất" in page
    assert session.preparatory_meeting.held_on == date(2026, 11, 20)


def test_the_api_reads_the_conduct_and_refuses_too_many_votes(client: Any, world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    client.force_login(world.user("office_staff"))
    created = client.post(
        reverse("api:conduct_item_create", args=[session.pk]),
        json.dumps(
            {"kind": "draft_resolution", "title": "Dự thảo", "examining_body_id": ban(world.province).pk}
        ),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    url = reverse("api:conduct_vote_create", args=[created.json()["id"]])
    refused = client.post(
        url, json.dumps({"method": "electronic", "votes_for": 3}), content_type="application/json"
    )
    assert refused.status_code == 422
    assert "vượt số đại biểu có mặt (2)" in refused.json()["detail"]
    vote = client.post(
        url, json.dumps({"method": "electronic", "votes_for": 2}), content_type="application/json"
    )
    assert vote.json()["summary"] == "2/2 đại biểu tán thành (100,00%)"
    detail = client.get(reverse("api:conduct_detail", args=[session.pk])).json()
    assert detail["totals"]["present"] == 2
    assert detail["agenda"][0]["votes"][0]["passed"] is True
    assert delegates(world.province)[0].pk in {row["person_id"] for row in detail["attendance"]}


def test_a_named_vote_through_the_page(client: Any, world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session)
    first, second, third = voting.term_delegates(session)
    client.force_login(world.user("office_staff"))
    url = reverse("sittings:conduct_vote", args=[agenda.pk])
    assert first.full_name in client.get(url).content.decode()
    ballots = {f"ballot_{first.pk}": "for", f"ballot_{second.pk}": "against", f"ballot_{third.pk}": "for"}
    data = {"method": "electronic", "votes_for": 0, "votes_against": 0, "abstentions": 0, **ballots}
    assert client.post(url, data).status_code == 302
    vote = SessionVote.objects.get(item=agenda)
    assert (vote.votes_for, vote.votes_against, vote.named, vote.passed) == (2, 1, True, True)
    secret = client.post(url, {**data, "method": "secret_ballot"})
    assert secret.status_code == 422
    assert "Bỏ phiếu kín: không ghi phiếu của từng đại biểu." in secret.content.decode()
