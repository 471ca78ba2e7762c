"""Explanation sessions and questioning in the generated years, with the commitments made there.

Every council's standing committee holds one explanation session a year at one of its concluded
meetings: planned, held that day, concluded with a notice numbered in the TB-HĐND series a few days
later, linked to a finding of the council's supervisions; the People's Committee's official commits to
one or two things. A province's council questions one group of issues a year at the year's last
session: chosen on the criteria, three delegates' slips answered in person with a satisfaction, the
chair's conclusion, and two commitments. Commitments are followed up like recommendations
(``oversight.followed``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hdnd.councils.models import Council
from hdnd.oversight.models import (
    NOTICE_SYMBOL,
    Commitment,
    ExplanationSession,
    Finding,
    QuestioningTopic,
    QuestionSlip,
    Satisfaction,
    numbered,
)
from hdnd.sittings.models import Session, StandingMeeting

from . import wording
from .ground import Ground, save
from .oversight import followed

SATISFACTION = (Satisfaction.SATISFIED, Satisfaction.SATISFIED, Satisfaction.PARTLY, Satisfaction.UNSATISFIED)


def write(
    g: Ground, meetings: dict[int, list[StandingMeeting]], findings: dict[int, list[Finding]]
) -> dict[str, int]:
    explanations = _explanations(g, meetings)
    topics, slips = _questioning(g)
    commitments = _commitments(g, explanations, topics, slips)
    through = ExplanationSession.findings.through
    links = [
        through(explanationsession_id=e.pk, finding_id=findings[e.council_id][0].pk)
        for e in explanations
        if findings.get(e.council_id)
    ]
    through.objects.bulk_create(links, batch_size=5000)
    return {
        "explanation_sessions": len(explanations),
        "questioning_topics": len(topics),
        "question_slips": len(slips),
        "commitments": commitments,
    }


def _explanations(g: Ground, meetings: dict[int, list[StandingMeeting]]) -> list[ExplanationSession]:
    rows = []
    for council in g.councils:
        by_year: dict[int, list[StandingMeeting]] = {}
        for meeting in meetings.get(council.pk, []):
            by_year.setdefault(meeting.meets_on.year, []).append(meeting)
        for year in g.years:
            held = by_year.get(year)
            if held:
                rows.append(_explanation(g, council, held[len(held) // 2]))
    return save(ExplanationSession, rows)


def _explanation(g: Ground, council: Council, meeting: StandingMeeting) -> ExplanationSession:
    day = meeting.held_on or meeting.meets_on
    notice_on = day + timedelta(days=g.rng.randint(3, 7))
    agency = g.found.agencies[council.pk]
    row = ExplanationSession(
        council=council,
        standing_meeting=meeting,
        title=wording.fill(g.rng, g.pick(wording.EXPLANATION_TITLES), g.commune_name(council), day.year)[
            :250
        ],
        agency_id=agency,
        officials=f"Phó Chủ tịch {g.agency_names[agency]}",
        planned_on=day,
        held_on=day,
        participants="Thường trực HĐND, các Ban của HĐND, đại diện Ủy ban MTTQ Việt Nam",
        answers=g.pick(wording.ANSWERS),
        satisfaction=g.pick(SATISFACTION),
        status=ExplanationSession.Status.HELD,
    )
    if notice_on <= g.as_of:
        number = g.number(council.pk, notice_on.year, NOTICE_SYMBOL)
        row.status, row.notice_on = ExplanationSession.Status.CONCLUDED, notice_on
        row.notice_year, row.notice_number = notice_on.year, number
        row.notice_symbol = numbered(number, NOTICE_SYMBOL)
        row.conclusion = "Thường trực HĐND đề nghị UBND thực hiện đầy đủ các nội dung đã cam kết."
    return row


def _last_session(g: Ground, council: Council, year: int) -> Session | None:
    held = [s for s in g.sessions.get(council.pk, []) if s.opens_on.year == year]
    return held[-1] if held else None


def _questioning(g: Ground) -> tuple[list[QuestioningTopic], list[QuestionSlip]]:
    topics: list[QuestioningTopic] = []
    slips: list[QuestionSlip] = []
    for council in g.found.provinces:
        delegates = g.found.delegates.get(council.pk, [])
        for year in g.years:
            session = _last_session(g, council, year)
            if session is None or not delegates:
                continue
            topic = _topic(g, council, session)
            topics.append(topic)
            for _ in range(3):
                slips.append(_slip(g, council, session, topic, g.pick(delegates)))
    save(QuestioningTopic, topics)
    save(QuestionSlip, slips)
    return topics, slips


def _topic(g: Ground, council: Council, session: Session) -> QuestioningTopic:
    agency = g.pick(g.agencies_of(council))
    return QuestioningTopic(
        council=council,
        session=session,
        title=wording.fill(
            g.rng, g.pick(wording.QUESTIONING_TITLES), g.commune_name(council), session.opens_on.year
        )[:250],
        pressing=True,
        supervision_findings=g.chance(0.5),
        unaccepted_answers=g.chance(0.3),
        reasons="Vấn đề được nhiều cử tri kiến nghị qua các đợt tiếp xúc cử tri.",
        respondents=f"Giám đốc {g.agency_names[agency]}"
        if agency != g.found.agencies[council.pk]
        else "Phó Chủ tịch UBND tỉnh",
        status=QuestioningTopic.Status.CONCLUDED,
        questioned_on=session.opens_on,
        answers=g.pick(wording.ANSWERS),
        satisfaction=g.pick(SATISFACTION),
        conclusion="Chủ tọa kết luận: đề nghị người trả lời chất vấn thực hiện nghiêm nội dung đã cam kết.",
    )


def _slip(
    g: Ground, council: Council, session: Session, topic: QuestioningTopic, delegate: int
) -> QuestionSlip:
    agency = g.found.agencies[council.pk]
    return QuestionSlip(
        council=council,
        delegate_id=delegate,
        channel=QuestionSlip.Channel.BEFORE_SESSION,
        session=session,
        topic=topic,
        addressee=topic.respondents,
        agency_id=agency,
        content=wording.fill(
            g.rng, g.pick(wording.QUESTIONS), g.commune_name(council), session.opens_on.year
        ),
        submitted_on=session.opens_on - timedelta(days=g.rng.randint(5, 15)),
        status=QuestionSlip.Status.ANSWERED_IN_PERSON,
        answer=g.pick(wording.ANSWERS),
        answered_on=session.opens_on,
        satisfaction=g.pick(SATISFACTION),
    )


def _commitments(
    g: Ground,
    explanations: list[ExplanationSession],
    topics: list[QuestioningTopic],
    slips: list[QuestionSlip],
) -> int:
    rows = []
    for e in explanations:
        for _ in range(g.rng.randint(1, 2)):
            rows.append(
                _commitment(g, e.council, e.held_on or e.planned_on, e.officials, e.agency_id, explanation=e)
            )
    first_slip = {s.topic_id: s for s in reversed(slips)}
    for t in topics:
        assert t.questioned_on is not None
        slip = first_slip.get(t.pk)
        for _ in range(2):
            rows.append(
                _commitment(
                    g,
                    t.council,
                    t.questioned_on,
                    t.respondents,
                    g.found.agencies[t.council_id],
                    topic=t,
                    slip=slip,
                )
            )
    save(Commitment, rows)
    return len(rows)


def _commitment(
    g: Ground, council: Council, on: date, official: str, agency: int, **origin: Any
) -> Commitment:
    due = on + timedelta(days=g.rng.choice((90, 180, 270)))
    return Commitment(
        council=council,
        official=official,
        agency_id=agency,
        content=wording.fill(g.rng, g.pick(wording.COMMITMENTS), g.commune_name(council), on.year),
        due_on=due,
        **origin,
        **followed(g, due, on + timedelta(days=30)),
    )
