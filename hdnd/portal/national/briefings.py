"""Quarterly briefings (``briefings``) of each province's standing committee with the communes below it.

For each quarter of the generated years (fewer at a smaller scale) a province holds a briefing in the
month after it: planned with every commune invited, the invitation numbered in the host's GM-HĐND
series a week before, held at the main point and one online point (each commune attends, one in
twenty absent), an agenda of four items, two communes' contributions, then the conclusion notice
numbered in the host's TB-HĐND series with three items: the first, with a deadline, a task for every
commune; the second a task for three communes; the third without a deadline. The tasks are
``planning.Task`` given by the province (``TaskSource.BRIEFING``), walked like the programmes' tasks.
A briefing after the history's last day is still planned.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from hdnd.briefings.models import (
    INVITATION_SYMBOL,
    NOTICE_SYMBOL,
    AgendaItem,
    Briefing,
    BriefingPoint,
    BriefingStatus,
    ConclusionItem,
    Contribution,
    Participant,
)
from hdnd.core.periods import Period
from hdnd.councils.models import Council
from hdnd.planning.models import Task, TaskSource

from . import planning, wording
from .ground import Ground, per_year, save

QUARTERS = 4
ONLINE = "Điểm cầu trực tuyến các xã, phường"


def write(g: Ground) -> dict[str, int]:
    briefings: list[Briefing] = []
    for province in g.found.provinces:
        for year in g.years:
            quarters = per_year(QUARTERS, g.scale)
            for q in range(1, quarters + 1):
                briefings.append(_briefing(g, province, Period.parse(f"{year}-Q{q * 4 // quarters}")))
    save(Briefing, briefings)
    points = save(
        BriefingPoint,
        [
            row
            for b in briefings
            for row in (
                BriefingPoint(briefing=b, name="Điểm cầu chính", address=b.place),
                BriefingPoint(briefing=b, name=ONLINE, address="Trụ sở HĐND và UBND các xã, phường"),
            )
        ],
    )
    online = {p.briefing_id: p for p in points if p.name == ONLINE}
    counts: dict[str, int] = {"briefings": len(briefings), "briefing_points": len(points)}
    participants, agenda, contributions = [], [], []
    for b in briefings:
        communes = g.found.communes[b.council_id]
        held = b.status in (BriefingStatus.HELD, BriefingStatus.CONCLUDED)
        for commune in communes:
            attended = (not g.chance(0.05)) if held else None
            participants.append(
                Participant(briefing=b, council=commune, point=online[b.pk], attended=attended)
            )
        agenda += [
            AgendaItem(briefing=b, position=n + 1, title=t.format(p=b.period_label), presenter=who)
            for n, (t, who) in enumerate(wording.BRIEFING_AGENDA)
        ]
        if held and communes:
            for commune in g.rng.sample(communes, min(2, len(communes))):
                contributions.append(
                    Contribution(
                        briefing=b,
                        council=commune,
                        speaker=g.chair_name(commune) or "Chủ tịch HĐND xã",
                        speaker_title=f"Chủ tịch {commune.name}",
                        content=wording.fill(
                            g.rng, g.pick(wording.CONTRIBUTIONS), g.commune_name(commune), b.meets_on.year
                        ),
                    )
                )
    save(Participant, participants)
    save(AgendaItem, agenda)
    save(Contribution, contributions)
    counts.update(
        briefing_participants=len(participants),
        briefing_agenda=len(agenda),
        briefing_contributions=len(contributions),
    )
    counts.update(_conclusions(g, [b for b in briefings if b.status == BriefingStatus.CONCLUDED]))
    return counts


def _briefing(g: Ground, province: Council, period: Period) -> Briefing:
    after = period.last + timedelta(days=1)
    meets_on = date(after.year, after.month, g.rng.randint(8, 18))
    briefing = Briefing(
        council=province,
        period=period.code,
        meets_on=meets_on,
        starts_at=time(8, 0),
        place=f"Hội trường {province.name}",
        chair=g.people[g.standing[province.pk][0].person_id] if g.standing.get(province.pk) else None,
    )
    invited = meets_on - timedelta(days=7)
    if invited > g.as_of:
        return briefing
    number = g.number(province.pk, invited.year, INVITATION_SYMBOL)
    briefing.status = BriefingStatus.INVITED
    briefing.invitation_year, briefing.invitation_number, briefing.invitation_on = (
        invited.year,
        number,
        invited,
    )
    if meets_on > g.as_of:
        return briefing
    briefing.status, briefing.held_on = BriefingStatus.HELD, meets_on
    notice_on = meets_on + timedelta(days=g.rng.randint(3, 7))
    if notice_on > g.as_of:
        return briefing
    number = g.number(province.pk, notice_on.year, NOTICE_SYMBOL)
    briefing.status = BriefingStatus.CONCLUDED
    briefing.notice_year, briefing.notice_number, briefing.notice_on = notice_on.year, number, notice_on
    briefing.notice_text = (
        f"Hội nghị đánh giá kết quả hoạt động {period.label} của HĐND các cấp trên địa bàn; "
        "các HĐND xã, phường đã chủ động, nền nếp hơn trong hoạt động."
    )
    briefing.notice_recipients = "Thường trực HĐND tỉnh\nThường trực HĐND các xã, phường\nLưu: VT"
    briefing.signer_name = g.chair_name(province)
    return briefing


def _conclusions(g: Ground, briefings: list[Briefing]) -> dict[str, int]:
    items: list[ConclusionItem] = []
    named: list[list[Council]] = []
    for b in briefings:
        assert b.notice_on is not None
        communes = g.found.communes[b.council_id]
        due = b.notice_on + timedelta(days=g.rng.choice((30, 45, 60)))
        texts = [
            wording.fill(g.rng, t, g.commune_name(b.council), b.meets_on.year, p=b.period_label)
            for t in wording.BRIEFING_ITEMS
        ]
        few = g.rng.sample(communes, min(3, len(communes)))
        for position, (text, whom, deadline) in enumerate(
            (
                (texts[0], communes, due),
                (g.pick(texts[1:3]), few, due + timedelta(days=30)),
                (texts[3], [], None),
            ),
            start=1,
        ):
            items.append(ConclusionItem(briefing=b, position=position, content=text, due_on=deadline))
            named.append(whom)
    save(ConclusionItem, items)
    tasks: list[Task] = []
    owners: list[ConclusionItem] = []
    for item, whom in zip(items, named, strict=True):
        if item.due_on is None:
            continue
        b = item.briefing
        ref = f"Thông báo số {b.notice_symbol} ngày {b.notice_on:%d/%m/%Y}, mục {item.position}"
        common: dict[str, Any] = {
            "given_by": b.council,
            "content": item.content,
            "due_on": item.due_on,
            "source": TaskSource.BRIEFING,
            "source_ref": ref,
            "source_url": b.get_absolute_url(),
        }
        for council in whom:
            tasks.append(Task(council=council, **common))
            owners.append(item)
    updates = planning.tasks(g, tasks)
    councils_through = ConclusionItem.councils.through
    councils_through.objects.bulk_create(
        [
            councils_through(conclusionitem_id=i.pk, council_id=c.pk)
            for i, whom in zip(items, named, strict=True)
            for c in whom
        ],
        batch_size=5000,
    )
    tasks_through = ConclusionItem.tasks.through
    tasks_through.objects.bulk_create(
        [tasks_through(conclusionitem_id=i.pk, task_id=t.pk) for i, t in zip(owners, tasks, strict=True)],
        batch_size=5000,
    )
    return {
        "briefing_conclusions": len(items),
        "briefing_tasks": len(tasks),
        "briefing_task_updates": updates,
    }
