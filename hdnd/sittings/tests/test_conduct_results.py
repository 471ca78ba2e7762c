"""The results notice of a session (Thông báo kết quả kỳ họp, NĐ 30/2020) with nothing voted or adopted
yet; a notice with votes and adopted resolutions is tested with the resolutions app
(``hdnd/resolutions/tests/test_agenda.py``), which may import sittings."""

from __future__ import annotations

import pytest

from conftest import World
from hdnd.sittings import results
from hdnd.sittings.tests.matrix_conduct import held

pytestmark = pytest.mark.django_db


def test_a_session_without_votes_says_so(world: World) -> None:
    session = held(world.province, count=2)
    document = results.results_notice_document(session)
    assert "(Chưa ghi kết quả biểu quyết.)" in document.body
    assert "(Chưa có nghị quyết được thông qua và cấp số.)" in document.body
    assert (document.symbol, document.number, document.kind) == ("TB-HĐND", "", "THÔNG BÁO")
