"""The delegates a voter meeting lists are the council's delegates: never office staff or others kept as
people without a delegate's seat."""

from __future__ import annotations

import pytest

from conftest import World
from hdnd.councils.tests.factories import PersonFactory, seated_delegate
from hdnd.petitions.forms import MeetingForm

pytestmark = pytest.mark.django_db


def test_the_meeting_form_lists_only_seated_delegates(world: World) -> None:
    delegate = seated_delegate(world.province, "Nguyễn Thị Đại Biểu")
    clerk = PersonFactory.create(council=world.province, full_name="Lê Văn Văn Phòng")
    choices = list(MeetingForm(council=world.province).fields["delegates"].queryset)  # type: ignore[attr-defined]
    assert delegate in choices
    assert clerk not in choices
