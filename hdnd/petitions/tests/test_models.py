"""Models: NFC text with a folded key, public codes, the transition tables."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import World
from hdnd.petitions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    ISSUE_TRANSITIONS,
    PETITION_TRANSITIONS,
    Cycle,
    Petition,
    PetitionIssue,
    new_code,
)
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def test_public_codes_use_only_unambiguous_characters() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(len(code) == CODE_LENGTH for code in codes)
    assert set("".join(codes)) <= set(CODE_ALPHABET)
    assert not set("01IOL") & set(CODE_ALPHABET)


def test_a_recorded_meeting_gets_a_public_code(world: World) -> None:
    meeting = support.meeting(world.commune)
    assert len(meeting.code) == CODE_LENGTH
    assert set(meeting.code) <= set(CODE_ALPHABET)


def test_petition_text_is_stored_as_nfc_with_a_folded_search_key(world: World) -> None:
    nfd = unicodedata.normalize("NFD", "Đề nghị sửa đường Hòa Bình")
    petition = support.petition(support.meeting(world.commune), nfd)
    petition.refresh_from_db()
    assert petition.text == "Đề nghị sửa đường Hòa Bình"
    assert unicodedata.is_normalized("NFC", petition.text)
    assert petition.text_key == "de nghi sua duong hoa binh"


def test_visible_to_keeps_other_provinces_out(world: World) -> None:
    support.cycle(world.commune)
    support.cycle(world.other_province_commune)
    seen = Cycle.objects.visible_to(world.user("council_admin"))
    assert [c.council for c in seen] == [world.commune]


def test_transition_tables_cover_every_status() -> None:
    assert set(PETITION_TRANSITIONS) == set(Petition.Status.values)
    assert set(ISSUE_TRANSITIONS) == set(PetitionIssue.Status.values)
    assert ISSUE_TRANSITIONS[PetitionIssue.Status.CONFIRMED] == frozenset()
