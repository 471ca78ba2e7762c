"""A refused form answers 422: the status tells scripts and htmx what the page says in Vietnamese."""

from django import forms
from django.test import RequestFactory

from hdnd.core.shortcuts import render


class NameForm(forms.Form):
    name = forms.CharField()


def _status(method: str, form: forms.Form) -> int:
    request = getattr(RequestFactory(), method)("/")
    return render(request, "core/error.html", {"form": form, "status": 0}).status_code


def test_a_post_that_comes_back_with_form_errors_answers_422() -> None:
    assert _status("post", NameForm({"name": ""})) == 422


def test_a_valid_or_unbound_form_answers_200() -> None:
    assert _status("post", NameForm({"name": "Ba Đình"})) == 200
    assert _status("get", NameForm()) == 200
