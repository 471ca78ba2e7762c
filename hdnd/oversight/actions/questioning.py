"""Questioning and explanation: slips from delegates, topics chosen by the guidance's criteria,
questioning at a session or a standing-committee meeting, explanation sessions, and their outcome
(a draft questioning resolution, a conclusion notice numbered in the TB-HĐND series)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.words import ordinal_words
from hdnd.core.workflow import check_transition
from hdnd.councils.models import Agency, Council, Person
from hdnd.oversight.models import (
    CRITERIA,
    EXPLANATION_TRANSITIONS,
    NOTICE_SYMBOL,
    SLIP_TRANSITIONS,
    TOPIC_TRANSITIONS,
    ExplanationSession,
    Finding,
    QuestioningTopic,
    QuestionSlip,
    Recommendation,
    Satisfaction,
    numbered,
)
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions import actions as resolution_actions
from hdnd.sittings.models import Session, StandingMeeting

from .common import check_agency, check_all_same, clean, lock, not_before, same_council, take_document_number

ACTION_LABELS = {
    "oversight.submit_slip": "Tiếp nhận phiếu chất vấn",
    "oversight.answer_slip": "Ghi trả lời chất vấn",
    "oversight.create_topic": "Đề xuất nhóm vấn đề chất vấn",
    "oversight.select_topic": "Lựa chọn nhóm vấn đề chất vấn",
    "oversight.record_questioning": "Ghi kết quả phiên chất vấn",
    "oversight.conclude_topic": "Kết luận chất vấn",
    "oversight.plan_explanation": "Dự kiến phiên giải trình",
    "oversight.record_explanation": "Ghi kết quả phiên giải trình",
    "oversight.conclude_explanation": "Ban hành kết luận phiên giải trình",
}
OTHER_COUNCIL = "Thông tin này không thuộc HĐND đang chọn."


def _satisfaction(value: str) -> str:
    if value and value not in Satisfaction.values:
        raise ValidationError({"satisfaction": "Chọn mức độ đánh giá của đại biểu."})
    return value


def submit_slip(
    council: Council,
    *,
    by: Actor,
    delegate: Person,
    channel: str,
    addressee: str,
    agency: Agency,
    content: str,
    submitted_on: date,
    session: Session | None = None,
    topic: QuestioningTopic | None = None,
    issues: Iterable[PetitionIssue] = (),
) -> QuestionSlip:
    """A delegate's question; at or before a session it names the session, between sessions it goes
    through the standing committee."""
    if channel not in QuestionSlip.Channel.values:
        raise ValidationError({"channel": "Chọn thời điểm gửi chất vấn."})
    if channel == QuestionSlip.Channel.DURING_SESSION and session is None:
        raise ValidationError({"session": "Chất vấn tại kỳ họp: chọn kỳ họp."})
    for obj, field in ((delegate, "delegate"), (session, "session"), (topic, "topic")):
        same_council(obj, council, field, OTHER_COUNCIL)
    check_agency(agency, council)
    found = check_all_same(issues, council, "issues", OTHER_COUNCIL)
    with transaction.atomic():
        slip = QuestionSlip.objects.create(
            council=council,
            delegate=delegate,
            channel=channel,
            session=session,
            topic=topic,
            addressee=clean(addressee, "addressee", "người bị chất vấn", limit=255),
            agency=agency,
            content=clean(content, "content", "nội dung chất vấn"),
            submitted_on=submitted_on,
        )
        slip.issues.set(found)
        record(
            action="oversight.submit_slip",
            actor=by,
            obj=slip,
            council=council,
            after={"delegate": str(delegate), "addressee": slip.addressee, "channel": channel},
        )
    return slip


def answer_slip(
    slip: QuestionSlip, *, by: Actor, status: str, answer: str, answered_on: date, satisfaction: str = ""
) -> QuestionSlip:
    """The answer, in person or in writing, and how the delegate judged it (or the slip withdrawn)."""
    if status not in SLIP_TRANSITIONS[QuestionSlip.Status.RECEIVED]:
        raise ValidationError({"status": "Chọn: trả lời trực tiếp, bằng văn bản, hoặc đại biểu rút lại."})
    withdrawn = status == QuestionSlip.Status.WITHDRAWN
    answer = clean(answer, "answer", "nội dung trả lời", required=not withdrawn)
    not_before(
        answered_on, slip.submitted_on, "answered_on", "Ngày trả lời phải từ ngày gửi chất vấn trở đi."
    )
    with transaction.atomic():
        locked = lock(slip)
        before = locked.status
        check_transition(SLIP_TRANSITIONS, before, status, "Phiếu chất vấn đã được trả lời hoặc rút lại.")
        locked.status, locked.answer, locked.answered_on = status, answer, answered_on
        locked.satisfaction = _satisfaction(satisfaction)
        locked.save()
        record(
            action="oversight.answer_slip",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": status, "satisfaction": locked.satisfaction},
        )
    return locked


def create_topic(
    council: Council,
    *,
    by: Actor,
    title: str,
    criteria: Mapping[str, bool],
    reasons: str = "",
    respondents: str = "",
    session: Session | None = None,
    standing_meeting: StandingMeeting | None = None,
    agencies: Iterable[Agency] = (),
    issues: Iterable[PetitionIssue] = (),
    findings: Iterable[Finding] = (),
    recommendations: Iterable[Recommendation] = (),
) -> QuestioningTopic:
    """A proposed questioning topic, meeting at least one criterion of the supervision guidance."""
    flags = {field: bool(criteria.get(field)) for field, _ in CRITERIA}
    if not any(flags.values()):
        raise ValidationError(
            {"criteria": "Chọn ít nhất một tiêu chí lựa chọn vấn đề chất vấn theo hướng dẫn."}
        )
    if session is not None and standing_meeting is not None:
        raise ValidationError(
            {"session": "Chất vấn tại kỳ họp hoặc tại phiên họp Thường trực (một trong hai)."}
        )
    for obj, field in ((session, "session"), (standing_meeting, "standing_meeting")):
        same_council(obj, council, field, OTHER_COUNCIL)
    chosen = list(agencies)
    for agency in chosen:
        check_agency(agency, council, "agencies")
    links = {
        "issues": check_all_same(issues, council, "issues", OTHER_COUNCIL),
        "findings": check_all_same(findings, council, "findings", OTHER_COUNCIL),
        "recommendations": check_all_same(recommendations, council, "recommendations", OTHER_COUNCIL),
    }
    with transaction.atomic():
        topic = QuestioningTopic.objects.create(
            council=council,
            title=clean(title, "title", "nhóm vấn đề chất vấn", limit=255),
            reasons=clean(reasons, "reasons", "lý do lựa chọn", required=False),
            respondents=clean(respondents, "respondents", "người trả lời", required=False, limit=255),
            session=session,
            standing_meeting=standing_meeting,
            **flags,
        )
        topic.agencies.set(chosen)
        for name, items in links.items():
            getattr(topic, name).set(items)
        record(
            action="oversight.create_topic",
            actor=by,
            obj=topic,
            council=council,
            after={"title": topic.title, "criteria": [f for f, v in flags.items() if v]},
        )
    return topic


def select_topic(topic: QuestioningTopic, *, by: Actor, selected: bool) -> QuestioningTopic:
    target = QuestioningTopic.Status.SELECTED if selected else QuestioningTopic.Status.DECLINED
    return _move_topic(topic, by, target, "oversight.select_topic", {})


def _move_topic(
    topic: QuestioningTopic, by: Actor, target: str, action: str, also: dict[str, object]
) -> QuestioningTopic:
    with transaction.atomic():
        locked = lock(topic)
        before = locked.status
        check_transition(
            TOPIC_TRANSITIONS, before, target, f"Nhóm vấn đề đang ở bước “{locked.get_status_display()}”."
        )
        locked.status = target
        for field, value in also.items():
            setattr(locked, field, value)
        locked.save()
        record(
            action=action,
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={"status": target, **{k: str(v)[:300] for k, v in also.items()}},
        )
    return locked


def record_questioning(
    topic: QuestioningTopic, *, by: Actor, on: date, answers: str, satisfaction: str = ""
) -> QuestioningTopic:
    """The questioning took place: who answered what, and how delegates judged it."""
    if topic.session_id is None and topic.standing_meeting_id is None:
        raise ValidationError({"session": "Chọn kỳ họp hoặc phiên họp Thường trực diễn ra chất vấn."})
    also = {
        "questioned_on": on,
        "answers": clean(answers, "answers", "tóm tắt trả lời chất vấn"),
        "satisfaction": _satisfaction(satisfaction),
    }
    return _move_topic(topic, by, QuestioningTopic.Status.QUESTIONED, "oversight.record_questioning", also)


def conclude_topic(
    topic: QuestioningTopic, *, by: Actor, conclusion: str, draft_resolution: bool = False
) -> QuestioningTopic:
    """The chair's conclusion; at a session, optionally the draft resolution on questioning."""
    conclusion = clean(conclusion, "conclusion", "kết luận")
    with transaction.atomic():
        also: dict[str, object] = {"conclusion": conclusion}
        if draft_resolution:
            if topic.session is None:
                raise ValidationError({"conclusion": "Chỉ kỳ họp ban hành nghị quyết về chất vấn."})
            also["resolution"] = resolution_actions.draft_resolution(
                topic.council,
                by=by,
                title=f"Về chất vấn và trả lời chất vấn tại Kỳ họp {ordinal_words(topic.session.number)}",
                text=conclusion,
                session=topic.session,
            )
        return _move_topic(topic, by, QuestioningTopic.Status.CONCLUDED, "oversight.conclude_topic", also)


def plan_explanation(
    council: Council,
    *,
    by: Actor,
    title: str,
    agency: Agency,
    officials: str,
    planned_on: date,
    standing_meeting: StandingMeeting | None = None,
    issues: Iterable[PetitionIssue] = (),
    findings: Iterable[Finding] = (),
    recommendations: Iterable[Recommendation] = (),
) -> ExplanationSession:
    """An explanation session planned at a meeting of the standing committee."""
    check_agency(agency, council)
    same_council(standing_meeting, council, "standing_meeting", OTHER_COUNCIL)
    links = {
        "issues": check_all_same(issues, council, "issues", OTHER_COUNCIL),
        "findings": check_all_same(findings, council, "findings", OTHER_COUNCIL),
        "recommendations": check_all_same(recommendations, council, "recommendations", OTHER_COUNCIL),
    }
    with transaction.atomic():
        session = ExplanationSession.objects.create(
            council=council,
            title=clean(title, "title", "nội dung giải trình", limit=255),
            agency=agency,
            officials=clean(officials, "officials", "người giải trình", limit=255),
            planned_on=planned_on,
            standing_meeting=standing_meeting,
        )
        for name, items in links.items():
            getattr(session, name).set(items)
        record(
            action="oversight.plan_explanation",
            actor=by,
            obj=session,
            council=council,
            after={"title": session.title, "agency": str(agency), "planned_on": planned_on},
        )
    return session


def _move_explanation(
    session: ExplanationSession, by: Actor, target: str, action: str, also: dict[str, object]
) -> ExplanationSession:
    with transaction.atomic():
        locked = lock(session)
        before = locked.status
        check_transition(
            EXPLANATION_TRANSITIONS,
            before,
            target,
            f"Phiên giải trình đang ở bước “{locked.get_status_display()}”.",
        )
        locked.status = target
        for field, value in also.items():
            setattr(locked, field, value)
        if target == ExplanationSession.Status.CONCLUDED:
            on = also["notice_on"]
            assert isinstance(on, date)
            _number_notice(locked, on, also.pop("number", None))  # type: ignore[arg-type]
        locked.save()
        record(
            action=action,
            actor=by,
            obj=locked,
            council=locked.council,
            before={"status": before},
            after={
                "status": target,
                "notice": locked.notice_symbol,
                **{k: str(v)[:300] for k, v in also.items()},
            },
        )
    return locked


def _number_notice(locked: ExplanationSession, on: date, number: int | None) -> None:
    taken = ExplanationSession.objects.filter(
        council=locked.council, notice_year=on.year, notice_number=number
    ).exists()
    given = take_document_number(locked.council, on.year, NOTICE_SYMBOL, number, taken)
    locked.notice_year, locked.notice_number = on.year, given
    locked.notice_symbol = numbered(given, NOTICE_SYMBOL)


def record_explanation(
    session: ExplanationSession,
    *,
    by: Actor,
    held_on: date,
    participants: str,
    answers: str,
    satisfaction: str = "",
) -> ExplanationSession:
    also = {
        "held_on": held_on,
        "participants": clean(participants, "participants", "thành phần tham dự", required=False),
        "answers": clean(answers, "answers", "tóm tắt nội dung giải trình"),
        "satisfaction": _satisfaction(satisfaction),
    }
    return _move_explanation(
        session, by, ExplanationSession.Status.HELD, "oversight.record_explanation", also
    )


def conclude_explanation(
    session: ExplanationSession, *, by: Actor, on: date, conclusion: str, number: int | None = None
) -> ExplanationSession:
    """The standing committee's conclusion on the explanation, numbered in the TB-HĐND series."""
    not_before(on, session.held_on or on, "on", "Ngày ban hành phải từ ngày giải trình trở đi.")
    also: dict[str, object] = {"conclusion": clean(conclusion, "conclusion", "kết luận"), "notice_on": on}
    if number is not None:
        also["number"] = number
    return _move_explanation(
        session, by, ExplanationSession.Status.CONCLUDED, "oversight.conclude_explanation", also
    )
