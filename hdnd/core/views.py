"""Error pages in Vietnamese, and the administrators' pages for rules, the calendar and the audit log."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd.accounts.scope import MANAGE_RULES, VIEW_AUDIT, get_object_for_user, require_system_admin, scope_of

from . import actions
from .audit import ACTION_LABELS, history_for
from .calendar import public_calendar
from .forms import AuditFilterForm, CalendarDayForm, RuleOverrideForm
from .models import AuditEntry, CalendarDay, Rule, RuleOverride
from .rules_seed import AREAS
from .shortcuts import render
from .text import fold

AUDIT_PAGE_SIZE = 50


API_PREFIX = "/api/"


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """The error page, or for the JSON API the same message as JSON (``{"detail": …}``)."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(
        request, "core/error.html", {"status": status, "title": title, "message": message}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 400, "Yêu cầu không hợp lệ", "Dữ liệu gửi lên không đúng. Vui lòng kiểm tra và thử lại."
    )


def refused_input(request: HttpRequest, message: str) -> HttpResponse:
    """Input refused before any view saw it (control characters): 400 with the reason."""
    return _error(request, 400, "Yêu cầu không hợp lệ", message)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Không có quyền", "Tài khoản của bạn không được phép thực hiện thao tác này.")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        "Không tìm thấy trang",
        "Trang hoặc hồ sơ bạn tìm không tồn tại, hoặc bạn không có quyền xem.",
    )


SERVER_ERROR = "Hệ thống gặp lỗi ngoài ý muốn; lỗi đã được ghi lại. Vui lòng thử lại sau ít phút."


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": SERVER_ERROR}, status=500, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/error_500.html", status=500)


def _councils() -> QuerySet[Model]:
    # Looked up by name: core's code does not import the domain apps.
    return apps.get_model("councils", "Council")._default_manager.all()


def _council_for(request: HttpRequest, council_id: Any, action: str) -> Any:
    return get_object_for_user(request.user, _councils(), council_id, action=action, council_field="pk")


def _rules_in(area: str) -> list[Rule]:
    rules = Rule.objects.all()
    if area in AREAS:
        rules = rules.filter(Q(key=area) | Q(key__startswith=f"{area}."))
    order = list(AREAS)
    return sorted(rules, key=lambda r: (order.index(r.area) if r.area in order else len(order), r.key))


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    """The rules table for every signed-in user; a council administrator also sees the council's values."""
    area = request.GET.get("linh_vuc", "")
    scope = scope_of(request.user)
    managed = _councils().filter(pk__in=[pk for pk, can in scope.own.items() if MANAGE_RULES in can])
    council = None
    if council_id := request.GET.get("hdnd"):
        council = _council_for(request, council_id, MANAGE_RULES)
    elif len(managed) == 1:
        council = managed[0]
    overrides = {o.rule_id: o for o in RuleOverride.objects.filter(council=council)} if council else {}
    rows = [(rule, overrides.get(rule.pk)) for rule in _rules_in(area)]
    context = {
        "rows": rows,
        "areas": AREAS,
        "area": area,
        "council": council,
        "managed": managed,
    }
    return render(request, "core/rule_list.html", context)


def _override_initial(rule: Rule, override: RuleOverride | None) -> dict[str, Any]:
    """The form starts from the council's value, or from the national one (without a basis)."""
    source = override or rule
    value = source.value
    return {
        "value": int(value) if value is not None and value == int(value) else value,
        "unit": source.unit,
        "text_value": source.text_value,
        "legal_basis": override.legal_basis if override else "",
    }


@login_required
def rule_override(request: HttpRequest, council_id: int, rule_id: int) -> HttpResponse:
    """Set a council's own value for one rule (council administrators of that council)."""
    council = _council_for(request, council_id, MANAGE_RULES)
    rule = get_object_or_404(Rule, pk=rule_id)
    override = RuleOverride.objects.filter(rule=rule, council=council).first()
    if request.method == "POST":
        form = RuleOverrideForm(request.POST)
        if form.is_valid():
            actions.set_rule_override(rule, council, **form.cleaned_data, by=request.user)
            messages.success(request, f"Đã lưu quy định riêng của {council} cho “{rule.title}”.")
            return redirect(f"{reverse('core:rule_list')}?hdnd={council.pk}")
    else:
        form = RuleOverrideForm(initial=_override_initial(rule, override))
    history = history_for(rule).filter(council=council)
    context = {"council": council, "rule": rule, "override": override, "form": form, "history": history}
    return render(request, "core/rule_override.html", context)


@require_POST
@login_required
def rule_override_clear(request: HttpRequest, council_id: int, rule_id: int) -> HttpResponse:
    """Return a council to the national value of one rule."""
    council = _council_for(request, council_id, MANAGE_RULES)
    rule = get_object_or_404(Rule, pk=rule_id)
    if actions.clear_rule_override(rule, council, by=request.user):
        messages.success(
            request, f"Đã bỏ quy định riêng; {council} áp dụng lại giá trị chung cho “{rule.title}”."
        )
    else:
        messages.info(request, f"{council} chưa có quy định riêng cho “{rule.title}”.")
    return redirect(f"{reverse('core:rule_list')}?hdnd={council.pk}")


def _year(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _calendar_page(request: HttpRequest, year: int, form: CalendarDayForm) -> HttpResponse:
    public = public_calendar(year)
    context = {
        "year": year,
        "form": form,
        "adjustments": CalendarDay.objects.filter(day__year=year),
        "holidays": sorted(public.holidays.items()),
        "working_weekend_days": sorted(public.working_weekend_days),
    }
    return render(request, "core/calendar_list.html", context)


@login_required
def calendar_list(request: HttpRequest) -> HttpResponse:
    """The working-day calendar of one year: the holidays the platform knows and the adjustments."""
    require_system_admin(request.user)
    return _calendar_page(request, _year(request.GET.get("nam")), CalendarDayForm())


@require_POST
@login_required
def calendar_add(request: HttpRequest) -> HttpResponse:
    """Add an extra day off or a make-up working day (system administrators)."""
    require_system_admin(request.user)
    form = CalendarDayForm(request.POST)
    if not form.is_valid():
        day = form.cleaned_data.get("day")
        return _calendar_page(request, day.year if day else _year(None), form)
    day = actions.add_calendar_day(**form.cleaned_data, by=request.user)
    messages.success(request, f"Đã thêm {day.get_kind_display().lower()} {day.day:%d/%m/%Y}.")
    return redirect(f"{reverse('core:calendar_list')}?nam={day.day.year}")


@require_POST
@login_required
def calendar_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one adjustment from the calendar (system administrators)."""
    require_system_admin(request.user)
    day = get_object_or_404(CalendarDay, pk=pk)
    actions.remove_calendar_day(day, by=request.user)
    messages.success(request, f"Đã xoá điều chỉnh ngày {day.day:%d/%m/%Y}.")
    return redirect(f"{reverse('core:calendar_list')}?nam={day.day.year}")


def _filtered(entries: QuerySet[AuditEntry], form: AuditFilterForm) -> QuerySet[AuditEntry]:
    if not form.is_valid():
        return entries
    data = form.cleaned_data
    if data["action"]:
        entries = entries.filter(action__startswith=data["action"])
    if data["since"]:
        entries = entries.filter(at__date__gte=data["since"])
    if data["until"]:
        entries = entries.filter(at__date__lte=data["until"])
    return entries


def _audit_page(request: HttpRequest, entries: QuerySet[AuditEntry], title: str) -> HttpResponse:
    """One page of audit entries, newest first, 50 at a time (paged by id: constant cost)."""
    form = AuditFilterForm(request.GET)
    entries = _filtered(entries, form).select_related("actor", "content_type")
    before = request.GET.get("truoc", "")
    if before.isdigit():
        entries = entries.filter(id__lt=int(before))
    page = list(entries.order_by("-id")[: AUDIT_PAGE_SIZE + 1])
    older = page[AUDIT_PAGE_SIZE - 1].id if len(page) > AUDIT_PAGE_SIZE else None
    query = request.GET.copy()
    query.pop("truoc", None)
    context = {
        "title": title,
        "form": form,
        "entries": page[:AUDIT_PAGE_SIZE],
        "older": older,
        "query": query.urlencode(),
        "is_first_page": not before,
        "action_labels": sorted(ACTION_LABELS.items(), key=lambda pair: fold(pair[1])),
    }
    return render(request, "core/audit_log.html", context)


@login_required
def audit_log(request: HttpRequest, council_id: int) -> HttpResponse:
    """A council's audit log, for those who may read it (council administrators, auditors)."""
    council = _council_for(request, council_id, VIEW_AUDIT)
    return _audit_page(request, AuditEntry.objects.filter(council=council), str(council))


@login_required
def audit_log_national(request: HttpRequest) -> HttpResponse:
    """Entries about no single council (calendar, rules table, chain checks), for system administrators."""
    require_system_admin(request.user)
    return _audit_page(request, AuditEntry.objects.filter(council__isnull=True), "toàn hệ thống")
