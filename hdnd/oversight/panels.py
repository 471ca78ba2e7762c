"""What oversight lends the session page through ``hdnd.sittings.hooks``: the questioning topics chosen
for the session, each with its status and who answers (sittings never imports oversight)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hdnd.sittings.hooks import Panel, PanelLine

from .models import QuestioningTopic

if TYPE_CHECKING:
    from hdnd.sittings.models import Session

S = QuestioningTopic.Status
CHOSEN = (S.SELECTED, S.QUESTIONED, S.CONCLUDED)


def questioning_panel(session: Session) -> Panel | None:
    """The topics selected for questioning at ``session`` (proposed or declined ones are not chosen)."""
    topics = QuestioningTopic.objects.filter(
        council_id=session.council_id, session=session, status__in=CHOSEN
    ).order_by("pk")
    lines = tuple(
        PanelLine(
            text=topic.title,
            url=topic.get_absolute_url(),
            note="; ".join(part for part in (topic.get_status_display(), topic.respondents) if part),
        )
        for topic in topics
    )
    return Panel("Chất vấn tại kỳ họp: các nhóm vấn đề được lựa chọn", lines) if lines else None
