"""A resolution's files over the JSON API: its .docx and PDF (NĐ 30/2020, ``documents.py``) and its
attachments, scoped like ``views/documents.py`` and the resolution page.

Staff read as the resolution page (VIEW; drafts only for MANAGE_RESOLUTIONS) and attach with
MANAGE_RESOLUTIONS (multipart: ``title`` and ``file``). Without login: the PDF of a published (or later)
resolution and its attachments; anything else is 404, as on the public register.
"""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, VIEW
from hdnd.api.auth import public
from hdnd.core import documents as core
from hdnd.core import uploads
from hdnd.core.schemas import ERRORS, ErrorOut
from hdnd.resolutions import actions, documents
from hdnd.resolutions.api.resolutions import ResolutionAttachmentOut, ResolutionDetailOut
from hdnd.resolutions.models import Attachment, Resolution
from hdnd.resolutions.permissions import resolution_for

router = Router(tags=["Nghị quyết"])


@router.get("/resolutions/{resolution_id}/document.docx", response={200: None, **ERRORS})
def resolution_docx(request: HttpRequest, resolution_id: int) -> HttpResponse:
    """The resolution as .docx: cover, text and signature block, for the office to finish and sign."""
    resolution = resolution_for(request, resolution_id, VIEW)
    return core.attachment(documents.docx(resolution), documents.filename(resolution, "docx"))


@router.get("/resolutions/{resolution_id}/document.pdf", response={200: None, **ERRORS})
def resolution_pdf(request: HttpRequest, resolution_id: int) -> HttpResponse:
    resolution = resolution_for(request, resolution_id, VIEW)
    return core.attachment(documents.pdf(resolution), documents.filename(resolution, "pdf"), core.PDF)


@router.post("/resolutions/{resolution_id}/attachments", response={201: ResolutionAttachmentOut, **ERRORS})
def resolution_attach(
    request: HttpRequest, resolution_id: int, file: File[UploadedFile], title: Form[str] = ""
) -> Status[Any]:
    """Attach a file (phụ lục, the signed text): PDF, Word, Excel, ODF or a JPG/PNG scan, up to 20 MB."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return Status(201, actions.attach_file(resolution, by=request.user, title=title, upload=file))


@router.post("/resolutions/{resolution_id}/text", response={200: ResolutionDetailOut, **ERRORS})
def resolution_text(
    request: HttpRequest,
    resolution_id: int,
    text: Form[str] = "",
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja's marker for an optional upload)
) -> Any:
    """Enter the full text (``text``) and/or its file (``file``: .docx, whose text is read when ``text``
    is empty, or the signed .pdf), multipart; audited as ``resolutions.enter_text``."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return actions.enter_text(resolution, by=request.user, text=text, upload=file)


@router.get("/resolutions/{resolution_id}/text-file", response={200: None, **ERRORS})
def resolution_text_file(request: HttpRequest, resolution_id: int) -> FileResponse:
    """The resolution's own file (.docx or signed .pdf), as its page; 404 when none was uploaded."""
    resolution = resolution_for(request, resolution_id, VIEW)
    return uploads.serve_file(resolution.text_file, "toan-van")


@router.get(
    "/public/resolutions/{resolution_id}/document.pdf", response={200: None, 404: ErrorOut}, auth=None
)
def public_resolution_pdf(request: HttpRequest, resolution_id: int) -> HttpResponse:
    """The PDF of a published resolution, for anyone."""
    queryset = Resolution.objects.public().select_related("council__unit", "session__term")
    resolution = get_object_or_404(queryset, pk=resolution_id)
    return core.attachment(documents.pdf(resolution), documents.filename(resolution, "pdf"), core.PDF)


@router.get("/resolution-attachments/{attachment_id}", response={200: None, **ERRORS}, auth=public)
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """An attachment: anyone's once the resolution is public, otherwise as the resolution (token or login)."""
    attachment = Attachment.objects.select_related("resolution").filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    if not attachment.resolution.is_public:
        if not request.user.is_authenticated:
            raise Http404
        resolution_for(request, attachment.resolution_id, VIEW)
    return uploads.serve_file(attachment.file, "tep")
