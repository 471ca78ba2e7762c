"""Who may read the API's interactive docs and its OpenAPI document."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def docs_access[V: Callable[..., HttpResponse]](view: V) -> V:
    """Public where ``API_DOCS_PUBLIC`` (embedded mode), else for signed-in users (production)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if settings.API_DOCS_PUBLIC or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        return redirect_to_login(request.get_full_path())

    return cast(V, guarded)
