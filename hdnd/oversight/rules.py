"""The keys of the rules oversight reads; the rows live in ``hdnd/core/rules_seed.py`` (``seed_rules``).

Reminder and escalation are a council's own settings (confidence I, listed in
docs/rules-and-calendar.md): a council sets its values as overrides on the rules page like any other rule.
"""

from __future__ import annotations

REMINDER = "supervision.recommendation.reminder"
ESCALATION = "supervision.recommendation.escalation"
SUPPLEMENT = "supervision.self_report_supplement"
DRAFT_REPORT = "supervision.draft_report"
MEMBER_NOTES = "supervision.draft_report.member_notes"
