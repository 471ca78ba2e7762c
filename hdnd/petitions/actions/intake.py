"""Petitions that arrive other than typed at a meeting: citizen reception (tiếp công dân), letters (đơn,
thư), and lists imported from .xlsx and .docx files (read by ``imports``).

Every petition is built by ``actions.entry.new_petition`` (the one set of origin checks) and then given
what only these sources have: the day it was received and the number of the slip or letter. An import
is all or nothing: nothing is saved while one row has a problem.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.tabular import ImportRejected
from hdnd.core.text import fold, nfc
from hdnd.councils.models import Council, Person
from hdnd.petitions.import_files import MEETING_TABLE, RECEIVED_TABLE, REFERENCE_MAX, ImportRow, read_file
from hdnd.petitions.models import Cycle, Petition, VoterMeeting

from .entry import new_petition

RECEIVED_SOURCES = (Petition.Source.RECEPTION, Petition.Source.LETTER)
CHOOSE_SOURCE = "Chọn nguồn tiếp nhận: tiếp công dân hoặc đơn, thư."
FUTURE_DAY = "Ngày nhận không được sau hôm nay."
LONG_REFERENCE = f"Số phiếu, số đơn dài quá {REFERENCE_MAX} ký tự."


# One petition from reception or a letter ---------------------------------------------------------


def _check_received(source: str, received_on: date | None, reference: str) -> tuple[date, str]:
    if source not in RECEIVED_SOURCES:
        raise ValidationError({"source": CHOOSE_SOURCE})
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": FUTURE_DAY})
    reference = " ".join(nfc(reference or "").split())
    if len(reference) > REFERENCE_MAX:
        raise ValidationError({"reference": LONG_REFERENCE})
    return received_on, reference


def register_received(
    cycle: Cycle,
    *,
    by: Actor,
    text: str,
    source: str,
    received_on: date | None = None,
    reference: str = "",
    voter_place: str = "",
    delegate: Person | None = None,
) -> Petition:
    """Register one petition received at citizen reception or by letter (no meeting), in a cycle."""
    received_on, reference = _check_received(source, received_on, reference)
    petition = new_petition(
        cycle.council,
        by=by,
        cycle=cycle,
        text=text,
        source=source,
        meeting=None,
        voter_place=nfc(voter_place or "").strip(),
        delegate=delegate,
    )
    petition.received_on, petition.reference = received_on, reference
    with transaction.atomic():
        petition.save()
        record(
            action="petitions.register_received",
            actor=by,
            obj=petition,
            council=cycle.council,
            after={
                "source": source,
                "cycle": cycle.pk,
                "received_on": received_on,
                "reference": reference,
                "text": petition.text,
            },
        )
    return petition


# Checking and saving a file ----------------------------------------------------------------------


def _people(council: Council, meeting: VoterMeeting | None) -> dict[str, list[Person]]:
    people = meeting.delegates.all() if meeting is not None else Person.objects.filter(council=council)
    found: dict[str, list[Person]] = {}
    for person in people:
        found.setdefault(person.name_key, []).append(person)
    return found


def _delegate(name: str, people: dict[str, list[Person]], meeting: VoterMeeting | None) -> Person | None:
    if not name:
        return None
    matches = people.get(fold(name), [])
    if len(matches) > 1:
        raise ValidationError(f"có nhiều người tên “{name}”; hãy nhập ý kiến này trên trang nhập từng ý kiến")
    if not matches:
        where = "dự buổi tiếp xúc này" if meeting is not None else "của HĐND này"
        raise ValidationError(f"không có đại biểu “{name}” trong danh sách đại biểu {where}")
    return matches[0]


def _build(
    row: ImportRow,
    *,
    by: Actor,
    cycle: Cycle,
    source: str,
    meeting: VoterMeeting | None,
    received_on: date | None,
    people: dict[str, list[Person]],
) -> Petition:
    values = row.values
    delegate = _delegate(values.get("delegate_name", ""), people, meeting)
    answer = values.get("answer", "")
    answered = bool(values.get("answered")) or bool(answer)
    petition = new_petition(
        cycle.council,
        by=by,
        cycle=cycle,
        text=values["text"],
        source=source,
        meeting=meeting,
        voter_place=values.get("voter_place", ""),
        delegate=delegate,
        answered_on_the_spot=answered and meeting is not None,
        answer=answer,
    )
    if source in RECEIVED_SOURCES:
        petition.received_on, _ = _check_received(source, values.get("received_on") or received_on, "")
        petition.reference = values.get("reference", "")
    return petition


def import_file(
    upload: Any,
    *,
    by: Actor,
    cycle: Cycle,
    source: str,
    meeting: VoterMeeting | None = None,
    received_on: date | None = None,
) -> list[Petition]:
    """Read, check and save every petition of an uploaded list: all or nothing, one audit entry.

    Refusals are a ``ValidationError`` by field: ``file`` when the file as a whole cannot be taken,
    ``rows`` with one message per row or cell otherwise.
    """
    if meeting is None and source not in RECEIVED_SOURCES:
        raise ValidationError({"source": CHOOSE_SOURCE})
    if meeting is not None and (meeting.cycle_id != cycle.pk or source != Petition.Source.MEETING):
        raise ValidationError({"meeting": "Buổi tiếp xúc không thuộc đợt này."})
    try:
        result = read_file(upload, MEETING_TABLE if meeting is not None else RECEIVED_TABLE)
    except ImportRejected as rejected:
        raise ValidationError({"file": [str(rejected)]}) from None
    people = _people(cycle.council, meeting)
    errors, petitions = list(result.errors), []
    for row in result.rows:
        if "text" not in row.values:
            continue  # its content cell already has an error
        try:
            petitions.append(
                _build(
                    row,
                    by=by,
                    cycle=cycle,
                    source=source,
                    meeting=meeting,
                    received_on=received_on,
                    people=people,
                )
            )
        except ValidationError as error:
            errors.extend(f"{row.label}: {_sentence(message)}" for message in error.messages)
    if errors:
        raise ValidationError({"rows": errors})
    return _save(petitions, by=by, cycle=cycle, source=source, meeting=meeting, name=upload.name)


def _sentence(message: str) -> str:
    """An action's message after "Dòng 7: ": lower-case first letter, no final full stop."""
    message = message.rstrip(".")
    if message[:2].isupper():  # an abbreviation such as "HĐND" keeps its capitals
        return message
    return message[:1].lower() + message[1:]


def _save(
    petitions: list[Petition],
    *,
    by: Actor,
    cycle: Cycle,
    source: str,
    meeting: VoterMeeting | None,
    name: str,
) -> list[Petition]:
    with transaction.atomic():
        created = Petition.objects.bulk_create(petitions)
        record(
            action="petitions.import_petitions",
            actor=by,
            obj=meeting or cycle,
            council=cycle.council,
            after={
                "source": source,
                "cycle": cycle.pk,
                "file": nfc(name or "")[:200],
                "count": len(created),
                "petitions": [petition.pk for petition in created],
            },
        )
    return created
