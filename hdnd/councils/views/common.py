"""What the council pages share: a form's POST handed to an action, and the page size of the lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from hdnd.core.shortcuts import add_errors

PAGE_SIZE = 50
GET_POST = require_http_methods(["GET", "POST"])


def submit(
    request: HttpRequest,
    form: Any,
    action: Callable[..., Model],
    target: Model,
    *,
    done: Callable[[Any], str],
    success: str,
) -> HttpResponse | None:
    """On a valid POST, run ``action(target, by=user, **form.changes())`` and redirect to ``done(result)``;
    otherwise None, and the caller renders the form with its errors (the action's on their fields)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = action(target, by=request.user, **form.changes())
    except ValidationError as error:
        add_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(done(obj))
