"""Documents received with a letter: checked uploads on the page and the API, and a denunciation's kept
only in the sealed store (refused without it), opened only by the case's named handlers."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hdnd.core.models import AuditEntry
from hdnd.reception import actions
from hdnd.reception.attachments import NO_SEALED_STORE
from hdnd.reception.models import Letter, LetterAttachment, LetterKind
from hdnd.reception.tests import support
from hdnd.reception.tests.test_identity import KEY, NAME, dump_outside_sealed_store, leaks

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 20)


def scan(name: str = "don.pdf", text: str = "Đơn khiếu nại") -> SimpleUploadedFile:
    """A small PDF whose bytes carry ``text`` (a scanned letter shows its writer's name)."""
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + text.encode(), content_type="application/pdf")


def staff(world: Any) -> Client:
    client = Client()
    client.force_login(world.user("commune_staff"))
    return client


def stored_bytes(attachment: LetterAttachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def sealed_mode(settings: Any) -> None:
    settings.SEALED_STORE = True
    settings.SEALED_KEY = KEY


def test_the_intake_page_takes_the_scanned_letter(world: Any) -> None:
    support.rules()
    data = {
        "channel": "post",
        "received_on": "05/10/2026",
        "kind": "khieu_nai",
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": support.COMPLAINT,
        "senders": "1",
        "attachment": scan(),
    }
    with time_machine.travel(TODAY):
        response = staff(world).post(reverse("reception:letter_add", args=[world.commune.pk]), data)
    assert response.status_code == 302
    attachment = LetterAttachment.objects.get()
    assert (attachment.title, attachment.sealed, attachment.suffix) == ("Bản scan đơn", False, ".pdf")
    assert "don.pdf" not in str(attachment.file.name)  # stored under a random name
    download = staff(world).get(attachment.get_absolute_url())
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_a_file_that_is_not_what_it_says_is_refused_and_no_letter_is_left(world: Any) -> None:
    support.rules()
    data = {
        "channel": "post",
        "received_on": "05/10/2026",
        "kind": "khieu_nai",
        "subject": "Khiếu nại",
        "content": support.COMPLAINT,
        "senders": "1",
        "attachment": SimpleUploadedFile("don.jpg", b"%PDF-1.4 not a jpeg"),
    }
    with time_machine.travel(TODAY):
        response = staff(world).post(reverse("reception:letter_add", args=[world.commune.pk]), data)
    assert response.status_code == 422
    assert "không đúng định dạng .jpg" in response.content.decode()
    assert not Letter.objects.exists()


def test_the_api_attaches_with_the_same_check_and_one_audit_row(world: Any) -> None:
    with time_machine.travel(TODAY):
        letter = support.letter(world.commune)
        url = f"/api/v1/letters/{letter.pk}/attachments"
        ok = staff(world).post(url, {"title": "Quyết định thu hồi đất", "file": scan("qd.pdf")})
        bad = staff(world).post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert ok.status_code == 201
    assert ok.json()["title"] == "Quyết định thu hồi đất"
    assert ok.json()["sealed"] is False
    assert bad.status_code == 422
    assert bad.json()["errors"]["file"] == ["Chỉ nhận tệp PDF, Word, Excel, ODF hoặc ảnh JPG/PNG."]
    assert AuditEntry.objects.filter(action="reception.attach_file").count() == 1


def test_a_denunciations_scan_is_refused_without_the_sealed_store(world: Any) -> None:
    with time_machine.travel(TODAY):
        letter = support.letter(world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION)
        page = staff(world).post(reverse("reception:letter_attach", args=[letter.pk]), {"file": scan()})
        api = staff(world).post(f"/api/v1/letters/{letter.pk}/attachments", {"file": scan()})
    assert page.status_code == 422
    assert api.status_code == 422
    assert api.json()["errors"]["file"] == [NO_SEALED_STORE]
    assert not LetterAttachment.objects.exists()


def test_a_denunciations_scan_is_sealed_and_opened_only_by_a_named_handler(
    world: Any, sealed_mode: None
) -> None:
    handler, other = world.user("commune_staff"), world.user("office_staff")
    with time_machine.travel(TODAY):
        letter = support.letter(world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION)
        typed = unicodedata.normalize("NFD", f"Đơn của {NAME}")
        response = staff(world).post(
            f"/api/v1/letters/{letter.pk}/attachments",
            {"title": typed, "file": scan(f"{NAME}.pdf", f"Tôi là {NAME}")},
        )
        assert response.status_code == 201
        attachment = LetterAttachment.objects.get()
        # Neither the stored file, its name, its title, the API answer nor any table shows the canary.
        assert attachment.sealed
        assert not leaks(stored_bytes(attachment).decode("latin-1"))
        assert not leaks(str(attachment.file.name) + attachment.title + response.content.decode())
        assert not leaks(dump_outside_sealed_store())
        refused = staff(world).get(attachment.get_absolute_url())
        actions.name_handlers(letter, by=handler, users=[handler])
        opened = staff(world).get(attachment.get_absolute_url())
        outsider = Client()
        outsider.force_login(other)
        elsewhere = outsider.get(attachment.get_absolute_url())
    assert refused.status_code == 403
    assert b"".join(opened.streaming_content).decode() == f"%PDF-1.4\nTôi là {NAME}"  # type: ignore[attr-defined]
    assert elsewhere.status_code == 403  # the province's office reads no letters of the commune
    assert AuditEntry.objects.filter(action="reception.attachment_opened").count() == 1


def test_a_letter_reclassified_as_a_denunciation_loses_its_plain_scan(world: Any) -> None:
    with time_machine.travel(TODAY):
        letter = support.awaiting(world.commune)
        staff(world).post(f"/api/v1/letters/{letter.pk}/attachments", {"file": scan(text=f"Tôi là {NAME}")})
        stored = LetterAttachment.objects.get().file.name
        actions.classify_letter(letter, by=None, kind=LetterKind.DENUNCIATION, eligible=True)
    assert not LetterAttachment.objects.exists()
    assert AuditEntry.objects.filter(action="reception.attachments_removed").count() == 1
    assert stored


def test_a_letter_reclassified_as_a_denunciation_has_its_scan_sealed(world: Any, sealed_mode: None) -> None:
    with time_machine.travel(TODAY):
        letter = support.awaiting(world.commune)
        staff(world).post(f"/api/v1/letters/{letter.pk}/attachments", {"file": scan(text=f"Tôi là {NAME}")})
        actions.classify_letter(letter, by=None, kind=LetterKind.DENUNCIATION, eligible=True)
    attachment = LetterAttachment.objects.get()
    assert attachment.sealed
    assert str(attachment.file.name).endswith(".bin")
    assert not leaks(stored_bytes(attachment).decode("latin-1"))
