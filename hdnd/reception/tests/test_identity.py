"""The denouncer's identity: canary identities (NFC and NFD) are seeded through the doors users use, and
every output is searched for them: pages, API answers, documents (.docx, PDF, .xlsx), the audit table,
the logs, the mail sent, and a dump of every table outside the sealed store."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from hdnd.core.text import fold
from hdnd.councils.models import Agency
from hdnd.reception import actions, sealing
from hdnd.reception.identity import MASK, Identity, redact, reveal_identity
from hdnd.reception.models import Letter, LetterKind, SealedIdentity
from hdnd.reception.stats import SMALL_LABEL, suppress
from hdnd.reception.tests import support
from tests.docx_reading import texts

pytestmark = pytest.mark.django_db
NAME = "Đoàn Thị Hoà Canarynữ"
ADDRESS = "số 99 ngõ Hoạ Mi Canaryngõ, phường Thuỷ Tinh"
CONTACT = "0987 654 321 canarysố"
CANARIES = [NAME, ADDRESS, CONTACT]
KEY = "k" * 48
TODAY = date(2026, 10, 20)


def forms_of(value: str) -> list[str]:
    """Every way a canary could surface: NFC, NFD, folded, and its unique marker word."""
    marker = next(word for word in value.split() if "anary" in word)
    return [
        unicodedata.normalize("NFC", value),
        unicodedata.normalize("NFD", value),
        fold(value),
        fold(marker),
    ]


def leaks(text: str) -> list[str]:
    lowered = unicodedata.normalize("NFC", text).casefold()
    folded = fold(text)
    return [
        form
        for canary in CANARIES
        for form in forms_of(canary)
        if form.casefold() in lowered or form in text or fold(form) in folded
    ]


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "doc.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout


def xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row if cell
    )


def dump_outside_sealed_store() -> str:
    """Every row of every table but the sealed store's, as text."""
    sealed = SealedIdentity._meta.db_table
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table == sealed:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from the schema itself)
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


@pytest.fixture
def sealed_mode(settings: Any) -> None:
    settings.SEALED_STORE = True
    settings.SEALED_KEY = KEY


def test_redaction_ignores_accents_case_form_and_spacing() -> None:
    text = unicodedata.normalize(
        "NFD", "Tôi là ĐOÀN THỊ HOÀ  Canarynữ, ở số 99 ngõ Hoạ Mi Canaryngõ, phường Thuỷ Tinh."
    )
    assert redact(text, [NAME, ADDRESS]) == f"Tôi là {MASK}, ở {MASK}."


def test_published_counts_below_three_are_suppressed() -> None:
    assert [suppress(n) for n in (0, 1, 2, 3)] == [0, SMALL_LABEL, SMALL_LABEL, 3]


def test_the_sealed_store_opens_for_named_handlers_only_and_every_reveal_is_audited(
    world: Any, sealed_mode: None, rules: Any
) -> None:
    with time_machine.travel(TODAY):
        letter = support.letter(world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION)
        from hdnd.reception.identity import seal_identity

        seal_identity(letter, Identity(NAME, ADDRESS, CONTACT), by=None)
        staff = world.user("commune_staff")
        client = Client()
        client.force_login(staff)
        url = reverse("reception:letter_reveal", args=[letter.pk])
        assert client.post(url).status_code == 403
        actions.name_handlers(letter, by=staff, users=[staff])
        response = client.post(url)
    assert response.status_code == 200
    assert NAME in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    from hdnd.core.models import AuditEntry

    entry = AuditEntry.objects.get(action="reception.identity_revealed")
    assert entry.actor == staff
    assert entry.object_id == str(letter.pk)
    assert not leaks(
        json.dumps([entry.object_repr, entry.before, entry.after, entry.note], ensure_ascii=False)
    )


def test_a_sealed_identity_does_not_open_under_another_key_or_letter(
    world: Any, sealed_mode: None, settings: Any
) -> None:
    with time_machine.travel(TODAY):
        first = support.letter(world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION)
        second = support.letter(world.commune, kind=LetterKind.DENUNCIATION, content=support.DENUNCIATION)
        from hdnd.reception.identity import seal_identity

        seal_identity(first, Identity(NAME), by=None)
        row = SealedIdentity.objects.get(letter=first)
        moved = sealing.Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext))
        with pytest.raises(sealing.SealError):
            sealing.unseal(moved, f"letter:{second.pk}:{second.code}".encode())
        settings.SEALED_KEY = "z" * 48
        actions.name_handlers(first, by=None, users=[world.user("commune_staff")])
        with pytest.raises(sealing.SealError):
            reveal_identity(first, by=world.user("commune_staff"))


def test_default_mode_takes_no_identity_at_all(world: Any, rules: Any) -> None:
    client = Client()
    client.force_login(world.user("commune_staff"))
    data = {
        "channel": "post",
        "received_on": "05/10/2026",
        "kind": "to_cao",
        "subject": "Tố cáo cán bộ địa chính",
        "content": support.DENUNCIATION,
        "sender": NAME,
        "identity_name": NAME,
        "senders": "1",
    }
    with time_machine.travel(TODAY):
        refused = client.post(reverse("reception:letter_add", args=[world.commune.pk]), data)
        form = client.get(reverse("reception:letter_add", args=[world.commune.pk]))
    assert refused.status_code == 422
    assert "Luật Tố cáo" in refused.content.decode()
    assert "identity_name" not in form.content.decode()
    assert not Letter.objects.exists()


def _seed(world: Any, client: Client, api: Client) -> Letter:
    """Two denunciations through the page (identity typed in NFC, then NFD), one through the API."""
    add = reverse("reception:letter_add", args=[world.commune.pk])
    for form in ("NFC", "NFD"):
        typed = {
            "channel": "post",
            "received_on": "05/10/2026",
            "kind": "to_cao",
            "subject": unicodedata.normalize(form, f"Tố cáo cán bộ địa chính (người gửi {NAME})"),
            "content": unicodedata.normalize(
                form, f"Tôi là {NAME}, {ADDRESS}, điện thoại {CONTACT}. {support.DENUNCIATION}"
            ),
            "senders": "1",
            "identity_name": unicodedata.normalize(form, NAME),
            "identity_address": unicodedata.normalize(form, ADDRESS),
            "identity_contact": CONTACT,
        }
        assert client.post(add, typed).status_code == 302
    body = {
        "channel": "online",
        "received_on": "2026-10-06",
        "kind": "to_cao",
        "subject": "Tố cáo sai phạm đất đai",
        "content": support.DENUNCIATION,
        "sender": NAME,
        "identity_name": NAME,
    }
    assert (
        api.post(
            f"/api/v1/councils/{world.commune.pk}/letters", body, content_type="application/json"
        ).status_code
        == 201
    )
    return Letter.objects.order_by("pk").first()  # type: ignore[return-value]


def _walk(world: Any, client: Client, letter: Letter) -> None:
    """Take the first denunciation through every step a page offers."""
    staff = world.user("commune_staff")
    Agency.objects.filter(pk=support.agency(world.commune).pk).update(email="ubnd@example.vn")
    world.commune.email = "hdnd@example.vn"
    world.commune.save()
    client.post(reverse("reception:letter_submit", args=[letter.pk]))
    replaced = unicodedata.normalize("NFD", f"Người tố cáo {NAME} cho biết: {support.DENUNCIATION}")
    client.post(
        reverse("reception:letter_classify", args=[letter.pk]),
        {"kind": "to_cao", "eligible": "1", "content": replaced},
    )
    client.post(
        reverse("reception:letter_forward", args=[letter.pk]),
        {"agency": support.agency(world.commune).pk, "forwarded_on": "08/10/2026"},
    )
    actions.name_handlers(letter, by=staff, users=[staff])
    client.post(
        reverse("reception:letter_reveal", args=[letter.pk])
    )  # audited; its page is the store's own output
    actions.remind_letters(date(2026, 11, 16))
    actions.escalate_letters(date(2026, 12, 20))


def _outputs(world: Any, client: Client, api: Client, public: Client, letter: Letter) -> dict[str, str]:
    pk, council = letter.pk, world.commune.pk
    quarter = "?ky=2026-Q4"
    pages = {
        "letter list": reverse("reception:letter_list", args=[council]),
        "letter detail": reverse("reception:letter_detail", args=[pk]),
        "statistics": reverse("reception:statistics", args=[council]) + quarter,
        "audit log": reverse("core:audit_log", args=[council]),
    }
    found = {name: client.get(url).content.decode() for name, url in pages.items()}
    found["public lookup"] = public.get(
        reverse("reception:public_lookup") + f"?ma={letter.code}"
    ).content.decode()
    found["public statistics"] = public.get(
        reverse("reception:public_statistics", args=[council]) + quarter
    ).content.decode()
    for fmt in ("docx", "pdf"):
        for which in ("phieu-chuyen", "ban-trich"):
            content = client.get(reverse("reception:letter_document", args=[pk, which, fmt])).content
            found[f"{which}.{fmt}"] = " ".join(texts(content)) if fmt == "docx" else pdf_text(content)
        report = client.get(reverse(f"reception:report_{fmt}", args=[council]) + quarter).content
        found[f"report.{fmt}"] = " ".join(texts(report)) if fmt == "docx" else pdf_text(report)
    found["statistics.xlsx"] = xlsx_text(
        client.get(reverse("reception:statistics_xlsx", args=[council]) + quarter).content
    )
    for name, url in {
        "api letters": f"/api/v1/councils/{council}/letters",
        "api letter": f"/api/v1/letters/{pk}",
        "api statistics": f"/api/v1/councils/{council}/reception/statistics?period=2026-Q4",
        "api progress": f"/api/v1/public/letters/{letter.code}",
        "openapi": "/api/v1/openapi.json",
    }.items():
        found[name] = api.get(url).content.decode()
    return found


def test_no_canary_identity_reaches_any_output(
    world: Any,
    sealed_mode: None,
    rules: Any,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    caplog.set_level(logging.DEBUG)
    staff = world.user("commune_staff")
    client, api, public = Client(), Client(), Client()
    client.force_login(staff)
    api.force_login(staff)
    with time_machine.travel(TODAY), django_capture_on_commit_callbacks(execute=True):
        letter = _seed(world, client, api)
        _walk(world, client, letter)
        outputs = _outputs(world, client, api, public, letter)
        search = client.get(reverse("reception:letter_list", args=[world.commune.pk]), {"q": fold(NAME)})
    assert "Không có đơn nào" in search.content.decode()  # a denouncer cannot be found by name
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FORWARDED
    assert SealedIdentity.objects.count() == 2
    assert MASK in letter.content
    assert MASK in letter.subject
    assert "Canary" not in outputs["openapi"]
    assert "identity" not in outputs["openapi"].split('"LetterOut"')[1][:2000]
    outputs["mail"] = " ".join(f"{m.subject} {m.body} {m.to}" for m in mail.outbox)
    assert mail.outbox, "the forwarding slip and the reminders were mailed"
    outputs["logs"] = caplog.text + " ".join(str(record.__dict__) for record in caplog.records)
    outputs["database outside the sealed store"] = dump_outside_sealed_store()
    sealed_rows = repr(list(SealedIdentity.objects.values_list("ciphertext", flat=True)))
    outputs["sealed store ciphertext"] = sealed_rows
    # The scan reads real outputs, and would see a canary in any form.
    for name in ("letter detail", "phieu-chuyen.pdf", "ban-trich.docx", "api letter", "mail"):
        assert letter.code in outputs[name], name
    assert all(leaks(form) for canary in CANARIES for form in forms_of(canary))
    found = {name: leaks(text) for name, text in outputs.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_sealed_form_is_aes_gcm_and_a_changed_byte_does_not_open(sealed_mode: None) -> None:
    sealed = sealing.seal({"name": NAME}, b"letter:1:TD1")
    plain = json.dumps({"name": NAME}, ensure_ascii=False, sort_keys=True).encode()
    # 96-bit nonce; the ciphertext is as long as the text plus GCM's 16-byte tag, and not the text.
    assert len(sealed.nonce) == 12
    assert len(sealed.ciphertext) == len(plain) + 16
    assert plain not in sealed.ciphertext
    assert sealing.unseal(sealed, b"letter:1:TD1") == {"name": NAME}
    changed = bytes([sealed.ciphertext[0] ^ 1]) + sealed.ciphertext[1:]
    with pytest.raises(sealing.SealError, match="không mở được"):
        sealing.unseal(sealing.Sealed(sealed.key_id, sealed.nonce, changed), b"letter:1:TD1")
