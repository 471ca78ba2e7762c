"""What the oversight pages share: steps as a table (form, action, message), one view per object that
looks its step up (GET: the step's form; POST: run it), and the page size of the lists."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse

from hdnd.core.shortcuts import post_step, render

PAGE_SIZE = 50


@dataclass(frozen=True)
class Step:
    """One POSTed step of a detail page: its form, the action it runs, what the user is told."""

    form: Callable[[Any, HttpRequest | None], forms.BaseForm]
    run: Callable[[Any, Any, dict[str, Any]], object]
    done: str


def unbound_forms(steps: Mapping[str, Step], obj: Any, extra: Mapping[str, Any]) -> dict[str, Any]:
    """Every step's form for the page (``<slug>_form``), the refused one bound from ``extra``."""
    context = {f"{slug.replace('-', '_')}_form": step.form(obj, None) for slug, step in steps.items()}
    context.update(extra)
    return context


def serve_step(
    request: HttpRequest,
    obj: Any,
    steps: Mapping[str, Step],
    slug: str,
    page: Callable[[Mapping[str, Any]], HttpResponse],
) -> HttpResponse:
    """Look the step up (404 for an unknown one). A GET is a folded step opened on the page
    (``oversight/_step.html``): its empty form's fields for htmx, else the page with that step unfolded.
    A POST runs it through ``post_step``: success back to the page with the message, a refusal
    re-rendered with the bound form and status 422. The caller checked the right to take the step."""
    step = steps.get(slug)
    if step is None:
        raise Http404
    if request.method == "GET":
        if getattr(request, "htmx", False):
            return render(request, "core/_form_fields.html", {"form": step.form(obj, None)})
        return page({})
    form = step.form(obj, request)
    return post_step(
        request,
        obj,
        form,
        lambda data: step.run(obj, request.user, data),
        step.done,
        page=page,
        name=f"{slug.replace('-', '_')}_form",
    )


def bound(request: HttpRequest | None) -> dict[str, Any]:
    """The form arguments for a POST (data and files) or none for the page's empty form."""
    if request is None:
        return {}
    return {"data": request.POST, "files": request.FILES}
