"""The council's oversight page (where every supervision stands, what is late, the implementation
rate), its programmes and plans, and the topics suggested from voters' petitions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hdnd.accounts.scope import MANAGE_OVERSIGHT, VIEW_WORK
from hdnd.core.audit import history_for
from hdnd.core.shortcuts import add_errors, render
from hdnd.oversight import actions, forms, rates, suggestions
from hdnd.oversight.models import (
    Commitment,
    ExplanationSession,
    ProgrammeProposal,
    QuestioningTopic,
    Supervision,
    SupervisionProgramme,
)
from hdnd.oversight.permissions import council_for, programme_for, rights
from hdnd.oversight.views.common import Step, bound, serve_step, unbound_forms


@login_required
def oversight_home(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the council's oversight stands today: a fixed number of queries whatever the data."""
    council = council_for(request, pk, VIEW_WORK)
    today = timezone.localdate()
    active = (
        Supervision.objects.filter(council=council)
        .active()
        .select_related("body", "person")
        .annotate(
            late_reports=Count(
                "targets",
                filter=Q(targets__report_received_on__isnull=True, targets__report_due_on__lt=today),
            )
        )
        .order_by("-created_at")[:20]
    )
    context = {
        "council": council,
        "today": today,
        "programmes": SupervisionProgramme.objects.filter(
            council=council, year__gte=today.year - 1
        ).select_related("body"),
        "active": active,
        "rate": rates.implementation(council.pk, today),
        "commitments": rates.commitments(council.pk, today),
        "topics": QuestioningTopic.objects.filter(council=council).exclude(status="declined")[:10],
        "explanations": ExplanationSession.objects.filter(council=council).select_related("agency")[:10],
        "open_commitments": Commitment.objects.filter(council=council).open().select_related("agency")[:10],
        "suggestion_count": suggestions.candidates(council.pk)[: suggestions.LIMIT].count(),
        **rights(request, council),
    }
    return render(request, "oversight/home.html", context)


@login_required
def suggestion_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Issues of voters' petitions suggested as supervision or questioning topics, with the evidence."""
    council = council_for(request, pk, VIEW_WORK)
    year = timezone.localdate().year
    programme = SupervisionProgramme.objects.filter(council=council, year=year, body__isnull=True).first()
    context = {
        "council": council,
        "suggestions": suggestions.suggest(council.pk),
        "programme": programme,
        **rights(request, council),
    }
    return render(request, "oversight/suggestion_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_OVERSIGHT)
    initial = {"year": timezone.localdate().year}
    form = forms.ProgrammeForm(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            programme = actions.create_programme(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(programme)
    return render(request, "oversight/programme_form.html", {"council": council, "form": form})


def _decide(programme: SupervisionProgramme, by: Any, data: dict[str, Any]) -> ProgrammeProposal:
    proposal = programme.proposals.filter(pk=data["proposal"]).first()
    if proposal is None:
        raise ValidationError({"proposal": "Không tìm thấy đề xuất trong chương trình này."})
    return actions.decide_proposal(proposal, by=by, accept=data["accept"])


PROGRAMME_STEPS: dict[str, Step] = {
    "thong-qua": Step(
        lambda p, r: forms.AdoptForm(**bound(r), council=p.council),
        lambda p, by, d: actions.adopt_programme(p, by=by, on=d["on"], resolution=d["resolution"]),
        "Đã ghi chương trình được thông qua.",
    ),
    "de-xuat": Step(
        lambda p, r: forms.ProposalForm(**bound(r), council=p.council),
        lambda p, by, d: actions.add_proposal(p, by=by, **d),
        "Đã ghi đề xuất.",
    ),
    "quyet-dinh": Step(lambda p, r: forms.DecisionForm(**bound(r)), _decide, "Đã ghi quyết định về đề xuất."),
}


def _programme_page(
    request: HttpRequest, programme: SupervisionProgramme, extra: Mapping[str, Any]
) -> HttpResponse:
    context = {
        "council": programme.council,
        "programme": programme,
        "proposals": programme.proposals.select_related("body", "person").prefetch_related("issues"),
        "supervisions": programme.supervisions.select_related("body", "person"),
        "history": history_for(programme),
        **rights(request, programme.council),
    }
    return render(
        request,
        "oversight/programme_detail.html",
        unbound_forms(PROGRAMME_STEPS, programme, {**context, **extra}),
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, programme_for(request, pk, VIEW_WORK), {})


@login_required
@require_http_methods(["GET", "POST"])
def programme_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    programme = programme_for(request, pk, MANAGE_OVERSIGHT)
    return serve_step(
        request, programme, PROGRAMME_STEPS, step, lambda extra: _programme_page(request, programme, extra)
    )
