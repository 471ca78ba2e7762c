"""One thread (issue 11, section 4): from any item, the whole chain it belongs to, in the order
petitions → issue → answer → supervision → finding → recommendation → question → commitment →
resolution → task → done.

``build_chain(start, council_ids)`` walks the links that exist (foreign keys and many-to-many links
between the apps) breadth first, at most ``LIMIT`` items, keeping only councils the user may see, and
answers the items grouped by stage, each dated, with where it stands. Read-only: it asks the petitions,
sittings and resolutions models, never changes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from hdnd.petitions.models import Answer, PetitionIssue
from hdnd.resolutions.models import Resolution, ResolutionTask

from .models import (
    AccountabilityProposal,
    Commitment,
    ExplanationSession,
    Finding,
    FollowStatus,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    Supervision,
)

LIMIT = 200
STAGES: tuple[tuple[str, str], ...] = (
    ("petition", "Ý kiến, kiến nghị cử tri"),
    ("issue", "Kiến nghị đã tổng hợp"),
    ("answer", "Trả lời của cơ quan"),
    ("supervision", "Giám sát, khảo sát"),
    ("finding", "Phát hiện qua giám sát"),
    ("recommendation", "Kiến nghị sau giám sát"),
    ("question", "Chất vấn, giải trình"),
    ("commitment", "Cam kết"),
    ("resolution", "Nghị quyết, kết luận"),
    ("task", "Nhiệm vụ thực hiện"),
)


@dataclass
class Link:
    """One item of the chain as the page shows it."""

    stage: str
    label: str
    url: str
    status: str
    on: date | None
    done: bool | None = None  # None: not something that gets done
    key: tuple[str, int] = ("", 0)


@dataclass
class Chain:
    start: tuple[str, int]
    stages: list[tuple[str, str, list[Link]]] = field(default_factory=list)
    truncated: bool = False

    @property
    def open_count(self) -> int:
        return sum(1 for _, _, links in self.stages for link in links if link.done is False)

    @property
    def tracked_count(self) -> int:
        return sum(1 for _, _, links in self.stages for link in links if link.done is not None)

    @property
    def all_done(self) -> bool:
        return self.tracked_count > 0 and self.open_count == 0

    def timeline(self) -> list[Link]:
        """Every item by date (undated last), for the page's dated list."""
        links = [link for _, _, group in self.stages for link in group]
        return sorted(links, key=lambda link: (link.on is None, link.on or date.max, link.stage))


def _day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value)
    return value


def _follow(obj: Recommendation | Commitment) -> bool:
    return obj.status in (FollowStatus.DONE, FollowStatus.EXCUSED)


# What each kind of item is, and what it links to -------------------------------------------------

KEYS: dict[type[Model], str] = {
    PetitionIssue: "issue",
    Answer: "answer",
    Supervision: "supervision",
    Finding: "finding",
    Recommendation: "recommendation",
    QuestionSlip: "slip",
    QuestioningTopic: "topic",
    ExplanationSession: "explanation",
    Commitment: "commitment",
    Resolution: "resolution",
    ResolutionTask: "task",
    AccountabilityProposal: "accountability",
}
MODELS = {key: model for model, key in KEYS.items()}


def _link(obj: Any) -> Link:
    key = (KEYS[type(obj)], obj.pk)
    match obj:
        case PetitionIssue():
            return Link(
                "issue",
                obj.title,
                obj.get_absolute_url(),
                obj.get_status_display(),
                _day(obj.created_at),
                key=key,
            )
        case Answer():
            issue = obj.forwarding.issue
            return Link(
                "answer",
                f"{obj.forwarding.agency}: {obj.get_outcome_display()}",
                issue.get_absolute_url(),
                obj.get_outcome_display(),
                _day(obj.answered_at),
                key=key,
            )
        case Supervision():
            return Link(
                "supervision",
                f"{obj.get_kind_display()}: {obj}",
                obj.get_absolute_url(),
                obj.get_status_display(),
                obj.fieldwork_started_on or obj.decision_on or _day(obj.created_at),
                key=key,
            )
        case Finding():
            return Link(
                "finding",
                str(obj),
                obj.get_absolute_url(),
                f"Cuộc giám sát: {obj.supervision}",
                _day(obj.created_at),
                key=key,
            )
        case Recommendation() | Commitment():
            stage = "recommendation" if isinstance(obj, Recommendation) else "commitment"
            due = f" · hạn {obj.due_on:%d/%m/%Y}" if obj.due_on else ""
            return Link(
                stage,
                f"{obj.agency}: {obj}",
                obj.get_absolute_url(),
                f"{obj.get_status_display()}{due}",
                obj.done_on or _day(obj.created_at),
                done=_follow(obj),
                key=key,
            )
        case QuestionSlip():
            return Link(
                "question",
                f"Phiếu chất vấn của {obj.delegate}: {obj.content[:80]}",
                obj.get_absolute_url(),
                obj.get_status_display(),
                obj.submitted_on,
                key=key,
            )
        case QuestioningTopic():
            return Link(
                "question",
                f"Chất vấn: {obj}",
                obj.get_absolute_url(),
                obj.get_status_display(),
                obj.questioned_on or _day(obj.created_at),
                key=key,
            )
        case ExplanationSession():
            return Link(
                "question",
                str(obj),
                obj.get_absolute_url(),
                obj.get_status_display(),
                obj.held_on or obj.planned_on,
                key=key,
            )
        case Resolution():
            return Link(
                "resolution",
                str(obj),
                obj.get_absolute_url(),
                obj.get_status_display(),
                obj.adopted_on or _day(obj.created_at),
                key=key,
            )
        case ResolutionTask():
            return Link(
                "task",
                f"{obj.who}: {obj}",
                obj.resolution.get_absolute_url(),
                "Đã xong" if obj.done_on else f"Hạn {obj.due_on:%d/%m/%Y}",
                obj.done_on or obj.due_on,
                done=obj.done_on is not None,
                key=key,
            )
        case AccountabilityProposal():
            return Link(
                "recommendation",
                str(obj),
                obj.get_absolute_url(),
                f"Đề nghị ngày {obj.proposed_on:%d/%m/%Y}",
                obj.proposed_on,
                key=key,
            )
    raise TypeError(type(obj))


def _neighbours(obj: Any) -> Iterable[Any]:
    """What ``obj`` links to, in either direction."""
    match obj:
        case PetitionIssue():
            yield from Answer.objects.filter(forwarding__issue=obj).select_related(
                "forwarding__agency", "forwarding__issue"
            )
            yield from [i for i in (obj.carried_from,) if i is not None]
            yield from obj.carried_into.all()
            yield from Supervision.objects.filter(issues=obj)
            yield from Finding.objects.filter(issue=obj).select_related("supervision")
            yield from QuestioningTopic.objects.filter(issues=obj)
            yield from QuestionSlip.objects.filter(issues=obj).select_related("delegate")
            yield from ExplanationSession.objects.filter(issues=obj)
        case Answer():
            yield obj.forwarding.issue
        case Supervision():
            yield from obj.issues.all()
            yield from obj.findings.all()
            yield from obj.recommendations.select_related("agency")
            yield from obj.rechecked_recommendations.select_related("agency")
            yield from obj.resupervisions.all()
            yield from [x for x in (obj.rechecks, obj.resolution) if x is not None]
        case Finding():
            yield obj.supervision
            yield from [obj.issue] if obj.issue_id else []
            yield from obj.recommendations.select_related("agency")
            yield from obj.questioning_topics.all()
            yield from obj.explanations.all()
        case Recommendation():
            yield from [
                x for x in (obj.supervision, obj.finding, obj.resolution, obj.parent) if x is not None
            ]
            yield from obj.children.select_related("agency")
            yield from obj.resupervisions.all()
            yield from obj.questioning_topics.all()
            yield from obj.explanations.all()
            yield from obj.question_slips.select_related("delegate")
            yield from obj.accountability_proposals.all()
        case QuestionSlip():
            yield from [x for x in (obj.topic, obj.recommendation) if x is not None]
            yield from obj.issues.all()
            yield from obj.commitments.select_related("agency")
        case QuestioningTopic():
            yield from obj.issues.all()
            yield from obj.findings.select_related("supervision")
            yield from obj.recommendations.select_related("agency")
            yield from obj.slips.select_related("delegate")
            yield from obj.commitments.select_related("agency")
            yield from [obj.resolution] if obj.resolution_id else []
        case ExplanationSession():
            yield from obj.issues.all()
            yield from obj.findings.select_related("supervision")
            yield from obj.recommendations.select_related("agency")
            yield from obj.commitments.select_related("agency")
        case Commitment():
            yield from [x for x in (obj.topic, obj.explanation, obj.slip) if x is not None]
        case Resolution():
            yield from obj.tasks.select_related("agency", "resolution")
            yield from Supervision.objects.filter(resolution=obj)
            yield from QuestioningTopic.objects.filter(resolution=obj)
            yield from Recommendation.objects.filter(resolution=obj).select_related("agency")
        case ResolutionTask():
            yield obj.resolution
        case AccountabilityProposal():
            yield obj.recommendation


def _visible(obj: Any, council_ids: frozenset[int] | None) -> bool:
    return council_ids is None or obj.council_id in council_ids if hasattr(obj, "council_id") else True


def build_chain(start: Any, council_ids: frozenset[int] | None) -> Chain:
    """The chain ``start`` belongs to, as the user (seeing ``council_ids``; None: all) may see it."""
    seen: dict[tuple[str, int], Any] = {}
    queue = [start]
    truncated = False
    while queue:
        obj = queue.pop(0)
        key = (KEYS[type(obj)], obj.pk)
        if key in seen or not _visible(obj, council_ids):
            continue
        if len(seen) >= LIMIT:
            truncated = True
            break
        seen[key] = obj
        queue.extend(n for n in _neighbours(obj) if (KEYS[type(n)], n.pk) not in seen)
    links = [_link(obj) for obj in seen.values()]
    links += _petition_counts([obj for obj in seen.values() if isinstance(obj, PetitionIssue)])
    chain = Chain(start=(KEYS[type(start)], start.pk), truncated=truncated)
    for stage, label in STAGES:
        group = sorted(
            (link for link in links if link.stage == stage),
            key=lambda link: (link.on or date.max, link.label),
        )
        chain.stages.append((stage, label, group))
    return chain


def _petition_counts(issues: list[PetitionIssue]) -> list[Link]:
    """One line per issue: how many voters' petitions it gathers (one query for all issues)."""
    from django.db.models import Count

    counts = dict(
        PetitionIssue.objects.filter(pk__in=[i.pk for i in issues])
        .annotate(n=Count("petitions"))
        .values_list("pk", "n")
    )
    return [
        Link(
            "petition",
            f"{counts.get(issue.pk, 0)} ý kiến của cử tri gộp vào “{issue.title}”",
            issue.get_absolute_url(),
            "",
            _day(issue.created_at),
        )
        for issue in issues
    ]


def load(kind: str, pk: int) -> Any:
    """The item a chain URL names (``Http404`` for an unknown kind or id)."""
    from django.http import Http404

    model = MODELS.get(kind)
    if model is None:
        raise Http404
    try:
        return model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError):  # type: ignore[attr-defined]
        raise Http404 from None


def chain_url(obj: Any) -> str:
    return reverse("oversight:chain", args=[KEYS[type(obj)], obj.pk])
