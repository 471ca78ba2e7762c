"""Words as a person says them: a cycle whose name has its year is not followed by the year again
("… năm 2026 (demo) (2026)"); an issue with no petition says "Chưa có ý kiến", not "0 ý kiến tại 0 nơi"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import World
from hdnd.petitions import reports
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


def test_a_cycle_names_its_year_once(world: World) -> None:
    named = support.cycle(world.province, name="Trước kỳ họp thường lệ cuối năm 2026 (demo)")
    assert str(named) == "Trước kỳ họp thường lệ cuối năm 2026 (demo)"
    assert str(support.cycle(world.province)) == "Trước kỳ họp thứ 12 (2026)"


def test_an_issue_without_petitions_says_so() -> None:
    issue = SimpleNamespace(
        petition_count=0,
        meeting_count=0,
        from_count=0,
        other_count=0,
        agency_id=None,
        summary="",
        title="Sửa đường liên thôn",
        get_competence_display=lambda: "",
    )
    line = reports._issue_line("1", issue)  # type: ignore[arg-type]
    assert line == "1. Sửa đường liên thôn. (Chưa có ý kiến; thẩm quyền: chưa xác định)."
