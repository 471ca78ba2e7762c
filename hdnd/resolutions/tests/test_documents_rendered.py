"""The resolution as LibreOffice lays it out, and as its PDF prints (tests/rendering.py)."""

from __future__ import annotations

import pytest

from conftest import World
from hdnd.core import documents as core
from hdnd.resolutions import documents
from hdnd.resolutions.tests.test_documents import chair, resolution_of_a_session
from tests.rendering import check_reads_right, read_pdf, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_the_resolution_reads_right_in_libreoffice_and_as_pdf(world: World) -> None:
    chair(world)
    resolution = resolution_of_a_session(world)
    document = documents.resolution_document(resolution)
    check_reads_right(render_docx({"resolution": documents.docx(resolution)})["resolution"], document)
    check_reads_right(read_pdf(core.build_pdf(document), "resolution-pdf"), document)
