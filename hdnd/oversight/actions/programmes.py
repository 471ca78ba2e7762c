"""Programmes and plans: create, propose a topic, accept or decline it, adopt the programme."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.workflow import change_status
from hdnd.councils.models import Body, Council, Person
from hdnd.oversight.models import ProgrammeProposal, SupervisionProgramme
from hdnd.petitions.models import PetitionIssue
from hdnd.resolutions.models import Resolution

from .common import check_all_same, clean, lock, same_council

ACTION_LABELS = {
    "oversight.create_programme": "Lập chương trình, kế hoạch giám sát",
    "oversight.adopt_programme": "Thông qua chương trình giám sát",
    "oversight.add_proposal": "Đề xuất nội dung giám sát",
    "oversight.decide_proposal": "Quyết định đưa đề xuất vào chương trình giám sát",
}
PROGRAMME_TRANSITIONS: dict[str, frozenset[str]] = {
    SupervisionProgramme.Status.DRAFT: frozenset({SupervisionProgramme.Status.ADOPTED}),
    SupervisionProgramme.Status.ADOPTED: frozenset(),
}
PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ProgrammeProposal.Status.PROPOSED: frozenset(
        {ProgrammeProposal.Status.ACCEPTED, ProgrammeProposal.Status.DECLINED}
    ),
    ProgrammeProposal.Status.ACCEPTED: frozenset({ProgrammeProposal.Status.DECLINED}),
    ProgrammeProposal.Status.DECLINED: frozenset({ProgrammeProposal.Status.ACCEPTED}),
}


def create_programme(
    council: Council, *, by: Actor, year: int, title: str, body: Body | None = None, notes: str = ""
) -> SupervisionProgramme:
    """The council's programme for ``year`` (no body) or one body's annual supervision plan."""
    title = clean(title, "title", "tên chương trình", limit=255)
    same_council(body, council, "body", "Cơ quan này không thuộc HĐND đang chọn.")
    if SupervisionProgramme.objects.filter(council=council, year=year, body=body).exists():
        whose = f"{body}" if body else "HĐND"
        raise ValidationError({"year": f"{whose} đã có chương trình giám sát năm {year}."})
    with transaction.atomic():
        programme = SupervisionProgramme.objects.create(
            council=council,
            year=year,
            title=title,
            body=body,
            notes=clean(notes, "notes", "ghi chú", required=False),
        )
        record(
            action="oversight.create_programme",
            actor=by,
            obj=programme,
            council=council,
            after={"year": year, "title": title, "body": str(body or "")},
        )
    return programme


def adopt_programme(
    programme: SupervisionProgramme, *, by: Actor, on: date, resolution: Resolution | None = None
) -> SupervisionProgramme:
    """Record the programme as adopted (the council's by a resolution, a body's plan by its decision)."""
    same_council(resolution, programme.council, "resolution", "Nghị quyết này không thuộc HĐND đang chọn.")
    with transaction.atomic():
        locked = lock(programme)
        change_status(
            locked,
            SupervisionProgramme.Status.ADOPTED,
            table=PROGRAMME_TRANSITIONS,
            refusal="Chương trình đã được thông qua.",
            by=by,
            action="oversight.adopt_programme",
            also={"adopted_on": on, "resolution": resolution},
        )
    return locked


def add_proposal(
    programme: SupervisionProgramme,
    *,
    by: Actor,
    source: str,
    topic: str,
    proposer: str = "",
    need: str = "",
    content: str = "",
    scope: str = "",
    subjects: str = "",
    body: Body | None = None,
    person: Person | None = None,
    issues: Iterable[PetitionIssue] = (),
) -> ProgrammeProposal:
    """A topic proposed for the programme, with the issues of voters' petitions behind it."""
    council = programme.council
    if source not in ProgrammeProposal.Source.values:
        raise ValidationError({"source": "Chọn nguồn đề xuất."})
    same_council(body, council, "body", "Cơ quan này không thuộc HĐND đang chọn.")
    same_council(person, council, "person", "Đại biểu này không thuộc HĐND đang chọn.")
    found = check_all_same(issues, council, "issues", "Kiến nghị này không thuộc HĐND đang chọn.")
    values = {
        "topic": clean(topic, "topic", "tên chuyên đề", limit=255),
        "proposer": clean(proposer, "proposer", "người đề xuất", required=False, limit=255),
        "need": clean(need, "need", "sự cần thiết", required=False),
        "content": clean(content, "content", "nội dung", required=False),
        "scope": clean(scope, "scope", "phạm vi", required=False),
        "subjects": clean(subjects, "subjects", "đối tượng", required=False),
    }
    with transaction.atomic():
        proposal = ProgrammeProposal.objects.create(
            council=council, programme=programme, source=source, body=body, person=person, **values
        )
        proposal.issues.set(found)
        record(
            action="oversight.add_proposal",
            actor=by,
            obj=proposal,
            council=council,
            after={"topic": values["topic"], "source": source, "issues": [i.pk for i in found]},
        )
    return proposal


def decide_proposal(proposal: ProgrammeProposal, *, by: Actor, accept: bool) -> ProgrammeProposal:
    target = ProgrammeProposal.Status.ACCEPTED if accept else ProgrammeProposal.Status.DECLINED
    with transaction.atomic():
        locked = lock(proposal)
        change_status(
            locked,
            target,
            table=PROPOSAL_TRANSITIONS,
            refusal="Đề xuất đã ở trạng thái này.",
            by=by,
            action="oversight.decide_proposal",
        )
    return locked
