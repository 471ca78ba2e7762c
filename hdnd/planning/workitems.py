"""What the planning app puts on a start page (see ``hdnd.core.workitems``): the tasks a higher council
gave to the user's council (a provincial briefing's conclusions: each with its progress, to report
on), the council's own tasks overdue or due this week, and the tasks it gave below that are overdue.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from django.urls import reverse

from hdnd.accounts.scope import MANAGE_PLANNING
from hdnd.core.workitems import Row, Viewer, WorkItem, first_rows, in_councils, register, single

from .models import Task, TaskQuerySet

SHOWN_WITH = {
    "giver": ("given_by",),
    "owner": ("council",),
    "body": ("owner_body", "owner_person", "council"),  # ``Task.owner``: its body, person or council
}


def _item(code: str, label: str, tasks: TaskQuerySet, viewer: Viewer, who: str, url: str) -> WorkItem:
    # What the rows print only: the window counts every match before the LIMIT, so each table joined is
    # read for all of them (the programmes' join hashed the country's 16.000; the bodies', 10.000).
    listed = tasks.select_related(*SHOWN_WITH[who])
    shown = first_rows(listed.order_by("due_on", "pk"), viewer)
    rows = tuple(
        Row(
            t.content[:140],
            t.get_absolute_url(),
            t.given_by.name if who == "giver" else t.council.name if who == "owner" else t.owner,
            t.due_on,
            f"Tiến độ {t.progress}%",
            t.is_overdue(viewer.today),
        )
        for t in shown.rows
    )
    return WorkItem(**shown.counts, code=code, label=label, url=url, icon="flag", rows=rows)


@register
def tasks(viewer: Viewer) -> Iterable[WorkItem]:
    """Tasks from above (every unfinished one), the council's own due soon, and those given below late."""
    ids = viewer.own_councils(MANAGE_PLANNING)
    if ids == frozenset():
        return []
    council = single(ids)
    url = reverse("planning:task_list", args=[council]) if council else ""
    unfinished = in_councils(Task.objects.unfinished(), ids)
    from_above = unfinished.exclude(given_by_id=F("council_id"))
    own = unfinished.filter(given_by_id=F("council_id"), due_on__lte=viewer.week_end)
    below = in_councils(Task.objects.overdue(viewer.today), ids, "given_by_id").exclude(
        council_id=F("given_by_id")
    )
    return [
        _item(
            "planning.from_above", "Nhiệm vụ cấp trên giao, đang thực hiện", from_above, viewer, "giver", url
        ),
        _item(
            "planning.own",
            "Nhiệm vụ trong chương trình công tác (quá hạn, đến hạn)",
            own,
            viewer,
            "body",
            url,
        ),
        _item("planning.below", "Nhiệm vụ đã giao cấp dưới, quá hạn", below, viewer, "owner", ""),
    ]
