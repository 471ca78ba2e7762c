"""The public front page and the signed-in user's start page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from hdnd.accounts.models import Role
from hdnd.core.publiccache import everything, public_page
from hdnd.core.shortcuts import render
from hdnd.core.workitems import SECTION_TITLES, Viewer, collect_kept
from hdnd.councils.models import AdminUnit, Council, Level

COUNCILS_SHOWN = 8  # the start page's short list of councils; the councils page has them all


@public_page(everything)
def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "provinces": AdminUnit.objects.valid_on().filter(level=Level.PROVINCE).count(),
        "communes": AdminUnit.objects.valid_on().filter(level=Level.COMMUNE).count(),
    }
    provinces = Council.objects.filter(level=Level.PROVINCE, dissolved_on__isnull=True).order_by("name")[:70]
    return render(request, "portal/home.html", {"counts": counts, "provinces": provinces})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits for the user, from every app's work registry (``hdnd.core.workitems``, kept until a
    change where their work is), by section: deadlines, decisions, what is coming, and a delegate's own;
    their councils as a short list after. Made stale by others' changes, the work counted before them is
    shown, marked, and fetched again until the worker has counted it anew."""
    viewer = Viewer(request.user)
    work = collect_kept(viewer)
    items = work.value
    sections = [(key, title, [i for i in items if i.section == key]) for key, title in SECTION_TITLES.items()]
    councils = Council.objects.visible_to(request.user).select_related("unit").tree_order()
    context = {
        "viewer": viewer,
        "work": work,
        "items": items,
        "sections": [s for s in sections if s[2]],
        "overdue": sum(i.overdue for i in items),
        "this_week": sum(i.due_this_week for i in items),
        "councils": councils[: COUNCILS_SHOWN + 1],
        "councils_shown": COUNCILS_SHOWN,
        "is_delegate": Role.DELEGATE in viewer.roles,
    }
    return render(request, "portal/dashboard.html", context)
