"""Public pages: the reception schedule and its iCal feed, a letter's progress by case code, and the
published statistics. No name and no content of a letter is ever shown here; small counts are suppressed.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from hdnd.core.ical import CalendarEvent, build_calendar, calendar_response
from hdnd.core.publiccache import council_scopes, public_page
from hdnd.core.shortcuts import render
from hdnd.councils.models import Council
from hdnd.reception.models import CODE_ALPHABET, CODE_LENGTH, Letter, ReceptionSlot
from hdnd.reception.stats import compute, councils_with_below

from .common import window_from

PAST_DAYS = 30
LOOKUP_LIMIT = 30  # lookups per client address and window: a citizen needs a few
LOOKUP_WINDOW = 10 * 60
TOO_MANY = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút."
WRONG_CODE = "Không tìm thấy đơn có mã số “{code}”. Kiểm tra lại mã số in trên phiếu tiếp nhận (10 ký tự)."


def _public_slots(council: Council) -> list[ReceptionSlot]:
    since = timezone.now() - timedelta(days=PAST_DAYS)
    return list(
        ReceptionSlot.objects.filter(council=council, starts_at__gte=since)
        .select_related("body")
        .prefetch_related("hosts")
        .order_by("starts_at")
    )


@require_GET
@public_page(council_scopes)
def public_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.select_related("unit"), pk=pk)
    context = {"council": council, "slots": _public_slots(council), "now": timezone.now()}
    return render(request, "reception/public_schedule.html", context)


@require_GET
@public_page(council_scopes)
def public_ical(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(Council, pk=pk)
    events = [
        CalendarEvent(
            uid=f"reception-slot-{slot.pk}@hdnd",
            summary=("[Hủy, hoãn] " if slot.status == ReceptionSlot.Status.CANCELLED else "")
            + f"Tiếp công dân: {', '.join(p.full_name for p in slot.hosts.all()) or slot.get_host_display()}",
            start=slot.starts_at,
            end=slot.ends_at,
            location=slot.place,
            description=slot.get_kind_display(),
        )
        for slot in _public_slots(council)
    ]
    content = build_calendar(events, name=f"Lịch tiếp công dân {council.name}")
    return calendar_response(content, f"tiep-cong-dan-{council.pk}.ics")


def normalize_code(raw: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(ch for ch in text if ch.isalnum()).upper()


def _throttled(request: HttpRequest) -> bool:
    key = f"reception-lookup:{request.META.get('REMOTE_ADDR', '')}"
    count = cache.get_or_set(key, 0, LOOKUP_WINDOW) or 0
    if count >= LOOKUP_LIMIT:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, LOOKUP_WINDOW)
    return False


@require_GET
def public_lookup(request: HttpRequest) -> HttpResponse:
    """A letter's progress by its case code: dates and status only, never a name or its content."""
    code = normalize_code(request.GET.get("ma", ""))
    context: dict[str, object] = {"code": code, "letter": None, "error": ""}
    status = 200
    if code:
        if _throttled(request):
            context["error"], status = TOO_MANY, 429
        elif len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code[2:]):
            context["error"], status = WRONG_CODE.format(code=code[:20]), 404
        else:
            letter = Letter.objects.filter(code=code).select_related("council", "agency").first()
            if letter is None:
                context["error"], status = WRONG_CODE.format(code=code), 404
            context["letter"] = letter
    return render(request, "reception/public_lookup.html", context, status=status)


@require_GET
def public_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(Council.objects.select_related("unit"), pk=pk)
    window, error = window_from(request)
    stats = compute(councils_with_below(council, None), window)
    context = {"council": council, "stats": stats, "window": window, "window_error": error}
    return render(request, "reception/public_statistics.html", context)
