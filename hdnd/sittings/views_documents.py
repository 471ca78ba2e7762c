"""A session's documents (``documents.py``) as .docx and PDF, for whoever may see the session's council.

Through ``get_object_for_user`` with VIEW: 404 outside the user's scope; every role of the council (and
the supervising roles of the councils above) may download them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hdnd.accounts.scope import VIEW, get_object_for_user
from hdnd.core import documents as core

from . import documents
from .models import Session


def _download(request: HttpRequest, pk: int, which: str, extension: str) -> HttpResponse:
    queryset = Session.objects.select_related("council__unit", "council__parent__unit", "term")
    session = get_object_for_user(request.user, queryset, pk, VIEW)
    document = documents.BUILDERS[which](session)
    name = documents.filename(session, which, extension)
    if extension == "pdf":
        return core.attachment(core.build_pdf(document), name, core.PDF)
    return core.attachment(core.build(document), name)


def _view(which: str, extension: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_GET
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return _download(request, pk, which, extension)

    view.__name__ = f"{which.replace('-', '_')}_{extension}"
    return view


convening_docx = _view("trieu-tap", "docx")
convening_pdf = _view("trieu-tap", "pdf")
notice_docx = _view("thong-bao", "docx")
notice_pdf = _view("thong-bao", "pdf")
