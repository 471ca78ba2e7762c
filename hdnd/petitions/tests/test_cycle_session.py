"""A voter-contact round names the session it prepares for or reports back on."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from hdnd.core.audit import AuditEntry
from hdnd.petitions.actions import entry as actions
from hdnd.petitions.models import Cycle
from hdnd.sittings.tests import support as sittings


def test_a_round_is_opened_before_a_session_of_its_council(world: Any) -> None:
    session = sittings.session(world.commune)
    cycle = actions.create_cycle(
        world.commune,
        by=None,
        name="Trước kỳ họp thứ nhất",
        kind=Cycle.Kind.BEFORE_SESSION,
        year=2026,
        session=session,
    )
    assert cycle.session == session
    assert (AuditEntry.objects.filter(action="petitions.create_cycle").latest("pk").after or {})[
        "session"
    ] == session.pk


def test_another_councils_session_is_refused(world: Any) -> None:
    session = sittings.session(world.other_commune)
    with pytest.raises(ValidationError) as refused:
        actions.create_cycle(
            world.commune, by=None, name="Sau kỳ họp", kind="after_session", year=2026, session=session
        )
    assert refused.value.message_dict == {"session": ["Chọn một kỳ họp của HĐND này."]}


def test_the_form_offers_only_the_councils_sessions(world: Any) -> None:
    own = sittings.session(world.province)
    other = sittings.session(world.other_province)
    client = Client()
    client.force_login(world.user("office_staff"))
    url = reverse("petitions:cycle_add", args=[world.province.pk])
    page = client.get(url)
    assert f'value="{own.pk}"' in page.text
    assert f'value="{other.pk}"' not in page.text
    data = {"name": "Sau kỳ họp", "kind": "after_session", "year": 2026, "session": other.pk}
    refused = client.post(url, data)
    assert refused.status_code == 422
    assert "Chọn một kỳ họp của HĐND này." in refused.text
    client.post(url, {**data, "session": own.pk})
    assert Cycle.objects.get(council=world.province, name="Sau kỳ họp").session == own
