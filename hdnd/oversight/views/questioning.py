"""Pages of questioning and explanation: question slips, questioning topics (with the guidance's
criteria), explanation sessions at standing-committee meetings, and the commitments made there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hdnd.accounts.scope import MANAGE_OVERSIGHT, VIEW_WORK
from hdnd.core.audit import history_for
from hdnd.core.paging import CappedPaginator
from hdnd.core.shortcuts import add_errors, render, render_page_or_partial
from hdnd.oversight import actions, forms
from hdnd.oversight.chain import chain_url
from hdnd.oversight.models import CRITERIA, ExplanationSession, QuestioningTopic, QuestionSlip
from hdnd.oversight.permissions import council_for, explanation_for, rights, slip_for, topic_for
from hdnd.oversight.views.common import PAGE_SIZE, Step, bound, serve_step, unbound_forms


def _commitment_step() -> Step:
    return Step(
        lambda o, r: forms.CommitmentForm(**bound(r), council=o.council),
        lambda o, by, d: actions.add_commitment(o, by=by, on=timezone.localdate(), **d),
        "Đã ghi cam kết.",
    )


TOPIC_STEPS: dict[str, Step] = {
    "lua-chon": Step(
        lambda t, r: forms.SelectForm(**bound(r)),
        lambda t, by, d: actions.select_topic(t, by=by, selected=d["accept"]),
        "Đã ghi quyết định lựa chọn.",
    ),
    "chat-van": Step(
        lambda t, r: forms.QuestioningForm(**bound(r)),
        lambda t, by, d: actions.record_questioning(
            t, by=by, on=d["on"], answers=d["answers"], satisfaction=d["satisfaction"]
        ),
        "Đã ghi kết quả chất vấn.",
    ),
    "ket-luan": Step(
        lambda t, r: forms.TopicConcludeForm(**bound(r)),
        lambda t, by, d: actions.conclude_topic(t, by=by, **d),
        "Đã ghi kết luận chất vấn.",
    ),
    "cam-ket": _commitment_step(),
}
EXPLANATION_STEPS: dict[str, Step] = {
    "da-giai-trinh": Step(
        lambda e, r: forms.ExplanationHeldForm(**bound(r)),
        lambda e, by, d: actions.record_explanation(e, by=by, **d),
        "Đã ghi kết quả phiên giải trình.",
    ),
    "ket-luan": Step(
        lambda e, r: forms.ExplanationConcludeForm(**bound(r)),
        lambda e, by, d: actions.conclude_explanation(e, by=by, **d),
        "Đã ban hành thông báo kết luận phiên giải trình.",
    ),
    "cam-ket": _commitment_step(),
}
SLIP_STEPS: dict[str, Step] = {
    "tra-loi": Step(
        lambda s, r: forms.SlipAnswerForm(**bound(r)),
        lambda s, by, d: actions.answer_slip(s, by=by, **d),
        "Đã ghi trả lời chất vấn.",
    ),
}


def _list(
    request: HttpRequest, pk: int, model: type[Any], related: tuple[str, ...], template: str
) -> HttpResponse:
    council = council_for(request, pk, VIEW_WORK)
    rows = model.objects.filter(council=council).select_related(*related)
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "page": page, **rights(request, council)}
    return render_page_or_partial(request, template, "rows", context)


@login_required
def topic_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list(
        request,
        pk,
        QuestioningTopic,
        ("session__term", "session__council", "standing_meeting__council"),
        "oversight/topic_list.html",
    )


@login_required
def slip_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list(request, pk, QuestionSlip, ("delegate", "agency", "topic"), "oversight/slip_list.html")


@login_required
def explanation_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list(
        request,
        pk,
        ExplanationSession,
        ("agency", "standing_meeting__council"),
        "oversight/explanation_list.html",
    )


def _create(
    request: HttpRequest, pk: int, form_class: type[Any], run: Any, template: str, initial: dict[str, Any]
) -> HttpResponse:
    council = council_for(request, pk, MANAGE_OVERSIGHT)
    form = form_class(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = run(council, request.user, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(made)
    return render(request, template, {"council": council, "form": form})


def _issues(request: HttpRequest) -> dict[str, Any]:
    return {
        "issues": request.GET.getlist("issues"),
        "findings": request.GET.getlist("findings"),
        "title": request.GET.get("title", ""),
    }


@login_required
@require_http_methods(["GET", "POST"])
def topic_add(request: HttpRequest, pk: int) -> HttpResponse:
    def run(council: Any, by: Any, data: dict[str, Any]) -> QuestioningTopic:
        criteria = {field: data.pop(field) for field, _ in CRITERIA}
        return actions.create_topic(council, by=by, criteria=criteria, **data)

    return _create(request, pk, forms.TopicForm, run, "oversight/topic_form.html", _issues(request))


@login_required
@require_http_methods(["GET", "POST"])
def slip_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(
        request,
        pk,
        forms.SlipForm,
        lambda c, by, d: actions.submit_slip(c, by=by, **d),
        "oversight/slip_form.html",
        _issues(request),
    )


@login_required
@require_http_methods(["GET", "POST"])
def explanation_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _create(
        request,
        pk,
        forms.ExplanationForm,
        lambda c, by, d: actions.plan_explanation(c, by=by, **d),
        "oversight/explanation_form.html",
        _issues(request),
    )


def _topic_page(request: HttpRequest, topic: QuestioningTopic, extra: Mapping[str, Any]) -> HttpResponse:
    context = {
        "council": topic.council,
        "topic": topic,
        "slips": topic.slips.select_related("delegate", "agency"),
        "commitments": topic.commitments.select_related("agency"),
        "issues": topic.issues.all(),
        "findings": topic.findings.select_related("supervision"),
        "recommendations": topic.recommendations.select_related("agency"),
        "agencies": topic.agencies.all(),
        "history": history_for(topic),
        "chain_url": chain_url(topic),
        **rights(request, topic.council),
    }
    return render(
        request, "oversight/topic_detail.html", unbound_forms(TOPIC_STEPS, topic, {**context, **extra})
    )


def _explanation_page(
    request: HttpRequest, session: ExplanationSession, extra: Mapping[str, Any]
) -> HttpResponse:
    context = {
        "council": session.council,
        "session": session,
        "commitments": session.commitments.select_related("agency"),
        "issues": session.issues.all(),
        "findings": session.findings.select_related("supervision"),
        "recommendations": session.recommendations.select_related("agency"),
        "history": history_for(session),
        "chain_url": chain_url(session),
        **rights(request, session.council),
    }
    return render(
        request,
        "oversight/explanation_detail.html",
        unbound_forms(EXPLANATION_STEPS, session, {**context, **extra}),
    )


def _slip_page(request: HttpRequest, slip: QuestionSlip, extra: Mapping[str, Any]) -> HttpResponse:
    context = {
        "council": slip.council,
        "slip": slip,
        "issues": slip.issues.all(),
        "history": history_for(slip),
        "chain_url": chain_url(slip),
        **rights(request, slip.council),
    }
    return render(
        request, "oversight/slip_detail.html", unbound_forms(SLIP_STEPS, slip, {**context, **extra})
    )


@login_required
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _topic_page(request, topic_for(request, pk, VIEW_WORK), {})


@login_required
@require_http_methods(["GET", "POST"])
def topic_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    topic = topic_for(request, pk, MANAGE_OVERSIGHT)
    return serve_step(request, topic, TOPIC_STEPS, step, lambda extra: _topic_page(request, topic, extra))


@login_required
def explanation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _explanation_page(request, explanation_for(request, pk, VIEW_WORK), {})


@login_required
@require_http_methods(["GET", "POST"])
def explanation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    session = explanation_for(request, pk, MANAGE_OVERSIGHT)
    return serve_step(
        request, session, EXPLANATION_STEPS, step, lambda extra: _explanation_page(request, session, extra)
    )


@login_required
def slip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _slip_page(request, slip_for(request, pk, VIEW_WORK), {})


@login_required
@require_http_methods(["GET", "POST"])
def slip_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    slip = slip_for(request, pk, MANAGE_OVERSIGHT)
    return serve_step(request, slip, SLIP_STEPS, step, lambda extra: _slip_page(request, slip, extra))
