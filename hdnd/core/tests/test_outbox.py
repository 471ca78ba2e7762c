"""The mail outbox: written with the change, sent after the commit or by the periodic sender, once."""

from __future__ import annotations

import smtplib
import socketserver
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from conftest import World
from hdnd.accounts import actions as account_actions
from hdnd.core import outbox
from hdnd.core.models import AuditEntry, OutboxMail
from hdnd.core.outbox import claim, deliver_due, queue_mail

pytestmark = pytest.mark.django_db


def _queue(subject: str = "Nhắc hạn trả lời kiến nghị", to: str = "van-thu@so.example") -> OutboxMail:
    row = queue_mail(subject, "Hạn trả lời: 20/11/2026.", [to, "", to])
    assert row is not None
    return row


def test_a_mail_is_written_with_the_change_and_sent_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = _queue()
        assert mail.outbox == []  # nothing leaves before the commit
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    assert [m.to for m in mail.outbox] == [["van-thu@so.example"]]
    assert mail.outbox[0].message()["Message-ID"] == row.message_id


def _failing_action() -> None:
    with transaction.atomic():
        _queue()
        raise RuntimeError("the action failed")


def test_a_change_rolled_back_leaves_no_mail(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _failing_action()
    assert not OutboxMail.objects.exists()
    assert mail.outbox == []


def test_no_recipient_no_row() -> None:
    assert queue_mail("Tiêu đề", "Nội dung", ["", ""]) is None
    assert not OutboxMail.objects.exists()


def test_a_mail_committed_but_never_sent_is_sent_once_by_the_periodic_sender(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The process dies after the commit: the callbacks that would have sent the mail never run.
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        row = _queue()
    assert mail.outbox == []
    assert deliver_due() == 1
    assert deliver_due() == 0
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.SENT


def test_a_claimed_row_is_not_taken_by_another_sender_until_its_claim_lapses(time_machine: Any) -> None:
    row = _queue()
    taken = claim()
    assert [r.pk for r in taken] == [row.pk]
    assert claim() == []  # a second sender finds nothing to send
    # The first sender died after the mail server accepted it, before the mark: due again later,
    # sent again under the same Message-ID (receivers drop the copy).
    time_machine.move_to(timezone.now() + outbox.CLAIM_FOR + timedelta(seconds=1), tick=False)
    assert deliver_due() == 1
    assert [m.message()["Message-ID"] for m in mail.outbox] == [row.message_id]
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.status == OutboxMail.Status.SENT


def test_a_refused_mail_is_retried_with_backoff_not_lost(monkeypatch: Any, time_machine: Any) -> None:
    refusals = [smtplib.SMTPServerDisconnected("421 bận"), ConnectionRefusedError(111, "refused")]
    real_send = EmailMessage.send

    def flaky_send(message: EmailMessage, fail_silently: bool = False) -> int:
        if refusals:
            raise refusals.pop(0)
        return real_send(message, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", flaky_send)
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    row = _queue()
    assert deliver_due() == 0
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.PENDING
    assert row.attempts == 1
    assert row.next_attempt_at == start + timedelta(minutes=1)
    assert "SMTPServerDisconnected" in row.last_error
    assert deliver_due() == 0  # not due yet
    time_machine.move_to(start + timedelta(minutes=1), tick=False)
    assert deliver_due() == 0
    row.refresh_from_db()
    assert row.next_attempt_at == start + timedelta(minutes=3)  # then two minutes
    time_machine.move_to(start + timedelta(minutes=3), tick=False)
    assert deliver_due() == 1
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.SENT
    assert row.attempts == 3
    assert row.last_error == ""
    assert len(mail.outbox) == 1


def test_a_mail_refused_every_time_fails_with_an_audit_entry(monkeypatch: Any, time_machine: Any) -> None:
    def refuse(message: EmailMessage, fail_silently: bool = False) -> int:
        raise smtplib.SMTPRecipientsRefused({"van-thu@so.example": (550, b"no such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    row = _queue()
    for _ in range(outbox.MAX_ATTEMPTS):
        time_machine.move_to(timezone.now() + outbox.LAST_RETRY, tick=False)
        deliver_due()
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.FAILED
    assert row.attempts == outbox.MAX_ATTEMPTS
    entry = AuditEntry.objects.get(action="core.mail_failed")
    assert entry.note.startswith("Không gửi được thư “Nhắc hạn trả lời kiến nghị” tới van-thu@so.example")
    time_machine.move_to(timezone.now() + outbox.LAST_RETRY, tick=False)
    assert claim() == []  # a failed row is not tried again


def test_retry_delays_double_up_to_an_hour() -> None:
    delays = [outbox.retry_delay(n) for n in range(1, 10)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert delays[-1] == timedelta(hours=1)


def test_an_account_notice_goes_through_the_outbox(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    staff = world.user("office_staff")
    staff.email = "chuyenvien@anbinh.gov.vn"
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        account_actions.set_password_by_admin(
            staff, "Mat-khau-moi-2026!", by=world.user("council_admin"), council=world.province
        )
    row = OutboxMail.objects.get()
    assert row.recipients == ["chuyenvien@anbinh.gov.vn"]
    assert row.status == OutboxMail.Status.SENT
    assert [m.message()["Message-ID"] for m in mail.outbox] == [row.message_id]


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP: the first ``refuse`` connections get "421" (busy), the others are accepted."""

    server: _SmtpServer

    def handle(self) -> None:
        if self.server.refuse > 0:
            self.server.refuse -= 1
            self.wfile.write(b"421 4.3.2 Tam ngung nhan thu\r\n")
            return
        self.wfile.write(b"220 localhost\r\n")
        data: list[bytes] | None = None
        while line := self.rfile.readline():
            if data is not None:
                if line == b".\r\n":
                    self.server.received.append(b"".join(data))
                    data = None
                    self.wfile.write(b"250 2.0.0 OK\r\n")
                else:
                    data.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                data = []
                self.wfile.write(b"354 Go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _SmtpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    refuse = 0
    received: list[bytes]


def test_a_real_mail_server_refusing_twice_gets_the_mail_once_on_the_third_try(
    settings: Any, time_machine: Any, django_capture_on_commit_callbacks: Any
) -> None:
    server = _SmtpServer(("127.0.0.1", 0), _Smtp)
    server.refuse, server.received = 2, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.server_address[1], "timeout": 5},
        }
    }
    try:
        start = timezone.now()
        time_machine.move_to(start, tick=False)
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            row = _queue()
        row.refresh_from_db()
        assert row.status == OutboxMail.Status.PENDING
        assert "421" in row.last_error
        time_machine.move_to(start + timedelta(minutes=1), tick=False)
        assert deliver_due() == 0  # refused again
        time_machine.move_to(start + timedelta(minutes=3), tick=False)
        assert deliver_due() == 1
    finally:
        server.shutdown()
        server.server_close()
    row.refresh_from_db()
    assert row.status == OutboxMail.Status.SENT
    assert row.attempts == 3
    assert len(server.received) == 1
    assert f"Message-ID: {row.message_id}".encode() in server.received[0]
