"""What a delegate receives before a session: the drafts on the agenda of their council's convened or
open session, on the page, in the list and as .docx; never a draft not yet sent, nor another council's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.resolutions.models import Resolution
from hdnd.resolutions.tests import support
from hdnd.sittings import actions, conduct
from hdnd.sittings.models import Session
from hdnd.sittings.tests import support as sittings

pytestmark = pytest.mark.django_db


def on_agenda(session: Session, title: str = support.BUDGET) -> Resolution:
    draft = support.draft(session.council, title=title)
    conduct.add_agenda_item(session, by=None, kind="draft_resolution", title=draft.title, resolution=draft)
    return draft


def test_a_delegate_reads_the_drafts_of_the_coming_session(client: Client, world: World) -> None:
    session = sittings.session(world.province)
    draft = on_agenda(session)
    client.force_login(world.user("delegate"))
    page = reverse("resolutions:resolution_detail", args=[draft.pk])
    assert client.get(page).status_code == 403  # planned: not sent to the delegates yet
    actions.convene_session(session, by=None, convened_on=session.opens_on.replace(day=1))
    answer = client.get(page)
    assert answer.status_code == 200
    assert support.BUDGET in answer.content.decode()
    assert "Thông qua, cấp số" not in answer.content.decode()  # reading, not managing
    assert client.get(reverse("resolutions:resolution_docx", args=[draft.pk])).status_code == 200
    listed = client.get(reverse("resolutions:resolution_list", args=[world.province.pk])).content.decode()
    assert draft.get_absolute_url() in listed
    loose = support.draft(world.province, title=support.FEES)  # on no agenda
    assert client.get(reverse("resolutions:resolution_detail", args=[loose.pk])).status_code == 403
    assert loose.get_absolute_url() not in listed


def test_others_do_not_read_the_drafts_before_a_session(client: Client, world: World) -> None:
    draft = on_agenda(sittings.convened(world.province))
    page = reverse("resolutions:resolution_detail", args=[draft.pk])
    client.force_login(world.user("agency_responder"))
    assert client.get(page).status_code == 403
    client.force_login(world.user("auditor"))
    assert client.get(page).status_code == 403
    other = on_agenda(sittings.convened(world.other_province))
    client.force_login(world.user("delegate"))
    assert client.get(reverse("resolutions:resolution_detail", args=[other.pk])).status_code == 404
