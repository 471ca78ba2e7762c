"""Resolutions: numbering and symbols, statuses and links, publication deadline, search, the public split."""

from __future__ import annotations

import json
import re
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.councils.models import Term
from hdnd.resolutions import actions
from hdnd.resolutions.models import Kind, Link, Resolution, ResolutionCounter, Status, symbol_for
from hdnd.resolutions.tests import support
from hdnd.sittings import actions as sitting_actions
from hdnd.sittings.models import Session
from hdnd.sittings.tests import support as sittings

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "resolutions.jsonl"


def test_symbols_follow_the_two_formats() -> None:
    assert symbol_for(Kind.INDIVIDUAL, 12, 2026) == "12/NQ-HĐND"
    assert symbol_for(Kind.NORMATIVE, 5, 2025) == "05/2025/NQ-HĐND"
    assert symbol_for(Kind.INDIVIDUAL, 105, 2026) == "105/NQ-HĐND"


def test_real_numbers_are_written_in_the_same_formats() -> None:
    if not DATA.exists():
        pytest.skip("../shared/data is not beside this checkout")
    checked = 0
    for line in DATA.read_text(encoding="utf-8").splitlines():
        number = json.loads(line).get("number") or ""
        if match := re.fullmatch(r"(\d+)/(\d{4})/NQ-HĐND", number):
            assert symbol_for(Kind.NORMATIVE, int(match[1]), int(match[2])) == number
            checked += 1
        elif match := re.fullmatch(r"(\d+)/NQ-HĐND", number):
            assert symbol_for(Kind.INDIVIDUAL, int(match[1]), 2000) == number
            checked += 1
    assert checked > 10


@pytest.mark.django_db
def test_each_kind_has_its_own_series_that_restarts_each_year(world: World) -> None:
    first = support.adopted(world.province)
    second = support.adopted(world.province)
    normative = support.adopted(world.province, kind=Kind.NORMATIVE)
    other_council = support.adopted(world.commune)
    new_year = support.adopted(world.province, on=date(2027, 1, 4))
    new_year_normative = support.adopted(world.province, on=date(2027, 1, 4), kind=Kind.NORMATIVE)
    assert [first.symbol, second.symbol, normative.symbol] == ["01/NQ-HĐND", "02/NQ-HĐND", "01/2026/NQ-HĐND"]
    assert other_council.symbol == "01/NQ-HĐND"
    assert (new_year.symbol, new_year.year) == ("01/NQ-HĐND", 2027)
    assert new_year_normative.symbol == "01/2027/NQ-HĐND"


@pytest.mark.django_db
def test_the_issue_date_decides_the_year(world: World) -> None:
    late_december = actions.adopt_resolution(
        support.draft(world.province), by=None, adopted_on=date(2026, 12, 31), issued_on=date(2027, 1, 2)
    )
    assert (late_december.year, late_december.symbol) == (2027, "01/NQ-HĐND")
    with pytest.raises(ValidationError, match="không được trước ngày thông qua"):
        actions.adopt_resolution(
            support.draft(world.province),
            by=None,
            adopted_on=date(2026, 12, 31),
            issued_on=date(2026, 12, 30),
        )


@pytest.mark.django_db
def test_numbering_runs_on_across_the_terms_of_one_year(world: World) -> None:
    old = Term.objects.create(
        council=world.province, number=16, starts_on=date(2021, 6, 1), ends_on=date(2026, 3, 15)
    )
    last_of_old = sitting_actions.plan_session(
        world.province,
        by=None,
        term=old,
        kind=Session.Kind.REGULAR,
        opens_on=date(2026, 2, 10),
        closes_on=date(2026, 2, 11),
    )
    first_of_new = sittings.session(world.province, kind=Session.Kind.FIRST, opens_on=date(2026, 4, 20))
    a = support.adopted(world.province, on=date(2026, 2, 11), session=last_of_old)
    b = support.adopted(world.province, on=date(2026, 4, 21), session=first_of_new)
    assert (a.symbol, b.symbol) == ("01/NQ-HĐND", "02/NQ-HĐND")
    assert b.session is not None
    assert b.session.term.number == 17


@pytest.mark.django_db
def test_a_real_number_can_be_entered_and_is_never_given_twice(world: World) -> None:
    entered = actions.adopt_resolution(
        support.draft(world.province), by=None, adopted_on=date(2026, 7, 1), number=15
    )
    after = support.adopted(world.province)
    assert (entered.symbol, after.symbol) == ("15/NQ-HĐND", "16/NQ-HĐND")
    with pytest.raises(ValidationError, match="15/NQ-HĐND đã được dùng"):
        actions.adopt_resolution(
            support.draft(world.province), by=None, adopted_on=date(2026, 7, 2), number=15
        )
    assert ResolutionCounter.objects.get(council=world.province, year=2026, kind=Kind.INDIVIDUAL).last == 16


@pytest.mark.django_db
def test_only_a_draft_is_adopted_and_only_an_adopted_one_published(world: World) -> None:
    draft = support.draft(world.province)
    with pytest.raises(ValidationError, match="Chỉ công bố được"):
        actions.publish_resolution(draft, by=None, published_on=date(2026, 12, 1))
    adopted = actions.adopt_resolution(draft, by=None, adopted_on=date(2026, 12, 10))
    with pytest.raises(ValidationError, match="Chỉ thông qua được dự thảo"):
        actions.adopt_resolution(adopted, by=None, adopted_on=date(2026, 12, 10))
    published = actions.publish_resolution(adopted, by=None, published_on=date(2026, 12, 11))
    in_force = actions.set_status(published, Status.IN_FORCE, by=None, on=date(2027, 1, 1))
    expired = actions.set_status(in_force, Status.EXPIRED, by=None, on=date(2027, 12, 31))
    assert (expired.status, expired.effective_on, expired.ended_on) == (
        Status.EXPIRED,
        date(2027, 1, 1),
        date(2027, 12, 31),
    )
    with pytest.raises(ValidationError, match="Không chuyển được"):
        actions.set_status(expired, Status.IN_FORCE, by=None, on=date(2028, 1, 1))


@pytest.mark.django_db
def test_links_set_the_status_of_the_resolution_they_change(world: World) -> None:
    base = support.published(world.province, kind=Kind.NORMATIVE)
    amending = support.published(world.province, title=support.FEES, kind=Kind.NORMATIVE)
    actions.link_resolutions(amending, base, Link.Kind.AMENDS, by=None)
    assert Resolution.objects.get(pk=base.pk).status == Status.AMENDED
    replacing = support.published(world.province, kind=Kind.NORMATIVE)
    actions.link_resolutions(replacing, base, Link.Kind.REPLACES, by=None)
    base.refresh_from_db()
    assert (base.status, base.ended_on) == (Status.REPLACED, date(2026, 12, 10))
    with pytest.raises(ValidationError, match="Đã được thay thế"):
        actions.link_resolutions(support.published(world.province), base, Link.Kind.ANNULS, by=None)
    with pytest.raises(ValidationError, match="dự thảo"):
        actions.link_resolutions(support.draft(world.province), amending, Link.Kind.ANNULS, by=None)
    assert [str(link.get_kind_display()) for link in base.links_in.all()] == ["Sửa đổi, bổ sung", "Thay thế"]


@pytest.mark.django_db
def test_a_province_may_annul_a_commune_resolution_but_not_another_provinces(world: World) -> None:
    commune = support.published(world.commune)
    annulling = support.published(world.province)
    actions.link_resolutions(annulling, commune, Link.Kind.ANNULS, by=None)
    assert Resolution.objects.get(pk=commune.pk).status == Status.ANNULLED
    with pytest.raises(ValidationError, match="cấp dưới trực tiếp"):
        actions.link_resolutions(
            annulling, support.published(world.other_province_commune), Link.Kind.ANNULS, by=None
        )


@pytest.mark.django_db
def test_publication_after_tet_2027_is_counted_in_working_days(world: World, rules: Any) -> None:
    # Issued Wednesday 3/2/2027; Tết closes 4–10/2; five working days end on Wednesday 17/2.
    adopted = actions.adopt_resolution(support.draft(world.province), by=None, adopted_on=date(2027, 2, 3))
    assert adopted.publication_deadline() == date(2027, 2, 17)
    assert adopted.publication_warning(today=date(2027, 2, 17)) == ""
    assert (
        adopted.publication_warning(today=date(2027, 2, 18))
        == "Quá hạn công bố: hạn chót 17/02/2027, chưa công bố."
    )
    late = actions.publish_resolution(adopted, by=None, published_on=date(2027, 2, 18))
    assert late.publication_warning() == "Công bố muộn: hạn chót 17/02/2027, công bố ngày 18/02/2027."


@pytest.mark.django_db
def test_search_ignores_accents_and_word_order(world: World) -> None:
    budget = support.published(world.province)
    fees = support.published(world.province, title=support.FEES, kind=Kind.NORMATIVE)
    found = Resolution.objects.public().search
    assert list(found("nghi quyet ngan sach")) == [budget]
    assert list(found("NGÂN SÁCH địa phương")) == [budget]
    assert list(found("phi tham dinh quyen su dung dat")) == [fees]
    assert list(found("01/2026")) == [fees]
    assert not found("ngan sach trung uong").exists()


# Pages and the public split ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_reader_never_sees_a_draft_or_an_unpublished_resolution(
    client: Client, world: World
) -> None:
    draft = support.draft(world.province, title="Dự thảo nghị quyết bí mật về ngân sách")
    adopted = support.adopted(world.province, title="Nghị quyết đã thông qua chưa công bố")
    public = support.published(world.province)
    assert client.get(reverse("resolutions:public_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("resolutions:public_detail", args=[adopted.pk])).status_code == 404
    page = client.get(reverse("resolutions:public_detail", args=[public.pk]))
    assert page.status_code == 200
    assert public.title in page.content.decode()
    register = client.get(
        reverse("resolutions:public_register", args=[world.province.pk]), {"q": "ngan sach"}
    )
    text = register.content.decode()
    assert public.symbol in text
    assert "bí mật" not in text
    assert "chưa công bố" not in text
    api = client.get(reverse("api:public_resolution_list", args=[world.province.pk]))
    assert [row["id"] for row in api.json()["items"]] == [public.pk]
    assert client.get(reverse("api:public_resolution_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_the_province_register_includes_its_communes_and_filters(client: Client, world: World) -> None:
    own = support.published(world.province, kind=Kind.NORMATIVE)
    commune = support.published(world.commune, title=support.FEES)
    elsewhere = support.published(world.other_province_commune, title=support.FEES)
    url = reverse("resolutions:public_province", args=[world.province.pk])
    text = client.get(url).content.decode()
    assert all(f'href="/cong-khai/nghi-quyet/{r.pk}/"' in text for r in (own, commune))
    assert f'href="/cong-khai/nghi-quyet/{elsewhere.pk}/"' not in text
    only_commune = client.get(url, {"kind": "individual", "year": "2026"}).content.decode()
    assert f"/cong-khai/nghi-quyet/{commune.pk}/" in only_commune
    assert f"/cong-khai/nghi-quyet/{own.pk}/" not in only_commune
    api = client.get(
        reverse("api:public_resolution_list", args=[world.province.pk]), {"below": "true", "q": "phi"}
    )
    assert [row["id"] for row in api.json()["items"]] == [commune.pk]


@pytest.mark.django_db
def test_the_permanent_url_by_symbol(client: Client, world: World) -> None:
    resolution = support.published(world.province, kind=Kind.NORMATIVE)
    url = reverse("resolutions:public_by_symbol", args=[world.province.pk, "01/2026/NQ-HĐND"])
    assert client.get(url)["Location"] == f"/cong-khai/nghi-quyet/{resolution.pk}/"
    missing = reverse("resolutions:public_by_symbol", args=[world.province.pk, "02/2026/NQ-HĐND"])
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_staff_draft_adopt_and_publish_through_the_pages(client: Client, world: World, rules: Any) -> None:
    client.force_login(world.user("office_staff"))
    response = client.post(
        reverse("resolutions:resolution_add", args=[world.province.pk]),
        {"title": "  Về   kế hoạch đầu tư công năm 2027 ", "kind": "individual", "field": "Đầu tư"},
    )
    resolution = Resolution.objects.get()
    assert response["Location"] == resolution.get_absolute_url()
    assert resolution.title == "Về   kế hoạch đầu tư công năm 2027"
    client.post(reverse("resolutions:resolution_adopt", args=[resolution.pk]), {"adopted_on": "03/02/2027"})
    client.post(reverse("resolutions:resolution_publish", args=[resolution.pk]), {"on": "18/02/2027"})
    resolution.refresh_from_db()
    assert (resolution.symbol, resolution.status) == ("01/NQ-HĐND", Status.PUBLISHED)
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert "Công bố muộn: hạn chót 17/02/2027" in page
    refused = client.post(
        reverse("resolutions:resolution_add", args=[world.province.pk]), {"title": "", "kind": "x"}
    )
    assert refused.status_code == 422


@pytest.mark.django_db
def test_a_delegate_cannot_open_a_draft(client: Client, world: World) -> None:
    draft = support.draft(world.province)
    client.force_login(world.user("delegate"))
    assert client.get(draft.get_absolute_url()).status_code == 403
    listing = client.get(reverse("resolutions:resolution_list", args=[world.province.pk])).content.decode()
    assert "Dự thảo" not in listing.split("<tbody>")[1]


@pytest.mark.django_db
def test_the_api_numbers_and_refuses_with_messages(client: Client, world: World) -> None:
    client.force_login(world.user("council_admin"))
    created = client.post(
        reverse("api:resolution_create", args=[world.province.pk]),
        json.dumps({"title": support.BUDGET, "kind": "normative"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    rid = created.json()["id"]
    adopt = reverse("api:resolution_adopt", args=[rid])
    done = client.post(adopt, json.dumps({"adopted_on": "2026-12-10"}), content_type="application/json")
    assert done.json()["symbol"] == "01/2026/NQ-HĐND"
    again = client.post(adopt, json.dumps({"adopted_on": "2026-12-10"}), content_type="application/json")
    assert (again.status_code, again.json()["detail"]) == (422, "Chỉ thông qua được dự thảo.")


# Concurrency -------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_adopting_at_once_get_distinct_numbers(transactional_db: None, world: World) -> None:
    drafts = [support.draft(world.province) for _ in range(4)]
    barrier = threading.Barrier(len(drafts))
    symbols: list[str] = []
    errors: list[BaseException] = []

    def adopt(draft: Resolution) -> None:
        try:
            barrier.wait()
            symbols.append(actions.adopt_resolution(draft, by=None, adopted_on=date(2026, 12, 10)).symbol)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=adopt, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(symbols) == ["01/NQ-HĐND", "02/NQ-HĐND", "03/NQ-HĐND", "04/NQ-HĐND"]


@pytest.mark.django_db
def test_a_long_register_says_more_than_the_cap(client: Client, world: World, monkeypatch: Any) -> None:
    from hdnd.core import paging

    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    for _ in range(3):
        support.published(world.province)
    text = client.get(reverse("resolutions:public_register", args=[world.province.pk])).content.decode()
    assert "Hơn 2 nghị quyết" in text
    api = client.get(reverse("api:public_resolution_list", args=[world.province.pk]))
    assert api.json()["count"] == 2


def test_every_action_has_a_vietnamese_label() -> None:
    from hdnd.core.audit import ACTION_LABELS
    from hdnd.resolutions import followup, review

    for module in (actions, followup, review):
        for code in module.ACTION_LABELS:
            assert ACTION_LABELS[code] == module.ACTION_LABELS[code]


@pytest.mark.django_db
def test_a_refused_step_answers_422_on_the_resolution_page_with_what_was_typed(
    client: Client, world: World
) -> None:
    draft = support.draft(world.province)
    client.force_login(world.user("office_staff"))
    refused = client.post(
        reverse("resolutions:resolution_adopt", args=[draft.pk]),
        {"adopted_on": "10/12/2026", "issued_on": "09/12/2026", "number": "13"},
    )
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Ngày ký ban hành không được trước ngày thông qua." in page
    assert 'value="10/12/2026"' in page
    assert 'value="09/12/2026"' in page
    assert 'value="13"' in page
    draft.refresh_from_db()
    assert draft.number is None
