"""``manage.py generate_national``: country-sized data on the real unit list, the same for the same seed.

Run at a tiny scale on two provinces (PostgreSQL: the petitions are loaded with COPY): the counts follow
the scale, the statuses and numbers are the ones the actions leave, two runs write the same content,
and the staff's and the public pages open on what was written.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from conftest import make_user
from hdnd.accounts.models import Role
from hdnd.councils.models import Council, Level
from hdnd.petitions.models import Answer, Forwarding, Petition, PetitionIssue
from hdnd.portal import national
from hdnd.reception.models import Reception, ReceptionSlot
from hdnd.resolutions.models import Resolution, ResolutionCounter
from hdnd.sittings.models import Session

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SCALE = 0.01
PROVINCES = 2


def _run(**options: Any) -> str:
    out = StringIO()
    call_command("generate_national", scale=SCALE, provinces=PROVINCES, stdout=out, **options)
    return out.getvalue()


def _run_and_forget() -> str:
    """Generate inside a savepoint rolled back afterwards; the content's digest."""
    with transaction.atomic():
        _run()
        found = national.digest()
        transaction.set_rollback(True)
    return found


def test_two_runs_write_the_same_content_and_another_seed_another() -> None:
    first, second = _run_and_forget(), _run_and_forget()
    assert first == second
    with transaction.atomic():
        _run(seed=7)
        assert national.digest() != first
        transaction.set_rollback(True)


def test_counts_statuses_and_numbers_are_those_the_actions_leave() -> None:
    report = _run()
    provinces = Council.objects.filter(level=Level.PROVINCE)
    communes = Council.objects.filter(level=Level.COMMUNE)
    assert provinces.count() == PROVINCES
    assert communes.count() > 100
    assert not communes.filter(parent__isnull=True).exists()
    councils = provinces.count() + communes.count()
    # 1,000,000 petitions at scale 1 over 3,321 communes and 34 provinces weighing ten each.
    expected = 1_000_000 * SCALE * (communes.count() + 10 * PROVINCES) / (3_321 + 340)
    assert abs(Petition.objects.count() - expected) < councils
    assert f"petitions: {Petition.objects.count():,}".replace(",", ".") in report
    assert not Petition.objects.filter(text_key="").exists()
    grouped = Petition.objects.filter(issue__isnull=False)
    assert set(grouped.values_list("status", flat=True)) == {Petition.Status.GROUPED}
    assert set(Petition.objects.filter(issue__isnull=True).values_list("status", flat=True)) == {"new"}
    # Every confirmed issue was forwarded and answered; the latest round is still in draft.
    confirmed = PetitionIssue.objects.filter(status=PetitionIssue.Status.CONFIRMED)
    assert confirmed.exists()
    assert PetitionIssue.objects.filter(status="draft").exists()
    assert Forwarding.objects.count() == confirmed.count() == Answer.objects.count()
    assert not Forwarding.objects.exclude(status=Forwarding.Status.ANSWERED).exists()
    published = PetitionIssue.objects.filter(published_at__isnull=False)
    assert 0 < published.count() < confirmed.count()
    assert not published.exclude(status="confirmed").exists()
    # A held reception day before each session, with its visits.
    assert ReceptionSlot.objects.filter(status="held").count() == Session.objects.count()
    assert Reception.objects.count() >= ReceptionSlot.objects.count()
    assert not Reception.objects.filter(kind="to_cao").exists()
    # Resolutions numbered 1, 2, … per council, year and kind, the counter at the last number.
    for counter in ResolutionCounter.objects.all()[:50]:
        numbers = Resolution.objects.filter(
            council_id=counter.council_id, year=counter.year, kind=counter.kind
        ).values_list("number", flat=True)
        assert sorted(n or 0 for n in numbers) == list(range(1, counter.last + 1))


def test_a_second_run_and_sqlite_are_refused_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    _run()
    with pytest.raises(CommandError, match="đã có ý kiến"):
        _run()
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="chỉ chạy trên PostgreSQL"):
        _run()


def test_pages_open_on_the_generated_data(client: Client) -> None:
    _run()
    province = Council.objects.filter(level=Level.PROVINCE).order_by("unit__code").first()
    assert province is not None
    commune = Council.objects.filter(parent=province).order_by("unit__code").first()
    assert commune is not None
    client.force_login(make_user("province_officer", Role.OFFICE_STAFF, province))
    issue = PetitionIssue.objects.filter(council=commune, status="confirmed").first()
    resolution = Resolution.objects.filter(council=province).first()
    assert issue is not None
    assert resolution is not None
    pages = [
        reverse("petitions:petition_search", args=[province.pk]) + "?q=duong",
        reverse("petitions:petition_search", args=[commune.pk]) + "?q=nuoc sach",
        reverse("petitions:cycle_list", args=[commune.pk]),
        reverse("petitions:issue_detail", args=[issue.pk]),
        reverse("resolutions:resolution_list", args=[province.pk]),
        reverse("resolutions:resolution_detail", args=[resolution.pk]),
        reverse("sittings:session_list", args=[commune.pk]),
        reverse("portal:home"),
        reverse("petitions:public_council", args=[province.pk]),
        reverse("resolutions:public_province", args=[province.pk]),
        reverse("reception:public_schedule", args=[commune.pk]),
        reverse("petitions:public_commune", args=[commune.unit_id]),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    found = client.get(pages[0])
    assert "<mark>" in found.text
    published = PetitionIssue.objects.filter(council__parent=province, published_at__isnull=False).first()
    assert published is not None
    public = client.get(reverse("petitions:public_commune", args=[published.council.unit_id]))
    assert escape(published.title) in public.text
