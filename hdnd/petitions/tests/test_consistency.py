"""Records that agree: an issue's competence level, its answering agency and its forwardings."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from hdnd.core.actions import seed_rules
from hdnd.core.models import AuditEntry
from hdnd.councils.models import Agency, AgencyKind
from hdnd.petitions.actions.classify import classify_issue
from hdnd.petitions.actions.forwarding import forward_issue
from hdnd.petitions.models import Competence, Forwarding
from hdnd.petitions.tests import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules() -> None:
    seed_rules()


def staff(client: Client, world: World) -> Any:
    user = world.user("office_staff")
    client.force_login(user)
    return user


def education(world: World) -> Agency:
    return Agency.objects.create(
        council=world.province, name="Sở Giáo dục và Đào tạo", kind=AgencyKind.DEPARTMENT
    )


def test_a_commune_matter_is_not_forwarded_to_a_provincial_department(
    client: Client, world: World, rules: Any
) -> None:
    user = staff(client, world)
    issue = support.confirmed_issue(world.province)
    issue = classify_issue(issue, by=user, field=None, competence=Competence.COMMUNE, agency=None)
    building = support.agency(world.province)

    response = client.post(reverse("petitions:issue_forward", args=[issue.pk]), {"agencies": [building.pk]})

    assert response.status_code == 422
    assert "Kiến nghị thuộc thẩm quyền cấp xã: không chuyển đến Sở Xây dựng tỉnh An Bình (cấp tỉnh)" in (
        response.text
    )
    assert not Forwarding.objects.exists()
    assert not AuditEntry.objects.filter(action="petitions.forward_issue").exists()


def test_the_forward_step_offers_only_agencies_of_the_competent_level(
    client: Client, world: World, rules: Any
) -> None:
    user = staff(client, world)
    issue = support.confirmed_issue(world.province)
    building = support.agency(world.province)
    page = client.get(issue.get_absolute_url() + "?buoc=chuyen-co-quan")
    assert f'value="{building.pk}"' in page.text

    classify_issue(issue, by=user, field=None, competence=Competence.COMMUNE, agency=None)
    page = client.get(issue.get_absolute_url() + "?buoc=chuyen-co-quan")
    assert f'value="{building.pk}"' not in page.text
    assert "Không có cơ quan nào của HĐND này trả lời được kiến nghị thuộc thẩm quyền cấp xã" in page.text


def test_forwarding_leaves_out_the_classified_answering_agency_is_refused(world: World, rules: Any) -> None:
    user = world.user("office_staff")
    issue = support.confirmed_issue(world.province)
    building = support.agency(world.province)
    issue = classify_issue(issue, by=user, field=None, competence=Competence.PROVINCE, agency=building)

    schools = education(world)
    with pytest.raises(ValidationError) as refused:
        forward_issue(issue, [schools], by=user)
    assert "cơ quan trả lời là Sở Xây dựng tỉnh An Bình" in " ".join(refused.value.messages)

    both = forward_issue(issue, [building, schools], by=user)  # with a co-answering agency: fine
    assert {f.agency.name for f in both} == {"Sở Xây dựng tỉnh An Bình", "Sở Giáo dục và Đào tạo"}


def test_the_answering_agency_must_be_one_the_issue_was_forwarded_to(
    client: Client, world: World, rules: Any
) -> None:
    user = staff(client, world)
    issue = support.confirmed_issue(world.province)
    schools = education(world)
    forward_issue(issue, [schools], by=user)
    building = support.agency(world.province)

    response = client.post(
        reverse("petitions:classify_issue", args=[issue.pk]),
        {"field": "", "competence": Competence.PROVINCE, "agency": building.pk},
    )

    assert response.status_code == 422
    assert "Kiến nghị đã chuyển đến Sở Giáo dục và Đào tạo: cơ quan trả lời phải là cơ quan đã nhận" in (
        response.text
    )
    issue.refresh_from_db()
    assert issue.agency_id is None
    with pytest.raises(ValidationError):
        classify_issue(issue, by=user, field=None, competence=Competence.COMMUNE, agency=None)
    classify_issue(issue, by=user, field=None, competence=Competence.PROVINCE, agency=schools)
