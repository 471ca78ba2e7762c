"""The oversight documents (NĐ 30/2020): numbers, summaries, tables and recipients as issued."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from docx import Document

from hdnd.core import documents as core
from hdnd.oversight import actions, documents
from hdnd.oversight.tests import support

pytestmark = pytest.mark.django_db


def text_of(document: core.AdminDocument) -> str:
    docx = Document(io.BytesIO(core.build(document)))
    parts = [p.text for p in docx.paragraphs]
    parts += [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_decision_carries_its_number_and_the_team(world: Any, rules: Any) -> None:
    supervision = support.established(world.province)
    document = documents.decision(supervision)
    assert (document.number_line, document.kind) == ("Số: 01/QĐ-BKTNS", "QUYẾT ĐỊNH")
    assert document.issuer == ["BAN KINH TẾ – NGÂN SÁCH"]
    assert "Trần Thị Trưởng Đoàn" in text_of(document)


def test_the_plan_and_outline_name_the_supervised_bodies(world: Any, rules: Any) -> None:
    supervision = support.plan_sent(world.province)
    plan = documents.plan(supervision)
    assert plan.number_line == "Số:      /KH-BKTNS"
    assert "Sở Xây dựng" in text_of(plan)
    assert documents.outline(supervision).kind == "ĐỀ CƯƠNG BÁO CÁO"


def test_the_notice_lists_each_recommendation_once_per_agency(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 9, 30))
    support.recommendation(world.province, supervision=item.supervision, due_on=date(2026, 7, 31))
    assert item.supervision is not None
    notice = documents.notice(item.supervision)
    assert notice.number_line == "Số: 01/TB-HĐND"
    assert list(notice.recipients) == ["Sở Xây dựng;", "Thành viên Đoàn;", "Lưu: VT."]
    table = next(block for block in notice.body if isinstance(block, core.Table))
    assert [row[3] for row in table.rows] == [date(2026, 7, 31), date(2026, 9, 30)]
    assert core.build_pdf(notice).startswith(b"%PDF")


def test_the_reminder_letter_is_a_cong_van_to_the_agency(world: Any, rules: Any) -> None:
    support.rules()
    item = support.recommendation(world.province, due_on=date(2026, 6, 30))
    letter = documents.reminder_letter([item], date(2026, 7, 15))
    assert (letter.kind, letter.addressees) == ("", ("Kính gửi: Sở Xây dựng",))
    assert "V/v đôn đốc thực hiện kiến nghị sau giám sát" in text_of(letter)


def test_the_questioning_resolution_names_the_session_once(world: Any, rules: Any) -> None:
    from hdnd.councils.models import Term
    from hdnd.sittings.models import Session

    term = Term.objects.create(council=world.province, number=17, starts_on=date(2026, 3, 15))
    session = Session.objects.create(
        council=world.province, term=term, number=2, opens_on=date(2026, 7, 8), closes_on=date(2026, 7, 10)
    )
    topic = actions.create_topic(
        world.province, by=None, title="Ngập úng", criteria={"pressing": True}, session=session
    )
    document = documents.questioning_resolution(session, [topic])
    assert document.summary == "Về chất vấn và trả lời chất vấn tại Kỳ họp thứ hai"
    assert "KHÓA XVII, KỲ HỌP THỨ HAI" in text_of(document)
