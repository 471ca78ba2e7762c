"""Classification pages: the issue's field, competence and agency with suggestions; the cycle's review
page; the field taxonomy of a council.

Who may do what: everyone who sees an issue sees its classification and the suggestions; classifying
needs MANAGE_PETITIONS (office staff and council administrators). A council's own fields are kept by the
same MANAGE_PETITIONS, not MANAGE_COUNCIL: the taxonomy is working data of the petitions office (the
people who classify notice a missing field), not part of the council's structure, and keeping one right
for the whole petitions workflow keeps the role table readable. National fields (council null) are
shown read-only to councils and edited by system administrators only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Q, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW, can, is_system_admin, require_system_admin
from hdnd.core.shortcuts import add_errors, render
from hdnd.core.text import vi_sorted
from hdnd.councils.models import Agency, BodyKind, Council
from hdnd.petitions import classify
from hdnd.petitions.actions import classify as classifying
from hdnd.petitions.actions import fields as fields_actions
from hdnd.petitions.forms import ClassifyForm, FieldForm
from hdnd.petitions.models import Cycle, Field, PetitionIssue, VoterMeeting
from hdnd.petitions.permissions import council_for, cycle_for, field_for, issue_for

GET_POST = require_http_methods(["GET", "POST"])
REVIEW_PAGE = 50
SHOWN = 3  # suggestions of each kind on the issue page
SUGGESTION_KINDS = (("field", "Lĩnh vực"), ("competence", "Cấp thẩm quyền"), ("agency", "Cơ quan"))


# Forms -------------------------------------------------------------------------------------------


# Panels on the issue, cycle and meeting pages ----------------------------------------------------


def issue_panel(request: HttpRequest, issue: PetitionIssue) -> dict[str, Any] | None:
    """The issue's classification, the suggestions with their reasons, and (staff) the edit form."""
    can_manage = can(request.user, issue.council_id, MANAGE_PETITIONS)
    found = classify.suggest(issue)
    ranked = {"field": found.fields, "competence": found.competences, "agency": found.agencies}
    return {
        "template": "petitions/panels/classify_issue.html",
        "issue": issue,
        "current": _current(issue),
        "suggestions": found,
        "suggestions_by_kind": [
            (kind, label, ranked[kind][:SHOWN]) for kind, label in SUGGESTION_KINDS if ranked[kind]
        ],
        "can_manage": can_manage,
        "form": ClassifyForm(issue=issue) if can_manage else None,
    }


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    """How many issues of the cycle still lack a field or competence, and the review page (staff)."""
    if not can(request.user, cycle.council_id, MANAGE_PETITIONS):
        return None
    issues = cycle.issues.all()
    return {
        "template": "petitions/panels/classify_cycle.html",
        "cycle": cycle,
        "total": issues.count(),
        "unclassified": classify.unclassified(issues).count(),
    }


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    return None


def _current(issue: PetitionIssue) -> dict[str, str]:
    field = issue.field
    return {
        "field": field.name if field else "",
        "committee": BodyKind(field.committee_kind).label if field and field.committee_kind else "",
        "competence": issue.get_competence_display() if issue.competence else "",
        "agency": issue.agency.name if issue.agency else "",
    }


# Classifying an issue ----------------------------------------------------------------------------


@login_required
@require_POST
def classify_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """The edit form: field, competence and agency as staff choose them."""
    from hdnd.petitions.views import forwarding, steps  # the issue page holds this step's panel

    issue = issue_for(request, pk, MANAGE_PETITIONS)
    form = ClassifyForm(request.POST, issue=issue)
    if form.is_valid():
        try:
            classifying.classify_issue(issue, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Đã lưu phân loại kiến nghị.")
            return redirect(issue)
    return forwarding.issue_page(request, issue, {"classify_form": form, "step": steps.CLASSIFY})


@login_required
@require_POST
def classify_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Áp dụng" on one suggestion: set that one value, keep the others."""
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    values: dict[str, Any] = {"field": issue.field, "competence": issue.competence, "agency": issue.agency}
    try:
        if kind == "field":
            values["field"] = Field.objects.filter(pk=int(value)).first()
        elif kind == "agency":
            values["agency"] = Agency.objects.filter(pk=int(value)).first()
        elif kind == "competence":
            values["competence"] = value
        else:
            raise ValueError(kind)
        if values[kind] in (None, ""):
            raise ValueError(value)
        classifying.classify_issue(issue, by=request.user, **values)
    except (ValueError, TypeError):
        messages.error(request, "Gợi ý không còn hợp lệ; tải lại trang.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã áp dụng gợi ý.")
    return redirect(issue)


@login_required
@require_POST
def classify_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the top suggestion of each kind still empty. htmx gets the review row back."""
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    error = ""
    try:
        issue = classifying.accept_suggestion(issue, by=request.user)
    except ValidationError as refused:
        error = " ".join(refused.messages)
    if getattr(request, "htmx", False):
        issue = issue_for(request, pk, MANAGE_PETITIONS)
        engine = classify.engine_for(issue.council)
        row = _row(issue, engine)
        context = {"row": row, "error": error, "can_manage": True}
        return render(request, "petitions/classify/review.html#row", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Đã áp dụng gợi ý phân loại.")
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return redirect(wanted if wanted and safe else issue.get_absolute_url())


# The cycle's review page -------------------------------------------------------------------------


def _row(issue: PetitionIssue, engine: classify.Engine) -> dict[str, Any]:
    found = classify.suggest(issue, engine)
    return {
        "issue": issue,
        "current": _current(issue),
        "tops": [(kind, label, found.top(kind)) for kind, label in SUGGESTION_KINDS],
        "complete": bool(issue.field_id and issue.competence and issue.agency_id),
    }


@login_required
def classify_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A cycle's issues, unclassified first, each with its top suggestions and a one-click accept."""
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    done = Case(When(Q(field__isnull=False) & ~Q(competence=""), then=1), default=0)
    issues = cycle.issues.select_related("council", "field", "agency").order_by(done, "pk")
    only_open = request.GET.get("tat_ca") != "1"
    if only_open:
        issues = classify.unclassified(issues)
    page = Paginator(issues, REVIEW_PAGE).get_page(request.GET.get("page"))
    engine = classify.engine_for(cycle.council)
    context = {
        "council": cycle.council,
        "cycle": cycle,
        "page": page,
        "rows": [_row(issue, engine) for issue in page.object_list],
        "only_open": only_open,
        "unclassified": classify.unclassified(cycle.issues.all()).count(),
        "can_manage": True,
    }
    return render(request, "petitions/classify/review.html", context)


# The field taxonomy ------------------------------------------------------------------------------


@login_required
def classify_fields(request: HttpRequest, pk: int) -> HttpResponse:
    """The fields a council classifies into: the national ones (read-only here) and its own."""
    council = council_for(request, pk, VIEW)
    fields = _listed(Field.objects.filter(Q(council__isnull=True) | Q(council=council)))
    context = {
        "council": council,
        "national": [f for f in fields if f.council_id is None],
        "own": [f for f in fields if f.council_id is not None],
        "can_manage": can(request.user, council, MANAGE_PETITIONS),
        "is_system_admin": is_system_admin(request.user),
        "committees": dict(BodyKind.choices),
    }
    return render(request, "petitions/classify/field_list.html", context)


def _listed(fields: Any) -> list[Field]:
    """Fields in Vietnamese alphabetical order (folded), each with its keywords on one line."""
    items = vi_sorted(fields, key=lambda item: item.name)
    for item in items:
        item.keyword_list = ", ".join(line.strip() for line in item.keywords.splitlines() if line.strip())
    return items


def _field_form_page(
    request: HttpRequest, form: FieldForm, council: Council | None, item: Field | None
) -> HttpResponse:
    context = {"council": council, "form": form, "item": item}
    return render(request, "petitions/classify/field_form.html", context)


def _save_field(request: HttpRequest, form: FieldForm, council: Council | None, item: Field | None) -> Any:
    try:
        if item is None:
            return fields_actions.create_field(council, by=request.user, **form.cleaned_data)
        return fields_actions.update_field(item, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
    return None


@login_required
@GET_POST
def classify_field_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A field of the council's own taxonomy (beside the national one)."""
    council = council_for(request, pk, MANAGE_PETITIONS)
    form = FieldForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_field(request, form, council, None):
        messages.success(request, "Đã thêm lĩnh vực.")
        return redirect("petitions:classify_fields", council.pk)
    return _field_form_page(request, form, council, None)


@login_required
@GET_POST
def classify_national_field_add(request: HttpRequest) -> HttpResponse:
    """A national field (system administrators)."""
    require_system_admin(request.user)
    form = FieldForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_field(request, form, None, None):
        messages.success(request, "Đã thêm lĩnh vực toàn quốc.")
        return redirect("petitions:classify_national_fields")
    return _field_form_page(request, form, None, None)


@login_required
def classify_national_fields(request: HttpRequest) -> HttpResponse:
    """The national taxonomy (system administrators edit it here)."""
    require_system_admin(request.user)
    context = {
        "council": None,
        "national": _listed(Field.objects.filter(council__isnull=True)),
        "own": [],
        "can_manage": False,
        "is_system_admin": True,
        "committees": dict(BodyKind.choices),
    }
    return render(request, "petitions/classify/field_list.html", context)


@login_required
@GET_POST
def classify_field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename, change the Ban or keywords, or stop using a field (fields are never deleted)."""
    item = field_for(request, pk)
    initial = {name: getattr(item, name) for name in fields_actions.FIELD_VALUES}
    form = FieldForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_field(request, form, item.council, item):
        messages.success(request, "Đã lưu lĩnh vực.")
        if item.council is None:
            return redirect("petitions:classify_national_fields")
        return redirect("petitions:classify_fields", item.council_id)
    return _field_form_page(request, form, item.council, item)
