"""The shipped rules table: every key of LEGAL.md, split values, periods, idempotent seeding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db.models import F

from hdnd.core.actions import seed_rules, set_rule_override
from hdnd.core.models import AuditEntry, Confidence, Rule, RuleOverride, RuleUnit
from hdnd.core.rules_seed import AREAS, RULES

# The Key column of LEGAL.md's Deadlines table, in its order.
LEGAL_KEYS = [
    "complaint.accept", "complaint.resolve_first", "complaint.resolve_second", "complaint.limitation",
    "denunciation.classify", "denunciation.forward", "denunciation.required_fields", "denunciation.resolve",
    "reception.first_response", "reception.forwarded_result", "reception.refusal_notice",
    "na_petition.answer", "na_petition.synthesis", "council_petition.answer",
    "voter_meeting.outside_constituency", "voter_meeting.individual", "voter_meeting.before_session",
    "council_petition.publish_results", "council_petition.session_report",
    "council_petition.national_database", "supervision.self_report_supplement", "supervision.draft_report",
    "session.first_of_term", "session.minimum", "session.convening", "resolution.publish",
    "reception.delegate_report", "unit_change.consultation",
]  # fmt: skip


def test_every_key_of_the_legal_deadlines_table_is_shipped() -> None:
    shipped = {seed.key for seed in RULES}
    assert set(LEGAL_KEYS) <= shipped


# The platform's own settings (reminders and escalation), not in LEGAL.md: each council sets them.
SETTING_KEYS = [
    "reception.duty_reminder", "reception.letter.reminder", "reception.letter.escalation",
    "supervision.recommendation.reminder", "supervision.recommendation.escalation",
]  # fmt: skip


def test_every_sub_key_hangs_under_a_key_of_the_legal_table() -> None:
    for seed in RULES:
        if seed.key in SETTING_KEYS:
            continue
        assert any(seed.key == key or seed.key.startswith(f"{key}.") for key in LEGAL_KEYS), seed.key


def test_the_platforms_own_settings_are_inferred_and_listed_in_the_docs() -> None:
    shipped = {seed.key: seed for seed in RULES}
    page = (settings.BASE_DIR / "docs" / "rules-and-calendar.md").read_text(encoding="utf-8")
    for key in SETTING_KEYS:
        assert shipped[key].confidence == Confidence.INFERRED, key
        assert shipped[key].unit == RuleUnit.WORKING_DAYS, key
        assert f"`{key}`" in page, key


def test_every_rule_has_a_basis_a_known_area_and_a_value_or_text() -> None:
    for seed in RULES:
        assert seed.legal_basis
        assert seed.key.split(".")[0] in AREAS
        assert seed.value is not None or seed.text_value or seed.unit == RuleUnit.BEFORE_NEXT_REGULAR_SESSION


def test_complaint_acceptance_changes_on_1_july_2026(rules: Any) -> None:
    old, new = Rule.objects.filter(key="complaint.accept").order_by(F("valid_from").asc(nulls_first=True))
    assert (old.valid_from, old.valid_to, old.value, old.unit, old.confidence) == (
        None,
        date(2026, 6, 30),
        Decimal(10),
        RuleUnit.CALENDAR_DAYS,
        Confidence.VERIFIED,
    )
    assert (new.valid_from, new.valid_to, new.value, new.unit, new.confidence) == (
        date(2026, 7, 1),
        None,
        Decimal(7),
        RuleUnit.WORKING_DAYS,
        Confidence.DRAFT,
    )


def test_rules_with_several_values_are_split_into_sub_keys(rules: Any) -> None:
    assert rules["complaint.resolve_first.complex"].value == 45
    assert rules["complaint.resolve_second.remote_complex"].value == 70
    assert rules["denunciation.classify.multi_site"].value == 10
    assert rules["denunciation.classify.multi_site"].unit == RuleUnit.WORKING_DAYS
    assert rules["denunciation.resolve.especially_complex"].value == 90


def test_seeding_twice_changes_nothing_and_writes_no_audit_entry(rules: Any) -> None:
    entries = AuditEntry.objects.count()
    result = seed_rules()
    assert (result.created, result.updated, result.unchanged) == ([], [], len(RULES))
    assert AuditEntry.objects.count() == entries


def test_seeding_restores_the_shipped_text_of_an_edited_rule(rules: Any) -> None:
    Rule.objects.filter(key="complaint.limitation").update(title="Sửa tay", notes="")
    entries = AuditEntry.objects.count()
    result = seed_rules()
    assert result.updated == ["complaint.limitation"]
    assert Rule.objects.get(key="complaint.limitation").title == "Thời hiệu khiếu nại"
    entry = AuditEntry.objects.latest("id")
    assert (AuditEntry.objects.count(), entry.action, (entry.before or {})["title"]) == (
        entries + 1,
        "rule.reseeded",
        "Sửa tay",
    )


def test_seeding_never_touches_a_councils_override(rules: Any, world: Any) -> None:
    rule = rules["complaint.resolve_first"]
    set_rule_override(
        rule, world.province, value=Decimal(20), unit=RuleUnit.CALENDAR_DAYS, legal_basis="Quy chế", by=None
    )
    seed_rules()
    override = RuleOverride.objects.get(rule=rule, council=world.province)
    assert (override.value, override.legal_basis) == (Decimal(20), "Quy chế")


def test_the_seed_rules_command_reports_what_it_did(db: Any) -> None:
    out = StringIO()
    call_command("seed_rules", stdout=out)
    assert f"thêm {len(RULES)}, cập nhật 0, giữ nguyên 0" in out.getvalue()
    out = StringIO()
    call_command("seed_rules", stdout=out)
    assert f"thêm 0, cập nhật 0, giữ nguyên {len(RULES)}" in out.getvalue()
