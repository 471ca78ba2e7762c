"""The mail outbox: every notice is written in the transaction of the change it tells about, then sent.

Sending after the commit (``transaction.on_commit``) mails at most once: a process killed between the
commit and the mail server's answer loses the mail, though the record says it was sent. Here the action
writes an ``OutboxMail`` row with its change (``queue_mail``), so both commit or neither does. After the
commit the same process tries to send it at once; whatever that leaves (a kill, a mail server that is
down) the periodic sender (``tasks.send_pending_mail``, every minute) sends.

A sender claims due rows (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two senders never take
the same row) by moving their next attempt ``CLAIM_FOR`` ahead, sends, then marks each sent. A sender
killed after the mail server accepted a mail but before the mark leaves the row due again when the claim
lapses: it is sent again with the same ``Message-ID``, which receivers use to drop the copy. A refusal
(``SMTPException``, a connection error) is retried after 1, 2, 4… minutes; after ``MAX_ATTEMPTS`` the
row fails, with an audit entry the system administrator reads in the national log.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .audit import record
from .models import OutboxMail

log = logging.getLogger(__name__)

CLAIM_FOR = timedelta(minutes=10)  # a claimed row is due again after this, if its sender died
BATCH = 50  # rows claimed at once by the periodic sender
MAX_ATTEMPTS = 8  # 1 + 2 + 4 + … + 64 minutes: about two hours of retries
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
SYSTEM = "hộp thư đi"
GAVE_UP = "Không gửi được thư “{subject}” tới {to} sau {n} lần thử: {error}"


def message_id() -> str:
    """A new, globally unique ``Message-ID`` in the sender's domain."""
    domain = str(settings.DEFAULT_FROM_EMAIL).rpartition("@")[2].strip(">") or "hdnd.local"
    return f"<{uuid.uuid4().hex}.outbox@{domain}>"


def queue_mail(subject: str, body: str, recipients: Iterable[str]) -> OutboxMail | None:
    """Write one mail to the outbox, inside the caller's transaction; it is sent after the commit.

    The recipients are deduplicated and empty addresses dropped; with none left nothing is queued."""
    to = sorted({address for address in recipients if address})
    if not to:
        return None
    row = OutboxMail.objects.create(subject=subject, body=body, recipients=to, message_id=message_id())
    # robust: a mail server that is down must not undo or break the committed change; the row stays due.
    transaction.on_commit(partial(deliver, [row.pk]), robust=True)
    return row


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1, 2, 4… minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LAST_RETRY)


def claim(
    pks: list[int] | None = None, *, limit: int = BATCH, now: datetime | None = None, skip: Iterable[int] = ()
) -> list[OutboxMail]:
    """Take up to ``limit`` due rows (only ``pks`` if given, never ``skip``) for this sender, counting the
    attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        due = OutboxMail.objects.filter(status=OutboxMail.Status.PENDING, next_attempt_at__lte=now)
        if pks is not None:
            due = due.filter(pk__in=pks)
        due = due.exclude(pk__in=list(skip))
        rows = list(due.order_by("next_attempt_at", "pk").select_for_update(skip_locked=True)[:limit])
        taken = [row.pk for row in rows]
        OutboxMail.objects.filter(pk__in=taken).update(
            next_attempt_at=now + CLAIM_FOR, attempts=F("attempts") + 1
        )
    for row in rows:
        row.attempts += 1
    return rows


def _send(row: OutboxMail) -> None:
    message = EmailMessage(
        row.subject, row.body, None, list(row.recipients), headers={"Message-ID": row.message_id}
    )
    message.send()


def _failed(row: OutboxMail, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:1000]
    if row.attempts < MAX_ATTEMPTS:
        retry_at = timezone.now() + retry_delay(row.attempts)
        OutboxMail.objects.filter(pk=row.pk, status=OutboxMail.Status.PENDING).update(
            next_attempt_at=retry_at, last_error=text
        )
        log.warning(
            "Mail %s not sent (try %d), retried at %s: %s", row.message_id, row.attempts, retry_at, text
        )
        return
    to = ", ".join(row.recipients)
    note = GAVE_UP.format(subject=row.subject[:120], to=to, n=row.attempts, error=text)
    with transaction.atomic():
        OutboxMail.objects.filter(pk=row.pk).update(status=OutboxMail.Status.FAILED, last_error=text)
        record(
            action="core.mail_failed",
            actor=SYSTEM,
            after={"mail": row.pk, "message_id": row.message_id, "attempts": row.attempts},
            note=note[:2000],
        )
    log.error("Mail %s given up after %d tries: %s", row.message_id, row.attempts, text)


def send_claimed(rows: list[OutboxMail]) -> int:
    """Send rows this sender claimed; mark each sent, or schedule its retry. Answers how many went."""
    sent = 0
    for row in rows:
        try:
            _send(row)
        except (smtplib.SMTPException, OSError) as error:
            _failed(row, error)
            continue
        OutboxMail.objects.filter(pk=row.pk).update(
            status=OutboxMail.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        sent += 1
    return sent


def deliver(pks: list[int]) -> int:
    """Send these rows now if they are still due and no other sender holds them (after the commit)."""
    return send_claimed(claim(pks, limit=len(pks)))


def deliver_due(now: datetime | None = None) -> int:
    """The periodic sender: send every due row, a batch at a time; answers how many went."""
    sent, tried = 0, set[int]()
    while rows := claim(now=now, skip=tried):  # a row retried within this run waits for the next one
        tried.update(row.pk for row in rows)
        sent += send_claimed(rows)
    return sent
