"""Letters (đơn thư): the register, intake, one letter and its steps, its documents, the sealed identity.

A denunciation's identity is only ever typed into the intake form in sealed mode, and only ever shown
on the reveal page to a named handler; both views keep it out of error reports
(``sensitive_post_parameters``, ``sensitive_variables``) and the reveal page out of caches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_RECEPTION, VIEW, can
from hdnd.core.audit import history_for
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, post_step, render, run_step
from hdnd.core.text import fold
from hdnd.reception import actions, attachments, documents, forms, identity, sealing
from hdnd.reception.matching import similar_letters
from hdnd.reception.models import LETTER_TRANSITIONS, OPEN_STATUSES, Letter
from hdnd.reception.permissions import council_for, letter_for, letter_to_read, readable_letters

from .common import document_response

GET_POST = require_http_methods(["GET", "POST"])
PAGE_SIZE = 50
IDENTITY_FIELDS = ("identity_name", "identity_address", "identity_contact")


@login_required
def letter_list(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, VIEW)
    filters = forms.LetterFilterForm(request.GET or None)
    rows = readable_letters(request, council).select_related("agency", "locality")
    if filters.is_valid():
        data = filters.cleaned_data
        for word in fold(data.get("q") or "").split()[:8]:
            rows = (
                rows.filter(content_key__contains=word) if len(word) > 2 else rows.filter(code__iexact=word)
            )
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        if data.get("kind"):
            rows = rows.filter(kind=data["kind"])
        if data.get("overdue"):
            rows = rows.overdue(timezone.localdate())
    page = CappedPaginator(rows.order_by("-received_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "council": council,
        "filters": filters,
        "page": page,
        "today": timezone.localdate(),
        "can_manage": can(request.user, council, MANAGE_RECEPTION),
    }
    return render(request, "reception/letter_list.html", context)


@sensitive_post_parameters(*IDENTITY_FIELDS)
@sensitive_variables("sealed")
@login_required
@GET_POST
def letter_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_RECEPTION)
    form = forms.LetterForm(request.POST or None, request.FILES or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sealed = identity.Identity(*(data.pop(name, "") for name in IDENTITY_FIELDS))
        upload = data.pop("attachment", None)
        try:
            with transaction.atomic():  # a refused attachment leaves no letter behind
                letter = actions.receive_letter(
                    council, by=request.user, incoming=actions.Incoming(**data), identity=sealed
                )
                if upload is not None:
                    attachments.attach_file(letter, by=request.user, title="", upload=upload)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Đã vào sổ đơn thư, mã số {letter.code}.")
            return redirect(letter)
    context = {
        "council": council,
        "form": form,
        "title": "Tiếp nhận đơn thư",
        "sealed_mode": sealing.enabled(),
    }
    return render(request, "reception/letter_form.html", context)


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return letter_page(request, letter_to_read(request, pk))


def letter_page(request: HttpRequest, letter: Letter, extra: Mapping[str, Any] | None = None) -> HttpResponse:
    council = letter.council
    awaiting = letter.status == Letter.Status.AWAITING
    similar = similar_letters(letter) if awaiting else []
    context = {
        "council": council,
        "letter": letter,
        "next": LETTER_TRANSITIONS[letter.status],
        "S": Letter.Status,
        "is_open": letter.status in OPEN_STATUSES,
        "today": timezone.localdate(),
        "similar": similar,
        "handlers": letter.handlers.all(),
        "sealed_mode": sealing.enabled(),
        "has_sealed": sealing.enabled() and hasattr(letter, "sealed_identity"),
        "can_reveal": identity.can_reveal(letter, request.user),
        "history": history_for(letter),
        "can_manage": can(request.user, council, MANAGE_RECEPTION),
        "attachments": letter.attachments.all(),
        "attach_form": forms.AttachmentForm(),
        "classify_form": forms.ClassifyForm(letter=letter, similar=[other for other, _ in similar]),
        "forward_form": forms.ForwardForm(council=council),
        "answer_form": forms.AnswerForm(initial={"answered_on": timezone.localdate()}),
        "guide_form": forms.GuideForm(),
        "keep_form": forms.ReasonForm(),
        "handlers_form": forms.HandlersForm(council=council, initial={"handlers": letter.handlers.all()}),
        "petition_form": forms.CycleForm(council=council),
        **(extra or {}),
    }
    return render(request, "reception/letter_detail.html", context)


def _step(
    request: HttpRequest,
    pk: int,
    form_class: Callable[..., Any],
    name: str,
    run: Callable[..., object],
    done: str,
) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = form_class(request.POST)
    page = lambda extra: letter_page(request, letter, extra)  # noqa: E731
    return post_step(request, letter, form, lambda data: run(letter, data), done, page=page, name=name)


@login_required
@require_POST
def letter_submit(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    run = lambda: actions.submit_letter(letter, by=request.user)  # noqa: E731
    return run_step(request, letter, run, "Đã chuyển đơn sang phân loại.")


@login_required
@require_POST
def letter_classify(request: HttpRequest, pk: int) -> HttpResponse:
    def run(letter: Letter, data: dict[str, Any]) -> object:
        return actions.classify_letter(letter, by=request.user, **data)

    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = forms.ClassifyForm(request.POST, letter=letter)
    page = lambda extra: letter_page(request, letter, extra)  # noqa: E731
    return post_step(
        request,
        letter,
        form,
        lambda data: run(letter, data),
        "Đã phân loại đơn.",
        page=page,
        name="classify_form",
    )


@login_required
@require_POST
def letter_forward(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = forms.ForwardForm(request.POST, council=letter.council)
    page = lambda extra: letter_page(request, letter, extra)  # noqa: E731
    run = lambda data: actions.forward_letter(letter, by=request.user, **data)  # noqa: E731
    return post_step(
        request, letter, form, run, "Đã chuyển đơn, lập phiếu chuyển.", page=page, name="forward_form"
    )


@login_required
@require_POST
def letter_answer(request: HttpRequest, pk: int) -> HttpResponse:
    run = lambda letter, data: actions.answer_letter(letter, by=request.user, **data)  # noqa: E731
    return _step(request, pk, forms.AnswerForm, "answer_form", run, "Đã ghi kết quả trả lời.")


@login_required
@require_POST
def letter_guide(request: HttpRequest, pk: int) -> HttpResponse:
    run = lambda letter, data: actions.guide_letter(letter, by=request.user, **data)  # noqa: E731
    return _step(request, pk, forms.GuideForm, "guide_form", run, "Đã lập văn bản hướng dẫn.")


@login_required
@require_POST
def letter_keep(request: HttpRequest, pk: int) -> HttpResponse:
    run = lambda letter, data: actions.keep_letter(letter, by=request.user, reason=data["reason"])  # noqa: E731
    return _step(request, pk, forms.ReasonForm, "keep_form", run, "Đã lưu đơn theo dõi.")


@login_required
@require_POST
def letter_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    run = lambda: actions.reopen_letter(letter, by=request.user)  # noqa: E731
    return run_step(request, letter, run, "Đã mở lại đơn để phân loại.")


@login_required
@require_POST
def letter_handlers(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = forms.HandlersForm(request.POST, council=letter.council)
    page = lambda extra: letter_page(request, letter, extra)  # noqa: E731
    run = lambda data: actions.name_handlers(letter, by=request.user, users=list(data["handlers"]))  # noqa: E731
    return post_step(request, letter, form, run, "Đã giao người xử lý.", page=page, name="handlers_form")


@login_required
@require_POST
def letter_petition(request: HttpRequest, pk: int) -> HttpResponse:
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    form = forms.CycleForm(request.POST, council=letter.council)
    page = lambda extra: letter_page(request, letter, extra)  # noqa: E731
    run = lambda data: actions.carry_petition(letter, by=request.user, cycle=data["cycle"])  # noqa: E731
    return post_step(
        request, letter, form, run, "Đã ghi thành kiến nghị cử tri.", page=page, name="petition_form"
    )


@sensitive_variables("revealed")
@login_required
@require_POST
def letter_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the sealed identity for a named handler: audited, never cached, never logged."""
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    try:
        revealed = identity.reveal_identity(letter, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(letter)
    except PermissionDenied:
        raise
    response = render(
        request,
        "reception/letter_reveal.html",
        {"council": letter.council, "letter": letter, "revealed": revealed},
    )
    add_never_cache_headers(response)
    return response


@login_required
def letter_document(request: HttpRequest, pk: int, which: str, fmt: str) -> HttpResponse:
    """The letter's forwarding slip, guidance letter or (a denunciation's) redacted copy, .docx or PDF."""
    letter = letter_for(request, pk, MANAGE_RECEPTION)
    if which == "phieu-chuyen" and letter.slip_number:
        document, name = (
            documents.forwarding_slip(letter),
            f"Phiếu chuyển đơn {letter.slip_number}-{letter.slip_year}",
        )
    elif which == "huong-dan" and letter.guidance_number:
        document, name = documents.guidance_letter(letter), f"Hướng dẫn đơn {letter.code}"
    elif which == "ban-trich" and letter.is_denunciation:
        document, name = documents.redacted_copy(letter), f"Bản trích đơn {letter.code}"
    else:
        raise Http404
    return document_response(document, name, fmt)
