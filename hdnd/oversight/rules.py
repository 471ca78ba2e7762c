"""The two rules of recommendation follow-up the shipped rules table does not have yet.

``core.rules_seed`` holds the rules of LEGAL.md; these are a council's own settings (confidence I) that
follow-up needs from day one: when to remind an agency before a recommendation or a commitment is due,
and when an overdue one goes up to the standing committee. Migration 0002 adds them (so a deployment
has them without a seed run) and ``ensure_rules`` does the same for tests and the demo; councils set
their own values as overrides on the rules page like any other rule. They belong in ``rules_seed`` with
the other ``supervision.*`` rows once LEGAL.md lists them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

REMINDER = "supervision.recommendation.reminder"
ESCALATION = "supervision.recommendation.escalation"
SUPPLEMENT = "supervision.self_report_supplement"
DRAFT_REPORT = "supervision.draft_report"
MEMBER_NOTES = "supervision.draft_report.member_notes"

BASIS = "Quy chế hoạt động giám sát của HĐND (giá trị mặc định, HĐND điều chỉnh)"
ROWS: tuple[dict[str, Any], ...] = (
    {
        "key": REMINDER,
        "title": "Nhắc cơ quan trước khi đến hạn thực hiện kiến nghị sau giám sát, cam kết (thiết lập riêng "
        "của từng HĐND)",
        "value": Decimal(5),
        "unit": "working_days",
        "direction": "before",
        "legal_basis": BASIS,
        "confidence": "I",
        "notes": "Số ngày làm việc trước thời hạn thì hệ thống chuyển kiến nghị sang “đến hạn” và gửi "
        "thư nhắc.",
    },
    {
        "key": ESCALATION,
        "title": "Báo Thường trực HĐND khi kiến nghị sau giám sát quá hạn (thiết lập riêng của từng HĐND)",
        "value": Decimal(10),
        "unit": "working_days",
        "direction": "after",
        "legal_basis": BASIS,
        "confidence": "I",
        "notes": "Quá hạn: ngày đầu báo cơ quan cấp trên; quá hạn thêm số ngày làm việc này thì báo Thường "
        "trực HĐND.",
    },
)


def ensure_rules(rule_model: Any = None) -> None:
    """Add the rows that are missing (idempotent; values an administrator changed are kept)."""
    if rule_model is None:
        from hdnd.core.models import Rule as rule_model
    for row in ROWS:
        fields = {k: v for k, v in row.items() if k != "key"}
        rule_model.objects.get_or_create(key=row["key"], valid_from=None, defaults=fields)
