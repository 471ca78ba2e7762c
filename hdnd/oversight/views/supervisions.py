"""Pages of supervisions: the list, a new one, and the status page with every step of the workflow.

The status page shows where the supervision stands (the steps of ``STEPS``), what is late, the team,
the supervised bodies and their reports, fieldwork, findings, recommendations and the documents. Each
step posts to ``supervision_step`` (the ``STEPS_TABLE`` below) and calls one action.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce
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
from hdnd.oversight.models import STEPS, TRANSITIONS, SupervisedAgency, Supervision
from hdnd.oversight.permissions import council_for, rights, supervision_for

from .common import PAGE_SIZE, Step, bound, serve_step, unbound_forms


def _council_form(cls: type[Any], **extra: Any) -> Any:
    return lambda obj, request: cls(**bound(request), council=obj.council, **extra)


STEPS_TABLE: dict[str, Step] = {
    "doan": Step(
        _council_form(forms.TeamForm),
        lambda s, by, d: actions.establish_team(
            s, by=by, on=d["on"], members=forms.member_lines(d), number=d["number"]
        ),
        "Đã ban hành quyết định thành lập đoàn giám sát.",
    ),
    "ke-hoach": Step(
        _council_form(forms.PlanForm),
        lambda s, by, d: actions.send_plan(
            s, by=by, on=d["on"], agencies=d["agencies"], report_due_on=d["report_due_on"]
        ),
        "Đã gửi kế hoạch, đề cương báo cáo đến cơ quan chịu giám sát.",
    ),
    "bao-cao": Step(
        lambda s, r: forms.SelfReportForm(**bound(r), supervision=s),
        lambda s, by, d: actions.receive_self_report(d["target"], by=by, on=d["on"], upload=d["file"]),
        "Đã ghi nhận báo cáo của cơ quan chịu giám sát.",
    ),
    "yeu-cau-bo-sung": Step(
        lambda s, r: forms.TargetForm(**bound(r), supervision=s),
        lambda s, by, d: actions.request_supplement(d["target"], by=by, on=d["on"]),
        "Đã ghi yêu cầu bổ sung tài liệu.",
    ),
    "nhan-bo-sung": Step(
        lambda s, r: forms.TargetForm(**bound(r), supervision=s),
        lambda s, by, d: actions.receive_supplement(d["target"], by=by, on=d["on"]),
        "Đã ghi nhận tài liệu bổ sung.",
    ),
    "lam-viec": Step(
        _council_form(forms.FieldworkForm),
        lambda s, by, d: actions.add_fieldwork(
            s, by=by, on=d["on"], place=d["place"], agency=d["agency"], notes=d["notes"]
        ),
        "Đã ghi buổi làm việc trực tiếp.",
    ),
    "ket-thuc": Step(
        lambda s, r: forms.DayForm(**bound(r)),
        lambda s, by, d: actions.finish_fieldwork(s, by=by, on=d["on"]),
        "Đã kết thúc làm việc trực tiếp; hạn dự thảo báo cáo đã được tính.",
    ),
    "du-thao": Step(
        lambda s, r: forms.DraftForm(**bound(r)),
        lambda s, by, d: actions.record_draft_report(
            s, by=by, on=d["on"], consultation_until=d["consultation_until"]
        ),
        "Đã gửi dự thảo báo cáo xin ý kiến.",
    ),
    "ket-luan": Step(
        _council_form(forms.ConcludeForm),
        lambda s, by, d: actions.conclude_supervision(
            s,
            by=by,
            on=d["on"],
            outcome=d["outcome"],
            conclusions=d["conclusions"],
            number=d["number"],
            session=d["session"],
            upload=d["file"],
        ),
        "Đã kết luận cuộc giám sát.",
    ),
    "huy": Step(
        lambda s, r: forms.ReasonForm(**bound(r)),
        lambda s, by, d: actions.cancel_supervision(s, by=by, reason=d["reason"]),
        "Đã ghi cuộc giám sát không thực hiện.",
    ),
    "phat-hien": Step(
        lambda s, r: forms.FindingForm(**bound(r), supervision=s),
        lambda s, by, d: actions.add_finding(s, by=by, text=d["text"], issue=d["issue"]),
        "Đã ghi phát hiện.",
    ),
    "kien-nghi": Step(
        lambda s, r: forms.RecommendationForm(**bound(r), council=s.council, supervision=s),
        lambda s, by, d: actions.add_recommendation(
            s.council,
            by=by,
            agency=d["agency"],
            content=d["content"],
            on=timezone.localdate(),
            due_on=d["due_on"],
            multi_year=d["multi_year"],
            supervision=s,
            finding=d["finding"],
            parent=d["parent"],
        ),
        "Đã ghi kiến nghị.",
    ),
}


@login_required
def supervision_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's supervisions and surveys, filtered by status and kind, with what is late."""
    council = council_for(request, pk, VIEW_WORK)
    form = forms.SupervisionFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data if form.is_valid() else {}
    rows = Supervision.objects.filter(council=council).select_related("body", "person")
    rows = rows.filter(**{k: v for k, v in data.items() if v})
    today = timezone.localdate()
    rows = rows.annotate(
        late_reports=Count(
            "targets", filter=Q(targets__report_received_on__isnull=True, targets__report_due_on__lt=today)
        ),
        open_recommendations=Count("recommendations", filter=Q(recommendations__status="overdue")),
    )
    page = CappedPaginator(rows.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"council": council, "form": form, "page": page, **rights(request, council)}
    return render_page_or_partial(request, "oversight/supervision_list.html", "rows", context)


@login_required
@require_http_methods(["GET", "POST"])
def supervision_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = council_for(request, pk, MANAGE_OVERSIGHT)
    initial = {"title": request.GET.get("title", ""), "issues": request.GET.getlist("issues")}
    form = forms.SupervisionForm(request.POST or None, council=council, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            supervision = actions.create_supervision(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(supervision)
    return render(request, "oversight/supervision_form.html", {"council": council, "form": form})


def _page(request: HttpRequest, supervision: Supervision, extra: Mapping[str, Any]) -> HttpResponse:
    today = timezone.localdate()
    targets = SupervisedAgency.objects.filter(supervision=supervision).select_related("agency")
    found = Supervision.objects.prefetch_related(Prefetch("targets", queryset=targets)).get(pk=supervision.pk)
    current = supervision.status
    steps = [
        (
            status,
            Supervision.Status(status).label,
            STEPS.index(status) <= STEPS.index(current) if current in STEPS else False,
        )
        for status in STEPS
    ]
    context = {
        "council": supervision.council,
        "supervision": supervision,
        "steps": steps,
        "next_status": TRANSITIONS.get(current, frozenset()),
        "late": found.late(today),
        "today": today,
        "members": supervision.members.select_related("person"),
        "targets": found.targets.all(),
        "fieldwork": supervision.fieldwork.select_related("agency"),
        "findings": supervision.findings.select_related("issue"),
        "recommendations": supervision.recommendations.select_related("agency", "parent").order_by(
            Coalesce("parent_id", "pk"), F("parent_id").asc(nulls_first=True), "pk"
        ),
        "rechecked": supervision.rechecked_recommendations.select_related("agency"),
        "issues": supervision.issues.all(),
        "history": history_for(supervision),
        "chain_url": chain_url(supervision),
        **rights(request, supervision.council),
    }
    return render(
        request,
        "oversight/supervision_detail.html",
        unbound_forms(STEPS_TABLE, supervision, {**context, **extra}),
    )


@login_required
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, supervision_for(request, pk, VIEW_WORK), {})


@login_required
@require_http_methods(["GET", "POST"])
def supervision_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    return serve_step(
        request, supervision, STEPS_TABLE, step, lambda extra: _page(request, supervision, extra)
    )
