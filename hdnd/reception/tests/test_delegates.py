"""A delegate reads the letters received at the receptions they held, and nothing else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from hdnd.reception import actions
from hdnd.reception.models import Host, Letter, LetterKind, Reception
from hdnd.reception.tests import support

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 20)


def delegate_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.user("delegate"))
    return client


def held_letter(world: Any) -> Letter:
    """A complaint handed in at a reception the cast's delegate held (their person linked to the role)."""
    me = support.person(world.province, "Lê Văn Đại Biểu")
    world.user("delegate").role_assignments.update(person=me)
    visit = actions.Visit(
        received_on=date(2026, 10, 15),
        host=Host.DELEGATE,
        kind=LetterKind.COMPLAINT,
        content=support.COMPLAINT,
        outcome=Reception.Outcome.LETTER,
        received_by=[me],
    )
    reception = actions.record_reception(world.province, by=None, visit=visit)
    return support.letter(
        world.province, channel=Letter.Channel.RECEPTION, reception=reception, received_on=date(2026, 10, 15)
    )


def others_letter(world: Any) -> Letter:
    """A letter at a reception someone else held, and one that came by post."""
    other = support.person(world.province, "Phạm Thị Khác")
    visit = actions.Visit(
        received_on=date(2026, 10, 16),
        host=Host.DELEGATE,
        kind=LetterKind.REPORT,
        content=support.REPORT,
        outcome=Reception.Outcome.LETTER,
        received_by=[other],
    )
    reception = actions.record_reception(world.province, by=None, visit=visit)
    support.letter(world.province, kind=LetterKind.PETITION, content=support.PETITION)
    return support.letter(
        world.province,
        kind=LetterKind.REPORT,
        content=support.REPORT,
        channel=Letter.Channel.RECEPTION,
        reception=reception,
        received_on=date(2026, 10, 16),
    )


def test_the_delegate_lists_only_their_receptions_letters(world: Any) -> None:
    with time_machine.travel(TODAY):
        mine = held_letter(world)
        theirs = others_letter(world)
        page = delegate_client(world).get(reverse("reception:letter_list", args=[world.province.pk]))
        api = delegate_client(world).get(f"/api/v1/councils/{world.province.pk}/letters")
    assert page.status_code == 200
    body = page.content.decode()
    assert mine.code in body
    assert theirs.code not in body
    assert "Tiếp nhận đơn" not in body
    assert [row["code"] for row in api.json()["items"]] == [mine.code]


def test_the_delegate_reads_their_letter_without_the_offices_steps(world: Any) -> None:
    with time_machine.travel(TODAY):
        mine = actions.submit_letter(held_letter(world), by=None)
        page = delegate_client(world).get(mine.get_absolute_url())
        api = delegate_client(world).get(f"/api/v1/letters/{mine.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert mine.subject in body
    assert "Phân loại đơn" not in body
    assert "Phiếu chuyển" not in body
    assert api.status_code == 200


def test_another_letter_is_404_to_the_delegate_and_steps_stay_403(world: Any) -> None:
    with time_machine.travel(TODAY):
        mine = held_letter(world)
        theirs = others_letter(world)
        client = delegate_client(world)
        page = client.get(theirs.get_absolute_url())
        api = client.get(f"/api/v1/letters/{theirs.pk}")
        step = client.post(reverse("reception:letter_submit", args=[mine.pk]))
    assert (page.status_code, api.status_code, step.status_code) == (404, 404, 403)
    mine.refresh_from_db()
    assert mine.status == Letter.Status.NEW


def test_a_delegate_without_a_linked_person_and_other_roles_are_still_refused(world: Any) -> None:
    with time_machine.travel(TODAY):
        mine = held_letter(world)
        world.user("delegate").role_assignments.update(person=None)
        unlinked = delegate_client(world).get(reverse("reception:letter_list", args=[world.province.pk]))
        standing = Client()
        standing.force_login(world.user("standing_member"))
        detail = standing.get(mine.get_absolute_url())
    assert (unlinked.status_code, detail.status_code) == (403, 403)


@pytest.mark.parametrize(
    ("user", "offered"),
    [
        ("office_staff", ["Sổ tiếp công dân", "Sổ đơn thư", "Thống kê"]),
        ("delegate", ["Sổ đơn thư", "Thống kê"]),
        ("standing_member", ["Thống kê"]),
        ("agency_responder", []),
    ],
)
def test_the_reception_menu_offers_each_user_only_what_opens(
    world: Any, user: str, offered: list[str]
) -> None:
    """The schedule is everyone's; the register the office's; the letters the office's and a delegate's
    for the receptions they held; the statistics the council's work (not an agency's responder's)."""
    held_letter(world)  # the cast's delegate now receives citizens as a person of the council
    client = Client()
    client.force_login(world.user(user))
    page = client.get(reverse("reception:slot_list", args=[world.province.pk]))
    assert page.status_code == 200
    menu = page.text[page.text.index('class="nav nav-pills') :]
    menu = menu[: menu.index("</ul>")]
    shown = [name for name in ("Sổ tiếp công dân", "Sổ đơn thư", "Thống kê") if name in menu]
    assert shown == offered
    assert "Lịch tiếp công dân" in menu
    targets = {"Sổ tiếp công dân": "reception_list", "Sổ đơn thư": "letter_list", "Thống kê": "statistics"}
    for name in offered:  # each entry offered opens
        assert client.get(reverse(f"reception:{targets[name]}", args=[world.province.pk])).status_code == 200
