"""Staff pages for a council's resolutions: the list, one resolution and the steps of its life.

Every object comes through ``get_object_for_user``: 404 outside the user's scope, 403 inside it
without the right. Drafts are shown only to those who may manage the council's resolutions. Writes go
through the actions; the forms only check and clean the input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, REVIEW_RESOLUTIONS, VIEW, can, get_object_for_user
from hdnd.core import uploads
from hdnd.core.shortcuts import post_step, render
from hdnd.councils.models import Council

from . import actions, followup, forms
from .models import Attachment, Resolution, ResolutionTask, Status
from .register import CappedPaginator, Filters, fields_of, filtered

GET_POST = require_http_methods(["GET", "POST"])
PER_PAGE = 20


def add_errors(form: Any, error: ValidationError) -> None:
    """Show an action's validation error on the form: on its field when the form has it."""
    pairs = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, texts in pairs:
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return get_object_for_user(request.user, Council.objects.all(), pk, action, "pk")


def resolution_for(request: HttpRequest, pk: int, action: str) -> Resolution:
    """A resolution in the user's scope; a draft only for those who manage the council's resolutions."""
    queryset = Resolution.objects.select_related("council", "session__term")
    resolution = get_object_for_user(request.user, queryset, pk, action)
    if resolution.status == Status.DRAFT and not can(request.user, resolution.council_id, MANAGE_RESOLUTIONS):
        raise PermissionDenied
    return resolution


def read_filters(request: HttpRequest, public: bool) -> tuple[forms.RegisterFilter, Filters]:
    form = forms.RegisterFilter(request.GET or None, public=public)
    if not form.is_valid():
        return form, Filters()
    data = form.cleaned_data
    return form, Filters(data["q"], data["year"], data["field"], data["kind"], data["status"])


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def page_of(request: HttpRequest, queryset: Any) -> Any:
    return CappedPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@login_required
def resolution_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, VIEW)
    manager = can(request.user, council, MANAGE_RESOLUTIONS)
    form, filters = read_filters(request, public=False)
    queryset = filtered([council.pk], filters, public=False)
    if not manager:
        queryset = queryset.exclude(status=Status.DRAFT)
    context = {
        "council": council,
        "form": form,
        "page": page_of(request, queryset),
        "fields": fields_of([council.pk]),
        "can_manage": manager,
        "has_below": council.children.exists(),
        "query": query_without_page(request),
    }
    return render(request, "resolutions/resolution_list.html", context)


@login_required
@GET_POST
def resolution_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = _council(request, pk, MANAGE_RESOLUTIONS)
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
    resolution = resolution_for(request, pk, VIEW)
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
        "task_form": forms.TaskForm(council=resolution.council),
        "done_form": forms.TaskDoneForm(),
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
    request: HttpRequest,
    resolution: Resolution,
    form: Any,
    run: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run one POSTed step of the resolution page (``core.shortcuts.post_step``)."""
    return post_step(request, resolution, form, run, done)


@login_required
@require_POST
def resolution_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.adopt_resolution(resolution, by=request.user, **data)

    return _post_step(request, resolution, forms.AdoptForm(request.POST), run, "Đã thông qua và cấp số.")


@login_required
@require_POST
def resolution_publish(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        done = actions.publish_resolution(resolution, by=request.user, published_on=data["on"])
        if warning := done.publication_warning():
            messages.warning(request, warning)
        return done

    return _post_step(request, resolution, forms.DateForm(request.POST), run, "Đã công bố nghị quyết.")


@login_required
@require_POST
def resolution_status(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.set_status(resolution, data["status"], by=request.user, on=data["on"])

    return _post_step(request, resolution, forms.StatusForm(request.POST), run, "Đã đổi trạng thái.")


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

    return _post_step(request, resolution, forms.LinkForm(request.POST), run, "Đã ghi liên kết.")


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = resolution_for(request, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return actions.attach_file(resolution, by=request.user, title=data["title"], upload=data["file"])

    form = forms.AttachmentForm(request.POST, request.FILES)
    return _post_step(request, resolution, form, run, "Đã đính kèm tệp.")


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
    return _post_step(request, resolution, form, run, "Đã giao nhiệm vụ.")


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = ResolutionTask.objects.select_related("resolution")
    task = get_object_for_user(request.user, queryset, pk, MANAGE_RESOLUTIONS)

    def run(data: dict[str, Any]) -> object:
        return followup.complete_task(task, by=request.user, **data)

    return _post_step(
        request, task.resolution, forms.TaskDoneForm(request.POST), run, "Đã ghi nhận hoàn thành."
    )
