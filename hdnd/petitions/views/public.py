"""Publishing answers: staff buttons (panels on the issue, cycle and meeting pages) and the public pages.

The public pages (``cong-khai/kien-nghi/…``) need no login and show only what ``publication`` makes
public (the lookup by code and its throttle live there too, shared with the public API): published
issues and their answers, petition texts, places, meeting dates and places, and
delegates' names. A meeting's public code is never shown on them: it is the voter's key to the lookup,
which is throttled per client address so codes cannot be guessed one after another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hdnd.accounts.scope import MANAGE_PETITIONS, can
from hdnd.core.ical import CalendarEvent, build_calendar, calendar_response
from hdnd.core.publiccache import council_of, council_scopes, everything, public_page
from hdnd.core.shortcuts import render, run_step
from hdnd.councils.models import AdminUnit, Council, Level, level_rank
from hdnd.petitions import publication
from hdnd.petitions.actions import publication as publishing
from hdnd.petitions.models import Cycle, Forwarding, Petition, PetitionIssue, VoterMeeting
from hdnd.petitions.permissions import cycle_for, issue_for, public_council_for, public_cycle_for

PAGE_SIZE = 50
SCHEDULE_PAST_DAYS = 90  # a council's schedule shows the meetings of the last three months and all ahead


# Public data, shaped for the templates -----------------------------------------------------------


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


def cycle_scopes(pk: int) -> list[str]:
    """A cycle's public pages change with its council's entries (hdnd.core.publiccache)."""
    return council_scopes(council_of(Cycle, pk) or 0)


def schedule_scopes(pk: int, kind: str) -> list[str]:
    return cycle_scopes(pk) if kind == "cycle" else council_scopes(pk)


# Public pages ------------------------------------------------------------------------------------


@require_GET
@public_page(everything)
def public_index(request: HttpRequest) -> HttpResponse:
    """Councils that have published answers, and the lookup form.

    Which councils is one probe of the published issues' index per council; the counts are then read
    for the page's councils only (the country has 200,000 published issues: never join them all)."""
    published = publication.published(PetitionIssue.objects.filter(council=OuterRef("pk")))
    councils = Council.objects.filter(Exists(published)).order_by(level_rank(), "name_key", "pk")
    page = Paginator(councils, 100).get_page(request.GET.get("page"))
    counts = dict(
        publication.published(PetitionIssue.objects.filter(council__in=[c.pk for c in page]))
        .values_list("council")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for council in page:
        council.published_count = counts.get(council.pk, 0)  # type: ignore[attr-defined]
    return render(request, "petitions/public/index.html", {"page": page})


@require_GET
@public_page(council_scopes)
def public_council(request: HttpRequest, pk: int) -> HttpResponse:
    council = public_council_for(pk)
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
@public_page(cycle_scopes)
def public_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = public_cycle_for(pk)
    page = _page(request, publication.public_issues(cycle.issues.all()))
    context = {"council": cycle.council, "cycle": cycle, "page": page}
    return render(request, "petitions/public/cycle.html", context)


@require_GET
@public_page(everything)
def public_commune(request: HttpRequest, pk: int) -> HttpResponse:
    """Published answers to petitions raised in one commune (meeting held there, or voters from there)."""
    unit = AdminUnit.objects.filter(pk=pk, level=Level.COMMUNE).select_related("parent").first()
    if unit is None:
        raise Http404
    # The meetings' ids first: "held here OR voters from here" over a join reads every petition of the
    # country; over two indexed columns it is a union of two index scans.
    held_here = list(VoterMeeting.objects.filter(place=unit).values_list("pk", flat=True))
    here = Q(meeting__in=held_here) | Q(voter_unit=unit)
    issues = PetitionIssue.objects.filter(pk__in=Petition.objects.filter(here).values("issue_id"))
    page = _page(
        request,
        publication.public_issues(issues, publication.public_petitions().filter(here)).select_related(
            "cycle"
        ),
    )
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
            context["error"] = publication.NO_CODE
        return render(request, "petitions/public/lookup.html", context)
    if publication.lookup_throttled(request):
        context["error"] = publication.TOO_MANY
        return render(request, "petitions/public/lookup.html", context, status=publication.TOO_MANY_STATUS)
    meeting = publication.meeting_by_code(raw)
    if meeting is None:
        context["error"] = publication.WRONG_CODE.format(code=raw.strip()[:40])
        return render(request, "petitions/public/lookup.html", context, status=404)
    context |= publication.meeting_results(meeting)
    return render(request, "petitions/public/lookup.html", context)


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
        cycle = public_cycle_for(pk)
        return cycle.council, cycle, _meetings(cycle.meetings.all())
    council = public_council_for(pk)
    return council, None, _meetings(VoterMeeting.objects.filter(council=council), SCHEDULE_PAST_DAYS)


@require_GET
@public_page(schedule_scopes)
def public_schedule(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    council, cycle, meetings = _schedule_of(pk, kind)
    ical = reverse(f"petitions:public_{kind}_ical", args=[pk])
    context = {"council": council, "cycle": cycle, "meetings": meetings, "ical_url": ical}
    return render(request, "petitions/public/schedule.html", context)


@require_GET
@public_page(schedule_scopes)
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


@login_required
@require_POST
def issue_publish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    run = lambda: publishing.publish_issue(issue, by=request.user)  # noqa: E731
    return run_step(request, issue.get_absolute_url(), run, "Đã công khai kết quả trả lời.")


@login_required
@require_POST
def issue_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = issue_for(request, pk, MANAGE_PETITIONS)
    run = lambda: publishing.unpublish_issue(issue, by=request.user)  # noqa: E731
    return run_step(request, issue.get_absolute_url(), run, "Đã thôi công khai kiến nghị này.")


@login_required
@require_POST
def cycle_publish(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = cycle_for(request, pk, MANAGE_PETITIONS)
    count = publishing.publish_cycle_answers(cycle, by=request.user)
    if count:
        messages.success(request, f"Đã công khai {count} kiến nghị đã trả lời.")
    else:
        messages.info(request, "Không có kiến nghị nào đã trả lời mà chưa công khai.")
    return redirect(cycle)


# Panels on the staff pages -----------------------------------------------------------------------


def issue_panel(
    request: HttpRequest, issue: PetitionIssue, every: list[Forwarding] | None = None
) -> dict[str, Any] | None:
    """ "Công khai": the state, the deadline to publish and whether it is late; buttons for staff."""
    state = publication.with_publication_state(PetitionIssue.objects.filter(pk=issue.pk)).get()
    due = publication.publication_due(issue, forwardings=every)
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
