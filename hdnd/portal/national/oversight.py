"""Oversight in the generated years: programmes, supervisions and surveys with their follow-up.

Each council adopts its supervision programme for the year in December before it, with one accepted
proposal for each supervision it holds: a few a year at scale 1 (the standing committee's, a
committee's, a survey), each walked along ``TRANSITIONS`` as far as its dates reach the history's last
day (``Ground.as_of``): the team's decision numbered in the body's QĐ series, the plan sent to the
People's Committee (and, for a province, a department) with a self-report due, a day of fieldwork, the
deadlines of the members' notes and the draft report from the rules table, the draft out for comments,
then the conclusion (a report, or a notice numbered in the TB-HĐND series). A concluded supervision has
two findings and two or three recommendations followed up: those not due yet are open
(``open_status``), those due were reported done, partly done or excused, or are overdue.
Questioning and explanation are in ``questioning``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hdnd.councils.models import BodyKind, Council
from hdnd.oversight.models import (
    NOTICE_SYMBOL,
    Fieldwork,
    Finding,
    FollowStatus,
    ProgrammeProposal,
    Recommendation,
    SupervisedAgency,
    Supervision,
    SupervisionProgramme,
    TeamMember,
    numbered,
)
from hdnd.oversight.models.supervisions import DECISION_SYMBOLS
from hdnd.oversight.rules import DRAFT_REPORT, MEMBER_NOTES, REMINDER

from . import wording
from .ground import Ground, per_year, save

SUPERVISIONS = 3
S = Supervision.Status
# Who supervises, in turn: the standing committee, the economy committee, then a survey by the culture one.
PLAN = (
    (BodyKind.STANDING, Supervision.Kind.THEMATIC),
    (BodyKind.ECONOMY_BUDGET, Supervision.Kind.THEMATIC),
    (BodyKind.CULTURE_SOCIETY, Supervision.Kind.SURVEY),
)


@dataclass
class Steps:
    """The days of one supervision's steps, from the team's decision to the conclusion."""

    decided: date
    plan_sent: date
    fieldwork: date
    fieldwork_ended: date
    draft: date
    consultation_until: date
    concluded: date

    @classmethod
    def drawn(cls, g: Ground, year: int, month: int) -> Steps:
        decided = g.day_in(year, month, 1, 20)
        plan_sent = decided + timedelta(days=g.rng.randint(5, 10))
        fieldwork = plan_sent + timedelta(days=g.rng.randint(20, 30))
        ended = fieldwork + timedelta(days=g.rng.randint(0, 5))
        draft = ended + timedelta(days=g.rng.randint(10, 15))
        until = draft + timedelta(days=7)
        return cls(
            decided, plan_sent, fieldwork, ended, draft, until, until + timedelta(days=g.rng.randint(3, 10))
        )


def write(g: Ground) -> tuple[dict[str, int], dict[int, list[Finding]]]:
    """The programmes and supervisions of every council; the rows by kind and the findings by council."""
    programmes = save(
        SupervisionProgramme,
        [_programme(g, c, year) for year in g.years for c in g.councils],
    )
    proposals: list[ProgrammeProposal] = []
    supervisions: list[Supervision] = []
    for programme in programmes:
        council = programme.council
        for n in range(per_year(SUPERVISIONS, g.scale)):
            proposal, supervision = _supervision(g, council, programme, n)
            proposals.append(proposal)
            supervisions.append(supervision)
    save(ProgrammeProposal, proposals)
    for proposal, supervision in zip(proposals, supervisions, strict=True):
        supervision.proposal = proposal
    save(Supervision, supervisions)
    counts = {"supervision_programmes": len(programmes), "supervisions": len(supervisions)}
    counts.update(_details(g, supervisions))
    findings = _findings(g, supervisions)
    counts["findings"] = sum(len(f) for f in findings.values())
    counts["recommendations"] = _recommendations(g, supervisions, findings)
    by_council: dict[int, list[Finding]] = {}
    for found in findings.values():
        for finding in found:
            by_council.setdefault(finding.council_id, []).append(finding)
    return counts, by_council


def _programme(g: Ground, council: Council, year: int) -> SupervisionProgramme:
    adopted = date(year - 1, 12, g.rng.randint(8, 20))
    ready = adopted <= g.as_of
    return SupervisionProgramme(
        council=council,
        year=year,
        title=f"Chương trình giám sát năm {year} của {council.name}",
        status=SupervisionProgramme.Status.ADOPTED if ready else SupervisionProgramme.Status.DRAFT,
        adopted_on=adopted if ready else None,
        notes="Thông qua tại kỳ họp cuối năm." if ready else "",
    )


def _supervision(
    g: Ground, council: Council, programme: SupervisionProgramme, n: int
) -> tuple[ProgrammeProposal, Supervision]:
    kind_of_body, kind = PLAN[n % len(PLAN)]
    body = g.bodies[council.pk].get(kind_of_body) or g.bodies[council.pk][BodyKind.STANDING]
    commune, year = g.commune_name(council), programme.year
    templates = wording.SURVEY_TITLES if kind == Supervision.Kind.SURVEY else wording.SUPERVISION_TITLES
    title = wording.fill(g.rng, g.pick(templates), commune, year)[:250]
    proposal = ProgrammeProposal(
        council=council,
        programme=programme,
        source=ProgrammeProposal.Source.STANDING if kind_of_body == BodyKind.STANDING else "committee",
        proposer=body.name,
        body=body,
        topic=title,
        need="Nội dung được cử tri và dư luận quan tâm, nhiều kiến nghị chưa được giải quyết dứt điểm.",
        subjects=g.agency_names[g.found.agencies[council.pk]],
        status=ProgrammeProposal.Status.ACCEPTED,
    )
    month = 3 + n * 8 // max(per_year(SUPERVISIONS, g.scale), 1)
    supervision = Supervision(
        council=council,
        programme=programme,
        kind=kind,
        title=title,
        content=f"Xem xét việc tổ chức thực hiện {wording.field_of(g.rng)} trên địa bàn.",
        scope=f"Từ ngày 01/01/{year - 1} đến thời điểm giám sát, trên địa bàn {council.unit.name}.",
        body=body,
        planned_month=month,
    )
    _walk(g, supervision, Steps.drawn(g, year, month))
    return proposal, supervision


def _walk(g: Ground, s: Supervision, steps: Steps) -> None:
    """Move ``s`` along ``TRANSITIONS`` as far as the steps' days reach ``as_of``, as the actions would."""
    if steps.decided > g.as_of:
        return
    assert s.body is not None
    symbol = DECISION_SYMBOLS.get(s.body.kind, "QĐ-HĐND")
    number = g.number(s.council_id, steps.decided.year, symbol)
    s.status, s.decision_year, s.decision_number = S.ESTABLISHED, steps.decided.year, number
    s.decision_symbol, s.decision_on = numbered(number, symbol), steps.decided
    if steps.plan_sent > g.as_of:
        return
    s.status, s.plan_sent_on = S.PLAN_SENT, steps.plan_sent
    if steps.fieldwork > g.as_of:
        return
    s.status, s.fieldwork_started_on = S.FIELDWORK, steps.fieldwork
    if steps.fieldwork_ended > g.as_of:
        return
    s.status, s.fieldwork_ended_on = S.DRAFTING, steps.fieldwork_ended
    s.member_notes_due_on = g.deadline(MEMBER_NOTES, steps.fieldwork_ended)
    s.draft_report_due_on = g.deadline(DRAFT_REPORT, steps.fieldwork_ended)
    if steps.draft > g.as_of:
        return
    s.status, s.draft_report_on, s.consultation_until = S.CONSULTING, steps.draft, steps.consultation_until
    if steps.concluded > g.as_of:
        return
    s.status, s.concluded_on = S.CONCLUDED, steps.concluded
    s.conclusions = g.pick(wording.CONCLUSIONS)
    if g.chance(0.4):
        s.outcome = Supervision.Outcome.NOTICE
        number = g.number(s.council_id, steps.concluded.year, NOTICE_SYMBOL)
        s.notice_year, s.notice_number = steps.concluded.year, number
        s.notice_symbol = numbered(number, NOTICE_SYMBOL)
    else:
        s.outcome = Supervision.Outcome.REPORT


def _details(g: Ground, supervisions: list[Supervision]) -> dict[str, int]:
    """The team, the supervised bodies and the day of fieldwork of each supervision that reached them."""
    members: list[TeamMember] = []
    targets: list[SupervisedAgency] = []
    fieldwork: list[Fieldwork] = []
    for s in supervisions:
        council = s.council
        if s.decision_on is None:
            continue
        seats = g.standing.get(council.pk, [])
        for seat, role in zip(
            seats, (TeamMember.Role.HEAD, TeamMember.Role.DEPUTY, TeamMember.Role.MEMBER), strict=False
        ):
            person = g.people[seat.person_id]
            members.append(
                TeamMember(
                    supervision=s,
                    person=person,
                    name=person.full_name,
                    position=seat.get_role_display(),
                    role=role,
                )
            )
        members.append(
            TeamMember(supervision=s, name="Chuyên viên Văn phòng HĐND", role=TeamMember.Role.SECRETARY)
        )
        if s.plan_sent_on is None:
            continue
        agencies = g.agencies_of(council)
        chosen = [agencies[0]] + ([g.pick(agencies[1:])] if len(agencies) > 1 else [])
        due = s.plan_sent_on + timedelta(days=15)
        for agency in chosen:
            received = due - timedelta(days=g.rng.randint(-3, 5))
            targets.append(
                SupervisedAgency(
                    supervision=s,
                    council=council,
                    agency_id=agency,
                    report_due_on=due,
                    report_received_on=received if received <= g.as_of and g.chance(0.9) else None,
                )
            )
        if s.fieldwork_started_on is not None:
            fieldwork.append(
                Fieldwork(
                    supervision=s,
                    on=s.fieldwork_started_on,
                    place=f"Trụ sở {g.agency_names[agencies[0]]}",
                    agency_id=agencies[0],
                    notes="Làm việc trực tiếp, khảo sát thực tế tại cơ sở.",
                )
            )
    save(TeamMember, members)
    save(SupervisedAgency, targets)
    save(Fieldwork, fieldwork)
    return {
        "supervision_members": len(members),
        "supervised_agencies": len(targets),
        "fieldwork": len(fieldwork),
    }


def _findings(g: Ground, supervisions: list[Supervision]) -> dict[int, list[Finding]]:
    rows = []
    for s in supervisions:
        if s.status not in (S.DRAFTING, S.CONSULTING, S.CONCLUDED):
            continue
        commune, year = g.commune_name(s.council), s.programme.year if s.programme else g.years[-1]
        for template in g.rng.sample(wording.FINDINGS, 2):
            rows.append(
                Finding(supervision=s, council=s.council, text=wording.fill(g.rng, template, commune, year))
            )
    save(Finding, rows)
    found: dict[int, list[Finding]] = {}
    for finding in rows:
        found.setdefault(finding.supervision_id, []).append(finding)
    return found


def followed(g: Ground, due: date, reported_by: date) -> dict[str, Any]:
    """The follow-up columns of an item due on ``due``: open if not due yet (or one in six left
    overdue), otherwise reported done, partly done or excused by ``reported_by``."""
    if due > g.as_of:  # ``open_status``: due from the reminder day (rule), else not due
        return {"status": FollowStatus.DUE if g.deadline(REMINDER, due) <= g.as_of else FollowStatus.NOT_DUE}
    if g.chance(1 / 6):
        return {"status": FollowStatus.OVERDUE}
    on = min(max(reported_by, due - timedelta(days=g.rng.randint(0, 30))), g.as_of)
    roll = g.rng.random()
    if roll < 0.7:
        return {
            "status": FollowStatus.DONE,
            "progress": 100,
            "progress_note": g.pick(wording.PROGRESS[:2]),
            "reported_on": on,
            "done_on": on,
        }
    if roll < 0.92:
        return {
            "status": FollowStatus.PARTLY_DONE,
            "progress": g.rng.randint(20, 90),
            "progress_note": g.pick(wording.PROGRESS[2:]),
            "reported_on": on,
        }
    return {"status": FollowStatus.EXCUSED, "excuse": g.pick(wording.EXCUSES), "reported_on": on}


def _recommendations(g: Ground, supervisions: list[Supervision], findings: dict[int, list[Finding]]) -> int:
    rows = []
    for s in supervisions:
        if s.status != S.CONCLUDED or s.concluded_on is None:
            continue
        commune, year = g.commune_name(s.council), s.concluded_on.year
        agencies = g.agencies_of(s.council)
        own = findings.get(s.pk, [])
        for n in range(g.rng.randint(2, 3)):
            due = s.concluded_on + timedelta(days=g.rng.choice((60, 90, 180)))
            rows.append(
                Recommendation(
                    council=s.council,
                    source=Recommendation.Source.NOTICE
                    if s.notice_number
                    else Recommendation.Source.SUPERVISION,
                    supervision=s,
                    finding=own[n] if n < len(own) else None,
                    agency_id=agencies[n % len(agencies)],
                    content=wording.fill(g.rng, g.pick(wording.RECOMMENDATIONS), commune, year),
                    due_on=due,
                    **followed(g, due, s.concluded_on + timedelta(days=20)),
                )
            )
    save(Recommendation, rows)
    return len(rows)
