"""Vietnamese sorted as a Vietnamese dictionary does, in every list of councils, agencies and people."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from django import forms

from conftest import World
from hdnd.core.forms import StyledForm
from hdnd.core.text import vi_sort_key, vi_sorted
from hdnd.councils.models import Agency, AgencyKind, Council


def test_letters_follow_the_vietnamese_alphabet() -> None:
    names = [
        "Đông Ngạc",
        "Ea Kar",
        "Dương Nội",
        "Chương Mỹ",
        "Cầu Giấy",
        "Ba Vì",
        "Ân Thi",
        "Ăn Ý",
        "An Bình",
    ]
    # a ă â b c d đ e: every "Đ…" between the "D…" and the "E…"; "Cầu" before "Chương" (a before h)
    assert vi_sorted(names) == [
        "An Bình",
        "Ăn Ý",
        "Ân Thi",
        "Ba Vì",
        "Cầu Giấy",
        "Chương Mỹ",
        "Dương Nội",
        "Đông Ngạc",
        "Ea Kar",
    ]


def test_tones_only_break_ties_in_dictionary_order() -> None:
    # ngang, huyền, hỏi, ngã, sắc, nặng; a longer word after its prefix whatever the tones
    assert vi_sorted(["Hạ", "Há", "Hã", "Hả", "Hà", "Ha", "Hà Đông"]) == [
        "Ha",
        "Hà",
        "Hả",
        "Hã",
        "Há",
        "Hạ",
        "Hà Đông",
    ]
    assert vi_sorted(["ơ", "ô", "o", "ư", "u"]) == ["o", "ô", "ơ", "u", "ư"]


def test_case_and_unicode_form_do_not_change_the_order() -> None:
    decomposed = unicodedata.normalize("NFD", "Đông Anh")
    assert vi_sort_key(decomposed)[:2] == vi_sort_key("đông anh")[:2]
    assert vi_sorted(["đông Anh", "Dương Xá"]) == ["Dương Xá", "đông Anh"]


class AgencyChoice(StyledForm):
    agency = forms.ModelChoiceField(queryset=Agency.objects.none())
    councils = forms.ModelMultipleChoiceField(queryset=Council.objects.none())


@pytest.mark.django_db
def test_every_styled_dropdown_of_councils_and_agencies_is_in_vietnamese_order(world: World) -> None:
    first = Agency.objects.order_by("-pk").values_list("pk", flat=True)[0]  # the cast's own agency stays out
    for name in ("Sở Y tế", "Sở Du lịch", "Sở Đường sắt", "Sở Công Thương", "Sở Chính phủ số"):
        Agency.objects.create(council=world.province, name=name, kind=AgencyKind.DEPARTMENT)
    Agency.objects.create(
        council=world.province, name="Ủy ban nhân dân tỉnh", kind=AgencyKind.PEOPLES_COMMITTEE
    )
    form = AgencyChoice()
    fields: Any = form.fields
    fields["agency"].queryset = Agency.objects.filter(council=world.province, pk__gt=first).order_by(
        "kind", "name"
    )
    fields["councils"].queryset = Council.objects.tree_order()  # provinces first, then communes

    agencies = [label for value, label in fields["agency"].choices if value]
    # by name alone, whatever the queryset's order (kind codes mean nothing to the reader)
    assert agencies == [
        "Sở Chính phủ số",
        "Sở Công Thương",
        "Sở Du lịch",
        "Sở Đường sắt",
        "Sở Y tế",
        "Ủy ban nhân dân tỉnh",
    ]
    councils = [label for _value, label in fields["councils"].choices]
    assert councils == [
        "HĐND tỉnh An Bình",
        "HĐND tỉnh Bắc Sơn",
        "HĐND phường Tây Thủy",
        "HĐND xã Đông Hòa",
        "HĐND xã Nam Đàn",
    ]
    assert 'class="form-select"' in str(form["agency"])
