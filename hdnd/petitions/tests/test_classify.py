"""Classification suggestions and the actions, pages and API that apply them."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Agency, AgencyKind, Council
from hdnd.petitions import classify
from hdnd.petitions.actions.classify import accept_suggestion, classify_issue
from hdnd.petitions.actions.fields import create_field
from hdnd.petitions.actions.synthesis import synthesize_cycle
from hdnd.petitions.fields_seed import seed_fields
from hdnd.petitions.models import Competence, Field, PetitionIssue
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
WRONG_FIELD = "Chọn một lĩnh vực đang dùng của danh mục chung hoặc của HĐND này."
WRONG_AGENCY = "Chỉ chọn cơ quan đang hoạt động của HĐND này."
NOTHING_TO_ACCEPT = "Không có gợi ý nào để áp dụng: kiến nghị đã được phân loại hoặc chưa có gợi ý."
GIAO_THONG = "Giao thông – Xây dựng – Thủy lợi"
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fresh_models() -> None:
    classify._CACHE.clear()  # ids repeat from one test to the next; a cached model must not


@pytest.fixture
def fields(world: World) -> dict[str, Field]:
    seed_fields()
    return {f.name: f for f in Field.objects.filter(council__isnull=True)}


def issue_of(council: Council, text: str, number: int = 1) -> PetitionIssue:
    """A draft issue of one petition, in a cycle of its own (so synthesis never groups two of them)."""
    at = support.meeting(council, in_cycle=support.cycle(council, name=f"Đợt thử {number}"))
    support.petition(at, text)
    (issue,) = synthesize_cycle(council, at.cycle, by=None)
    return issue


def top_field(issue: PetitionIssue) -> str:
    found = classify.suggest(issue).top("field")
    return found.label if found else ""


# Keyword rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Đề nghị sửa chữa đường liên thôn",
        "de nghi sua chua duong lien thon",
        unicodedata.normalize("NFD", "ĐỀ NGHỊ SỬA CHỮA ĐƯỜNG LIÊN THÔN"),
    ],
)
def test_a_road_repair_is_suggested_as_transport_with_its_keyword(
    world: World, fields: Any, text: str
) -> None:
    found = classify.suggest(issue_of(world.province, text))
    top = found.top("field")
    assert top is not None
    assert top.label == GIAO_THONG
    assert top.reason == "Từ khóa: đường liên thôn"
    assert found.top("competence").value == Competence.COMMUNE  # type: ignore[union-attr]


def test_longer_phrases_and_neutral_words_win_over_short_keywords(world: World, fields: Any) -> None:
    power = issue_of(world.province, "Đề nghị kéo đường dây điện vào thôn Nà Lung", 1)
    assert top_field(power) == "Điện – Nước sạch"
    request = classify.Engine(classify.rules_of(fields.values())).suggest("Yêu cầu lắp đặt thêm thùng rác")
    assert [s.label for s in request.fields] == ["Đất đai – Tài nguyên – Môi trường"]


def test_a_text_without_keywords_gets_no_field_but_its_councils_level(world: World, fields: Any) -> None:
    found = classify.suggest(issue_of(world.commune, "Cử tri đề nghị xem xét sớm"))
    assert found.fields == []
    assert found.top("competence").value == Competence.COMMUNE  # type: ignore[union-attr]
    assert found.top("competence").reason == "Cấp của HĐND đang tổng hợp"  # type: ignore[union-attr]


def test_an_agency_named_in_the_text_is_suggested_first(world: World, fields: Any) -> None:
    Agency.objects.create(council=world.province, name="Công ty Điện lực An Bình", kind=AgencyKind.ENTERPRISE)
    issue = issue_of(world.province, "Đề nghị Sở Xây dựng sửa chữa tuyến đường tỉnh 12")
    top = classify.suggest(issue).top("agency")
    assert top is not None
    assert top.label == "Sở Xây dựng tỉnh An Bình"
    assert "Kiến nghị nêu tên: Sở Xây dựng tỉnh An Bình" in top.reasons


# Learning from past assignments ------------------------------------------------------------------


def test_learned_suggestion_beats_keywords_after_a_few_assignments(world: World, fields: Any) -> None:
    staff = world.user("office_staff")
    urban = create_field(world.province, by=staff, name="Đô thị", keywords="")
    department = Agency.objects.create(
        council=world.province, name="Ban Quản lý đô thị", kind=AgencyKind.OTHER
    )
    fresh = issue_of(world.province, "Đề nghị lát lại vỉa hè phố Hàng Gai bị bong tróc", 9)
    assert top_field(fresh) == GIAO_THONG  # "vỉa hè" is a transport keyword

    for number, street in enumerate(("Hàng Bông", "Hàng Đào", "Hàng Bạc"), start=1):
        past = issue_of(world.province, f"Đề nghị lát lại vỉa hè phố {street} bị bong tróc", number)
        classify_issue(past, by=staff, field=urban, competence="tinh", agency=department)

    found = classify.suggest(fresh)
    assert found.top("field").label == "Đô thị"  # type: ignore[union-attr]
    assert found.top("field").reasons[0].startswith("Giống kiến nghị #")  # type: ignore[union-attr]
    assert "(và 2 kiến nghị khác)" in found.top("field").reason  # type: ignore[union-attr]
    assert found.top("agency").value == department.pk  # type: ignore[union-attr]
    assert found.top("competence").value == Competence.PROVINCE  # type: ignore[union-attr]


def test_a_province_learns_from_its_communes_but_not_from_another_province(world: World, fields: Any) -> None:
    staff = world.user("office_staff")
    power = fields["Điện – Nước sạch"]
    for number, council in enumerate((world.other_province_commune, world.other_province), start=1):
        past = issue_of(council, "Đề nghị lát lại vỉa hè phố Hàng Gai bị bong tróc", number)
        classify_issue(past, by=staff, field=power, competence="", agency=None)
    fresh = issue_of(world.province, "Đề nghị lát lại vỉa hè phố Hàng Gai bị bong tróc", 5)
    assert top_field(fresh) == GIAO_THONG

    past = issue_of(world.commune, "Đề nghị lát lại vỉa hè phố Hàng Gai bị bong tróc", 6)
    classify_issue(past, by=staff, field=power, competence="", agency=None)
    assert top_field(fresh) == "Điện – Nước sạch"


def test_the_learned_model_is_cached_until_an_assignment_changes(world: World, fields: Any) -> None:
    staff = world.user("office_staff")
    past = issue_of(world.province, "Đề nghị nạo vét kênh mương nội đồng thôn Bắc", 1)
    classify_issue(past, by=staff, field=fields[GIAO_THONG], competence="xa", agency=None)
    first = classify.learner_for(world.province)
    assert classify.learner_for(world.province) is first
    classify_issue(past, by=staff, field=fields["Nông – Lâm nghiệp"], competence="xa", agency=None)
    second = classify.learner_for(world.province)
    assert second is not first
    assert [example.field_id for example in second.examples] == [fields["Nông – Lâm nghiệp"].pk]


# Actions -----------------------------------------------------------------------------------------


def test_classifying_sets_the_three_values_with_one_audit_entry(world: World, fields: Any) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    agency = support.agency(world.province)
    staff = world.user("office_staff")
    classify_issue(issue, by=staff, field=fields[GIAO_THONG], competence="tinh", agency=agency)
    issue.refresh_from_db()
    assert (issue.field, issue.competence, issue.agency) == (fields[GIAO_THONG], "tinh", agency)
    entry = AuditEntry.objects.get(action="petitions.classify_issue")
    assert entry.before == {"field_id": None, "competence": "", "agency_id": None}
    assert entry.after == {"field_id": fields[GIAO_THONG].pk, "competence": "tinh", "agency_id": agency.pk}
    assert entry.actor == staff

    classify_issue(issue, by=staff, field=fields[GIAO_THONG], competence="tinh", agency=agency)
    assert AuditEntry.objects.filter(action="petitions.classify_issue").count() == 1  # nothing changed


def test_an_agency_of_another_province_is_refused(world: World, fields: Any) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    foreign = support.agency(world.other_province, "Sở Xây dựng tỉnh Bắc Sơn")
    with pytest.raises(ValidationError) as refused:
        classify_issue(issue, by=None, field=None, competence="", agency=foreign)
    assert refused.value.message_dict == {"agency": [WRONG_AGENCY]}
    issue.refresh_from_db()
    assert issue.agency is None
    assert not AuditEntry.objects.filter(action="petitions.classify_issue").exists()


def test_another_councils_own_field_is_refused(world: World, fields: Any) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    theirs = create_field(world.other_province, by=None, name="Biển đảo", keywords="")
    with pytest.raises(ValidationError) as refused:
        classify_issue(issue, by=None, field=theirs, competence="", agency=None)
    assert refused.value.message_dict == {"field": [WRONG_FIELD]}


def test_accepting_fills_only_the_empty_kinds_with_the_top_suggestions(world: World, fields: Any) -> None:
    issue = issue_of(world.province, "Đề nghị Sở Xây dựng sửa chữa đường liên thôn")
    staff = world.user("office_staff")
    classify_issue(issue, by=staff, field=None, competence="trung_uong", agency=None)
    accept_suggestion(issue, by=staff)
    issue.refresh_from_db()
    assert issue.field == fields[GIAO_THONG]
    assert issue.competence == "trung_uong"  # staff's choice stays
    assert issue.agency == support.agency(world.province)
    after: Any = AuditEntry.objects.get(action="petitions.accept_suggestion").after
    assert set(after["suggestions"]) == {"field", "agency"}
    assert after["suggestions"]["field"]["reason"] == "Từ khóa: đường liên thôn"

    with pytest.raises(ValidationError):
        accept_suggestion(issue, by=staff)  # nothing left to fill
    assert AuditEntry.objects.filter(action="petitions.accept_suggestion").count() == 1


# Pages -------------------------------------------------------------------------------------------


def test_the_issue_page_shows_suggestions_with_reasons_and_apply_buttons(
    client: Client, world: World, fields: Any
) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    client.force_login(world.user("office_staff"))
    page = client.get(issue.get_absolute_url()).content.decode()
    assert "Phân loại" in page
    assert GIAO_THONG in page
    assert "Từ khóa: đường liên thôn" in page
    assert reverse("petitions:classify_apply", args=[issue.pk]) in page
    assert "Lưu phân loại" in page

    client.force_login(world.user("delegate"))
    page = client.get(issue.get_absolute_url()).content.decode()
    assert "Từ khóa: đường liên thôn" in page
    assert reverse("petitions:classify_apply", args=[issue.pk]) not in page


def test_apply_one_suggestion_and_edit_the_classification_from_the_issue_page(
    client: Client, world: World, fields: Any
) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:classify_apply", args=[issue.pk])
    response = client.post(url, {"kind": "field", "value": fields[GIAO_THONG].pk})
    assert response["Location"] == issue.get_absolute_url()
    issue.refresh_from_db()
    assert issue.field == fields[GIAO_THONG]

    edit = reverse("petitions:classify_issue", args=[issue.pk])
    agency = support.agency(world.province)
    client.post(edit, {"field": fields["Khác"].pk, "competence": "tinh", "agency": agency.pk})
    issue.refresh_from_db()
    assert (issue.field, issue.competence, issue.agency) == (fields["Khác"], "tinh", agency)
    assert AuditEntry.objects.filter(action="petitions.classify_issue", object_id=str(issue.pk)).count() == 2


def test_the_cycle_page_counts_unclassified_issues_and_links_the_review(
    client: Client, world: World, fields: Any
) -> None:
    road, _lights = support.two_draft_issues(world.province)
    client.force_login(world.user("office_staff"))
    page = client.get(road.cycle.get_absolute_url()).content.decode()
    assert "2 / 2 kiến nghị chưa đủ lĩnh vực" in page
    assert reverse("petitions:classify_review", args=[road.cycle_id]) in page


def test_the_review_page_accepts_a_row_in_one_click_with_htmx(
    client: Client, world: World, fields: Any
) -> None:
    road, _lights = support.two_draft_issues(world.province)
    client.force_login(world.user("office_staff"))
    review = reverse("petitions:classify_review", args=[road.cycle_id])
    page = client.get(review).content.decode()
    assert f"#{road.pk}" in page
    assert GIAO_THONG in page

    response = client.post(reverse("petitions:classify_accept", args=[road.pk]), headers=HTMX)
    assert response.status_code == 200
    row = response.content.decode()
    assert row.strip().startswith(f'<tr id="classify-row-{road.pk}"')
    assert "Đã phân loại" in row or "<strong>" in row
    road.refresh_from_db()
    assert road.field == fields[GIAO_THONG]
    assert road.competence != ""


def test_the_review_page_query_count_does_not_grow_with_rows(
    client: Client, world: World, fields: Any
) -> None:
    client.force_login(world.user("office_staff"))
    issue_of(world.province, "Đề nghị sửa chữa đường liên thôn", 1)
    cycle = support.cycle(world.province, name="Đợt đếm truy vấn")
    url = reverse("petitions:classify_review", args=[cycle.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    at = support.meeting(world.province, in_cycle=cycle)
    support.petition(at, "Đề nghị sửa chữa đường liên thôn")
    synthesize_cycle(world.province, cycle, by=None)
    count()  # the council's learned model is built once, then cached
    few = count()
    for text in ("Đề nghị cấp giấy chứng nhận quyền sử dụng đất", "Đề nghị kéo điện lưới về thôn"):
        support.petition(at, text)
    synthesize_cycle(world.province, cycle, by=None)
    assert cycle.issues.count() == 3
    assert count() == few


# API ---------------------------------------------------------------------------------------------


def test_the_api_suggests_classifies_and_accepts(client: Client, world: World, fields: Any) -> None:
    issue = issue_of(world.province, "Đề nghị sửa chữa đường liên thôn")
    client.force_login(world.user("office_staff"))
    found = client.get(f"/api/v1/issues/{issue.pk}/classification/suggestions/").json()
    assert found["fields"][0]["label"] == GIAO_THONG
    assert found["fields"][0]["reasons"] == ["Từ khóa: đường liên thôn"]

    foreign = support.agency(world.other_province, "Sở Xây dựng tỉnh Bắc Sơn")
    url = f"/api/v1/issues/{issue.pk}/classification/"
    refused = client.post(url, {"agency_id": foreign.pk}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["detail"] == WRONG_AGENCY

    done = client.post(url, {"competence": "tinh"}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["competence"] == "tinh"

    accepted = client.post(f"{url}accept/", content_type="application/json")
    assert accepted.status_code == 200
    assert accepted.json()["field_id"] == fields[GIAO_THONG].pk
    assert accepted.json()["competence"] == "tinh"
    again = client.post(f"{url}accept/", content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"] == NOTHING_TO_ACCEPT


# Scale -------------------------------------------------------------------------------------------


def test_suggestions_for_a_council_with_10000_past_issues_find_the_learned_field(
    world: World, fields: Any
) -> None:
    """How fast (the median of five suggestions under 100 ms) is measured by bench/, not here."""
    cycle = support.cycle(world.province, name="Đợt lớn")
    kinds = [
        ("Đề nghị sửa chữa đường liên thôn {n} bị xuống cấp", fields[GIAO_THONG]),
        (
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ số {n}",
            fields["Đất đai – Tài nguyên – Môi trường"],
        ),
        ("Đề nghị kéo điện lưới về xóm {n}", fields["Điện – Nước sạch"]),
        ("Đề nghị tăng phụ cấp cho trưởng thôn khu {n}", fields["Chế độ chính sách"]),
    ]
    PetitionIssue.objects.bulk_create(
        PetitionIssue(
            council=world.province,
            cycle=cycle,
            title=kinds[n % 4][0].format(n=n),
            field=kinds[n % 4][1],
            competence="xa",
        )
        for n in range(10_000)
    )
    issue = issue_of(world.province, "Cử tri đề nghị nâng mức phụ cấp cho trưởng thôn")
    classify.suggest(issue)  # the first view after a change builds the council's model
    found = classify.suggest(issue)  # then the cached one answers
    assert found.top("field").label == "Chế độ chính sách"  # type: ignore[union-attr]


def test_accepting_without_htmx_returns_to_the_review_page_but_never_off_site(
    client: Client, world: World, fields: Any
) -> None:
    road, lights = support.two_draft_issues(world.province)
    client.force_login(world.user("office_staff"))
    review = reverse("petitions:classify_review", args=[road.cycle_id])
    response = client.post(reverse("petitions:classify_accept", args=[road.pk]), {"next": review})
    assert response["Location"] == review
    response = client.post(
        reverse("petitions:classify_accept", args=[lights.pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == lights.get_absolute_url()
    assert AuditEntry.objects.filter(action="petitions.accept_suggestion").count() == 2
