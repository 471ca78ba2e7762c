"""What a session's pages ask about drafts and adopted resolutions (``hdnd.sittings.hooks.Drafts``),
answered here because a resolution knows its session and agenda item, not the reverse.

``apps.py`` registers ``AgendaDrafts`` when the app is ready. ``place`` runs inside the agenda action's
transaction (the session's row is locked), so two clerks pointing items at the same draft do not race:
a draft sits on one item, and pointing another item at it moves it there.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from hdnd.councils.models import Council
from hdnd.sittings.models import Session, SessionAgendaItem

from .actions import adopt_resolution
from .models import Resolution, ResolutionQuerySet, Status


def cited(resolution: Resolution) -> str:
    """ "Nghị quyết số 12/NQ-HĐND ngày 10/12/2026 Dự toán ngân sách năm 2027", as a notice cites it."""
    on = f" ngày {resolution.adopted_on:%d/%m/%Y}" if resolution.adopted_on else ""
    return f"Nghị quyết số {resolution.symbol}{on} {resolution.title.strip().rstrip('.;')}"


def adopted_at(session: Session) -> ResolutionQuerySet:
    """Numbered resolutions of the session: filed under it, or put to the vote on its agenda."""
    found = Resolution.objects.filter(Q(session=session) | Q(agenda_item__session=session))
    return found.filter(number__isnull=False).distinct().order_by("year", "kind", "number")


class AgendaDrafts:
    """The resolutions app's answers to ``hdnd.sittings.hooks.Drafts``."""

    def choices(self, council: Council) -> ResolutionQuerySet:
        return Resolution.objects.filter(council=council, status=Status.DRAFT)

    def find(self, council: Council, pk: int) -> Resolution | None:
        return Resolution.objects.filter(council=council, pk=pk).first()

    def place(self, item: SessionAgendaItem, draft: object) -> None:
        Resolution.objects.filter(agenda_item=item).update(agenda_item=None)
        if isinstance(draft, Resolution):
            Resolution.objects.filter(pk=draft.pk).update(agenda_item=item)

    def adopted(self, session: Session) -> list[str]:
        return [cited(resolution) for resolution in adopted_at(session)]

    def adopt(self, item: SessionAgendaItem, *, on: date, by: Any) -> None:
        """The item's vote passed: its draft becomes adopted (numbered) and is filed under the session."""
        draft = Resolution.objects.filter(agenda_item=item, status=Status.DRAFT).first()
        if draft is None:
            return
        if draft.session_id is None:
            Resolution.objects.filter(pk=draft.pk).update(session=item.session_id)
        adopt_resolution(draft, by=by, adopted_on=on)

    def adopted_symbol(self, item: SessionAgendaItem) -> str:
        found = Resolution.objects.filter(agenda_item=item).exclude(status=Status.DRAFT).first()
        return found.symbol if found is not None else ""
