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
from django.utils.cache import patch_vary_headers

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


def add_errors(form: forms.BaseForm, error: ValidationError) -> list[str]:
    """Show an action's refusal on the form, each message on its field when the form has it.

    Answers the messages an import gives per row (``rows``), for the page to list under the form."""
    rows: list[str] = []
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for name, texts in pairs:
        if name == "rows":
            rows.extend(texts)
            continue
        for text in texts:
            form.add_error(name if name in form.fields else None, text)
    return rows


def render_page_or_partial(
    request: HttpRequest, template: str, partial: str, context: Mapping[str, Any]
) -> HttpResponse:
    """htmx asks for the partial only (``template#partial``); the same URL serves the full page otherwise."""
    name = f"{template}#{partial}" if getattr(request, "htmx", False) else template
    response = render(request, name, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def post_step(
    request: HttpRequest,
    back_to: Any,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], object],
    done: str,
    *,
    page: Callable[[Mapping[str, Any]], HttpResponse] | None = None,
    name: str = "",
) -> HttpResponse:
    """Run one POSTed step of a detail page (a small form posted to its own URL).

    Success goes back to the page (``back_to``: an object with ``get_absolute_url`` or a URL) with
    ``done``. A refused form, or an action that refuses, re-renders the page through ``page`` with the
    bound form as ``name`` and status 422, so nothing the user typed is lost. Without ``page`` the
    messages travel as flash messages and the page is reloaded (only for steps with nothing typed)."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back_to)
    if page is not None:
        response = page({name: form})
        response.status_code = UNPROCESSABLE
        return response
    for texts in form.errors.values():
        for text in texts:
            messages.error(request, str(text))
    return redirect(back_to)


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
