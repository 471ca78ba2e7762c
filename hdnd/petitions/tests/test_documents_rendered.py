"""The documents of a voter-contact cycle as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from hdnd.core import documents
from hdnd.petitions import reports
from hdnd.petitions.models import Forwarding
from hdnd.petitions.tests.test_reports import vice_chair
from hdnd.petitions.tests.test_statistics import ON, build_scene
from tests.rendering import check_reads_right, render_docx

pytestmark = pytest.mark.documents


def test_every_cycle_document_reads_right_in_libreoffice(world: World, rules: Any) -> None:
    scene = build_scene(world, rules)
    vice_chair(world)
    Forwarding.objects.filter(agency=scene.works).update(letter_number="45/HĐND-VP")
    made = {
        "synthesis": reports.synthesis_report(scene.cycle, on=ON),
        "results": reports.results_report(scene.cycle, on=ON),
        "letter": reports.forwarding_letter(reports.letter_forwardings(scene.cycle, scene.works.pk)),
    }
    rendered = render_docx({name: documents.build(document) for name, document in made.items()})
    for name, document in made.items():
        check_reads_right(rendered[name], document)
    letter = rendered["letter"]
    assert letter.pages_with("Số: 45/HĐND-VP")
    assert letter.pages_with("Trần Thị Bình")
