"""What the reception pages share: the reporting window from the query string, document downloads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from hdnd.core import documents as core_documents
from hdnd.core.documents import PDF, AdminDocument
from hdnd.reception.stats import Window


def window_from(request: HttpRequest) -> tuple[Window, str]:
    """The window of ``?ky=`` (the current quarter when absent); a bad code falls back with its message."""
    today = timezone.localdate()
    code = request.GET.get("ky", "")
    if not code:
        return Window.current_quarter(today), ""
    try:
        return Window.parse(code), ""
    except ValidationError as error:
        return Window.current_quarter(today), error.messages[0]


def document_response(document: AdminDocument, name: str, fmt: str) -> HttpResponse:
    """A .docx or PDF download of ``document`` named ``name``."""
    if fmt == "pdf":
        return core_documents.attachment(core_documents.build_pdf(document), f"{name}.pdf", PDF)
    return core_documents.attachment(core_documents.build(document), f"{name}.docx")
