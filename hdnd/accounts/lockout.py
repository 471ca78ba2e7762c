"""Two lockout counters for django-axes: one per username, one per client address.

With ``AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]`` axes counts each separately, but compares
both with the same limit (5), and a successful sign-in clears every failure from the address. A council
office shares one NAT address, so 5 typos among colleagues would lock the whole office; and anyone with
one valid account could sign in between sprays to wipe the address's count, and with it the counts of
the usernames sprayed from there. This handler therefore:

- locks a username after ``AXES_FAILURE_LIMIT`` failures (5), from any address;
- locks an address after ``ADDRESS_FAILURE_LIMIT`` failures (20), whatever usernames were tried;
- on a successful sign-in, clears only that username's failures.

Settings: ``AXES_HANDLER = "hdnd.accounts.lockout.LockoutHandler"`` with the parameters above, and
``AXES_CLIENT_IP_CALLABLE = "hdnd.accounts.lockout.client_address"`` so that behind a reverse proxy the
address counted is the client's, not the proxy's (``CLIENT_IP_PROXY_COUNT``).
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

# Failures from one address, across usernames, that lock the address for the cool-off time.
ADDRESS_FAILURE_LIMIT = 20


def _failures(attempts: Any) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures on the username's scale: axes compares the result with ``AXES_FAILURE_LIMIT``.

        The address's count is shifted so that it reaches the limit exactly when the address reaches
        ``ADDRESS_FAILURE_LIMIT``; the moment a lockout starts is the moment the count equals the limit.
        """
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        by_username = _failures(recent.filter(username=username)) if username else 0
        address = getattr(request, "axes_ip_address", None)
        by_address = _failures(recent.filter(ip_address=address)) if address else 0
        limit = get_failure_limit(request, credentials)
        return max(by_username, by_address - ADDRESS_FAILURE_LIMIT + limit)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """After a successful sign-in: that username's failures only, never the whole address's."""
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def _recent(self, request: HttpRequest) -> Any:
        """Attempts within the cool-off time (all of them when there is none), as axes counts them."""
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is None:
            return attempts
        return attempts.filter(attempt_time__gte=get_cool_off_threshold(request))


def client_address(request: HttpRequest) -> str | None:
    """The client's address, for lockouts and the audit log (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``CLIENT_IP_PROXY_COUNT`` reverse proxies, each appends the address it received the request
    from to X-Forwarded-For; the entry that many places from the right is the one our outermost proxy
    saw, which a client cannot forge. Entries further left are the client's own claims, never used.
    Without proxies (the default, 0), the header is ignored and the socket's address counts.
    """
    count = int(getattr(settings, "CLIENT_IP_PROXY_COUNT", 0))
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count and _is_address(hops[-count]):
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
