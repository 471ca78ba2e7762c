"""Files over the API (self-reports, evidence) and the addressed agency reporting its own progress."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hdnd.core.models import AuditEntry
from hdnd.core.workitems import Viewer, collect
from hdnd.oversight import actions
from hdnd.oversight.models import Evidence, Recommendation
from hdnd.oversight.tests import support

pytestmark = pytest.mark.django_db


def client_for(world: Any, user: str = "office_staff") -> Client:
    client = Client()
    client.force_login(world.user(user))
    return client


def responder_agency(world: Any) -> Any:
    return world.user("agency_responder").role_assignments.get().agency


def own_and_other(world: Any) -> tuple[Recommendation, Recommendation]:
    """A recommendation to the responder's agency and one to another agency of the same council."""
    support.rules()
    mine = support.recommendation(world.province, agency=responder_agency(world))
    other = support.recommendation(world.province, supervision=mine.supervision)
    return mine, other


def test_a_self_report_is_uploaded_as_multipart_and_audited_once(world: Any, rules: Any) -> None:
    supervision = support.plan_sent(world.province)
    url = f"/api/v1/supervisions/{supervision.pk}/self-reports/"
    data = {"agency_id": support.agency(world.province).pk, "on": "2026-03-18", "file": support.pdf()}
    response = client_for(world).post(url, data)
    assert response.status_code == 200, response.content
    assert response.json()["report_received_on"] == "2026-03-18"
    assert response.json()["has_file"] is True
    assert AuditEntry.objects.filter(action="oversight.receive_self_report").count() == 1


def test_the_uploaded_self_report_is_linked_from_the_supervision_and_read_back_in_scope(
    world: Any, rules: Any
) -> None:
    supervision = support.plan_sent(world.province)
    url = f"/api/v1/supervisions/{supervision.pk}/self-reports/"
    data = {"agency_id": support.agency(world.province).pk, "on": "2026-03-18", "file": support.pdf()}
    assert client_for(world).post(url, data).status_code == 200
    target = supervision.targets.get()
    download = reverse("oversight:self_report_file", args=[target.pk])
    assert download in client_for(world).get(supervision.get_absolute_url()).text
    response = client_for(world).get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    other = Client()
    other.force_login(world.user("commune_staff"))  # a commune's clerk does not see the province's work
    assert other.get(download).status_code == 404


def test_a_self_report_recorded_without_a_file_has_nothing_to_download(world: Any, rules: Any) -> None:
    from hdnd.oversight import actions

    target = support.plan_sent(world.province).targets.get()
    actions.receive_self_report(target, by=None, on=date(2026, 3, 18))
    assert client_for(world).get(reverse("oversight:self_report_file", args=[target.pk])).status_code == 404


def test_a_self_report_that_is_not_a_pdf_is_refused_with_the_upload_message(world: Any, rules: Any) -> None:
    supervision = support.plan_sent(world.province)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for(world).post(
        f"/api/v1/supervisions/{supervision.pk}/self-reports/",
        {"agency_id": support.agency(world.province).pk, "on": "2026-03-18", "file": fake},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "file": ["Tệp “bao-cao.pdf” không đúng định dạng .pdf (có thể bị hỏng)."]
    }
    assert not AuditEntry.objects.filter(action="oversight.receive_self_report").exists()


def test_a_self_report_of_a_body_not_supervised_is_refused(world: Any, rules: Any) -> None:
    supervision = support.plan_sent(world.province)
    stranger = support.agency(world.province, name="Sở Y tế")
    response = client_for(world).post(
        f"/api/v1/supervisions/{supervision.pk}/self-reports/", {"agency_id": stranger.pk, "on": "2026-03-18"}
    )
    assert response.status_code == 422
    assert "đối tượng chịu giám sát" in response.json()["errors"]["agency_id"][0]


def test_evidence_uploaded_by_the_api_is_downloaded_by_a_reader(world: Any, rules: Any) -> None:
    mine, _ = own_and_other(world)
    response = client_for(world).post(
        f"/api/v1/recommendations/{mine.pk}/evidence/", {"title": "Quyết định thu hồi", "file": support.pdf()}
    )
    assert response.status_code == 201, response.content
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert (evidence.recommendation, evidence.title) == (mine, "Quyết định thu hồi")
    download = client_for(world, "delegate").get(f"/api/v1/oversight/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_agency_reports_its_own_progress_and_the_office_sees_it(world: Any, rules: Any) -> None:
    mine, _ = own_and_other(world)
    url = reverse("oversight:recommendation_step", args=[mine.pk, "tien-do"])
    data = {"on": "01/08/2026", "status": "partly_done", "progress": "60", "note": "Đã thu hồi 3 thửa"}
    response = client_for(world, "agency_responder").post(url, data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.progress, mine.reported_by_agency) == ("partly_done", 60, True)
    entry = AuditEntry.objects.get(action="oversight.report_progress")
    assert entry.actor == world.user("agency_responder")
    assert entry.after is not None
    assert entry.after["by_agency"] is True
    office = client_for(world).get(reverse("oversight:recommendation_list", args=[world.province.pk]))
    assert "Cơ quan tự báo cáo" in office.content.decode()


def test_the_agency_reports_and_attaches_evidence_through_the_api(world: Any, rules: Any) -> None:
    mine, _ = own_and_other(world)
    client = client_for(world, "agency_responder")
    progress = client.post(
        f"/api/v1/recommendations/{mine.pk}/progress/",
        {"on": "2026-08-01", "status": "done"},
        content_type="application/json",
    )
    assert progress.status_code == 200
    assert progress.json()["reported_by_agency"] is True
    evidence = client.post(
        f"/api/v1/recommendations/{mine.pk}/evidence/", {"title": "Biên bản", "file": support.pdf()}
    )
    assert evidence.status_code == 201


def test_another_agencys_recommendation_is_404_to_the_responder(world: Any, rules: Any) -> None:
    _, other = own_and_other(world)
    client = client_for(world, "agency_responder")
    page = client.post(
        reverse("oversight:recommendation_step", args=[other.pk, "tien-do"]),
        {"on": "01/08/2026", "status": "done"},
    )
    api = client.post(
        f"/api/v1/recommendations/{other.pk}/progress/",
        {"on": "2026-08-01", "status": "done"},
        content_type="application/json",
    )
    upload = client.post(
        f"/api/v1/recommendations/{other.pk}/evidence/", {"title": "X", "file": support.pdf()}
    )
    assert (page.status_code, api.status_code, upload.status_code) == (404, 404, 404)
    other.refresh_from_db()
    assert other.status != "done"


def test_the_responder_cannot_take_the_councils_own_steps(world: Any, rules: Any) -> None:
    mine, _ = own_and_other(world)
    client = client_for(world, "agency_responder")
    excuse = client.post(
        reverse("oversight:recommendation_step", args=[mine.pk, "ly-do"]),
        {"on": "01/08/2026", "reason": "Chờ quy hoạch"},
    )
    assert excuse.status_code == 403
    page = client.get(reverse("oversight:recommendation_detail", args=[mine.pk])).content.decode()
    assert "Ghi kết quả thực hiện" in page
    assert "Chấp nhận lý do khách quan" not in page


def test_a_delegate_cannot_report_progress(world: Any, rules: Any) -> None:
    mine, _ = own_and_other(world)
    response = client_for(world, "delegate").post(
        f"/api/v1/recommendations/{mine.pk}/progress/",
        {"on": "2026-08-01", "status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert date(2026, 8, 1) != Recommendation.objects.get(pk=mine.pk).reported_on


def test_the_session_page_lists_the_topics_chosen_for_questioning(world: Any, rules: Any) -> None:
    from hdnd.councils.models import Term
    from hdnd.oversight import actions
    from hdnd.sittings.models import Session

    term = Term.objects.create(council=world.province, number=17, starts_on=date(2026, 3, 15))
    session = Session.objects.create(
        council=world.province, term=term, number=2, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
    )

    def topic(title: str) -> Any:
        return actions.create_topic(
            world.province, by=None, title=title, criteria={"pressing": True}, session=session
        )

    chosen = actions.select_topic(topic("Ngập úng đô thị"), by=None, selected=True)
    topic("Chỉ mới đề xuất")
    actions.select_topic(topic("Không được chọn"), by=None, selected=False)
    page = client_for(world, "delegate").get(session.get_absolute_url()).content.decode()
    assert "Chất vấn tại kỳ họp: các nhóm vấn đề được lựa chọn" in page
    assert f'href="{chosen.get_absolute_url()}">Ngập úng đô thị</a>' in page
    assert "Chỉ mới đề xuất" not in page
    assert "Không được chọn" not in page


def test_a_session_without_chosen_topics_has_no_questioning_panel(world: Any, rules: Any) -> None:
    from hdnd.councils.models import Term
    from hdnd.sittings.models import Session

    term = Term.objects.create(council=world.province, number=17, starts_on=date(2026, 3, 15))
    session = Session.objects.create(
        council=world.province, term=term, number=2, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
    )
    page = client_for(world, "delegate").get(session.get_absolute_url()).content.decode()
    assert "Chất vấn tại kỳ họp" not in page


def test_a_standing_meeting_shows_the_explanation_sessions_held_at_it(world: Any, rules: Any) -> None:
    from hdnd.oversight import actions
    from hdnd.sittings import standing

    meeting = standing.create_meeting(world.province, by=None, meets_on=date(2026, 6, 10))
    other = standing.create_meeting(world.province, by=None, meets_on=date(2026, 7, 8))
    explained = actions.plan_explanation(
        world.province,
        by=None,
        title="Tiến độ cấp giấy chứng nhận quyền sử dụng đất",
        agency=support.agency(world.province),
        officials="Giám đốc Sở Nông nghiệp và Môi trường",
        planned_on=date(2026, 6, 10),
        standing_meeting=meeting,
    )
    page = client_for(world, "standing_member").get(meeting.get_absolute_url()).content.decode()
    assert "Giải trình tại phiên họp Thường trực" in page
    assert f'href="{explained.get_absolute_url()}">Tiến độ cấp giấy chứng nhận quyền sử dụng đất</a>' in page
    assert "Giám đốc Sở Nông nghiệp và Môi trường" in page
    assert "Giải trình tại phiên họp" not in client_for(world).get(other.get_absolute_url()).content.decode()


# What an agency's responder reads (VIEW_WORK: the council's own work is not theirs) ----------------------


def test_the_responder_lists_only_their_agencys_recommendations_without_the_councils_rate(
    world: Any, rules: Any
) -> None:
    mine, other = own_and_other(world)
    url = reverse("oversight:recommendation_list", args=[world.province.pk])
    page = client_for(world, "agency_responder").get(url)
    assert page.status_code == 200
    assert mine.get_absolute_url() in page.text
    assert other.get_absolute_url() not in page.text
    assert "Tỷ lệ thực hiện kiến nghị" not in page.text
    assert reverse("oversight:commitment_list", args=[world.province.pk]) in page.text
    assert reverse("oversight:supervision_list", args=[world.province.pk]) not in page.text  # 403 to them
    office = client_for(world).get(url).text
    assert other.get_absolute_url() in office
    assert "Tỷ lệ thực hiện kiến nghị" in office
    api = client_for(world, "agency_responder").get(f"/api/v1/councils/{world.province.pk}/recommendations/")
    assert [row["id"] for row in api.json()["items"]] == [mine.pk]


def test_the_responder_opens_their_agencys_item_and_its_evidence_but_not_anothers(
    world: Any, rules: Any
) -> None:
    mine, other = own_and_other(world)
    proofs = [
        actions.attach_evidence(item, by=None, title="Báo cáo", upload=support.pdf())
        for item in (mine, other)
    ]
    client = client_for(world, "agency_responder")
    opened = client.get(mine.get_absolute_url())
    assert opened.status_code == 200
    assert mine.supervision is not None
    supervision = mine.supervision.get_absolute_url()
    assert supervision not in opened.text  # 403 to them: named, not linked
    assert "Xem cả chuỗi theo dõi" not in opened.text
    assert supervision in client_for(world).get(mine.get_absolute_url()).text
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/recommendations/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/recommendations/{mine.pk}/").status_code == 200
    files = [reverse("oversight:evidence_file", args=[proof.pk]) for proof in proofs]
    assert [client.get(url).status_code for url in files] == [200, 404]


@pytest.mark.parametrize(
    "name",
    [
        "oversight:home",
        "oversight:supervision_list",
        "briefings:briefing_list",
        "reports:council_reports",
        "planning:programme_list",
        "reception:statistics",
    ],
)
def test_the_councils_own_work_is_refused_to_the_responder(world: Any, rules: Any, name: str) -> None:
    url = reverse(name, args=[world.province.pk])
    assert client_for(world, "agency_responder").get(url).status_code == 403
    assert client_for(world, "delegate").get(url).status_code == 200


def test_the_council_tabs_offer_the_responder_only_what_opens(world: Any, rules: Any) -> None:
    page = client_for(world, "agency_responder").get(world.province.get_absolute_url()).text
    tabs = page[page.index('class="nav nav-tabs') :]
    tabs = tabs[: tabs.index("</ul>")]
    assert "Kiến nghị giám sát" in tabs
    for hidden in ("Kiến nghị cử tri", ">Giám sát<", "Chương trình công tác", "Báo cáo định kỳ", "Giao ban"):
        assert hidden not in tabs, hidden
    schedule = reverse("reception:slot_list", args=[world.province.pk])
    assert schedule in tabs  # the reception tab opens the schedule, not the letters (403 to them)
    assert reverse("reception:letter_list", args=[world.province.pk]) not in tabs
    staff = client_for(world).get(world.province.get_absolute_url()).text
    for shown in ("Kiến nghị cử tri", ">Giám sát<", "Chương trình công tác", "Báo cáo định kỳ", "Giao ban"):
        assert shown in staff, shown
    assert reverse("reception:letter_list", args=[world.province.pk]) in staff


def test_the_responders_start_page_lists_their_agencys_items_due(world: Any, rules: Any) -> None:
    mine, _other = own_and_other(world)
    viewer = Viewer(world.user("agency_responder"), today=date(2026, 9, 28))
    items = {item.code: item for item in collect(viewer)}
    due = items["oversight.agency_recommendations"]
    assert due.count == 1
    assert [row.url for row in due.rows] == [mine.get_absolute_url()]
    office = {item.code for item in collect(Viewer(world.user("office_staff"), today=date(2026, 9, 28)))}
    assert "oversight.agency_recommendations" not in office
    assert "oversight.recommendations" in office


def test_the_responders_commitment_names_its_topic_without_a_link_they_could_not_open(
    world: Any, rules: Any
) -> None:
    support.rules()
    topic = support.topic(world.province)
    item = actions.add_commitment(
        topic,
        by=None,
        official="Giám đốc Sở Xây dựng",
        agency=responder_agency(world),
        content="Khơi thông cống thoát nước",
        on=date(2026, 6, 1),
        due_on=date(2026, 9, 1),
    )
    page = client_for(world, "agency_responder").get(item.get_absolute_url())
    assert page.status_code == 200
    assert str(topic) in page.text
    assert topic.get_absolute_url() not in page.text  # 403 to them
    assert client_for(world, "agency_responder").get(topic.get_absolute_url()).status_code == 403
    assert topic.get_absolute_url() in client_for(world).get(item.get_absolute_url()).text
