"""The rules table page and a council administrator's override form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hdnd.core.actions import set_rule_override
from hdnd.core.models import AuditEntry, Confidence, Rule, RuleOverride, RuleUnit

VALID = {"value": "15", "unit": "calendar_days", "legal_basis": "Quy chế làm việc của HĐND tỉnh, Điều 12"}


def _url(council: Any, rule: Rule) -> str:
    return reverse("core:rule_override", args=[council.pk, rule.pk])


def _signed_in(client: Any, world: Any, name: str) -> Any:
    client.force_login(world.user(name))
    return client


def test_the_rules_page_shows_basis_confidence_and_period(
    client: Any, world: Any, rules: Any, time_machine: Any
) -> None:
    time_machine.move_to(date(2026, 5, 4))
    page = _signed_in(client, world, "delegate").get(reverse("core:rule_list")).content.decode()
    assert "Luật Khiếu nại 02/2011/QH13, Điều 27" in page
    assert 'title="Dự thảo / nguồn thứ ba (D)">D</span>' in page
    assert "từ 01/07/2026" in page
    assert "Sắp áp dụng" in page
    assert "đến 30/06/2026" in page
    assert "Quy định riêng của" not in page  # a delegate administers no council


def test_the_rules_page_filters_by_area(client: Any, world: Any, rules: Any) -> None:
    page = _signed_in(client, world, "office_staff").get(
        reverse("core:rule_list"), {"linh_vuc": "denunciation"}
    )
    text = page.content.decode()
    assert "denunciation.classify.multi_site" in text
    assert "complaint.accept" not in text


def test_a_council_administrator_sees_the_councils_overrides(client: Any, world: Any, rules: Any) -> None:
    set_rule_override(
        rules["complaint.resolve_first"],
        world.province,
        value=Decimal(20),
        unit=RuleUnit.CALENDAR_DAYS,
        legal_basis="Quy chế làm việc, Điều 7",
        by=None,
    )
    page = _signed_in(client, world, "council_admin").get(reverse("core:rule_list")).content.decode()
    assert "Quy định riêng của HĐND tỉnh An Bình" in page
    assert "20 ngày" in page
    assert "Quy chế làm việc, Điều 7" in page
    assert _url(world.province, rules["complaint.resolve_first"]) in page


def test_the_rules_page_runs_the_same_queries_however_many_rules(client: Any, world: Any, rules: Any) -> None:
    client = _signed_in(client, world, "council_admin")
    url = reverse("core:rule_list")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(20):
        Rule.objects.create(
            key=f"session.extra_{n}", title="Thêm", value=5, unit="calendar_days", confidence="I"
        )
        RuleOverride.objects.create(
            rule=Rule.objects.latest("id"), council=world.province, unit="calendar_days"
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_a_council_administrator_sets_an_override_with_its_basis(client: Any, world: Any, rules: Any) -> None:
    rule = rules["denunciation.forward"]
    response = _signed_in(client, world, "council_admin").post(_url(world.province, rule), VALID)
    assert response.status_code == 302
    override = RuleOverride.objects.get(rule=rule, council=world.province)
    assert (override.value, override.unit, override.legal_basis) == (
        Decimal(15),
        RuleUnit.CALENDAR_DAYS,
        "Quy chế làm việc của HĐND tỉnh, Điều 12",
    )
    entry = AuditEntry.objects.get(action="rule.override_set")
    assert (entry.actor, entry.council, entry.object_id, entry.before) == (
        world.user("council_admin"),
        world.province,
        str(rule.pk),
        None,
    )
    assert (entry.after or {})["value"] == "15"


def test_saving_the_same_override_twice_writes_one_audit_entry(client: Any, world: Any, rules: Any) -> None:
    client = _signed_in(client, world, "council_admin")
    client.post(_url(world.province, rules["denunciation.forward"]), VALID)
    client.post(_url(world.province, rules["denunciation.forward"]), VALID)
    assert AuditEntry.objects.filter(action="rule.override_set").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**VALID, "legal_basis": ""}, "Nhập căn cứ: văn bản của HĐND quy định giá trị này."),
        ({**VALID, "value": "2,5"}, "Nhập số ngày là một số nguyên dương, ví dụ 15."),
        ({**VALID, "value": ""}, "Nhập số ngày là một số nguyên dương, ví dụ 15."),
        ({**VALID, "value": "mười"}, "Giá trị phải là một số."),
        ({**VALID, "unit": "text", "value": ""}, "Nhập nội dung quy định."),
    ],
)
def test_invalid_overrides_are_refused_with_a_message(
    client: Any, world: Any, rules: Any, data: dict[str, str], message: str
) -> None:
    response = _signed_in(client, world, "council_admin").post(
        _url(world.province, rules["complaint.accept"]), data
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not RuleOverride.objects.exists()
    assert not AuditEntry.objects.filter(action="rule.override_set").exists()


@pytest.mark.parametrize(
    ("user", "target", "status"),
    [
        ("office_staff", "province", 403),
        ("auditor", "province", 403),
        ("council_admin", "commune", 403),  # supervising a commune does not set its rules
        ("council_admin", "other_province_commune", 404),
        ("commune_staff", "province", 404),
    ],
)
def test_only_the_councils_own_administrators_set_overrides(
    client: Any, world: Any, rules: Any, user: str, target: str, status: int
) -> None:
    council = getattr(world, target)
    response = _signed_in(client, world, user).post(_url(council, rules["complaint.accept"]), VALID)
    assert response.status_code == status
    assert not RuleOverride.objects.exists()
    assert not AuditEntry.objects.filter(action="rule.override_set").exists()


def test_a_council_administrator_clears_an_override(client: Any, world: Any, rules: Any) -> None:
    rule = rules["denunciation.forward"]
    set_rule_override(
        rule, world.province, value=Decimal(3), unit="working_days", legal_basis="Quy chế", by=None
    )
    response = _signed_in(client, world, "council_admin").post(
        reverse("core:rule_override_clear", args=[world.province.pk, rule.pk])
    )
    assert response.status_code == 302
    assert not RuleOverride.objects.exists()
    entry = AuditEntry.objects.get(action="rule.override_cleared")
    assert (entry.actor, entry.council, (entry.before or {})["value"], entry.after) == (
        world.user("council_admin"),
        world.province,
        "3.00",
        None,
    )


def test_clearing_a_missing_override_changes_nothing(client: Any, world: Any, rules: Any) -> None:
    url = reverse("core:rule_override_clear", args=[world.province.pk, rules["complaint.accept"].pk])
    response = _signed_in(client, world, "council_admin").post(url, follow=True)
    assert "chưa có quy định riêng" in response.content.decode()
    assert not AuditEntry.objects.filter(action="rule.override_cleared").exists()


def test_clearing_needs_the_right_in_that_council(client: Any, world: Any, rules: Any) -> None:
    rule = rules["denunciation.forward"]
    set_rule_override(
        rule, world.commune, value=Decimal(3), unit="working_days", legal_basis="Quy chế", by=None
    )
    url = reverse("core:rule_override_clear", args=[world.commune.pk, rule.pk])
    assert _signed_in(client, world, "commune_staff").post(url).status_code == 403
    assert _signed_in(client, world, "council_admin").post(url).status_code == 403
    assert RuleOverride.objects.filter(council=world.commune).exists()


def test_the_override_page_shows_the_rule_and_its_history_in_that_council(
    client: Any, world: Any, rules: Any
) -> None:
    rule = rules["denunciation.forward"]
    set_rule_override(
        rule, world.province, value=Decimal(3), unit="working_days", legal_basis="Quy chế", by=None
    )
    set_rule_override(
        rule, world.other_province, value=Decimal(4), unit="working_days", legal_basis="QC", by=None
    )
    page = _signed_in(client, world, "council_admin").get(_url(world.province, rule)).content.decode()
    assert "Luật Tố cáo 25/2018/QH14, Điều 24(2), (3)" in page
    assert "Đặt quy định riêng" in page  # the history
    assert page.count("Đặt quy định riêng") == 1  # not the other province's
    assert Confidence.VERIFIED.label in page
