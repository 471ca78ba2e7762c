"""A letter's attachments: attach one on the letter's page, download one (a sealed one only for the case's
named handlers, each opening audited; never a public /media/ URL)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from hdnd.accounts.scope import MANAGE_RECEPTION
from hdnd.core.shortcuts import post_step
from hdnd.reception import attachments, forms
from hdnd.reception.models import LetterAttachment
from hdnd.reception.permissions import letter_for, letter_to_read

from .letters import letter_page


@login_required
@require_POST
def letter_attach(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = forms.AttachmentForm(request.POST, request.FILES)
    return post_step(
        request,
        letter,
        form,
        lambda data: attachments.attach_file(
            letter, by=request.user, title=data["title"], upload=data["file"]
        ),
        "Đã đính kèm tài liệu.",
        page=lambda extra: letter_page(request, letter, extra),
        name="attach_form",
    )


def attachment_response(request: HttpRequest, pk: int) -> FileResponse:
    """The attachment for whoever may read its letter; a sealed one opened for a named handler only."""
    found = get_object_or_404(LetterAttachment.objects.only("letter_id"), pk=pk)
    letter = letter_to_read(request, found.letter_id)
    attachment = LetterAttachment.objects.select_related("letter__council").get(pk=pk)
    attachment.letter = letter
    try:
        data = attachments.open_attachment(attachment, by=request.user)
    except OSError:
        raise Http404 from None
    name = f"{letter.code}-tai-lieu-{attachment.pk}{attachment.suffix}"
    response = FileResponse(iter([data]), as_attachment=True, filename=name)
    if attachment.sealed:
        add_never_cache_headers(response)
    return response


@login_required
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    return attachment_response(request, pk)
