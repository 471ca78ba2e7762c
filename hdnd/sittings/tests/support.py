"""Arrange sessions through the same actions users go through (the tests' shared helpers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.core.audit import Actor
from hdnd.councils.models import Council, Membership, MembershipRole, Person, Term
from hdnd.sittings import actions
from hdnd.sittings.models import Session


def term(council: Council, delegates: int = 0) -> Term:
    """The council's 2026–2031 term (khóa XVII), with ``delegates`` current delegate seats entered."""
    found, _ = Term.objects.get_or_create(
        council=council, number=17, defaults={"starts_on": date(2026, 3, 16), "ends_on": date(2031, 6, 30)}
    )
    for n in range(delegates):
        person = Person.objects.create(council=council, full_name=f"Đại biểu Thử {n}")
        Membership.objects.create(
            person=person,
            council=council,
            term=found,
            role=MembershipRole.DELEGATE,
            starts_on=found.starts_on,
        )
    return found


def session(
    council: Council,
    by: Actor = None,
    *,
    opens_on: date = date(2026, 12, 8),
    kind: str = Session.Kind.REGULAR,
    **extra: Any,
) -> Session:
    return actions.plan_session(
        council,
        by=by,
        term=term(council),
        kind=kind,
        opens_on=opens_on,
        closes_on=opens_on.replace(day=min(opens_on.day + 2, 28)),
        place="Hội trường HĐND",
        **extra,
    )


def convened(council: Council, by: Actor = None) -> Session:
    return actions.convene_session(session(council, by), by=by, convened_on=date(2026, 11, 16))


def in_progress(council: Council, by: Actor = None) -> Session:
    return actions.open_session(convened(council, by), by=by)


def closed(council: Council, by: Actor = None) -> Session:
    """Held from 08/12/2026 to 10/12/2026 and closed."""
    return actions.close_session(in_progress(council, by), by=by)
