"""``render`` that answers 422 when a POST comes back with a form that has errors.

Bad input gets its Vietnamese messages on the page *and* a 4xx status, so scripts, tests and htmx can
tell a refused submission from a page view. htmx is configured (base.html) to swap 422 responses.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as django_render

UNPROCESSABLE = 422


def has_form_errors(context: Mapping[str, Any] | None) -> bool:
    """True when the context carries a bound form (or formset) that failed validation."""
    for value in (context or {}).values():
        if isinstance(value, forms.BaseForm | forms.BaseFormSet) and value.is_bound and not value.is_valid():
            return True
    return False


def render(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    status: int | None = None,
    **kwargs: Any,
) -> HttpResponse:
    if status is None:
        status = UNPROCESSABLE if request.method == "POST" and has_form_errors(context) else 200
    return django_render(request, template_name, context, status=status, **kwargs)


def post_step(
    request: HttpRequest,
    back_to: Any,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run one POSTed step of a detail page (a small form posted to its own URL) and go back to the page
    (``back_to``: an object with ``get_absolute_url`` or a URL): the form's messages or the action's
    refusal as error messages, ``done`` on success."""
    if not form.is_valid():
        for texts in form.errors.values():
            for text in texts:
                messages.error(request, str(text))
        return redirect(back_to)
    return run_step(request, back_to, lambda: run(form.cleaned_data), done)


def run_step(request: HttpRequest, back_to: Any, run: Callable[[], object], done: str) -> HttpResponse:
    """``post_step`` without a form (a button that removes or closes something): the action's refusal
    as error messages, ``done`` on success, back to ``back_to`` either way."""
    try:
        run()
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect(back_to)
