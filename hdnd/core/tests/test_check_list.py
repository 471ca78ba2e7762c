"""Tick-box lists: each box beside its name, the list not drawn as one box; a filter over a dozen."""

from __future__ import annotations

from django import forms

from hdnd.core.forms import PICKER_FROM, StyledForm


def form_with(count: int) -> StyledForm:
    class Picks(StyledForm):
        agencies = forms.MultipleChoiceField(
            label="Chuyển đến cơ quan",
            choices=[(str(n), f"Sở số {n}") for n in range(count)],
            widget=forms.CheckboxSelectMultiple,
        )

    return Picks(data={"agencies": ["1"]})


def test_the_checkbox_class_is_on_each_box_not_on_the_list() -> None:
    html = str(form_with(3)["agencies"])
    assert (
        '<div id="id_agencies" role="group" aria-labelledby="id_agencies-label" class="check-list">' in html
    )
    assert html.count('class="form-check-input"') == 3
    assert '<label class="form-check-label" for="id_agencies_1">Sở số 1</label>' in html
    assert 'value="1" class="form-check-input" id="id_agencies_1" checked' in html
    assert "data-check-picker" not in html  # a short list needs no filter


def test_a_list_longer_than_a_dozen_gets_the_filter_box_and_its_script() -> None:
    assert PICKER_FROM == 13
    html = str(form_with(13)["agencies"])
    assert "data-check-picker" in html
    assert 'placeholder="Gõ để lọc, không cần dấu…"' in html
    assert '<script src="/static/core/checklist.js" defer></script>' in html
    assert "check-picker" not in str(form_with(12)["agencies"])


def test_the_filter_input_is_never_sent_with_the_form() -> None:
    html = str(form_with(20)["agencies"])
    filter_tag = html[html.index('<input type="search"') :].split(">", 1)[0]
    assert "name=" not in filter_tag
