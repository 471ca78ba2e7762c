"""Petitions from citizen reception and letters: the keyboard-first page, the action and the API."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Person
from hdnd.petitions.actions import intake
from hdnd.petitions.actions.intake import register_received
from hdnd.petitions.models import Petition
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def as_clerk(client: Client, world: World) -> Client:
    client.force_login(world.user("commune_staff"))
    return client


def test_a_letter_is_registered_with_its_date_number_and_clerk(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    delegate = Person.objects.create(council=world.commune, full_name="Nguyễn Thị Minh Họa")
    url = reverse("petitions:intake_received", args=[cycle.pk])
    response = as_clerk(client, world).post(
        url,
        {
            "source": "letter",
            "received_on": "18/11/2026",
            "reference": "Đơn số 15",
            "text": support.LAND,
            "voter_place": "Thôn Bắc",
            "delegate": delegate.pk,
        },
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.source == Petition.Source.LETTER
    assert petition.meeting is None
    assert petition.received_on == date(2026, 11, 18)
    assert petition.reference == "Đơn số 15"
    assert petition.delegate == delegate
    assert petition.entered_by == world.user("commune_staff")
    entry = AuditEntry.objects.get(action="petitions.register_received")
    assert entry.council == world.commune
    assert entry.after is not None
    assert entry.after["reference"] == "Đơn số 15"


def test_htmx_entry_gives_back_the_list_and_a_fresh_form_keeping_source_and_date(
    client: Client, world: World
) -> None:
    cycle = support.cycle(world.commune)
    url = reverse("petitions:intake_received", args=[cycle.pk])
    data = {"source": "letter", "received_on": "18/11/2026", "text": support.LIGHTS}
    response = as_clerk(client, world).post(url, data, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="entry"' in page
    assert "<html" not in page
    assert "Đã lưu. Nhập ý kiến tiếp theo." in page
    assert support.LIGHTS in page  # in the list, and the textarea is empty again
    assert page.count(support.LIGHTS) == 1
    assert 'value="letter" checked' in page or '<option value="letter" selected>' in page
    assert 'value="18/11/2026"' in page


def test_an_empty_text_keeps_the_form_with_a_vietnamese_message(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    url = reverse("petitions:intake_received", args=[cycle.pk])
    response = as_clerk(client, world).post(
        url, {"source": "reception", "received_on": "18/11/2026", "reference": "Phiếu 3", "text": " "}
    )
    assert response.status_code == 422
    assert "Nhập nội dung ý kiến" in response.content.decode()
    assert 'value="Phiếu 3"' in response.content.decode()
    assert not Petition.objects.exists()


def test_nfd_text_is_stored_in_nfc(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    url = reverse("petitions:intake_received", args=[cycle.pk])
    nfd = unicodedata.normalize("NFD", support.ROAD)
    as_clerk(client, world).post(url, {"source": "reception", "received_on": "18/11/2026", "text": nfd})
    assert Petition.objects.get().text == support.ROAD


def test_a_day_after_today_is_refused() -> None:
    with pytest.raises(Exception, match="sau hôm nay"):
        intake._check_received("letter", timezone.localdate() + timedelta(days=1), "")


def test_a_meeting_source_is_refused_by_the_action(world: World) -> None:
    cycle = support.cycle(world.commune)
    with pytest.raises(Exception, match="tiếp công dân hoặc đơn, thư"):
        register_received(cycle, by=None, text=support.ROAD, source="meeting")
    assert not Petition.objects.exists()


def test_reception_appears_on_the_cycle_page_with_links(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    register_received(cycle, by=None, text=support.ROAD, source="reception")
    page = as_clerk(client, world).get(cycle.get_absolute_url()).content.decode()
    assert "1 ý kiến qua tiếp công dân, đơn thư" in page
    assert reverse("petitions:intake_received_import", args=[cycle.pk]) in page
    assert reverse("petitions:intake_refer_up", args=[cycle.pk]) in page  # a commune sends up


def test_the_province_cycle_page_has_no_send_up_button(client: Client, world: World) -> None:
    cycle = support.cycle(world.province)
    client.force_login(world.user("office_staff"))
    page = client.get(cycle.get_absolute_url()).content.decode()
    assert reverse("petitions:intake_received", args=[cycle.pk]) in page
    assert reverse("petitions:intake_refer_up", args=[cycle.pk]) not in page


def test_readers_see_the_list_but_not_the_form(client: Client, world: World) -> None:
    cycle = support.cycle(world.province)
    register_received(cycle, by=None, text=support.ROAD, source="letter")
    client.force_login(world.user("delegate"))
    page = client.get(reverse("petitions:intake_received", args=[cycle.pk])).content.decode()
    assert support.ROAD in page
    assert "Lưu và nhập tiếp" not in page


def test_the_api_registers_a_letter_and_refuses_another_councils_delegate(
    client: Client, world: World
) -> None:
    cycle = support.cycle(world.commune)
    stranger = Person.objects.create(council=world.province, full_name="Trần Văn Bình")
    url = reverse("api:intake_register_received", args=[cycle.pk])
    as_clerk(client, world)
    body = {"source": "letter", "reference": "Đơn 7", "text": unicodedata.normalize("NFD", support.LAND)}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["reference"] == "Đơn 7"
    assert response.json()["received_on"] == timezone.localdate().isoformat()
    assert Petition.objects.get().text == support.LAND
    refused = client.post(
        url, json.dumps({**body, "delegate_id": stranger.pk}), content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["errors"]["delegate"] == ["Chỉ chọn đại biểu của HĐND này."]
    assert Petition.objects.count() == 1
    listed = client.get(reverse("api:intake_list_received", args=[cycle.pk])).json()
    assert [item["text"] for item in listed["items"]] == [support.LAND]


def test_a_megabyte_of_text_is_refused_and_kept_in_the_form(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    url = reverse("petitions:intake_received", args=[cycle.pk])
    megabyte = "Đề nghị sửa đường. " * 55_000
    response = as_clerk(client, world).post(
        url, {"source": "letter", "received_on": "18/11/2026", "text": megabyte}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Nội dung dài quá 5.000 ký tự" in response.content.decode()
    assert not Petition.objects.exists()


def test_the_reception_list_does_not_query_per_row(client: Client, world: World) -> None:
    cycle = support.cycle(world.commune)
    delegate = Person.objects.create(council=world.commune, full_name="Nguyễn Thị Minh Họa")
    url = reverse("petitions:intake_received", args=[cycle.pk])
    as_clerk(client, world)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    register_received(cycle, by=None, text=support.ROAD, source="letter", delegate=delegate)
    count()  # warm the per-process caches (content types, session)
    few = count()
    for text in (support.LIGHTS, support.LAND, support.ROAD_AGAIN):
        register_received(cycle, by=None, text=text, source="reception", delegate=delegate)
    assert count() == few
