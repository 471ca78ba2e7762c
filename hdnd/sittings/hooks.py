"""What another app lends the session pages: the draft resolutions an agenda item points to, the
resolutions a session adopted, and panels on the session page (oversight's questioning topics).

The dependency runs one way, resolutions → sittings: a resolution knows the session that adopted it
(``Resolution.session``, reverse ``session.resolutions``) and the agenda item that put it to the vote
(``Resolution.agenda_item``, reverse ``item.resolution``). Sittings never imports the resolutions app; the
things it still asks about a draft (which drafts an item may point to, pointing it at one, adopting it
when its vote passes, the resolutions adopted for the results notice) go through the ``Drafts`` the
resolutions app registers in its ``AppConfig.ready``. Until one is registered there are no drafts and no
adopted resolutions. Panels work the same way: oversight → sittings, so oversight registers
``register_session_panel`` and the session page shows what it answers, without sittings importing oversight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from hdnd.councils.models import Council

    from .models import Session, SessionAgendaItem, StandingMeeting


class Drafts(Protocol):
    def choices(self, council: Council) -> QuerySet[Any] | None:
        """The council's drafts an agenda item may point to (the agenda form's list)."""

    def find(self, council: Council, pk: int) -> Model | None:
        """The council's resolution ``pk`` (the API names the draft by id), or None."""

    def place(self, item: SessionAgendaItem, draft: Model | None) -> None:
        """Point the item at ``draft`` (None: at none); runs inside the agenda action's transaction."""

    def adopted(self, session: Session) -> list[str]:
        """The resolutions adopted at the session, numbered, each as a document cites it
        ("Nghị quyết số 12/NQ-HĐND ngày 10/12/2026 Dự toán ngân sách năm 2027")."""

    def adopt(self, item: SessionAgendaItem, *, on: date, by: Any) -> None:
        """A vote on ``item`` passed: its draft (if still a draft) is adopted and numbered, dated ``on``;
        runs inside the vote action's transaction."""

    def adopted_symbol(self, item: SessionAgendaItem) -> str:
        """The number of the resolution the item's vote adopted ("12/NQ-HĐND"), '' while a draft."""


class NoDrafts:
    """Sittings on its own: nothing to point at, nothing adopted."""

    def choices(self, council: Council) -> QuerySet[Any] | None:
        return None

    def find(self, council: Council, pk: int) -> Model | None:
        return None

    def place(self, item: SessionAgendaItem, draft: Model | None) -> None:
        return None

    def adopted(self, session: Session) -> list[str]:
        return []

    def adopt(self, item: SessionAgendaItem, *, on: date, by: Any) -> None:
        return None

    def adopted_symbol(self, item: SessionAgendaItem) -> str:
        return ""


_registered: list[Drafts] = []


def register_drafts(drafts: Drafts) -> None:
    """Called once from the resolutions app's ``ready``; a second call replaces the first."""
    _registered[:] = [drafts]


def drafts() -> Drafts:
    return _registered[0] if _registered else NoDrafts()


def draft_of(item: SessionAgendaItem) -> Model | None:
    """The draft an agenda item points to, through the reverse accessor (None when there is none)."""
    return getattr(item, "resolution", None)


# Panels other apps lend the session page ------------------------------------------------------------


@dataclass(frozen=True)
class PanelLine:
    """One line of a panel: what it is, where it leads, a short note (its status, who answers)."""

    text: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Panel:
    """A box on the session page filled by another app (oversight: the questioning topics chosen)."""

    title: str
    lines: tuple[PanelLine, ...]


type SessionPanel = Callable[["Session"], Panel | None]
type MeetingPanel = Callable[["StandingMeeting"], Panel | None]
_session_panels: dict[str, SessionPanel] = {}
_meeting_panels: dict[str, MeetingPanel] = {}


def register_session_panel(name: str, provider: SessionPanel) -> None:
    """Called from another app's ``ready``; the same ``name`` again replaces the provider. The provider
    answers only about the session's own council, which whoever sees the session page may view."""
    _session_panels[name] = provider


def register_meeting_panel(name: str, provider: MeetingPanel) -> None:
    """The same for a standing-committee meeting's page (oversight: its explanation sessions)."""
    _meeting_panels[name] = provider


def _shown[T](providers: dict[str, Callable[[T], Panel | None]], obj: T) -> list[Panel]:
    panels = (provider(obj) for provider in providers.values())
    return [panel for panel in panels if panel is not None and panel.lines]


def session_panels(session: Session) -> list[Panel]:
    """The panels with something to show, in the order the apps registered them."""
    return _shown(_session_panels, session)


def meeting_panels(meeting: StandingMeeting) -> list[Panel]:
    """The standing meeting's panels with something to show, in the order the apps registered them."""
    return _shown(_meeting_panels, meeting)
