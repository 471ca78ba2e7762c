"""The reception documents as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hdnd.core import documents as core
from hdnd.reception import actions, documents
from hdnd.reception.models import LetterKind
from hdnd.reception.stats import Window, compute
from hdnd.reception.tests import support
from tests.rendering import check_reads_right, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_every_reception_document_reads_right(world: Any) -> None:
    support.rules()
    council = world.province
    slot = support.slot(council)
    support.reception(council)
    slipped = support.forwarded(council)
    outside = actions.classify_letter(
        support.awaiting(council),
        by=None,
        kind=LetterKind.COMPLAINT,
        eligible=False,
        reason="Không thuộc thẩm quyền.",
    )
    guided = actions.guide_letter(
        outside, by=None, guidance="Gửi đơn đến UBND xã.", guided_on=date(2026, 10, 9)
    )
    denounced = support.awaiting(council, kind=LetterKind.DENUNCIATION)
    window = Window.parse("2026-Q4")
    made = {
        "schedule": documents.schedule_notice(council, [slot], window.label),
        "slip": documents.forwarding_slip(slipped),
        "guidance": documents.guidance_letter(guided),
        "redacted": documents.redacted_copy(denounced),
        "report": documents.periodic_report(council, compute([council], window)),
    }
    rendered = render_docx({name: core.build(document) for name, document in made.items()})
    for name, document in made.items():
        check_reads_right(rendered[name], document)
