"""Figures on voters' petitions: for one council and a cycle (or a year), and a province's roll-up.

Every figure is an aggregate query (GROUP BY), never a query per row: a council's figures take seven
queries whatever its size, a province's roll-up over its communes six.

Definitions (docs/petitions-reports.md):
- an issue's outcome is the outcome of the *latest* answer of each forwarding; a forwarding not
  answered yet is "còn hạn" or, after its ``due_on``, "quá hạn";
- an answer is *on time* when the agency's *first* answer came on or before ``due_on``; the on-time
  rate is on-time answers over the answers due (forwardings answered, or past their due date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from hdnd.councils.models import Council, level_rank

from .models import Answer, Competence, Cycle, Forwarding, Outcome, Petition, PetitionIssue, VoterMeeting

NO_FIELD = "Chưa phân loại lĩnh vực"
NO_COMPETENCE = "Chưa xác định thẩm quyền"
OPEN_IN_TIME = ("open", "Chưa trả lời, còn hạn")
OPEN_OVERDUE = ("overdue", "Chưa trả lời, quá hạn")


@dataclass(frozen=True)
class Tally:
    """One line of a breakdown: a key, its Vietnamese label and how many."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Timeliness:
    """Forwardings and how their answers kept to the due date."""

    forwarded: int = 0
    answered: int = 0
    overdue: int = 0  # not answered, past due_on
    due: int = 0  # answered, or past due_on: the answers the rate counts
    on_time: int = 0  # first answer on or before due_on

    @property
    def open(self) -> int:
        return self.forwarded - self.answered

    @property
    def late(self) -> int:
        return self.due - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """On-time answers over answers due, or None when nothing is due yet."""
        return self.on_time / self.due if self.due else None

    def __add__(self, other: Timeliness) -> Timeliness:
        return Timeliness(
            self.forwarded + other.forwarded,
            self.answered + other.answered,
            self.overdue + other.overdue,
            self.due + other.due,
            self.on_time + other.on_time,
        )


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int
    name: str
    answers: Timeliness


@dataclass
class Figures:
    """A council's figures for a cycle, a year, or all time (both None)."""

    council: Council
    cycle: Cycle | None
    year: int | None
    on: date
    meetings: int = 0
    voters: int = 0
    petitions: int = 0
    issues: int = 0
    by_field: list[Tally] = field(default_factory=list)
    by_competence: list[Tally] = field(default_factory=list)
    by_source: list[Tally] = field(default_factory=list)
    by_outcome: list[Tally] = field(default_factory=list)
    by_agency: list[AgencyFigures] = field(default_factory=list)
    answers: Timeliness = field(default_factory=Timeliness)

    @property
    def council_id(self) -> int:
        return self.council.pk

    @property
    def cycle_id(self) -> int | None:
        return self.cycle.pk if self.cycle else None


@dataclass(frozen=True)
class CouncilRow:
    """One council's line of a roll-up (or the total, with ``council_id`` None)."""

    council_id: int | None
    name: str
    meetings: int = 0
    voters: int = 0
    petitions: int = 0
    issues: int = 0
    answers: Timeliness = field(default_factory=Timeliness)

    def __add__(self, other: CouncilRow) -> CouncilRow:
        return CouncilRow(
            None,
            self.name,
            self.meetings + other.meetings,
            self.voters + other.voters,
            self.petitions + other.petitions,
            self.issues + other.issues,
            self.answers + other.answers,
        )


@dataclass
class Rollup:
    """A council and the councils below it, one row each, and their total."""

    council: Council
    year: int | None
    on: date
    rows: list[CouncilRow]
    total: CouncilRow


def percent(rate: float | None) -> str:
    """ "50%", "66,7%" (Vietnamese decimal comma), or "—" when there is nothing to count."""
    if rate is None:
        return "—"
    text = f"{rate * 100:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text}%"


# Building blocks ---------------------------------------------------------------------------------


def _period(cycle: Cycle | None, year: int | None, path: str = "cycle") -> dict[str, Any]:
    if cycle is not None:
        return {path: cycle}
    if year is not None:
        return {f"{path}__year": year}
    return {}


def _timeliness_counts(on: date) -> dict[str, Count]:
    answered = Q(status=Forwarding.Status.ANSWERED)
    return {
        "forwarded": Count("pk"),
        "answered": Count("pk", filter=answered),
        "overdue": Count("pk", filter=~answered & Q(due_on__lt=on)),
        "due": Count("pk", filter=answered | Q(due_on__lt=on)),
        "on_time": Count("pk", filter=answered & Q(answered_on__lte=F("due_on"))),
    }


def _timeliness(row: Mapping[str, Any]) -> Timeliness:
    return Timeliness(*(row[key] or 0 for key in ("forwarded", "answered", "overdue", "due", "on_time")))


# One council ---------------------------------------------------------------------------------------


def council_figures(
    council: Council, *, cycle: Cycle | None = None, year: int | None = None, on: date | None = None
) -> Figures:
    """The figures of ``council`` for ``cycle``, or for every cycle of ``year``, or for all time."""
    on = on or timezone.localdate()
    figures = Figures(council, cycle, None if cycle else year, on)
    period = _period(cycle, figures.year)
    meetings = VoterMeeting.objects.filter(council=council, **period).aggregate(
        count=Count("pk"), voters=Sum("voter_count")
    )
    figures.meetings, figures.voters = meetings["count"], meetings["voters"] or 0
    figures.by_source = _by_source(Petition.objects.filter(council=council, **period))
    figures.petitions = sum(tally.count for tally in figures.by_source)
    issues = PetitionIssue.objects.filter(council=council, **period)
    figures.by_field = _by_field(issues)
    figures.by_competence = _by_competence(issues)
    figures.issues = sum(tally.count for tally in figures.by_field)
    forwardings = _forwardings(council, cycle, figures.year)
    figures.answers = _timeliness(forwardings.aggregate(**_timeliness_counts(on)))
    figures.by_agency = _by_agency(forwardings, on)
    figures.by_outcome = _by_outcome(forwardings, figures.answers)
    return figures


def agency_figures(council: Council, *, year: int, on: date | None = None) -> list[AgencyFigures]:
    """Only ``council_figures(...).by_agency`` for ``year``, in one query (the dashboard's chart)."""
    return _by_agency(_forwardings(council, None, year), on or timezone.localdate())


def _forwardings(council: Council, cycle: Cycle | None, year: int | None) -> QuerySet[Forwarding]:
    period = _period(cycle, year, "issue__cycle")
    return Forwarding.objects.filter(council=council, **period)


def _by_source(petitions: QuerySet[Petition]) -> list[Tally]:
    counts = dict(petitions.order_by().values_list("source").annotate(n=Count("pk")))
    return [
        Tally(value, label, counts[value]) for value, label in Petition.Source.choices if counts.get(value)
    ]


def _by_field(issues: QuerySet[PetitionIssue]) -> list[Tally]:
    rows = issues.order_by().values("field_id", "field__name").annotate(n=Count("pk"))
    tallies = [Tally(str(row["field_id"] or ""), row["field__name"] or NO_FIELD, row["n"]) for row in rows]
    # Named fields by name, the unclassified last.
    return sorted(tallies, key=lambda tally: (tally.key == "", tally.label))


def _by_competence(issues: QuerySet[PetitionIssue]) -> list[Tally]:
    counts = dict(issues.order_by().values_list("competence").annotate(n=Count("pk")))
    tallies = [Tally(value, label, counts[value]) for value, label in Competence.choices if counts.get(value)]
    if counts.get(""):
        tallies.append(Tally("", NO_COMPETENCE, counts[""]))
    return tallies


def _by_agency(forwardings: QuerySet[Forwarding], on: date) -> list[AgencyFigures]:
    rows = (
        forwardings.values("agency_id", "agency__name")
        .annotate(**_timeliness_counts(on))
        .order_by("agency__name", "agency_id")
    )
    return [AgencyFigures(row["agency_id"], row["agency__name"], _timeliness(row)) for row in rows]


def _by_outcome(forwardings: QuerySet[Forwarding], answers: Timeliness) -> list[Tally]:
    latest = Subquery(
        Answer.objects.filter(forwarding=OuterRef("pk")).order_by("-answered_at", "-pk").values("outcome")[:1]
    )
    counts = dict(
        forwardings.filter(status=Forwarding.Status.ANSWERED)
        .annotate(latest=latest)
        .order_by()
        .values_list("latest")
        .annotate(n=Count("pk"))
    )
    tallies = [Tally(value, label, counts.get(value, 0)) for value, label in Outcome.choices]
    tallies.append(Tally(*OPEN_IN_TIME, answers.open - answers.overdue))
    tallies.append(Tally(*OPEN_OVERDUE, answers.overdue))
    return tallies


# A province and the councils below it ------------------------------------------------------------


def councils_under(council: Council, visible: Iterable[int] | None = None) -> list[Council]:
    """``council`` and the councils below it (two levels at most), limited to ``visible`` ids if given."""
    found = Council.objects.filter(Q(pk=council.pk) | Q(parent=council) | Q(parent__parent=council))
    if visible is not None:
        found = found.filter(pk__in=set(visible) | {council.pk})
    return list(found.order_by(level_rank(), "name_key", "pk"))


def rollup(
    council: Council,
    *,
    year: int | None = None,
    on: date | None = None,
    visible: Iterable[int] | None = None,
) -> Rollup:
    """One row per council (``council`` first, then those below it), and the total."""
    on = on or timezone.localdate()
    councils = councils_under(council, visible)
    ids = [c.pk for c in councils]
    period = _period(None, year)
    meetings: dict[int, Mapping[str, Any]] = {
        row["council_id"]: row
        for row in VoterMeeting.objects.filter(council_id__in=ids, **period)
        .values("council_id")
        .annotate(count=Count("pk"), voters=Sum("voter_count"))
        .order_by()
    }
    petitions = _counts_by_council(Petition.objects.filter(council_id__in=ids, **period))
    issues = _counts_by_council(PetitionIssue.objects.filter(council_id__in=ids, **period))
    answers = {
        row["council_id"]: _timeliness(row)
        for row in Forwarding.objects.filter(council_id__in=ids, **_period(None, year, "issue__cycle"))
        .values("council_id")
        .annotate(**_timeliness_counts(on))
        .order_by()
    }
    rows = [
        CouncilRow(
            c.pk,
            c.name,
            meetings.get(c.pk, {}).get("count", 0),
            meetings.get(c.pk, {}).get("voters") or 0,
            petitions.get(c.pk, 0),
            issues.get(c.pk, 0),
            answers.get(c.pk, Timeliness()),
        )
        for c in councils
    ]
    total = sum(rows, CouncilRow(None, "Tổng cộng"))
    return Rollup(council, year, on, rows, total)


def _counts_by_council(queryset: QuerySet[Any]) -> dict[int, int]:
    """``COUNT(*)``, which an index on the council answers alone (``COUNT(id)`` reads every row)."""
    return dict(queryset.order_by().values_list("council_id").annotate(n=Count("*")))
