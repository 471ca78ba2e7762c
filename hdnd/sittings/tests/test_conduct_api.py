"""The conduct of a session over the JSON API beyond the basics: the preparatory meeting, moving, editing
and removing items, the examination report and documents (multipart uploads, scoped downloads), votes
recorded again or removed, the minutes and the results notice; with 403, 404 and 422 answers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World, make_user
from hdnd.accounts.models import Role
from hdnd.core.models import AuditEntry
from hdnd.sittings import conduct, voting
from hdnd.sittings.models import SessionVote
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_conduct import PDF, ban, held, item, pdf_file, present_all

pytestmark = pytest.mark.django_db


def before(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.before or {})


def after(entry: AuditEntry) -> dict[str, Any]:
    return dict(entry.after or {})


JSON = "application/json"


def send(client: Client, method: str, url: str, data: dict[str, Any] | None = None) -> Any:
    return getattr(client, method)(url, json.dumps(data or {}), content_type=JSON)


def staff(client: Client, world: World) -> Client:
    client.force_login(world.user("office_staff"))
    return client


def test_the_preparatory_meeting_and_its_refusal(client: Any, world: World) -> None:
    session = support.session(world.province)
    url = reverse("api:conduct_preparatory", args=[session.pk])
    staff(client, world)
    done = send(client, "put", url, {"held_on": "2026-11-20", "participants": "Thường trực HĐND"})
    assert done.status_code == 200, done.content
    assert done.json() == {"held_on": "2026-11-20", "participants": "Thường trực HĐND", "conclusions": ""}
    late = send(client, "put", url, {"held_on": "2026-12-09"})
    assert late.status_code == 422
    assert late.json()["errors"] == {"held_on": ["Hội nghị liên tịch phải họp trước ngày khai mạc kỳ họp."]}
    client.force_login(world.user("delegate"))
    assert send(client, "put", url, {"held_on": "2026-11-20"}).status_code == 403
    detail = client.get(reverse("api:conduct_detail", args=[session.pk])).json()
    assert detail["preparatory_meeting"]["held_on"] == "2026-11-20"


def test_moving_editing_and_removing_items(client: Any, world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    first = item(world.province, session)
    second = conduct.add_agenda_item(session, by=None, kind="report", title="Báo cáo công tác")
    staff(client, world)
    moved = send(client, "post", reverse("api:conduct_item_move", args=[second.pk]), {"direction": "up"})
    assert (moved.status_code, moved.json()["position"]) == (200, 1)
    sideways = send(client, "post", reverse("api:conduct_item_move", args=[second.pk]), {"direction": "left"})
    assert sideways.status_code == 422
    url = reverse("api:conduct_item_update", args=[second.pk])
    edited = send(
        client, "put", url, {"kind": "report", "title": "Báo cáo công tác năm 2026", "presenter": "UBND"}
    )
    assert edited.status_code == 200, edited.content
    assert (edited.json()["title"], edited.json()["presenter"]) == ("Báo cáo công tác năm 2026", "UBND")
    other_ban = ban(world.commune)
    refused = send(client, "put", url, {"kind": "report", "title": "X", "examining_body_id": other_ban.pk})
    assert refused.status_code == 422
    assert refused.json()["detail"] == "Ban thẩm tra phải là một Ban của HĐND tổ chức kỳ họp."
    voting.record_vote(first, by=None, method="show_of_hands", votes_for=2)
    has_votes = client.delete(reverse("api:conduct_item_delete", args=[first.pk]))
    assert has_votes.status_code == 422
    assert has_votes.json()["detail"] == (
        "Nội dung đã có kết quả biểu quyết, không xóa được. Nếu biểu quyết ghi nhầm, xóa biểu quyết trước."
    )
    gone = client.delete(reverse("api:conduct_item_delete", args=[second.pk]))
    assert gone.status_code == 200
    assert [(row["id"], row["position"]) for row in gone.json()["agenda"]] == [(first.pk, 1)]
    assert client.delete(reverse("api:conduct_item_delete", args=[second.pk])).status_code == 404


def test_the_examination_report_is_uploaded_and_downloaded_as_multipart(client: Any, world: World) -> None:
    agenda = item(world.province, examining_body=None)
    url = reverse("api:conduct_examination", args=[agenda.pk])
    staff(client, world)
    no_ban = client.post(url, {"on": "2026-11-25"})
    assert no_ban.status_code == 422
    assert no_ban.json()["detail"] == "Chọn Ban thẩm tra."
    wrong = client.post(
        url, {"on": "2026-11-25", "examining_body_id": ban(world.province).pk, "file": pdf_file("x.exe")}
    )
    assert wrong.status_code == 422
    assert "Chỉ nhận tệp PDF, Word" in wrong.json()["detail"]
    done = client.post(
        url,
        {"on": "2026-11-25", "examining_body_id": ban(world.province).pk, "file": pdf_file("tham-tra.pdf")},
    )
    assert done.status_code == 200, done.content
    assert (done.json()["examination_report_on"], done.json()["has_examination_report"]) == (
        "2026-11-25",
        True,
    )
    download = reverse("api:conduct_examination_download", args=[agenda.pk])
    client.force_login(world.user("auditor"))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province))
    assert client.get(download).status_code == 404
    assert client.post(url, {"on": "2026-11-25"}).status_code == 404


def test_a_missing_file_answers_404_in_vietnamese(client: Any, world: World) -> None:
    agenda = item(world.province)
    client.force_login(world.user("delegate"))
    missing = client.get(reverse("api:conduct_examination_download", args=[agenda.pk]))
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Không tìm thấy, hoặc bạn không có quyền xem."


def test_documents_are_attached_and_listed_with_their_download(client: Any, world: World) -> None:
    agenda = item(world.province)
    url = reverse("api:conduct_document_create", args=[agenda.pk])
    staff(client, world)
    created = client.post(url, {"title": "Tờ trình số 45", "file": pdf_file()})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "Tờ trình số 45"
    assert body["download_url"] == reverse("api:conduct_document_download", args=[body["id"]])
    missing = client.post(url, {"title": "Không có tệp"})
    assert missing.status_code == 422
    assert "Thiếu thông tin này." in missing.json()["detail"]
    detail = client.get(reverse("api:conduct_detail", args=[agenda.session_id])).json()
    assert [d["title"] for d in detail["agenda"][0]["documents"]] == ["Tờ trình số 45"]
    client.force_login(world.user("delegate"))
    assert client.post(url, {"file": pdf_file()}).status_code == 403
    assert b"".join(client.get(body["download_url"]).streaming_content) == PDF
    assert AuditEntry.objects.filter(action="sittings.attach_session_document").count() == 1


def test_a_vote_is_recorded_again_or_removed(client: Any, world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session)
    wrong = voting.record_vote(agenda, by=None, method="show_of_hands", votes_for=1, votes_against=2)
    url = reverse("api:conduct_vote_update", args=[wrong.pk])
    staff(client, world)
    too_many = send(client, "put", url, {"method": "show_of_hands", "votes_for": 4})
    assert too_many.status_code == 422
    assert "vượt số đại biểu có mặt (3)" in too_many.json()["detail"]
    again = send(client, "put", url, {"method": "show_of_hands", "votes_for": 3})
    assert again.status_code == 200, again.content
    assert (again.json()["summary"], again.json()["passed"]) == ("3/3 đại biểu tán thành (100,00%)", True)
    assert list(SessionVote.objects.values_list("pk", flat=True)) == [again.json()["id"]]
    assert send(client, "put", url, {"method": "show_of_hands", "votes_for": 3}).status_code == 404
    entry = AuditEntry.objects.get(action="sittings.correct_vote")
    assert (before(entry)["votes_for"], after(entry)["votes_for"]) == (1, 3)
    new_id = again.json()["id"]
    client.force_login(world.user("standing_member"))
    assert client.delete(reverse("api:conduct_vote_delete", args=[new_id])).status_code == 403
    staff(client, world)
    removed = client.delete(reverse("api:conduct_vote_delete", args=[new_id]))
    assert removed.status_code == 200
    assert (removed.json()["id"], removed.json()["votes"]) == (agenda.pk, [])
    assert not SessionVote.objects.exists()
    assert AuditEntry.objects.filter(action="sittings.remove_vote").count() == 1


def test_the_minutes_with_the_signed_file_and_the_documents(client: Any, world: World) -> None:
    session = held(world.province, count=2)
    present_all(session)
    voting.record_vote(item(world.province, session), by=None, method="electronic", votes_for=2)
    url = reverse("api:conduct_minutes", args=[session.pk])
    staff(client, world)
    bad = client.post(url, {"chair_name": "Nguyễn Văn An", "file": pdf_file("bien-ban.txt")})
    assert bad.status_code == 422
    saved = client.post(
        url,
        {
            "chair_name": "Nguyễn Văn An",
            "secretary_name": "Trần Thị Bình",
            "results_notice": "Kỳ họp thành công tốt đẹp.",
            "file": pdf_file("bien-ban.pdf"),
        },
    )
    assert saved.status_code == 200, saved.content
    assert (saved.json()["chair_name"], saved.json()["has_file"]) == ("Nguyễn Văn An", True)
    without_file = client.post(url, {"chair_name": "Nguyễn Văn An", "text": "Khai mạc lúc 8 giờ."})
    assert without_file.json()["has_file"] is True  # the signed file stays
    client.force_login(world.user("delegate"))
    assert client.post(url, {"chair_name": "X"}).status_code == 403
    signed = client.get(reverse("api:conduct_minutes_download", args=[session.pk]))
    assert b"".join(signed.streaming_content) == PDF
    for name in ("api:conduct_minutes_docx", "api:conduct_results_docx"):
        docx = client.get(reverse(name, args=[session.pk]))
        assert docx.status_code == 200
        assert docx.content.startswith(b"PK")
    for name in ("api:conduct_minutes_pdf", "api:conduct_results_pdf"):
        pdf = client.get(reverse(name, args=[session.pk]))
        assert (pdf["Content-Type"], pdf.content[:4]) == ("application/pdf", b"%PDF")
    client.force_login(make_user("bac_son_staff", Role.OFFICE_STAFF, world.other_province))
    assert client.get(reverse("api:conduct_results_pdf", args=[session.pk])).status_code == 404
    assert client.get(reverse("api:conduct_minutes_download", args=[session.pk])).status_code == 404
