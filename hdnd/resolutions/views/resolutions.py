"""Staff pages for a council's resolutions: the list, one resolution and the steps of its life.

Every object comes through ``permissions``: 404 outside the user's scope, 403 inside it without the
right. Drafts are shown only to those who may manage the council's resolutions. Writes go through the
actions; the forms only check and clean the input. A refused step re-renders the resolution page (422)
with the form as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, READ_SESSION_DRAFTS, REVIEW_RESOLUTIONS, VIEW, can
from hdnd.core import uploads
from hdnd.core.shortcuts import add_errors, post_step, render
from hdnd.resolutions import actions, followup, forms
from hdnd.resolutions.models import Attachment, Resolution, Status
from hdnd.resolutions.permissions import SENT_TO_DELEGATES, council_for, resolution_for, resolution_task_for
from hdnd.resolutions.register import fields_of, filtered, page_of, read_filters

GET_POST = require_http_methods(["GET", "POST"])


@login_required
def resolution_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    manager = can(request.user, council, MANAGE_RESOLUTIONS)
    form, filters = read_filters(request, public=False)
    queryset = filtered([council.pk], filters, public=False)
    if not manager:
        # Delegates also see the drafts before a convened or open session (what they have received).
        received = Q(agenda_item__session__status__in=SENT_TO_DELEGATES)
        if not can(request.user, council, READ_SESSION_DRAFTS):
            received = Q(pk__in=[])
        queryset = queryset.exclude(Q(status=Status.DRAFT) & ~received)
    context = {
        "council": council,
        "form": form,
        "page": page_of(request, queryset),
        "fields": fields_of([council.pk]),
        "can_manage": manager,
        "has_below": council.children.exists(),
    }
    return render(request, "resolutions/resolution_list.html", context)


@login_required
@GET_POST
def resolution_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_RESOLUTIONS)
    form = forms.ResolutionForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        try:
            resolution = actions.draft_resolution(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã tạo dự thảo nghị quyết.")
            return redirect(resolution)
    return render(request, "resolutions/resolution_form.html", {"council": council, "form": form})


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, resolution_for(request, pk, VIEW))


def detail_page(
    request: HttpRequest, resolution: Resolution, extra: Mapping[str, Any] | None = None
) -> HttpResponse:
    """The resolution page; a refused step (``post_step``) passes its bound form in ``extra``."""
    manager = can(request.user, resolution.council_id, MANAGE_RESOLUTIONS)
    context = {
        "council": resolution.council,
        "resolution": resolution,
        "can_manage": manager,
        "can_review": can(request.user, resolution.council_id, REVIEW_RESOLUTIONS)
        and resolution.status != Status.DRAFT,
        "warning": resolution.publication_warning(),
        "deadline": resolution.publication_deadline(),
        "links_out": resolution.links_out.select_related("target"),
        "links_in": resolution.links_in.select_related("source"),
        "tasks": resolution.tasks.select_related("agency"),
        "reviews": resolution.reviews.all(),
        "attachments": resolution.attachments.all(),
        "adopt_form": forms.AdoptForm(),
        "date_form": forms.DateForm(),
        "status_form": forms.StatusForm(),
        "link_form": forms.LinkForm(),
        "attachment_form": forms.AttachmentForm(),
        "text_form": forms.TextEntryForm(initial={"text": resolution.text}),
        "task_form": forms.TaskForm(council=resolution.council),
        "done_form": forms.TaskDoneForm(),
        **(extra or {}),
    }
    return render(request, "resolutions/resolution_detail.html", context)


@login_required
@GET_POST
def resolution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)
    initial = {
        name: getattr(resolution, name)
        for name in ("title", "kind", "field", "session", "signer_name", "text")
    }
    form = forms.ResolutionForm(request.POST or None, initial=initial, council=resolution.council)
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_resolution(resolution, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu.")
            return redirect(resolution)
    context = {"council": resolution.council, "resolution": resolution, "form": form}
    return render(request, "resolutions/resolution_form.html", context)


def _post_step(
    request: HttpRequest, resolution: Resolution, form: Any, run: Any, done: str, name: str
) -> HttpResponse:
    """Run one POSTed step of the resolution page; refused, the page again (422) with ``form`` as ``name``."""
    page = lambda extra: detail_page(request, resolution, extra)  # noqa: E731
    return post_step(request, resolution, form, run, done, page=page, name=name)


@login_required
@require_POST
def resolution_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.adopt_resolution(resolution, by=request.user, **data)

    return _post_step(
        request, resolution, forms.AdoptForm(request.POST), run, "Đã thông qua và cấp số.", "adopt_form"
    )


@login_required
@require_POST
def resolution_publish(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        done = actions.publish_resolution(resolution, by=request.user, published_on=data["on"])
        if warning := done.publication_warning():
            messages.warning(request, warning)
        return done

    return _post_step(
        request, resolution, forms.DateForm(request.POST), run, "Đã công bố nghị quyết.", "date_form"
    )


@login_required
@require_POST
def resolution_status(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.set_status(resolution, data["status"], by=request.user, on=data["on"])

    return _post_step(
        request, resolution, forms.StatusForm(request.POST), run, "Đã đổi trạng thái.", "status_form"
    )


@login_required
@require_POST
def resolution_link(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        symbol = data["target"].strip()
        target = (
            Resolution.objects.filter(symbol__iexact=symbol)
            .filter(
                council_id__in=[
                    resolution.council_id,
                    *resolution.council.children.values_list("pk", flat=True),
                ]
            )
            .first()
        )
        if target is None:
            raise ValidationError(f"Không tìm thấy nghị quyết số {symbol} của HĐND này hoặc cấp dưới.")
        return actions.link_resolutions(resolution, target, data["kind"], by=request.user)

    return _post_step(request, resolution, forms.LinkForm(request.POST), run, "Đã ghi liên kết.", "link_form")


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.attach_file(resolution, by=request.user, title=data["title"], upload=data["file"])

    form = forms.AttachmentForm(request.POST, request.FILES)
    return _post_step(request, resolution, form, run, "Đã đính kèm tệp.", "attachment_form")


@login_required
@require_POST
def resolution_text(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the full text and/or upload its file (.docx, or the signed .pdf)."""
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.enter_text(resolution, by=request.user, text=data["text"], upload=data["file"])

    form = forms.TextEntryForm(request.POST, request.FILES)
    return _post_step(request, resolution, form, run, "Đã lưu toàn văn nghị quyết.", "text_form")


def text_file_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The resolution's own file (.docx or signed .pdf): anyone's once it is public, else as its page."""
    resolution = Resolution.objects.filter(pk=pk).first()
    if resolution is None:
        raise Http404
    if not resolution.is_public:
        if not request.user.is_authenticated:
            raise Http404
        resolution = resolution_for(request, pk, VIEW)
    return uploads.serve_file(resolution.text_file, "toan-van")


def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A resolution's file: anyone's once the resolution is public, otherwise as the resolution page."""
    attachment = Attachment.objects.select_related("resolution").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    if not attachment.resolution.is_public:
        if not request.user.is_authenticated:
            raise Http404
        resolution_for(request, attachment.resolution_id, VIEW)
    return uploads.serve_file(attachment.file, "tep")


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return followup.add_task(resolution, by=request.user, **data)

    form = forms.TaskForm(request.POST, council=resolution.council)
    return _post_step(request, resolution, form, run, "Đã giao nhiệm vụ.", "task_form")


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = resolution_task_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return followup.complete_task(task, by=request.user, **data)

    form = forms.TaskDoneForm(request.POST)
    page = lambda extra: detail_page(request, task.resolution, {**extra, "step_item": task.pk})  # noqa: E731
    done = "Đã ghi nhận hoàn thành."
    return post_step(request, task.resolution, form, run, done, page=page, name="done_bound")
