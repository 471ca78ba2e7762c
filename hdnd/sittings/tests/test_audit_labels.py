"""Every audit code the app records has a Vietnamese label on the log pages (``ACTION_LABELS``)."""

from __future__ import annotations

import re
from pathlib import Path

from hdnd.core.audit import ACTION_LABELS

APP = Path(__file__).resolve().parents[1]


def test_every_recorded_action_code_has_a_vietnamese_label() -> None:
    codes = {
        code
        for path in APP.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for code in re.findall(r'action="(sittings\.[a-z_]+)"', path.read_text())
    }
    assert codes, "no action codes found: the pattern no longer matches how actions record"
    assert sorted(code for code in codes if code not in ACTION_LABELS) == []
