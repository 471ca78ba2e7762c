"""Citizen reception in the generated history: the standing committee's periodic day before each session.

Each council holds one periodic reception day a session slot (``ReceptionSlot``, held), at which one to
three citizens came (``Reception``): a petition or a report answered or guided on the spot, or forwarded,
now and then a complaint. Visitors are written by initials, as the register of a private citizen is; a
denunciation is never generated (the register keeps no denouncer's name, and none is needed to measure).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hdnd.core.text import nfc
from hdnd.councils.models import Council
from hdnd.reception.models import Host, LetterKind, Reception, ReceptionSlot

from . import phrasing

BATCH = 5000
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
KINDS = (LetterKind.PETITION, LetterKind.PETITION, LetterKind.REPORT, LetterKind.COMPLAINT)
OUTCOMES = {
    LetterKind.PETITION: Reception.Outcome.ANSWERED,
    LetterKind.REPORT: Reception.Outcome.GUIDED,
    LetterKind.COMPLAINT: Reception.Outcome.FORWARDED,
}
NOTES = {
    Reception.Outcome.ANSWERED: "Thường trực HĐND trả lời trực tiếp, cử tri đồng tình.",
    Reception.Outcome.GUIDED: "Hướng dẫn công dân gửi nội dung đến UBND xã để được xem xét.",
    Reception.Outcome.FORWARDED: "Chuyển đơn đến cơ quan có thẩm quyền giải quyết theo quy định.",
}


def _initials(rng: random.Random) -> str:
    letters = "ABCDĐGHKLMNPQSTVX"
    return f"{rng.choice(('Ông', 'Bà'))} {rng.choice(letters)}.{rng.choice(letters)}.{rng.choice(letters)}."


def write(rng: random.Random, councils: list[Council], day: date, year: int, scale: float) -> dict[str, int]:
    """One held reception day of every council on ``day`` and its visits; the rows written by kind."""
    starts = datetime.combine(day, time(8, 0), tzinfo=TZ)
    slots = ReceptionSlot.objects.bulk_create(
        [
            ReceptionSlot(
                council=c,
                kind=ReceptionSlot.Kind.PERIODIC,
                host=Host.STANDING,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                place=f"Trụ sở {c.name.replace('HĐND', 'HĐND và UBND')}",
                status=ReceptionSlot.Status.HELD,
            )
            for c in councils
        ],
        batch_size=BATCH,
    )
    visits = []
    most = max(1, round(3 * min(scale, 1.0)))
    for council, slot in zip(councils, slots, strict=True):
        commune = council.unit.name.split(" ", 1)[-1]
        for _ in range(rng.randint(1, most)):
            kind = rng.choice(KINDS)
            _, content = phrasing.demand(rng, commune, year)
            outcome = OUTCOMES[kind]
            visits.append(
                Reception(
                    council=council,
                    slot=slot,
                    received_on=day,
                    host=Host.STANDING,
                    visitor=_initials(rng),
                    kind=kind,
                    content=nfc(content),
                    outcome=outcome,
                    outcome_note=NOTES[outcome],
                )
            )
    Reception.objects.bulk_create(visits, batch_size=BATCH)
    return {"reception_days": len(slots), "receptions": len(visits)}
