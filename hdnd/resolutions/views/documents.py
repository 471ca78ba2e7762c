"""A resolution as .docx and PDF (``documents.py``): for staff as the resolution page, and public PDFs.

Staff downloads go through ``permissions.resolution_for``: 404 outside the user's scope, drafts only for
those who manage the council's resolutions (as the resolution page). The public PDF is for published
and later statuses only: anyone, no login; a draft or an adopted, not yet published one is 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from hdnd.accounts.scope import VIEW
from hdnd.core import documents as core
from hdnd.resolutions import documents
from hdnd.resolutions.models import Resolution
from hdnd.resolutions.permissions import resolution_for


@login_required
@require_GET
def resolution_docx(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, VIEW)
    return core.attachment(documents.docx(resolution), documents.filename(resolution, "docx"))


@login_required
@require_GET
def resolution_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, VIEW)
    return core.attachment(documents.pdf(resolution), documents.filename(resolution, "pdf"), core.PDF)


@require_GET
def public_resolution_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF of a published resolution, for anyone (the public register links it)."""
    queryset = Resolution.objects.public().select_related("council__unit", "session__term")
    resolution = get_object_or_404(queryset, pk=pk)
    return core.attachment(documents.pdf(resolution), documents.filename(resolution, "pdf"), core.PDF)
