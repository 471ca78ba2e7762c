"""A repeated submission returns the first one's result instead of doing the work twice.

A double click, a browser's retry or a client repeating a request after a network failure sends the same
write twice. Every page form carries a one-time token (``_submission``, added by ``core/app.js`` when the
form is drawn and renewed after each htmx request); API clients send an ``Idempotency-Key`` header. The
first request with a token claims it (a unique row, committed before the view runs); a repeat waits for
the first to finish and gets the same answer: the same redirect for a page, the same status and JSON for
the API. A refusal (4xx) or a failure (5xx) is not remembered, so the corrected or retried request runs.
The same key with different content is refused. Rows are kept for ``KEEP`` and then removed.

The work and the "done" mark commit together: the request runs in one transaction that holds its claim's
row lock, and records the answer before it commits. So when the database goes away or the process dies
half-way, either both are there (a repeat gets the first answer) or neither (the claim is left running but
unlocked: a repeat sees nobody holds it, takes it over and does the work once). A server error (5xx)
rolls back whatever the request wrote, as an exception would.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from .models import Submission

log = logging.getLogger(__name__)

FORM_FIELD = "_submission"
HEADER = "Idempotency-Key"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
KEEP = timedelta(hours=24)
WAIT_SECONDS = 10.0
MAX_BODY = 1_000_000  # a bigger answer is not replayed (the repeat runs, refused by the record's own rules)
IN_PROGRESS = "Yêu cầu giống hệt đang được xử lý; vui lòng chờ giây lát rồi tải lại trang."
KEY_REUSED = "Mã Idempotency-Key này đã dùng cho một yêu cầu khác nội dung; hãy dùng mã mới."
BAD_KEY = "Mã Idempotency-Key phải dài từ 8 đến 200 ký tự."


def _token(request: HttpRequest) -> str:
    if request.method not in WRITES:
        return ""
    token = request.headers.get(HEADER, "")
    if not token and request.method == "POST":
        token = request.POST.get(FORM_FIELD, "")
    return token.strip()


def _key(request: HttpRequest, token: str) -> str:
    """Whose request (session, user or credentials), which write, which token: never shared between users."""
    who = request.headers.get("Authorization", "") or getattr(request.session, "session_key", "") or ""
    user = getattr(request, "user", None)
    address = request.META.get("REMOTE_ADDR", "")
    parts = [who, str(getattr(user, "pk", "") or ""), address, request.method or "", request.path, token]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _body_hash(request: HttpRequest) -> str:
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        items = sorted((k, v) for k, values in request.POST.lists() for v in values if k != FORM_FIELD)
        return hashlib.sha256(repr(items).encode()).hexdigest()
    return hashlib.sha256(request.body).hexdigest()


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    from .views import refused_input  # the error page

    response = refused_input(request, message)
    response.status_code = status
    return response


def _claim(key: str, body_hash: str) -> bool:
    """Claim the key: True for the first request, False when it was claimed before."""
    try:
        with transaction.atomic():
            Submission.objects.create(key=key, body_hash=body_hash)
    except IntegrityError:
        return False
    return True


def _replay(request: HttpRequest, key: str, body_hash: str) -> HttpResponse | None:
    """The first request's answer once it is done; ``None`` when it failed and let go of the key."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        first = Submission.objects.filter(key=key).first()
        if first is None:
            return None
        if first.body_hash != body_hash:
            return _refuse(request, 422, KEY_REUSED)
        if first.state == Submission.State.DONE:
            return _answer(first)
        if _abandoned(key):
            return None
        if time.monotonic() > deadline:
            return _refuse(request, 409, IN_PROGRESS)
        time.sleep(0.1)


def _answer(done: Submission) -> HttpResponse:
    response = HttpResponse(bytes(done.body), status=done.status_code or 200, content_type=done.content_type)
    if done.location:
        response["Location"] = done.location
    response["Idempotent-Replay"] = "true"
    return response


def _abandoned(key: str) -> bool:
    """True (and the claim removed) when nobody holds the running claim: its request died half-way."""
    try:
        with transaction.atomic():
            # The request working on it holds the row lock; SQLite's write lock plays that part there.
            free = Submission.objects.select_for_update(skip_locked=True).filter(
                key=key, state=Submission.State.RUNNING
            )
            pks = list(free.values_list("pk", flat=True)[:1])
            return bool(pks) and bool(Submission.objects.filter(pk__in=pks).delete()[0])
    except DatabaseError:
        return False


def _hold(key: str) -> bool:
    """Lock the request's own claim for the length of its work; False when it was taken over meanwhile."""
    claim = Submission.objects.select_for_update().filter(key=key, state=Submission.State.RUNNING)
    return bool(list(claim.values_list("pk", flat=True)[:1]))


def _keep(response: HttpResponse) -> bool:
    return 200 <= response.status_code < 400 and not response.streaming and len(response.content) <= MAX_BODY


def _remember(key: str, response: HttpResponse) -> None:
    Submission.objects.filter(key=key).update(
        state=Submission.State.DONE,
        status_code=response.status_code,
        location=response.get("Location", "")[:2000],
        content_type=response.get("Content-Type", "")[:100],
        body=b"" if 300 <= response.status_code < 400 else response.content,
    )


def _let_go(key: str) -> None:
    """Drop the claim so the corrected or retried request runs; with the database gone, a repeat takes
    the unlocked claim over (``_abandoned``)."""
    try:
        Submission.objects.filter(key=key, state=Submission.State.RUNNING).delete()
    except DatabaseError:
        log.warning("Could not let go of submission %s; a repeat will take it over", key[:12])


class _Failed(Exception):
    """A server error answered by the view: leave the transaction so what it wrote is rolled back."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


class IdempotencyMiddleware:
    """Claims each write's token before the view runs, and answers a repeat with the first result."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _token(request)
        if not token:
            return self.get_response(request)
        if not 8 <= len(token) <= 200:
            return _refuse(request, 400, BAD_KEY)
        key, body_hash = _key(request, token), _body_hash(request)
        while True:
            if _claim(key, body_hash):
                response = self._run(request, key)
                if response is not None:
                    return response
                continue  # taken over while starting: claim again (or wait for the one who took it)
            replayed = _replay(request, key, body_hash)
            if replayed is not None:
                return replayed

    def _run(self, request: HttpRequest, key: str) -> HttpResponse | None:
        """The request's work and its remembered answer in one transaction; None when the claim was lost."""
        try:
            with transaction.atomic():
                if not _hold(key):
                    return None
                response = self.get_response(request)
                if response.status_code >= 500:
                    raise _Failed(response)
                if _keep(response):
                    _remember(key, response)
                else:  # a refusal: its writes stay (a failed sign-in is counted), the key is free again
                    Submission.objects.filter(key=key).delete()
        except _Failed as failed:
            _let_go(key)
            return failed.response
        except BaseException:
            _let_go(key)
            raise
        return response


def forget_old(now: datetime | None = None) -> int:
    """Remove the remembered submissions older than ``KEEP``; answers how many went."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
