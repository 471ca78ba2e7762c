"""How documents name a council: its unit in a sentence, the issuing body's lines, its chair."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import World
from hdnd.councils.models import Membership, MembershipRole
from hdnd.councils.tests.factories import BodyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_council_names_its_unit_in_a_sentence_and_in_the_header(world: World) -> None:
    assert world.province.unit_words() == "tỉnh An Bình"
    assert world.commune.unit_words() == "xã Đông Hòa"
    assert world.province.issuer_lines() == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH AN BÌNH"]
    assert world.other_commune.issuer_lines() == ["HỘI ĐỒNG NHÂN DÂN", "PHƯỜNG TÂY THỦY"]
    assert world.province.standing_issuer_lines() == (["HĐND TỈNH AN BÌNH"], ["THƯỜNG TRỰC HĐND"])


def test_the_chair_is_the_standing_committee_s_chair_on_the_day(world: World) -> None:
    standing = BodyFactory.create(council=world.province)
    for name, starts_on, ends_on in [
        ("Trần Văn Cũ", date(2021, 6, 1), date(2024, 3, 31)),
        ("Nguyễn Thị Mới", date(2024, 4, 1), None),
    ]:
        Membership.objects.create(
            person=PersonFactory.create(council=world.province, full_name=name),
            council=world.province,
            body=standing,
            role=MembershipRole.CHAIR,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    assert world.province.chair_name(date(2024, 3, 31)) == "Trần Văn Cũ"
    assert world.province.chair_name(date(2024, 4, 1)) == "Nguyễn Thị Mới"
    assert world.province.chair_name(date(2021, 5, 31)) == ""
    assert world.commune.chair_name(date(2024, 4, 1)) == ""
