"""The audit log names every councils action in Vietnamese, not by its code."""

from __future__ import annotations

import re
from pathlib import Path

from hdnd.core.audit import action_label

APP = Path(__file__).resolve().parent.parent
CODE = re.compile(r'"((?:councils|units)\.[a-z_]+)"')


def recorded_codes() -> set[str]:
    """Every audit code the app's modules write (``action="councils.…"`` or passed on to ``record``)."""
    sources = [
        path for path in APP.rglob("*.py") if "tests" not in path.parts and "migrations" not in path.parts
    ]
    return {code for path in sources for code in CODE.findall(path.read_text(encoding="utf-8"))}


def test_every_code_the_app_records_has_a_vietnamese_label() -> None:
    codes = recorded_codes()
    assert {"councils.create_body", "councils.import_delegates", "units.change_added", "units.load"} <= codes
    assert [code for code in sorted(codes) if action_label(code) == code] == []


def test_the_labels_read_as_the_log_shows_them() -> None:
    assert action_label("councils.dissolve_body") == "Giải thể cơ quan của HĐND"
    assert action_label("units.change_added") == "Ghi nhận thay đổi đơn vị hành chính"
