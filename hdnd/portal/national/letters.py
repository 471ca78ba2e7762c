"""Letters (đơn thư, ``reception.Letter``) in the generated years: tens a commune a year at scale 1.

Each letter is received (by post, online, or forwarded by another body), given its case code and the
deadline of its kind (``HANDLING_RULES``), then walked along ``LETTER_TRANSITIONS`` as far as the days
reach the history's last day: new, awaiting classification, eligible or not, then forwarded with a slip
numbered in the council's PC series (``reception.DocumentCounter``) and its answer due by
``RESPONSE_RULES``, answered, guided in writing (numbered in the guidance series) or kept.

A denunciation (one letter in ten) never carries its sender: ``sender`` stays empty (the schema's
``letter_no_denouncer``), as ``receive_letter`` leaves it. In the sealed mode (``HDND_SEALED_STORE=on``)
the denouncer's generated identity goes where ``receive_letter`` puts it, and only there: the sealed
store (``SealedIdentity``, AES-256-GCM bound to the letter's id and code by ``reception.sealing``); by
default the platform holds no identity at all. The sealed rows are left out of ``digest`` (a fresh nonce
each time).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hdnd.core.text import fold, nfc
from hdnd.councils.models import Council
from hdnd.reception import sealing
from hdnd.reception.actions import HANDLING_RULES, RESPONSE_RULES
from hdnd.reception.identity import Identity
from hdnd.reception.models import CODE_ALPHABET, DocumentCounter, LetterKind, SealedIdentity
from hdnd.reception.models import Letter as L

from . import phrasing, wording
from .councils import GIVEN_NAMES, MIDDLE_NAMES, SURNAMES
from .ground import Ground, per_year, save

PER_COMMUNE, PER_PROVINCE = 20, 60
KINDS = (
    (LetterKind.PETITION, 40),
    (LetterKind.REPORT, 25),
    (LetterKind.COMPLAINT, 25),
    (LetterKind.DENUNCIATION, 10),
)
CHANNELS = ((L.Channel.POST, 50), (L.Channel.ONLINE, 25), (L.Channel.FORWARDED, 25))
FROM_BODIES = ("Ban Dân nguyện Quốc hội", "Đoàn đại biểu Quốc hội tỉnh", "Ủy ban MTTQ Việt Nam tỉnh")
LEADS: dict[str, str] = {LetterKind.PETITION: "Kiến nghị", LetterKind.REPORT: "Phản ánh"}
S = L.Status


def write(g: Ground) -> dict[str, int]:
    letters: list[L] = []
    codes: set[str] = set()
    slips: dict[tuple[int, int, str], int] = {}
    for council in g.councils:
        count = per_year(PER_PROVINCE if council.parent_id is None else PER_COMMUNE, g.scale)
        for year in g.years:
            last = min(date(year, 12, 31), g.as_of)
            days = sorted(g.rng.randint(0, (last - date(year, 1, 1)).days) for _ in range(count))
            for offset in days:
                letter = _letter(g, council, date(year, 1, 1) + timedelta(days=offset), codes)
                _walk(g, letter, slips)
                letters.append(letter)
    save(L, letters)
    save(
        DocumentCounter,
        [DocumentCounter(council_id=c, year=y, series=s, last=n) for (c, y, s), n in slips.items()],
    )
    sealed = _seal([x for x in letters if x.kind == LetterKind.DENUNCIATION])
    return {"letters": len(letters), "sealed_identities": sealed}


def _code(g: Ground, codes: set[str]) -> str:
    while True:
        code = "TD" + "".join(g.rng.choice(CODE_ALPHABET) for _ in range(8))
        if code not in codes:
            codes.add(code)
            return code


def _weighted(g: Ground, choices: tuple[tuple[str, int], ...]) -> str:
    return g.rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _sender(rng: random.Random, commune: str) -> str:
    gender = rng.choice("MF")
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES[gender])} {rng.choice(GIVEN_NAMES[gender])}"
    return f"{'Ông' if gender == 'M' else 'Bà'} {name}, thôn {phrasing.place_name(rng)}, {commune}"


def _letter(g: Ground, council: Council, received: date, codes: set[str]) -> L:
    kind = _weighted(g, KINDS)
    channel = _weighted(g, CHANNELS)
    commune = g.commune_name(council)
    subject = g.pick(wording.LETTER_SUBJECTS[kind])
    if kind == LetterKind.DENUNCIATION:
        content = wording.fill(g.rng, g.pick(wording.DENUNCIATIONS), commune, received.year)
    elif kind == LetterKind.COMPLAINT:
        said = subject[:1].lower() + subject[1:]
        content = wording.fill(
            g.rng, g.pick(wording.COMPLAINTS), commune, received.year, s=said, S=subject, c=commune
        )
    else:  # a petition or a report: the subject sums up the voter's demand
        core, content = phrasing.demand(g.rng, commune, received.year)
        subject = f"{LEADS[kind]} {core}"[:250]
    subject, content = nfc(subject), nfc(content)
    forwarded = channel == L.Channel.FORWARDED
    return L(
        council=council,
        code=_code(g, codes),
        channel=channel,
        received_on=received,
        from_body=g.pick(FROM_BODIES) if forwarded else "",
        reference=f"{g.rng.randint(10, 999)}/CV-DN" if forwarded else "",
        kind=kind,
        sender="" if kind == LetterKind.DENUNCIATION else _sender(g.rng, council.unit.name),
        senders=g.rng.choice((1, 1, 1, 2, 5)),
        locality=council.unit if council.parent_id else None,
        subject=subject,
        content=content,
        content_key=fold(f"{subject} {content}"),
        classify_due=g.deadline(HANDLING_RULES[kind], received),
    )


def _take(slips: dict[tuple[int, int, str], int], council_id: int, year: int, series: str) -> int:
    key = (council_id, year, series)
    slips[key] = slips.get(key, 0) + 1
    return slips[key]


def _walk(g: Ground, letter: L, slips: dict[tuple[int, int, str], int]) -> None:
    """Move ``letter`` along ``LETTER_TRANSITIONS`` as far as its days reach ``as_of``."""
    age = (g.as_of - letter.received_on).days
    if age < 3:
        return
    letter.status = S.AWAITING
    if age < 8:
        return
    eligible = not g.chance(0.15)
    letter.status = S.ELIGIBLE if eligible else S.INELIGIBLE
    if not eligible:
        letter.ineligible_reason = g.pick(wording.INELIGIBLE)
    if age < 12:
        return
    handled = letter.received_on + timedelta(days=g.rng.randint(8, 12))
    roll = g.rng.random()
    if eligible and roll < 0.6:
        _forward(g, letter, handled, slips)
    elif roll < 0.9:
        letter.status, letter.guidance, letter.closed_on = S.GUIDED, g.pick(wording.GUIDANCE), handled
        letter.guidance_number = _take(
            slips, letter.council_id, handled.year, DocumentCounter.Series.GUIDANCE
        )
    else:
        letter.status, letter.kept_reason, letter.closed_on = S.KEPT, g.pick(wording.KEPT), handled


def _forward(g: Ground, letter: L, on: date, slips: dict[tuple[int, int, str], int]) -> None:
    letter.status, letter.forwarded_on = S.FORWARDED, on
    letter.agency_id = g.pick(g.agencies_of(letter.council))
    letter.slip_year = on.year
    letter.slip_number = _take(slips, letter.council_id, on.year, DocumentCounter.Series.SLIP)
    due = on
    for rule in RESPONSE_RULES[letter.kind]:
        due = g.deadline(rule, due)
    letter.response_due = due
    answered = due - timedelta(days=g.rng.randint(0, 20))
    if answered <= g.as_of and not g.chance(0.1):
        answered = max(answered, on)
        letter.status, letter.answered_on, letter.closed_on = S.ANSWERED, answered, answered
        letter.answer_summary = g.pick(wording.LETTER_ANSWERS)


def _seal(denunciations: list[L]) -> int:
    """In the sealed mode, each denouncer's identity into the sealed store, bound to the letter (as
    ``identity.seal_identity`` does); nothing at all otherwise."""
    if not sealing.enabled():
        return 0
    rows = []
    for letter in denunciations:
        # Drawn from the letter's own code, so the rest of the data is the same in either mode.
        person = _sender(random.Random(letter.code), letter.council.unit.name)  # noqa: S311
        name, address = person.split(", ", 1)
        identity = Identity(name=name, address=address, contact="Qua bưu điện")
        sealed = sealing.seal(identity.values(), f"letter:{letter.pk}:{letter.code}".encode())
        rows.append(
            SealedIdentity(
                letter=letter, key_id=sealed.key_id, nonce=sealed.nonce, ciphertext=sealed.ciphertext
            )
        )
    save(SealedIdentity, rows)
    return len(rows)
