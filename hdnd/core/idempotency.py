"""A repeated submission returns the first one's result instead of doing the work twice.

A double click, a browser's retry or a client repeating a request after a network failure sends the same
write twice. Every page form carries a one-time token (``_submission``, added by ``core/app.js`` when the
form is drawn and renewed after each htmx request); API clients send an ``Idempotency-Key`` header. The
first request with a token claims it (a unique row, committed before the view runs); a repeat waits for
the first to finish and gets the same answer: the same redirect for a page, the same status and JSON for
the API. A refusal (4xx) or a failure (5xx) is not remembered, so the corrected or retried request runs.
The same key with different content is refused. Rows are kept for ``KEEP`` and then removed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from .models import Submission

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
        if time.monotonic() > deadline:
            return _refuse(request, 409, IN_PROGRESS)
        time.sleep(0.1)


def _answer(done: Submission) -> HttpResponse:
    response = HttpResponse(bytes(done.body), status=done.status_code or 200, content_type=done.content_type)
    if done.location:
        response["Location"] = done.location
    response["Idempotent-Replay"] = "true"
    return response


def _remember(key: str, response: HttpResponse) -> None:
    keep = 200 <= response.status_code < 400 and not response.streaming and len(response.content) <= MAX_BODY
    if not keep:
        Submission.objects.filter(key=key).delete()
        return
    Submission.objects.filter(key=key).update(
        state=Submission.State.DONE,
        status_code=response.status_code,
        location=response.get("Location", "")[:2000],
        content_type=response.get("Content-Type", "")[:100],
        body=b"" if 300 <= response.status_code < 400 else response.content,
    )


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
        while not _claim(key, body_hash):
            replayed = _replay(request, key, body_hash)
            if replayed is not None:
                return replayed
        return self._run(request, key)

    def _run(self, request: HttpRequest, key: str) -> HttpResponse:
        try:
            response = self.get_response(request)
        except BaseException:
            Submission.objects.filter(key=key).delete()
            raise
        _remember(key, response)
        return response


def forget_old(now: datetime | None = None) -> int:
    """Remove the remembered submissions older than ``KEEP``; answers how many went."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
