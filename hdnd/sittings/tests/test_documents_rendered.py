"""The documents of sessions and standing meetings as LibreOffice lays them out (tests/rendering.py)."""

from __future__ import annotations

import pytest

from conftest import World
from hdnd.core import documents as core
from hdnd.core.documents import Table
from hdnd.sittings import documents, results, voting
from hdnd.sittings.tests.matrix_conduct import held, item, present_all
from hdnd.sittings.tests.matrix_standing import concluded
from hdnd.sittings.tests.test_documents import twelfth
from tests.rendering import check_reads_right, read_pdf, render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.documents]


def test_the_convening_decision_notice_and_conclusion_notice_read_right(world: World) -> None:
    session = twelfth(world)
    made = {
        "convening": documents.convening_decision(session),
        "notice": documents.session_notice(session),
        "conclusion": documents.conclusion_notice(concluded(world.province)),
    }
    rendered = render_docx({name: core.build(document) for name, document in made.items()})
    for name, document in made.items():
        check_reads_right(rendered[name], document)


def test_the_minutes_are_signed_by_the_secretary_and_the_results_name_each_item_once(world: World) -> None:
    session = held(world.province, count=3)
    present_all(session)
    agenda = item(world.province, session, presenter="UBND tỉnh")
    # The vote's subject repeats the item's title, as the demo and most clerks type it.
    voting.record_vote(agenda, by=None, method="electronic", votes_for=3, subject=agenda.title)
    results.record_minutes(session, by=None, chair_name="Nguyễn Văn An", secretary_name="Trần Thị Bình")
    made = {"minutes": results.minutes_document(session), "results": results.results_notice_document(session)}
    rendered = render_docx({"minutes": results.minutes_docx(session), "results": core.build(made["results"])})
    minutes_pdf = read_pdf(core.build_pdf(made["minutes"]), "minutes-pdf")
    for page, document in zip(
        [rendered["minutes"], minutes_pdf, rendered["results"]],
        [made["minutes"], made["minutes"], made["results"]],
        strict=True,
    ):
        check_reads_right(page, document)
    for minutes in (rendered["minutes"], minutes_pdf):
        last = len(minutes.pages) - 1
        secretary, chair = minutes.find("Trần Thị Bình", last)[-1], minutes.find("Nguyễn Văn An", last)[-1]
        assert abs(secretary.y0 - chair.y0) < 1  # side by side, the names on one line
        assert minutes.pages_with("THƯ KÝ KỲ HỌP") == minutes.pages_with("CHỦ TỌA KỲ HỌP") == [last]
    (table,) = [block for block in made["results"].body if isinstance(block, Table)]
    assert table.rows[0][1] == agenda.title
