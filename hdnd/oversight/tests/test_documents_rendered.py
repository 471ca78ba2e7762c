"""The oversight documents as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hdnd.core import documents as core
from hdnd.councils.models import Term
from hdnd.oversight import actions, documents
from hdnd.oversight.tests import support
from hdnd.sittings.models import Session
from tests.rendering import check_reads_right, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_every_oversight_document_reads_right(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 9, 30))
    supervision = item.supervision
    assert supervision is not None
    term = Term.objects.create(council=world.province, number=17, starts_on=date(2026, 3, 15))
    session = Session.objects.create(
        council=world.province, term=term, number=2, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
    )
    topic = actions.create_topic(
        world.province, by=None, title="Ngập úng", criteria={"pressing": True}, session=session
    )
    made = {
        "plan": documents.plan(supervision),
        "decision": documents.decision(supervision),
        "outline": documents.outline(supervision),
        "notice": documents.notice(supervision),
        "reminder": documents.reminder_letter([item], date(2026, 10, 15)),
        "questioning": documents.questioning_resolution(session, [topic]),
        "explanation": documents.explanation_notice(support.explanation(world.province)),
    }
    rendered = render_docx({name: core.build(document) for name, document in made.items()})
    for name, document in made.items():
        check_reads_right(rendered[name], document)
