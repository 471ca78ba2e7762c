"""What a briefing is prepared with, assembled from the records (nothing typed):

- the roll-up of the period's figures over the councils below (``hdnd.reports.rollup``, as units are now);
- the work that is overdue: tasks the host gave (to itself or below) past their deadline;
- every council's proposals in its report for the period, with the host's answers;
- the follow-up of the previous briefing's tasks, and the proposals of earlier periods still unanswered.

Each list is one or two queries whatever its length; long lists are cut at ``LIMIT`` rows with a count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from hdnd.councils.models import Council
from hdnd.planning.models import Task, TaskStatus, overdue_condition

from .actions import previous_briefing
from .models import Briefing, ConclusionItem

LIMIT = 200
NAMED = 6  # a conclusion item's row names this many councils, then counts the others
TABLE_SHOWS = ("council", "owner_body")  # the relations a row of briefings/_tasks_table.html prints


@dataclass
class Materials:
    briefing: Briefing
    previous: Briefing | None
    rollup: Any = None
    overdue: list[Task] = field(default_factory=list)
    overdue_count: int = 0
    follow_up: list[Task] = field(default_factory=list)
    proposals: list[Any] = field(default_factory=list)
    unanswered_earlier: list[Any] = field(default_factory=list)

    @property
    def rollup_levels(self) -> list[str]:
        from hdnd.councils.models import Level

        return [Level(level).label for level in self.rollup.levels] if self.rollup else []

    @property
    def rollup_rows(self) -> list[tuple[Any, int, list[int], int]]:
        """(figure, the host's own value, the total of each level below, all of them) per figure."""
        if self.rollup is None:
            return []
        found = self.rollup
        return [
            (
                figure,
                found.own.value(figure.code),
                [found.totals_by_level[level].get(figure.code, 0) for level in found.levels],
                found.own.value(figure.code) + found.total.get(figure.code, 0),
            )
            for figure in found.figures
        ]

    @property
    def follow_up_done(self) -> int:
        return sum(task.status == "done" for task in self.follow_up)


@dataclass
class ItemProgress:
    """A conclusion item with who it was given to and how its tasks stand: a row of the briefing page."""

    item: ConclusionItem
    assigned: list[str]
    tasks: int = 0
    done: int = 0
    behind: list[str] = field(default_factory=list)  # the first NAMED councils or bodies past the deadline
    behind_count: int = 0

    @property
    def assigned_named(self) -> list[str]:
        return self.assigned[:NAMED]

    @property
    def assigned_more(self) -> int:
        return max(len(self.assigned) - NAMED, 0)

    @property
    def behind_more(self) -> int:
        return self.behind_count - len(self.behind)

    @property
    def open(self) -> int:
        return self.tasks - self.done - self.behind_count


def progress(briefing: Briefing) -> list[ItemProgress]:
    """Each conclusion item of ``briefing`` with its tasks counted (done, past the deadline, the rest)
    and the first councils behind named: five queries however many councils the items went to (a
    province's item gives one task to each of its hundred-odd communes)."""
    today = timezone.localdate()
    items = briefing.conclusions.prefetch_related(
        Prefetch("councils", queryset=Council.objects.only("pk", "name")), "bodies"
    )
    rows = {
        item.pk: ItemProgress(
            item, [c.name for c in item.councils.all()] + [b.name for b in item.bodies.all()]
        )
        for item in items
    }
    given = ConclusionItem.tasks.through.objects.filter(conclusionitem__briefing=briefing)
    behind = overdue_condition(today, "task__")
    counts = given.values("conclusionitem_id").annotate(
        n=Count("pk"),
        done=Count("pk", filter=Q(task__status=TaskStatus.DONE)),
        late=Count("pk", filter=behind),
    )
    for count in counts.order_by():
        row = rows[count["conclusionitem_id"]]
        row.tasks, row.done, row.behind_count = count["n"], count["done"], count["late"]
    late = given.filter(behind).order_by("task__council__name_key", "task__pk")
    for item_id, council, body in late.values_list(
        "conclusionitem_id", "task__council__name", "task__owner_body__name"
    ):
        if len(rows[item_id].behind) < NAMED:
            rows[item_id].behind.append(body or council)
    return list(rows.values())


def totals(rows: list[ItemProgress]) -> dict[str, int]:
    """The tasks of all the items: given, done, past the deadline, still running."""
    return {
        "tasks": sum(row.tasks for row in rows),
        "done": sum(row.done for row in rows),
        "behind": sum(row.behind_count for row in rows),
        "open": sum(row.open for row in rows),
    }


def follow_up(briefing: Briefing) -> tuple[Briefing | None, list[Task]]:
    """The previous briefing and its tasks, behind first."""
    previous = previous_briefing(briefing)
    if previous is None:
        return None, []
    # The items' tasks by id: a join with DISTINCT sorted every wide row (20–30 ms for a province's briefing).
    given = ConclusionItem.tasks.through.objects.filter(conclusionitem__briefing=previous).values("task_id")
    # What the tasks table shows (council, body), not every owner: 129 tasks of a province's briefing.
    tasks = Task.objects.filter(pk__in=given).select_related(*TABLE_SHOWS).behind_first()
    return previous, list(tasks[:LIMIT])


def proposals(briefing: Briefing) -> tuple[list[Any], list[Any]]:
    """The proposals of the period's reports of the councils below, and earlier ones still unanswered."""
    try:
        from hdnd.reports.models import Proposal
    except ImportError:  # the reports app not there yet: nothing to show
        return [], []
    # The report only for its period: not its frozen figures (a JSON list decoded per row) nor its texts.
    heavy = ("figures", "results", "shortcomings", "next_tasks", "returned_reason")
    below = (
        Proposal.objects.filter(council__parent_id=briefing.council_id)
        .select_related("council", "report__period")
        .defer(*(f"report__{name}" for name in heavy))
    )
    current = below.filter(report__period__code=briefing.period).order_by("council__name_key", "order", "pk")
    earlier = (
        below.unanswered()
        .exclude(report__period__code=briefing.period)
        .filter(report__period__due_on__lte=briefing.meets_on)
        .order_by("report__period__due_on", "council__name_key", "order", "pk")
    )
    return list(current[:LIMIT]), list(earlier[:LIMIT])


def rollup(briefing: Briefing) -> Any:
    """The roll-up for the period over the councils below, as the worker last counted it (never counted
    while the page waits: about 0,15 s at national size; ``reports.reading.served_council_rollup``); None
    while it is counted the first time."""
    from hdnd.reports.reading import served_council_rollup

    return served_council_rollup(briefing.council, briefing.period_obj)


def assemble(briefing: Briefing, with_rollup: bool = True) -> Materials:
    today = timezone.localdate()
    previous, tasks = follow_up(briefing)
    current, earlier = proposals(briefing)
    overdue = Task.objects.filter(given_by_id=briefing.council_id).overdue(today)
    return Materials(
        briefing=briefing,
        previous=previous,
        rollup=rollup(briefing) if with_rollup else None,
        # What the tasks table prints (council, body): every owner joined took 21 ms instead of 8 for a
        # province's 200 at national size.
        overdue=list(overdue.select_related(*TABLE_SHOWS).behind_first(today)[:LIMIT]),
        overdue_count=overdue.count(),
        follow_up=tasks,
        proposals=current,
        unanswered_earlier=earlier,
    )
