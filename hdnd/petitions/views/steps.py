"""The issue page as a task list (the GOV.UK pattern): the steps of an issue in the order the work
happens, each with its state and, once done, its result in one line; the next step open first.

classify → forward → follow up (answers, re-forwarding, flags) → refer to another council → publish.
A draft issue is confirmed on the cycle's synthesis page first: until then forwarding waits.
Each step's body is the panel its feature module builds (``views.classify.issue_panel`` …);
``?buoc=<slug>`` opens one step on its own, and a refused form re-opens the step it was posted from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hdnd.petitions import competence, followup
from hdnd.petitions.models import Forwarding, PetitionIssue
from hdnd.petitions.views import classify, intake, public, reports
from hdnd.petitions.views import followup as followup_views

DONE, TODO, WAITING, BLOCKED, OPTIONAL = "done", "todo", "waiting", "blocked", "optional"
STATE_LABELS = {
    DONE: "Đã xong",
    TODO: "Cần làm",
    WAITING: "Đang chờ",
    BLOCKED: "Chưa thể làm",
    OPTIONAL: "Khi cần",
}
STATE_CLASSES = {
    DONE: "text-bg-success",
    TODO: "text-bg-primary",
    WAITING: "text-bg-warning",
    BLOCKED: "text-bg-light border",
    OPTIONAL: "text-bg-light border",
}
CLASSIFY, FORWARD, FOLLOW_UP, REFER, PUBLISH = (
    "phan-loai",
    "chuyen-co-quan",
    "theo-doi",
    "chuyen-hdnd",
    "cong-khai",
)

TEMPLATES = {
    CLASSIFY: "petitions/issue/step_classify.html",
    FORWARD: "petitions/issue/step_forward.html",
    FOLLOW_UP: "petitions/issue/step_followup.html",
    REFER: "petitions/issue/step_refer.html",
    PUBLISH: "petitions/issue/step_publish.html",
}


@dataclass
class Step:
    """One step of the issue's work: its state, its result (or what it waits for) and its body."""

    slug: str
    number: int
    title: str
    state: str
    result: str
    body: dict[str, Any] | None = None

    @property
    def template(self) -> str:
        return TEMPLATES[self.slug]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def state_class(self) -> str:
        return STATE_CLASSES[self.state]


@dataclass
class Facts:
    """What the steps read of the issue, loaded once for the page."""

    issue: PetitionIssue
    forwardings: list[Forwarding]
    today: date
    offered_agencies: int  # agencies the forward step may offer (the competence level fits)
    refused: Mapping[str, Any]  # a refused form to show in its step: classify_form, flag_form, reforward_form
    # Every forwarding, with answers, ratings and re-forwardings prefetched, for the panels to reuse
    # (None when the reader sees only some: the panels then read their own).
    every_forwarding: list[Forwarding] | None = None


def _classify(facts: Facts, request: HttpRequest) -> Step:
    issue = facts.issue
    parts = [
        issue.field.name if issue.field else "",
        issue.get_competence_display() and f"Cấp {issue.get_competence_display().lower()}",
        issue.agency.name if issue.agency else "",
    ]
    missing = [
        name
        for name, value in zip(("lĩnh vực", "cấp thẩm quyền", "cơ quan trả lời"), parts, strict=True)
        if not value
    ]
    # Once forwarded, a classification still missing a part no longer holds up the work.
    state = DONE if not missing else (OPTIONAL if facts.forwardings or issue.referred_to_id else TODO)
    result = " · ".join(p for p in parts if p)
    if missing:
        result = (result + ". " if result else "") + "Còn thiếu: " + ", ".join(missing) + "."
    body = classify.issue_panel(request, issue)
    if body is not None and "classify_form" in facts.refused:
        body["form"] = facts.refused["classify_form"]
    return Step(CLASSIFY, 0, "Phân loại", state, result, body)


def _forward(facts: Facts, request: HttpRequest) -> Step:
    issue, sent = facts.issue, facts.forwardings
    if sent:
        names = ", ".join(f"{f.agency.name} ({f.sent_on:%d/%m/%Y})" for f in sent if not f.reforward_of_id)
        return Step(
            FORWARD,
            0,
            "Chuyển cơ quan trả lời",
            DONE,
            f"Đã chuyển: {names}.",
            reports.issue_panel(request, issue, facts.every_forwarding),
        )
    if issue.referred_to_id:
        text = f"Không cần: kiến nghị đã chuyển {issue.referred_to}, cơ quan bên đó trả lời."
        return Step(FORWARD, 0, "Chuyển cơ quan trả lời", OPTIONAL, text)
    if issue.is_draft:
        text = "Kiến nghị còn là dự thảo: xác nhận ở bảng tổng hợp của đợt rồi mới chuyển."
        return Step(FORWARD, 0, "Chuyển cơ quan trả lời", BLOCKED, text)
    if not facts.offered_agencies and issue.competence:
        words = f"Kiến nghị thuộc thẩm quyền cấp {issue.get_competence_display().lower()}"
        return Step(
            FORWARD,
            0,
            "Chuyển cơ quan trả lời",
            BLOCKED,
            f"{words}: HĐND này không có cơ quan cùng cấp; chuyển HĐND cấp khác.",
        )
    return Step(FORWARD, 0, "Chuyển cơ quan trả lời", TODO, "Chọn cơ quan trả lời và ghi số công văn chuyển.")


def _follow_up(facts: Facts, request: HttpRequest) -> Step:
    sent = facts.forwardings
    panel = followup_views.issue_panel(request, facts.issue, facts.every_forwarding)
    body = _with_refused(panel, facts.refused)
    title = "Theo dõi trả lời, chuyển lại"
    if not sent:
        return Step(FOLLOW_UP, 0, title, BLOCKED, "Chưa chuyển cơ quan nào.", body)
    waiting = [f for f in sent if f.status != Forwarding.Status.ANSWERED]
    late = [f for f in waiting if f.due_on < facts.today]
    if waiting:
        text = f"Chờ trả lời: {len(waiting)}/{len(sent)} cơ quan"
        text += f", {len(late)} quá hạn." if late else f", hạn {min(f.due_on for f in waiting):%d/%m/%Y}."
        return Step(FOLLOW_UP, 0, title, WAITING, text, body)
    poor = [f for f in sent if followup.reforward_reasons(f)]
    if poor and facts.issue.flag:
        text = f"Trả lời chưa đạt; đã {facts.issue.get_flag_display().lower()}."
        return Step(FOLLOW_UP, 0, title, DONE, text, body)
    if poor:
        names = ", ".join(f.agency.name for f in poor)
        return Step(
            FOLLOW_UP, 0, title, TODO, f"Trả lời chưa đạt ({names}): chuyển lại hoặc đưa vào giám sát.", body
        )
    return Step(FOLLOW_UP, 0, title, DONE, f"Đã trả lời: {len(sent)}/{len(sent)} cơ quan.", body)


def _with_refused(body: dict[str, Any] | None, refused: Mapping[str, Any]) -> dict[str, Any] | None:
    """The follow-up panel with the flag or re-forward form that was refused, as it was typed."""
    if body is None:
        return None
    if "flag_form" in refused:
        body["flag_form"] = refused["flag_form"]
    if "reforward_form" in refused:
        wanted = refused["reforward_id"]
        body["reforwardable"] = [
            (f, reasons, refused["reforward_form"] if f.pk == wanted else form)
            for f, reasons, form in body["reforwardable"]
        ]
    return body


def _refer(facts: Facts, request: HttpRequest) -> Step:
    issue = facts.issue
    body = intake.issue_panel(request, issue)
    title = "Chuyển HĐND cấp trên / cấp dưới"
    if issue.referred_to_id:
        answered = body is not None and any(result.answers for result, _visible in body["results"])
        if answered:
            return Step(REFER, 0, title, DONE, f"Đã chuyển {issue.referred_to}; đã có trả lời.", body)
        return Step(REFER, 0, title, WAITING, f"Đã chuyển {issue.referred_to}; chờ trả lời.", body)
    if issue.competence and not facts.offered_agencies and not issue.is_draft:
        words = f"thẩm quyền cấp {issue.get_competence_display().lower()}"
        return Step(REFER, 0, title, TODO, f"Kiến nghị thuộc {words}: chuyển HĐND có thẩm quyền.", body)
    return Step(
        REFER, 0, title, OPTIONAL, "Chỉ khi kiến nghị vượt thẩm quyền hoặc thuộc thẩm quyền cấp xã.", body
    )


def _publish(facts: Facts, request: HttpRequest) -> Step:
    body = public.issue_panel(request, facts.issue, facts.every_forwarding)
    state_of = body["issue"] if body else facts.issue
    title = "Công khai kết quả trả lời"
    if state_of.published_at and not getattr(state_of, "has_new_answer", False):
        day = timezone.localtime(state_of.published_at)
        return Step(PUBLISH, 0, title, DONE, f"Đã công khai ngày {day:%d/%m/%Y}.", body)
    if state_of.published_at:
        return Step(PUBLISH, 0, title, TODO, "Có trả lời mới sau khi công khai: công khai lại.", body)
    if getattr(state_of, "has_answer", False) and not facts.issue.is_draft:
        return Step(PUBLISH, 0, title, TODO, "Đã có trả lời: công khai cho cử tri.", body)
    return Step(PUBLISH, 0, title, BLOCKED, "Chờ cơ quan trả lời.", body)


BUILDERS: Sequence[Callable[[Facts, HttpRequest], Step]] = (
    _classify,
    _forward,
    _follow_up,
    _refer,
    _publish,
)


def issue_steps(request: HttpRequest, facts: Facts) -> list[Step]:
    """Every step of the issue, numbered in the order the work happens."""
    steps = [build(facts, request) for build in BUILDERS]
    for number, step in enumerate(steps, start=1):
        step.number = number
    return steps


def next_step(steps: list[Step]) -> Step | None:
    """The first step to do; else the first one waiting on someone else; None once all is done."""
    for state in (TODO, WAITING):
        found = next((step for step in steps if step.state == state), None)
        if found is not None:
            return found
    return None


def last_done(steps: list[Step]) -> Step:
    """What the page opens once nothing is left to do: the last step done (its result), else the first."""
    done = [step for step in steps if step.state == DONE]
    return done[-1] if done else steps[0]


def chosen_step(steps: list[Step], slug: str) -> Step | None:
    return next((step for step in steps if step.slug == slug), None)


def offered(issue: PetitionIssue, agencies: Any) -> Any:
    """The agencies the forward step offers: the council's active ones that fit the issue's competence."""
    return competence.answering(agencies, issue.competence)
