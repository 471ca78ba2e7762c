"""Every audit code petitions records has a Vietnamese label on the audit log pages."""

from __future__ import annotations

import re
from pathlib import Path

from hdnd.core.audit import ACTION_LABELS, action_label

APP = Path(__file__).resolve().parents[1]
# action="petitions.x", "petitions.x" if … else "petitions.y", SEEDED = "petitions.x"
CODE = re.compile(r'"(petitions\.[a-z_]+)"')


def recorded_codes() -> set[str]:
    codes: set[str] = set()
    for path in APP.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "audit_labels.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "action" in line or "SEEDED" in line:
                codes |= set(CODE.findall(line))
    return codes


def test_every_recorded_code_has_a_vietnamese_label() -> None:
    codes = recorded_codes()
    assert "petitions.synthesize_cycle" in codes  # the scan works
    assert "petitions.field_seeded" in codes
    assert sorted(code for code in codes if code not in ACTION_LABELS) == []


def test_labels_read_as_the_log_shows_them() -> None:
    assert action_label("petitions.synthesize_cycle") == "Tổng hợp kiến nghị cử tri"
    assert action_label("petitions.synthesis_interrupted") == "Ghi nhận tổng hợp nền bị gián đoạn"
