"""The permission matrix: one row per URL name, saying what each role gets where.

Every app lists its rows in ``hdnd/<app>/tests/matrix.py`` as ``ROWS``; ``tests/test_permission_matrix.py``
collects them, fails if any URL of the app has no row, and requests every row as every user of the
fixed cast (see ``conftest.World``) against a target in three places:

- ``own``: the province council where the role holders sit (``world.province``),
- ``below``: a commune council under it (``world.commune``),
- ``other``: a council in another province (``world.other_province_commune``).

A row's ``kwargs(world, council)`` builds the URL arguments for a target council (creating whatever
object the URL needs inside that council), then ``data(world, council)`` the form data. Both run once
per target: every user's request then goes to the same objects, each in a savepoint rolled back at
once, so what one user's POST changes or deletes is back before the next user's turn (uploads in the
data are rewound between requests). Rows with ``target=None`` are not council-specific and are
requested once per user. On SQLite every user asks; on PostgreSQL one user for each distinct answer
of the row and target (``asked`` in ``tests/test_permission_matrix.py``). ``expect`` maps each
user key to a status, or to a triple of statuses for (own, below, other). ``headers`` go with every
request of the row (an htmx fetch of a fragment: ``{"HX-Request": "true"}``). Use the helpers below to
keep rows short and readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import World

USERS = (
    "anonymous",
    "no_role",
    "system_admin",
    "council_admin",
    "office_staff",
    "standing_member",
    "committee_member",
    "delegate",
    "agency_responder",
    "auditor",
)
TARGETS = ("own", "below", "other")
LOGIN = 302  # anonymous users are sent to the login page

Expect = dict[str, int | tuple[int, int, int]]


@dataclass(frozen=True)
class Row:
    name: str
    expect: Expect
    kwargs: Callable[[World, Any], dict[str, Any]] | None = None
    target: str | None = "council"  # None: the URL is not about one council
    method: str = "get"
    data: Callable[[World, Any], dict[str, Any]] | None = None
    content_type: str | None = None  # e.g. "application/json" for API writes
    note: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # e.g. {"HX-Request": "true"} for an htmx fetch


def everyone(status: int) -> Expect:
    """The same status for every user (public pages)."""
    return dict.fromkeys(USERS, status)


def signed_in(status: int, anonymous: int = LOGIN) -> Expect:
    return {**dict.fromkeys(USERS, status), "anonymous": anonymous}


def by_scope(
    *,
    view: tuple[str, ...] = (),
    view_below: tuple[str, ...] = (),
    ok: int = 200,
    anonymous: int = LOGIN,
) -> Expect:
    """Council-scoped access: ``view`` roles get ``ok`` in their own council, ``view_below`` roles also in
    councils below; anyone else who can see the council gets 403; outside scope is 404.

    The scope itself (who *sees* which council) comes from the role tables in ``accounts.scope``:
    roles that supervise see councils below; delegates and agency responders see only their own.
    """
    from hdnd.accounts.scope import BELOW

    expect: Expect = {"anonymous": anonymous, "no_role": 404, "system_admin": ok}
    for role in USERS[3:]:
        own = ok if role in view else 403
        sees_below = role in BELOW
        below = (ok if role in view_below else 403) if sees_below else 404
        expect[role] = (own, below, 404)
    return expect


ALL_ROLES = USERS[3:]
# The roles that read a council's own work (``accounts.scope.VIEW_WORK``): all but an agency's responder.
WORK_READERS = tuple(role for role in ALL_ROLES if role != "agency_responder")
STAFF = ("council_admin", "office_staff")
READERS_OF_PEOPLE = ("council_admin", "office_staff", "standing_member", "committee_member", "auditor")
