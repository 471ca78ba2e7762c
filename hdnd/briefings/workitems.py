"""What the briefings app puts on a start page (see ``hdnd.core.workitems``): the host council's
briefings not concluded yet, each with what it still lacks (agenda, online points, invitation, the
conclusion notice once held). The tasks a briefing gives reach the councils below through planning.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from hdnd.accounts.scope import MANAGE_BRIEFINGS
from hdnd.core.workitems import Row, Section, Viewer, WorkItem, first_rows, in_councils, register

from .models import Briefing, BriefingStatus


def briefing_missing(briefing: Briefing) -> str:
    """What a briefing still lacks, in the order the work is done."""
    if briefing.status == BriefingStatus.HELD:
        return "Còn thiếu: thông báo kết luận"
    gaps = []
    if not briefing.agenda_count:  # type: ignore[attr-defined]
        gaps.append("chương trình")
    if not briefing.point_count:  # type: ignore[attr-defined]
        gaps.append("điểm cầu")
    if briefing.status == BriefingStatus.PLANNED:
        gaps.append("giấy mời")
    return "Còn thiếu: " + ", ".join(gaps) if gaps else briefing.get_status_display()


@register
def open_briefings(viewer: Viewer) -> Iterable[WorkItem]:
    """Briefings the user's council hosts that are not concluded yet, the earliest first."""
    ids = viewer.own_councils(MANAGE_BRIEFINGS)
    if ids == frozenset():
        return []
    open_ = in_councils(Briefing.objects.exclude(status=BriefingStatus.CONCLUDED), ids)
    shown = first_rows(
        open_.annotate(
            agenda_count=Count("agenda", distinct=True), point_count=Count("points", distinct=True)
        )
        .select_related("council")
        .order_by("meets_on", "pk")
    )
    rows = shown.rows
    return [
        WorkItem(
            code="briefings.open",
            label="Hội nghị giao ban chưa kết thúc",
            count=shown.count,
            url=rows[0].get_absolute_url() if rows else "",
            section=Section.COMING,
            icon="diagram-3",
            rows=tuple(
                Row(str(b), b.get_absolute_url(), b.place or b.council.name, b.meets_on, briefing_missing(b))
                for b in rows
            ),
        )
    ]
