"""Whole-page cache for the anonymous public pages: the published answers, the register of resolutions.

What these pages show is public by law and changes only when staff act, and every staff action writes
an audit entry (``hdnd.core.audit.record``). So each cached page carries the *versions* of what it
shows, and ``record`` bumps them: the entry's council and the councils above it (a province's page
lists its communes' resolutions), and the council's own ``entries`` version (not bumped from below),
or, for an entry without a council, the ``global`` version every council page depends on; ``all`` is
bumped by every entry (the pages that span councils). Entries about
accounts (sign-ins, passwords, roles: ``ACCOUNT_ENTRIES``) bump nothing: no page or count kept here shows
them. A version is a random token, so a lost key (culled, cleared) never makes an old page valid again.

The cache is shared by every process and machine (the ``public`` cache: a database table in production,
decision 0014), so a publication on one machine invalidates the page on all of them at once. The
versions are bumped after the commit (a page built from the old rows before it carries the old
versions), never inside the action's transaction on the database cache (every action would then wait
on the row of ``all``, and two actions could deadlock); a memory cache (tests, embedded mode) is bumped
at once as well, so the process sees its own change before the commit. A
page built within ``FRESH_MARGIN`` seconds of a bump is kept only that long: a read replica may not
have replayed the publication yet. ``TTL`` bounds what a change made outside the actions (a data
loader, the shell) leaves on the public pages.

Served from the cache only to a request without a session or messages cookie and without a query
string other than ``?page=N`` (no search: unbounded keys), never to a signed-in user; the CSRF token in
the page (the language switcher) is a placeholder filled per request, so no client's token is shared.
One cache read answers a hit: the page and its versions in one ``get_many``.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

CACHE = "public"
TTL = 10 * 60
FRESH_MARGIN = 5  # seconds after a bump: a page built then may hold rows a lagging replica had not replayed
RECOUNT_WAIT = 120  # seconds a background recount of a kept value is awaited before another is asked for
STALE_KEPT = 7 * 24 * 3600  # a kept value is served, marked not current, this long after it was counted
CSRF_PLACEHOLDER = "hdnd-public-page-csrf-token"
ALL = "all"  # bumped by every audit entry: pages that span councils (the index, a commune's answers)
GLOBAL = "global"  # bumped by entries without a council (units, shared lists): every council page
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")

View = Callable[..., HttpResponse]
Scopes = Callable[..., list[str]]


def council_scope(pk: int) -> str:
    """A council's version: bumped by every entry of the council and of the councils below it."""
    return f"council:{pk}"


def user_scope(pk: int) -> str:
    """Bumped by every entry a user makes: what they did must show on their own pages at once."""
    return f"user:{pk}"


def entries_scope(pk: int) -> str:
    """Bumped only by the entries of the council itself, not by those below it: what a council above
    does for a commune (a task it gives, a briefing it holds) without the churn of the other communes."""
    return f"entries:{pk}"


def council_scopes(pk: int) -> list[str]:
    """A council's public pages: that council's version (bumped by its communes' entries too)."""
    return [GLOBAL, council_scope(pk)]


_COUNCIL_OF: dict[tuple[str, int], int] = {}
COUNCIL_OF_KEPT = 50_000  # a few megabytes per process at most


def council_of(model: type[Model], pk: int) -> int | None:
    """The council a row belongs to, remembered per process: a cycle's or a resolution's never changes,
    so a cached page of theirs costs its one cache read and no lookup. A missing row is not remembered."""
    key = (model._meta.label, pk)
    if key not in _COUNCIL_OF:
        found = model._default_manager.filter(pk=pk).values_list("council_id", flat=True).first()
        if found is None:
            return None
        if len(_COUNCIL_OF) >= COUNCIL_OF_KEPT:
            _COUNCIL_OF.clear()
        _COUNCIL_OF[key] = found
    return _COUNCIL_OF[key]


def everything(**_: Any) -> list[str]:
    return [ALL]


def app_scope(app: str) -> str:
    """Bumped by every entry of the app (actions are named ``app.verb``): pages linking across councils."""
    return f"app:{app}"


# Versions ----------------------------------------------------------------------------------------


def _version_key(scope: str) -> str:
    return f"v:{scope}"


# The versions only the values kept for one user read (``kept_for_user``, held ``TTL``) live as long as
# those: one a user and one a council would otherwise fill the table past MAX_ENTRIES for good, and each
# write would then cull the cached pages. A version gone is given anew, which only makes a value stale.
_SHORT_LIVED = ("user:", "entries:")


def _lifetime(scope: str) -> int | None:
    return TTL if scope.startswith(_SHORT_LIVED) else None


def bump(scopes: Iterable[str]) -> None:
    """New versions for ``scopes``: every cached page that shows one of them is stale from now on."""
    token = f"{time.time():.3f}:{uuid.uuid4().hex}"
    by_lifetime: dict[int | None, dict[str, str]] = {}
    for scope in scopes:
        by_lifetime.setdefault(_lifetime(scope), {})[_version_key(scope)] = token
    for lifetime, versions in by_lifetime.items():
        caches[CACHE].set_many(versions, timeout=lifetime)


_pending = threading.local()  # the scopes changed in this thread's transaction, bumped after its commit


# Entries about accounts (sign-ins, passwords, second factors, API tokens, users and their roles) change
# no page or count kept here. Written without a council, they bumped ``global``: every sign-in in the
# country made every council's public pages and kept figures stale.
ACCOUNT_ENTRIES = frozenset({"auth", "password", "otp", "token", "user", "role"})


def changed(council: Any, action: str, actor_id: int | None = None) -> None:
    """Called by ``audit.record`` for every state change (``actor_id``: the user who made it): bump after
    the commit, and at once too when the cache is not a database table written inside the action's
    transaction (a memory cache)."""
    if action.split(".")[0] in ACCOUNT_ENTRIES:
        return
    if council:
        councils = [entries_scope(council.pk), *map(council_scope, _council_and_above(council))]
    else:
        councils = [GLOBAL]
    scopes = [ALL, app_scope(action.split(".")[0]), *councils]
    if actor_id is not None:
        scopes.append(user_scope(actor_id))
    if not (isinstance(caches[CACHE], DatabaseCache) and transaction.get_connection().in_atomic_block):
        bump(scopes)  # never inside the transaction: every action would wait on the row of ``all``
    _pending.scopes = getattr(_pending, "scopes", set()) | set(scopes)
    transaction.on_commit(_bump_pending)


def _bump_pending() -> None:
    """After the commit: one bump for all the entries of the transaction (an import writes hundreds)."""
    scopes: set[str] = getattr(_pending, "scopes", set())
    _pending.scopes = set()
    if scopes:
        bump(sorted(scopes))


def _council_and_above(council: Any) -> list[int]:
    """The council and its parents (a commune's entry changes its province's whole-province pages)."""
    ids, parent = [council.pk], council.parent_id
    while parent is not None and parent not in ids and len(ids) < 4:
        ids.append(parent)
        parent = type(council).objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    return ids


# The page cache ----------------------------------------------------------------------------------


def cacheable(request: HttpRequest) -> bool:
    """Anonymous, stateless GET of the page itself (or ``?page=N``): the same bytes for everyone."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if "messages" in request.COOKIES or request.headers.get("HX-Request"):
        return False
    query = request.GET
    return not query or (list(query) == ["page"] and query["page"].isdigit() and len(query["page"]) < 5)


def _page_key(request: HttpRequest) -> str:
    raw = f"{translation.get_language()}|{request.build_absolute_uri()}"  # the .ics carry the host
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _fresh_versions(scopes: list[str], found: dict[str, Any]) -> dict[str, str]:
    """The current versions, giving a version to a scope that has none (first use, or culled)."""
    cache = caches[CACHE]
    versions = {}
    for scope in scopes:
        key = _version_key(scope)
        if found.get(key) is None:
            cache.add(key, f"{time.time():.3f}:{uuid.uuid4().hex}", timeout=_lifetime(scope))
            found[key] = cache.get(key)
        versions[key] = found[key]
    return versions


def _with_token(request: HttpRequest, content: bytes) -> bytes:
    if CSRF_PLACEHOLDER.encode() not in content:
        return content
    return content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def _response(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(_with_token(request, entry["content"]), status=200)
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _timeout(versions: dict[str, str]) -> int:
    """TTL, or only FRESH_MARGIN for what was built just after a bump (a lagging replica)."""
    newest = max(float(str(v).split(":")[0]) for v in versions.values())
    return FRESH_MARGIN if time.time() - newest < FRESH_MARGIN else TTL


def _store(key: str, versions: dict[str, str], response: HttpResponse) -> None:
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    entry = {"versions": versions, "content": response.content, "headers": headers}
    caches[CACHE].set(key, entry, _timeout(versions))


def kept[T](key: str, scopes: list[str], build: Callable[[], T], *, stamp: str = "") -> T:
    """A value counted from what ``scopes`` name, kept as the pages are: until an audited change bumps one
    of them (or ``TTL``). For the signed-in pages' costly aggregates (a province's roll-up of a period),
    never for rows a user's scope filters: the value is the same for everyone who may see the page (a
    user's own value is ``kept_for_user``'s, under a key naming them)."""
    found, versions = _kept_entry(key, scopes)
    if found is not None and _current(found, versions, stamp):
        return cast(T, found["value"])
    return _count(key, versions, build, stamp).value


@dataclass(frozen=True)
class Counted[T]:
    """A kept value, when it was counted, and whether it still holds (``current``): a value counted before
    the latest change is served while a recount runs in the background (``counted``)."""

    value: T
    counted_at: datetime
    current: bool


def counted(
    key: str, scopes: list[str], recount: Callable[[], object], *, stamp: str = ""
) -> Counted[Any] | None:
    """``kept``, without the wait: a value is never counted while a page waits. Once counted, it is served
    at once after a change too, marked not ``current``, and ``recount()`` (which enqueues a task that
    calls ``count_now``) asked for once every ``RECOUNT_WAIT`` seconds at most; a value never counted (or
    ``STALE_KEPT`` ago) is ``None`` while the task counts it. A province changes every minute of a working
    day, and its roll-up takes a fifth of a second to count: the page shows the figures of a few seconds
    ago with their time, or says they are being counted, and fetches them again until they are current.

    ``stamp`` is what else the value was counted for (the day, for a roll-up "as the units are now"): a
    value of another stamp is served the same way, not current, while it is counted again."""
    found, versions = _kept_entry(key, scopes)
    if found is not None and _current(found, versions, stamp):
        return Counted(found["value"], _moment(found), True)
    if ask_once(f"recount:{key}", recount):
        again, versions = _kept_entry(key, scopes)  # an immediate task backend has counted it already
        if again is not None and _current(again, versions, stamp):
            return Counted(again["value"], _moment(again), True)
    return None if found is None else Counted(found["value"], _moment(found), False)


def kept_for_user[T](
    key: str,
    scopes: list[str],
    user: int,
    build: Callable[[], T],
    recount: Callable[[], object],
    *,
    stamp: str,
) -> Counted[T]:
    """A value of one user's (their start page), kept as ``kept`` keeps it, and counted in the request when
    it was never counted, on another ``stamp``, or before a change of the user's own (what they did shows
    at once). Made stale by the others' changes only, it is served as it was, not ``current``, while
    ``recount()`` (which enqueues a task that calls ``count_now``) counts it again, as ``counted`` serves
    a roll-up: in a province whose hundred communes act all day, its clerk's page would otherwise be
    counted anew on almost every view. Kept ``TTL`` at most."""
    mine = user_scope(user)
    found, versions = _kept_entry(key, [mine, *scopes])
    if found is not None and _current(found, versions, stamp):
        return Counted(found["value"], _moment(found), True)
    own = _version_key(mine)
    if found is not None and found.get("stamp", "") == stamp and found["versions"].get(own) == versions[own]:
        if ask_once(f"recount:{key}", recount):
            again, versions = _kept_entry(key, [mine, *scopes])  # an immediate task backend has counted it
            if again is not None and _current(again, versions, stamp):
                return Counted(again["value"], _moment(again), True)
        return Counted(found["value"], _moment(found), False)
    return _count(key, versions, build, stamp, TTL)


def ask_once(key: str, ask: Callable[[], object], wait: int = RECOUNT_WAIT) -> bool:
    """Call ``ask`` (which enqueues a task) unless it was called for ``key`` less than ``wait`` seconds
    ago and not ``answered`` since: pages that find derived data missing or stale ask the worker for it
    once, however many views there are meanwhile (shared by every process, in ``CACHE``)."""
    if not caches[CACHE].add(f"asked:{key}", 1, timeout=wait):
        return False
    ask()
    return True


def answered(key: str) -> None:
    """The task asked for under ``key`` is done: the next page that finds the data stale may ask again."""
    caches[CACHE].delete(f"asked:{key}")


def count_now[T](
    key: str, scopes: list[str], build: Callable[[], T], *, stamp: str = "", hold: int = STALE_KEPT
) -> Counted[T]:
    """Count ``key`` and keep it (the recount task): versions read before counting, so a change made
    meanwhile leaves it not current, and the recount marker cleared for the next change. ``hold``: how
    long the entry stays, served marked not current once stale."""
    _, versions = _kept_entry(key, scopes)
    try:
        return _count(key, versions, build, stamp, hold)
    finally:
        answered(f"recount:{key}")


def _kept_entry(key: str, scopes: list[str]) -> tuple[dict[str, Any] | None, dict[str, str]]:
    found = caches[CACHE].get_many([f"value:{key}", *map(_version_key, scopes)])
    return found.get(f"value:{key}"), _fresh_versions(scopes, found)


def _current(entry: dict[str, Any], versions: dict[str, str], stamp: str = "") -> bool:
    fresh = entry["versions"] == versions and entry.get("stamp", "") == stamp
    return bool(fresh and entry.get("until", 0) > time.time())


def _moment(entry: dict[str, Any]) -> datetime:
    return datetime.fromtimestamp(entry["at"], tz=UTC)


def _count[T](
    key: str, versions: dict[str, str], build: Callable[[], T], stamp: str = "", hold: int = STALE_KEPT
) -> Counted[T]:
    now = time.time()
    value = build()
    until = now + _timeout(versions)
    entry = {"versions": versions, "stamp": stamp, "value": value, "at": now, "until": until}
    caches[CACHE].set(f"value:{key}", entry, hold)
    return Counted(value, _moment(entry), True)


def _render(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The view's page with the placeholder token; an error page raised meanwhile gets a real one."""
    request.public_page = True  # type: ignore[attr-defined]  # read by csrf_placeholder (below)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()  # a TemplateResponse: rendered now, while the placeholder applies
        return response
    finally:
        request.public_page = False  # type: ignore[attr-defined]


def public_page(scopes: Scopes) -> Callable[[View], View]:
    """Cache the view's page for anonymous visitors; ``scopes(**view_kwargs)`` names what it shows."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not cacheable(request):
                return view(request, *args, **kwargs)
            wanted = scopes(**kwargs)
            key = _page_key(request)
            found = caches[CACHE].get_many([key, *map(_version_key, wanted)])
            versions = _fresh_versions(wanted, found)
            entry = found.get(key)
            if entry is not None and entry["versions"] == versions:
                return _response(request, entry)
            response = _render(view, request, *args, **kwargs)
            if response.streaming:
                return response
            if response.status_code == 200 and not response.cookies:
                _store(key, versions, response)
            response.content = _with_token(request, response.content)
            return response

        return wrapped

    return decorator


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: a page being cached gets a placeholder token, filled per request."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "public_page", False) else {}
