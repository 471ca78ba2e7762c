"""The standing committee's monthly meetings (``sittings.StandingMeeting``) in the generated years.

Each council meets once a month at scale 1 (fewer at a smaller scale): the meeting is planned, held,
then concluded with its notice numbered in the council's TB-HĐND series of the year (``Ground.number``);
a meeting after the history's last day is still planned, one in its last ten days held without a notice.
The agenda has two or three items, the participants are the standing committee's seats and one
invited official, and the notice has two items, the first a task of the People's Committee with a
deadline, done (``done_on``, a result) unless it is still due or one in seven left overdue.
"""

from __future__ import annotations

from datetime import time, timedelta

from hdnd.councils.models import Council
from hdnd.sittings.models import (
    ConclusionItem,
    StandingAgendaItem,
    StandingMeeting,
    StandingParticipant,
)
from hdnd.sittings.models.standing import notice_symbol

from . import wording
from .ground import Ground, per_year, save

MONTHLY = 12
NOTICE_AFTER = timedelta(days=3)


def _months(count: int) -> list[int]:
    return [1 + i * 12 // count for i in range(count)]


def write(g: Ground) -> tuple[dict[str, int], dict[int, list[StandingMeeting]]]:
    """Every council's meetings; the rows written by kind and the concluded meetings by council."""
    meetings: list[StandingMeeting] = []
    for year in g.years:
        for council in g.councils:
            for month in _months(per_year(MONTHLY, g.scale)):
                meetings.append(_meeting(g, council, year, month))
    save(StandingMeeting, meetings)
    by_id = {c.pk: c for c in g.councils}
    agenda, participants, items = [], [], []
    for meeting in meetings:
        council = by_id[meeting.council_id]
        agenda += _agenda(g, council, meeting)
        participants += _participants(g, council, meeting)
        if meeting.status == StandingMeeting.Status.CONCLUDED:
            items += _conclusions(g, council, meeting)
    save(StandingAgendaItem, agenda)
    save(StandingParticipant, participants)
    save(ConclusionItem, items)
    concluded: dict[int, list[StandingMeeting]] = {}
    for meeting in meetings:
        if meeting.status == StandingMeeting.Status.CONCLUDED:
            concluded.setdefault(meeting.council_id, []).append(meeting)
    counts = {
        "standing_meetings": len(meetings),
        "standing_agenda": len(agenda),
        "standing_participants": len(participants),
        "standing_conclusions": len(items),
    }
    return counts, concluded


def _meeting(g: Ground, council: Council, year: int, month: int) -> StandingMeeting:
    meets_on = g.day_in(year, month, 3, 12)
    meeting = StandingMeeting(
        council=council,
        kind=StandingMeeting.Kind.MONTHLY,
        meets_on=meets_on,
        starts_at=time(8, 0) if g.chance(0.7) else time(14, 0),
        place=f"Phòng họp Thường trực {council.name}",
        status=StandingMeeting.Status.PLANNED,
    )
    if meets_on > g.as_of:
        return meeting
    meeting.status, meeting.held_on = StandingMeeting.Status.HELD, meets_on
    notice_on = meets_on + NOTICE_AFTER
    if notice_on > g.as_of:
        return meeting
    number = g.number(council.pk, notice_on.year, "TB-HĐND")
    meeting.status = StandingMeeting.Status.CONCLUDED
    meeting.notice_year, meeting.notice_number = notice_on.year, number
    meeting.notice_symbol, meeting.notice_on = notice_symbol(number), notice_on
    meeting.notice_text = (
        f"Ngày {meets_on:%d/%m/%Y}, Thường trực {council.name} họp phiên thường kỳ tháng {month}. "
        "Sau khi nghe các báo cáo và ý kiến thảo luận, Thường trực HĐND kết luận như sau."
    )
    meeting.notice_recipients = "Thường trực HĐND\nUBND\nCác Ban của HĐND\nLưu: VT"
    meeting.signer_name = g.chair_name(council)
    return meeting


def _agenda(g: Ground, council: Council, meeting: StandingMeeting) -> list[StandingAgendaItem]:
    month, year = meeting.meets_on.month, meeting.meets_on.year
    commune = g.commune_name(council)
    templates = g.rng.sample(wording.AGENDA, g.rng.randint(2, 3))
    return [
        StandingAgendaItem(
            meeting=meeting,
            position=n + 1,
            title=wording.fill(g.rng, t, commune, year, n=g.rng.randint(2, 30), m=month, m2=month % 12 + 1),
            presenter=g.pick(wording.PRESENTERS),
        )
        for n, t in enumerate(templates)
    ]


def _participants(g: Ground, council: Council, meeting: StandingMeeting) -> list[StandingParticipant]:
    rows = [StandingParticipant(meeting=meeting, membership=seat) for seat in g.standing.get(council.pk, [])]
    rows.append(
        StandingParticipant(
            meeting=meeting,
            name=f"Đại diện {g.agency_names[g.found.agencies[council.pk]]}",
            position="Phó Chủ tịch UBND",
        )
    )
    return rows


def _conclusions(g: Ground, council: Council, meeting: StandingMeeting) -> list[ConclusionItem]:
    commune, year = g.commune_name(council), meeting.meets_on.year
    assert meeting.notice_on is not None
    due = meeting.notice_on + timedelta(days=g.rng.choice((15, 30, 45)))
    done = None
    if due <= g.as_of and not g.chance(1 / 7):
        done = min(due - timedelta(days=g.rng.randint(-5, 10)), g.as_of)
        done = max(done, meeting.notice_on)
    task = ConclusionItem(
        council=council,
        meeting=meeting,
        position=1,
        content=wording.fill(g.rng, g.pick(wording.STANDING_CONCLUSIONS[:3]), commune, year),
        owner_agency_id=g.found.agencies[council.pk],
        due_on=due,
        done_on=done,
        result=g.pick(wording.PROGRESS[:2]) if done else "",
    )
    note = ConclusionItem(
        council=council, meeting=meeting, position=2, content=wording.STANDING_CONCLUSIONS[3]
    )
    return [task, note]
