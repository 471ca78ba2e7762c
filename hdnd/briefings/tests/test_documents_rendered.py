"""The briefing's invitation and conclusion notice as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

import pytest

from conftest import World
from hdnd.briefings import documents
from hdnd.briefings.tests import support
from hdnd.core import documents as core
from tests.rendering import check_reads_right, read_pdf, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_the_invitation_and_the_conclusion_notice_read_right(world: World) -> None:
    briefing = support.concluded(world.province)
    made = {"invitation": documents.invitation(briefing), "conclusion": documents.conclusion_notice(briefing)}
    rendered = render_docx({name: core.build(document) for name, document in made.items()})
    for name, document in made.items():
        check_reads_right(rendered[name], document)
    check_reads_right(read_pdf(core.build_pdf(made["conclusion"]), "conclusion-pdf"), made["conclusion"])
