"""Cycles of voter contact, their meetings, and petitions typed or pasted at a meeting: the one door
(``new_petition``) every source of a petition goes through (reception, letters and imports in
``actions.intake``, other councils in ``actions.referral``).

Each action runs in a transaction, raises ``ValidationError`` with a Vietnamese message on bad input,
and writes exactly one audit entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.councils.models import AdminUnit, Council, Person
from hdnd.petitions.actions import user_of
from hdnd.petitions.models import TEXT_MAX, Cycle, Petition, VoterMeeting, new_code

LIST_MAX_ITEMS = 500
TOO_LONG = (
    f"Nội dung dài quá {TEXT_MAX:,} ký tự".replace(",", ".")
    + "; hãy tách thành nhiều ý kiến (mỗi ý kiến một vấn đề)."
)
EMPTY_TEXT = "Nhập nội dung ý kiến, kiến nghị của cử tri."


def check_text(text: str) -> str:
    """The petition text in NFC, or a ValidationError the user can act on (nothing is cut)."""
    text = nfc(text or "")
    if not text:
        raise ValidationError({"text": EMPTY_TEXT})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": TOO_LONG})
    return text


# Cycles and meetings -----------------------------------------------------------------------------


def create_cycle(
    council: Council, *, by: Actor, name: str, kind: str, year: int, session: Any = None
) -> Cycle:
    """Open a round of voter contact (đợt tiếp xúc cử tri) of a council, before or after ``session``."""
    name = nfc(name)
    if session is not None and session.council_id != council.pk:
        raise ValidationError({"session": "Chọn một kỳ họp của HĐND này."})
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        if Cycle.objects.filter(council=council, year=year, name=name).exists():
            raise ValidationError({"name": f"Năm {year} đã có đợt “{name}”."})
        cycle = Cycle.objects.create(council=council, name=name, kind=kind, year=year, session=session)
        record(
            action="petitions.create_cycle",
            actor=by,
            obj=cycle,
            council=council,
            after={"name": name, "kind": kind, "year": year, "session": session.pk if session else None},
        )
    return cycle


def record_meeting(
    cycle: Cycle,
    *,
    by: Actor,
    date: date,
    place_text: str,
    place: AdminUnit | None = None,
    kind: str = VoterMeeting.Kind.IN_PERSON,
    delegates: Iterable[Person] = (),
    officials: str = "",
    voter_count: int | None = None,
    minutes: str = "",
) -> VoterMeeting:
    """Record a voter-contact meeting of a cycle, with a fresh public code for its minutes and receipts."""
    delegates = list(delegates)
    if any(person.council_id != cycle.council_id for person in delegates):
        raise ValidationError({"delegates": "Chỉ chọn đại biểu của HĐND này."})
    seated = set(
        Person.objects.filter(pk__in=[p.pk for p in delegates]).delegates(date).values_list("pk", flat=True)
    )
    if strangers := [person.full_name for person in delegates if person.pk not in seated]:
        raise ValidationError({"delegates": f"Không phải đại biểu HĐND: {', '.join(strangers)}."})
    with transaction.atomic():
        code = new_code()
        while VoterMeeting.objects.filter(code=code).exists():  # pragma: no cover (1 in 10^11)
            code = new_code()
        meeting = VoterMeeting.objects.create(
            council_id=cycle.council_id,
            cycle=cycle,
            date=date,
            place=place,
            place_text=nfc(place_text),
            kind=kind,
            officials=nfc(officials),
            voter_count=voter_count,
            minutes=nfc(minutes),
            code=code,
        )
        meeting.delegates.set(delegates)
        record(
            action="petitions.record_meeting",
            actor=by,
            obj=meeting,
            council=cycle.council,
            after={
                "cycle": cycle.pk,
                "date": date,
                "place_text": meeting.place_text,
                "kind": kind,
                "delegates": [person.pk for person in delegates],
                "code": code,
            },
        )
    return meeting


# Petitions ---------------------------------------------------------------------------------------


def new_petition(
    council: Council,
    *,
    by: Actor,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None,
    from_council: Council | None = None,
    voter_place: str = "",
    voter_unit: AdminUnit | None = None,
    delegate: Person | None = None,
    answered_on_the_spot: bool = False,
    answer: str = "",
) -> Petition:
    """Check where a petition comes from and build it (unsaved): the one door of every source
    (meetings here, reception, letters and imports in ``intake``, other councils in ``referral``)."""
    if cycle.council_id != council.pk:
        raise ValidationError({"cycle": "Đợt tiếp xúc không thuộc HĐND này."})
    if meeting is not None and (meeting.council_id != council.pk or meeting.cycle_id != cycle.pk):
        raise ValidationError({"meeting": "Buổi tiếp xúc không thuộc đợt này."})
    if (source == Petition.Source.MEETING) != (meeting is not None):
        raise ValidationError({"source": "Ý kiến từ tiếp xúc cử tri phải gắn với một buổi tiếp xúc."})
    if delegate is not None and delegate.council_id != council.pk:
        raise ValidationError({"delegate": "Chỉ chọn đại biểu của HĐND này."})
    if source == Petition.Source.LOWER_COUNCIL and (
        from_council is None or from_council.parent_id != council.pk
    ):
        raise ValidationError({"from_council": "Chọn HĐND cấp dưới đã chuyển ý kiến lên."})
    if answered_on_the_spot and not nfc(answer):
        raise ValidationError({"answer": "Nhập nội dung đã trả lời tại buổi tiếp xúc."})
    return Petition(
        council=council,
        cycle=cycle,
        meeting=meeting,
        source=source,
        from_council=from_council if source == Petition.Source.LOWER_COUNCIL else None,
        text=check_text(text),
        voter_place=voter_place,
        voter_unit=voter_unit,
        delegate=delegate,
        entered_by=user_of(by),
        answered_on_the_spot=answered_on_the_spot,
        answer=answer if answered_on_the_spot else "",
    )


def register_petition(
    council: Council,
    *,
    by: Actor,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None = None,
    **details: Any,
) -> Petition:
    """Register one petition from any source (meeting, lower council, reception, letter): the one door."""
    petition = new_petition(council, by=by, cycle=cycle, text=text, source=source, meeting=meeting, **details)
    with transaction.atomic():
        petition.save()
        record(
            action="petitions.register_petition",
            actor=by,
            obj=petition,
            council=council,
            after={
                "source": source,
                "meeting": petition.meeting_id,
                "cycle": cycle.pk,
                "text": petition.text,
            },
        )
    return petition


LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]|[-–•+*])\s*")


def parse_list(text: str) -> list[str]:
    """Split a pasted list into petitions: numbered ("1.", "1)") or bulleted ("- ") items, or one a line.

    When the list has markers, a line without one continues the item above it (minutes wrap long
    sentences); without markers, every non-empty line is one petition.
    """
    lines = [line.strip() for line in nfc(text or "").splitlines() if line.strip()]
    if not any(LIST_MARKER.match(line) for line in lines):
        return lines
    items: list[str] = []
    for line in lines:
        if LIST_MARKER.match(line) or not items:
            items.append(LIST_MARKER.sub("", line, count=1))
        else:
            items[-1] = f"{items[-1]} {line}"
    return [item for item in items if item]


def register_petitions_from_list(
    council: Council,
    *,
    by: Actor,
    cycle: Cycle,
    text: str,
    source: str,
    meeting: VoterMeeting | None = None,
    **details: Any,
) -> list[Petition]:
    """Register every item of a pasted list with the same origin; all or nothing, one audit entry."""
    items = parse_list(text)
    if not items:
        raise ValidationError({"text": "Dán danh sách ý kiến: mỗi dòng một ý kiến, hoặc đánh số 1., 2., …"})
    if len(items) > LIST_MAX_ITEMS:
        raise ValidationError(
            {"text": f"Danh sách có {len(items)} ý kiến; mỗi lần nhập tối đa {LIST_MAX_ITEMS}."}
        )
    petitions = []
    for number, item in enumerate(items, start=1):
        try:
            petitions.append(
                new_petition(
                    council, by=by, cycle=cycle, text=item, source=source, meeting=meeting, **details
                )
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "text" in error.error_dict:
                raise ValidationError({"text": f"Ý kiến số {number}: {TOO_LONG}"}) from None
            raise
    with transaction.atomic():
        created = Petition.objects.bulk_create(petitions)
        record(
            action="petitions.register_petitions_from_list",
            actor=by,
            obj=meeting or cycle,
            council=council,
            after={
                "source": source,
                "cycle": cycle.pk,
                "count": len(created),
                "petitions": [p.pk for p in created],
            },
        )
    return created
