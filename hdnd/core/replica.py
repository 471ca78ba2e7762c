"""Reads of public pages from a read replica (``DATABASE_REPLICA_URL``, docs/deploy.md).

Installed only when a replica is configured. ``ReplicaMiddleware`` marks a request whose reads may go to
the replica: a GET or HEAD by a visitor who is not signed in, to a path under ``REPLICA_PATHS`` (the
public pages by default). ``ReplicaRouter`` then sends that request's reads there; every write, every
other request, and the tables that must be current across processes (sessions, the shared cache of
throttling counters, lockouts, the task queue) stay on the primary. A replica a second behind shows a
published page a second late, which the public pages can afford; a clerk never reads from it.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
_ON_REPLICA: contextvars.ContextVar[bool] = contextvars.ContextVar("on_replica", default=False)
# Always on the primary: state shared by the processes serving the site.
PRIMARY_ONLY = {"sessions", "django_cache", "axes", "django_tasks_db", "core", "accounts", "otp_totp"}


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _ON_REPLICA.get() and model._meta.app_label not in PRIMARY_ONLY:  # type: ignore[attr-defined]
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA


class ReplicaMiddleware:
    """After AuthenticationMiddleware: marks anonymous GET/HEAD requests to the replica's paths."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.paths = tuple(settings.REPLICA_PATHS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wanted = (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.paths)
            and not request.user.is_authenticated
        )
        token = _ON_REPLICA.set(wanted)
        try:
            return self.get_response(request)
        finally:
            _ON_REPLICA.reset(token)
