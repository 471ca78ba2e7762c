"""Publishing answers: staff buttons (panels on the issue, cycle and meeting pages) and the public pages.

The public pages (``cong-khai/kien-nghi/…``) need no login and show only what ``publication`` makes
public: published issues and their answers, petition texts, places, meeting dates and places, and
delegates' names. A meeting's public code is never shown on them: it is the voter's key to the lookup,
which is throttled per client address so codes cannot be guessed one after another.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, can, get_object_for_user
from hdnd.core.ical import CalendarEvent, build_calendar, calendar_response
from hdnd.core.shortcuts import render
from hdnd.councils.models import AdminUnit, Council, Level, level_rank

from . import publication
from .models import CODE_ALPHABET, CODE_LENGTH, Cycle, Petition, PetitionIssue, VoterMeeting

PAGE_SIZE = 50
# Code lookups per client address and window: a voter needs a few; guessing 31**8 codes needs billions.
LOOKUP_LIMIT = 30
LOOKUP_WINDOW = 10 * 60  # seconds
SCHEDULE_PAST_DAYS = 90  # a council's schedule shows the meetings of the last three months and all ahead

WRONG_CODE = (
    "Không tìm thấy buổi tiếp xúc cử tri có mã “{code}”. Kiểm tra lại mã in trên biên bản hoặc phiếu "
    "tiếp nhận (8 ký tự, gồm chữ và số)."
)
NO_CODE = "Nhập mã tra cứu in trên biên bản hoặc phiếu tiếp nhận."
TOO_MANY = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút."
TOO_MANY_STATUS = 429


# Codes and throttling ----------------------------------------------------------------------------


def normalize_code(raw: str) -> str:
    """The code as printed: full-width or NFD input folded, spaces and dashes dropped, upper case."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(ch for ch in text if ch.isalnum()).upper()


def meeting_by_code(raw: str) -> VoterMeeting | None:
    """The meeting whose public code ``raw`` is (typed any way), or None."""
    code = normalize_code(raw)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    queryset = VoterMeeting.objects.select_related("council", "cycle", "place")
    return queryset.filter(code=code).first()


def _client(request: HttpRequest) -> str:
    # Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. uwsgi/gunicorn forwarded-allow-ips).
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def lookup_throttled(request: HttpRequest) -> bool:
    """Count one code lookup for the client; True once it has made more than the limit in the window."""
    key = f"petitions:code-lookup:{_client(request)}"
    cache.add(key, 0, LOOKUP_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOOKUP_WINDOW)
        count = 1
    return count > LOOKUP_LIMIT


# Public data, shaped for the templates -----------------------------------------------------------


def _public_petitions() -> QuerySet[Petition]:
    # Only what the public may see: never entered_by (not selected), never status or issue drafts.
    return (
        Petition.objects.select_related("meeting", "meeting__place", "delegate")
        .only(
            "text",
            "voter_place",
            "issue_id",
            "meeting__date",
            "meeting__place_text",
            "meeting__place__name",
            "delegate__full_name",
        )
        .order_by("pk")
    )


def public_issues(issues: QuerySet[PetitionIssue], petitions: QuerySet[Petition] | None = None) -> Any:
    """Published issues with their field, source petitions and published answers (fixed query count)."""
    wanted = _public_petitions() if petitions is None else petitions
    return (
        publication.published(issues)
        .select_related("field")
        .prefetch_related(Prefetch("petitions", queryset=wanted, to_attr="public_petitions"))
        .order_by("pk")
    )


def _with_answers(issues: Iterable[PetitionIssue]) -> list[PetitionIssue]:
    issues = list(issues)
    answers = publication.public_answers(issues)
    for issue in issues:
        issue.public_answers = answers.get(issue.pk, [])  # type: ignore[attr-defined]
    return issues


def _page(request: HttpRequest, items: Any) -> Any:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_answers(page.object_list)
    return page


# Public pages ------------------------------------------------------------------------------------


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """Councils that have published answers, and the lookup form."""
    published = Q(petition_issues__published_at__isnull=False, petition_issues__status="confirmed")
    councils = (
        Council.objects.annotate(published_count=Count("petition_issues", filter=published, distinct=True))
        .filter(published_count__gt=0)
        .order_by(level_rank(), "name_key", "pk")
    )
    page = Paginator(councils, 100).get_page(request.GET.get("page"))
    return render(request, "petitions/public/index.html", {"page": page})


def _public_council(pk: int) -> Council:
    council = Council.objects.select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404
    return council


@require_GET
def public_council(request: HttpRequest, pk: int) -> HttpResponse:
    council = _public_council(pk)
    published = Q(issues__published_at__isnull=False, issues__status="confirmed")
    cycles = (
        Cycle.objects.filter(council=council)
        .annotate(
            published_count=Count("issues", filter=published, distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("-year", "-created_at")
    )
    return render(request, "petitions/public/council.html", {"council": council, "cycles": cycles})


@require_GET
def public_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_public_cycle(pk)
    page = _page(request, public_issues(cycle.issues.all()))
    context = {"council": cycle.council, "cycle": cycle, "page": page}
    return render(request, "petitions/public/cycle.html", context)


def get_public_cycle(pk: int) -> Cycle:
    cycle = Cycle.objects.select_related("council").filter(pk=pk).first()
    if cycle is None:
        raise Http404
    return cycle


@require_GET
def public_commune(request: HttpRequest, pk: int) -> HttpResponse:
    """Published answers to petitions raised in one commune (meeting held there, or voters from there)."""
    unit = AdminUnit.objects.filter(pk=pk, level=Level.COMMUNE).select_related("parent").first()
    if unit is None:
        raise Http404
    here = Q(meeting__place=unit) | Q(voter_unit=unit)
    issues = PetitionIssue.objects.filter(pk__in=Petition.objects.filter(here).values("issue_id"))
    page = _page(request, public_issues(issues, _public_petitions().filter(here)).select_related("cycle"))
    meetings = _meetings(VoterMeeting.objects.filter(place=unit), since_days=SCHEDULE_PAST_DAYS)
    context = {"unit": unit, "page": page, "meetings": meetings}
    return render(request, "petitions/public/commune.html", context)


@require_GET
def public_lookup(request: HttpRequest) -> HttpResponse:
    """A voter types the code printed on the meeting's minutes or receipt and sees the answers."""
    raw = request.GET.get("ma", "")
    context: dict[str, Any] = {"code": raw}
    if not raw.strip():
        if "ma" in request.GET:
            context["error"] = NO_CODE
        return render(request, "petitions/public/lookup.html", context)
    if lookup_throttled(request):
        context["error"] = TOO_MANY
        return render(request, "petitions/public/lookup.html", context, status=TOO_MANY_STATUS)
    meeting = meeting_by_code(raw)
    if meeting is None:
        context["error"] = WRONG_CODE.format(code=raw.strip()[:40])
        return render(request, "petitions/public/lookup.html", context, status=404)
    context |= meeting_results(meeting)
    return render(request, "petitions/public/lookup.html", context)


def meeting_results(meeting: VoterMeeting) -> dict[str, Any]:
    """A meeting's public facts and, per petition, its published answers (empty: still waiting)."""
    petitions = list(_public_petitions().filter(meeting=meeting))
    issue_ids = {p.issue_id for p in petitions if p.issue_id is not None}
    issues = publication.published(PetitionIssue.objects.filter(pk__in=issue_ids)).only("published_at")
    answers = publication.public_answers(issues)
    rows = [(p, answers.get(p.issue_id, []) if p.issue_id else []) for p in petitions]
    return {"meeting": meeting, "delegates": _delegate_names(meeting), "rows": rows}


def _delegate_names(meeting: VoterMeeting) -> list[str]:
    return [person.full_name for person in meeting.delegates.order_by("name_key")]


# Schedules ---------------------------------------------------------------------------------------


def _meetings(meetings: QuerySet[VoterMeeting], since_days: int | None = None) -> list[VoterMeeting]:
    if since_days is not None:
        meetings = meetings.filter(date__gte=timezone.localdate() - timedelta(days=since_days))
    fields = ("date", "place_text", "kind", "council__name", "cycle__name", "place__name")
    return list(
        meetings.select_related("council", "cycle", "place")
        .only("council_id", "cycle_id", "place_id", *fields)
        .prefetch_related("delegates")
        .order_by("date", "pk")[:500]
    )


def _schedule_of(pk: int, kind: str) -> tuple[Council, Cycle | None, list[VoterMeeting]]:
    if kind == "cycle":
        cycle = get_public_cycle(pk)
        return cycle.council, cycle, _meetings(cycle.meetings.all())
    council = _public_council(pk)
    return council, None, _meetings(VoterMeeting.objects.filter(council=council), SCHEDULE_PAST_DAYS)


@require_GET
def public_schedule(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    council, cycle, meetings = _schedule_of(pk, kind)
    ical = reverse(f"petitions:public_{kind}_ical", args=[pk])
    context = {"council": council, "cycle": cycle, "meetings": meetings, "ical_url": ical}
    return render(request, "petitions/public/schedule.html", context)


@require_GET
def public_ical(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    council, cycle, meetings = _schedule_of(pk, kind)
    page = request.build_absolute_uri(reverse(f"petitions:public_{kind}_schedule", args=[pk]))
    host = request.get_host().split(":")[0] or "hdnd"
    events = [
        CalendarEvent(
            uid=f"voter-meeting-{meeting.pk}@{host}",
            summary=f"Tiếp xúc cử tri · {meeting.council.name}",
            start=meeting.date,
            location=meeting.place_text + (f" ({meeting.place.name})" if meeting.place else ""),
            description="\n".join(_event_lines(meeting)),
            url=page,
        )
        for meeting in meetings
    ]
    name = f"Lịch tiếp xúc cử tri · {cycle.name if cycle else council.name}"
    return calendar_response(build_calendar(events, name=name), f"lich-tiep-xuc-cu-tri-{kind}-{pk}.ics")


def _event_lines(meeting: VoterMeeting) -> list[str]:
    lines = [f"Đợt: {meeting.cycle.name}", f"Hình thức: {meeting.get_kind_display()}"]
    names = [person.full_name for person in meeting.delegates.all()]
    if names:
        lines.append("Đại biểu: " + ", ".join(sorted(names)))
    return lines


# Staff: publish and unpublish --------------------------------------------------------------------


def _staff_issue(request: HttpRequest, pk: int) -> PetitionIssue:
    queryset = PetitionIssue.objects.select_related("council")
    return get_object_for_user(request.user, queryset, pk, MANAGE_PETITIONS)


def _done(request: HttpRequest, run: Any, success: str) -> None:
    try:
        result = run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success.format(result=result))


@login_required
@require_POST
def issue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _staff_issue(request, pk)
    _done(request, lambda: publication.publish_issue(issue, by=request.user), "Đã công khai kết quả trả lời.")
    return redirect(issue)


@login_required
@require_POST
def issue_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _staff_issue(request, pk)
    run = lambda: publication.unpublish_issue(issue, by=request.user)  # noqa: E731
    _done(request, run, "Đã thôi công khai kiến nghị này.")
    return redirect(issue)


@login_required
@require_POST
def cycle_publish(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_for_user(request.user, Cycle.objects.select_related("council"), pk, MANAGE_PETITIONS)
    count = publication.publish_cycle_answers(cycle, by=request.user)
    if count:
        messages.success(request, f"Đã công khai {count} kiến nghị đã trả lời.")
    else:
        messages.info(request, "Không có kiến nghị nào đã trả lời mà chưa công khai.")
    return redirect(cycle)


# Panels on the staff pages -----------------------------------------------------------------------


def issue_panel(request: HttpRequest, issue: PetitionIssue) -> dict[str, Any] | None:
    """ "Công khai": the state, the deadline to publish and whether it is late; buttons for staff."""
    state = publication.with_publication_state(PetitionIssue.objects.filter(pk=issue.pk)).get()
    due = publication.publication_due(issue)
    return {
        "template": "petitions/panels/public_issue.html",
        "issue": state,
        "due": due,
        "late": publication.is_publication_late(state, due),
        "can_publish": can(request.user, issue.council, MANAGE_PETITIONS),
        "public_url": reverse("petitions:public_cycle", args=[issue.cycle_id]) + f"#issue-{issue.pk}",
    }


def cycle_panel(request: HttpRequest, cycle: Cycle) -> dict[str, Any] | None:
    """Counts published / answered / total, and "publish every answered issue" for staff."""
    issues = publication.with_publication_state(cycle.issues.all())
    counts = issues.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=Q(has_answer=True, status=PetitionIssue.Status.CONFIRMED)),
        published=Count("pk", filter=Q(published_at__isnull=False)),
        waiting=Count(
            "pk",
            filter=Q(has_answer=True, status=PetitionIssue.Status.CONFIRMED)
            & (Q(published_at__isnull=True) | Q(has_new_answer=True)),
        ),
    )
    return {
        "template": "petitions/panels/public_cycle.html",
        "cycle": cycle,
        "counts": counts,
        "can_publish": can(request.user, cycle.council, MANAGE_PETITIONS),
    }


def meeting_panel(request: HttpRequest, meeting: VoterMeeting) -> dict[str, Any] | None:
    """Each petition of the meeting: its issue, the issue's state and, once published, the answers."""
    petitions = list(meeting.petitions.select_related("issue").order_by("pk"))
    published = [p.issue for p in petitions if p.issue is not None and p.issue.is_published]
    answers = publication.public_answers(published)
    rows = [(p, answers.get(p.issue_id, []) if p.issue_id else []) for p in petitions]
    return {
        "template": "petitions/panels/public_meeting.html",
        "meeting": meeting,
        "rows": rows,
        "lookup_url": reverse("petitions:public_lookup") + f"?ma={meeting.code}",
    }
