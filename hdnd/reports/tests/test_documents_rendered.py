"""A council's report and the province's roll-up as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hdnd.core import documents as core
from hdnd.reports import documents
from hdnd.reports.reading import period_rollup
from hdnd.reports.tests import support
from hdnd.reports.tests.test_rollup import held
from tests.rendering import check_reads_right, read_pdf, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_the_report_and_the_roll_up_read_right(world: Any) -> None:
    period = support.period(world.province)
    held(world.commune, date(2026, 2, 10))
    report = support.submitted(world.commune, period)
    result = period_rollup(period)
    made = {
        "report": documents.report_document(report),
        "rollup": documents.rollup_document(period, result),
    }
    rendered = render_docx(
        {"report": core.build(made["report"]), "rollup": documents.rollup_docx(period, result)}
    )
    for name, document in made.items():
        check_reads_right(rendered[name], document)
    check_reads_right(read_pdf(core.build_pdf(made["rollup"]), "rollup-pdf"), made["rollup"])
