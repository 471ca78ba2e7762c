"""``manage.py generate_national``: country-sized data on the real unit list.

Run once at a tiny scale on two provinces (PostgreSQL: the petitions are loaded with COPY) for the whole
module (``generated``): the statuses and numbers are the ones the actions leave, a second run is refused,
and the staff's and the public pages of every app open on what was written. The runs that need a database
of their own are in ``test_national_runs.py``.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F, Model, QuerySet, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from conftest import make_user
from hdnd.accounts.models import Role
from hdnd.briefings.models import Briefing
from hdnd.core import figures
from hdnd.core.periods import Period
from hdnd.councils.models import Council, Level
from hdnd.oversight.models import (
    Commitment,
    ExplanationSession,
    QuestioningTopic,
    Recommendation,
    Supervision,
    SupervisionProgramme,
)
from hdnd.petitions.models import Answer, Forwarding, Petition, PetitionIssue
from hdnd.planning.models import Task, WorkProgramme
from hdnd.reception.models import Letter, Reception, ReceptionSlot, SealedIdentity
from hdnd.reports.models import CouncilReport, ReportingPeriod
from hdnd.resolutions.models import Resolution, ResolutionCounter
from hdnd.sittings.models import DocumentCounter, Session, StandingMeeting

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SCALE = 0.01
PROVINCES = 2


def _run(**options: Any) -> str:
    out = StringIO()
    call_command("generate_national", scale=SCALE, provinces=PROVINCES, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """One generated country for the tests that only read it, rolled back after the module (as the
    permission matrix's world): each generation costs 5 s of the PostgreSQL pass. Each test runs in a
    savepoint of its own inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _run()
        transaction.set_rollback(True)


def test_counts_statuses_and_numbers_are_those_the_actions_leave(generated: str) -> None:
    report = generated
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
    # Each answer on its day in the history (not the day of the run): after its forwarding, some late.
    answers = Answer.objects.all()
    assert not answers.filter(answered_at__date__lt=F("forwarding__sent_on")).exists()
    assert answers.filter(answered_at__date__gt=F("forwarding__due_on")).exists()
    assert not answers.filter(answered_at__date__gte=timezone.localdate()).exists()
    assert not published.filter(published_at__lt=F("forwardings__answers__answered_at")).exists()
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


def test_a_second_run_and_sqlite_are_refused_with_a_message(
    generated: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CommandError, match="đã có ý kiến"):
        _run()
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="chỉ chạy trên PostgreSQL"):
        _run()


def test_pages_open_on_the_generated_data(generated: str, client: Client) -> None:
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


# The other apps' records (oversight, planning, briefings, reports, standing meetings, letters) -------


def _first[M: Model](queryset: QuerySet[M]) -> M:
    found = queryset.order_by("pk").first()
    assert found is not None, queryset.model.__name__
    return found


def test_every_app_has_rows_the_actions_would_leave(generated: str) -> None:
    councils = Council.objects.count()
    years = len({d.year for d in Session.objects.values_list("opens_on", flat=True)})
    # At this scale: one of each a council a year (at least one at any scale).
    assert StandingMeeting.objects.count() == councils * years
    assert SupervisionProgramme.objects.filter(body__isnull=True).count() == councils * years
    assert WorkProgramme.objects.count() == councils * years
    assert Letter.objects.count() == councils * years
    assert Briefing.objects.count() == PROVINCES * years
    assert QuestioningTopic.objects.count() == PROVINCES * years
    assert ExplanationSession.objects.count() == councils * years
    # Statuses along the transition tables; numbers of the shared TB-HĐND series continuous per year.
    assert Supervision.objects.filter(status="concluded").exists()
    assert not Supervision.objects.filter(status="concluded", concluded_on__isnull=True).exists()
    assert not Supervision.objects.filter(decision_on__isnull=False, decision_symbol="").exists()
    assert not Recommendation.objects.filter(status="done", done_on__isnull=True).exists()
    assert not Task.objects.filter(status="done").exclude(progress=100).exists()
    assert Task.objects.filter(
        source="briefing", given_by__parent__isnull=True, council__parent__isnull=False
    ).exists()
    assert not Letter.objects.filter(status="forwarded", slip_number__isnull=True).exists()
    assert not Letter.objects.filter(content_key="").exists()
    assert Letter.objects.filter(kind="to_cao").exists()
    assert not Letter.objects.filter(kind="to_cao").exclude(sender="").exists()
    assert not SealedIdentity.objects.exists()  # the default mode holds no identity at all
    given: dict[tuple[int, int | None], list[int | None]] = {}
    for model in (StandingMeeting, Supervision, ExplanationSession, Briefing):
        for council, year, number in model.objects.filter(notice_number__isnull=False).values_list(
            "council_id", "notice_year", "notice_number"
        ):
            given.setdefault((council, year), []).append(number)
    counters = DocumentCounter.objects.filter(symbol="TB-HĐND")
    assert counters.count() == len(given) > 0
    for counter in counters:
        assert sorted(n or 0 for n in given[(counter.council_id, counter.year)]) == list(
            range(1, counter.last + 1)
        )
    report = CouncilReport.objects.filter(status="accepted").first()
    assert report is not None
    frozen = report.frozen_values()
    assert (
        frozen["sittings.standing_meetings"]
        == StandingMeeting.objects.filter(
            council=report.council, held_on__year=report.period.period.year
        ).count()
    )


def test_every_figure_counted_with_its_base_is_the_count_of_its_own_records(generated: str) -> None:
    # ``compute`` counts the figures of one base in one query; each must stay the count (or sum) of the
    # records its drill-down lists, figure by figure, on rows of every app.
    province = _first(Council.objects.filter(level=Level.PROVINCE))
    ids = [province.pk, *Council.objects.filter(parent=province).values_list("pk", flat=True)]
    counted = set()
    for code in ("2022", "2023", "2024", "2025", "2026"):
        period = Period.parse(code)
        together = figures.compute_figures(figures.all_figures(), ids, period)
        for figure in figures.all_figures():
            records = figure.records(ids, period)
            if isinstance(figure.records, figures.Among) and figure.records.sum_of:
                alone = {
                    row["council_id"]: row["n"]
                    for row in records.order_by().values("council_id").annotate(n=Sum(figure.records.sum_of))
                    if row["n"]
                }
            else:
                alone = figures.count_by_council(records, figure.council_field)
            assert together[figure.code] == alone, (figure.code, code)
            if alone:
                counted.add(figure.code)
    # Most figures count something at this scale, the narrowed and summed ones of each base among them,
    # so the comparison means something.
    assert len(counted) >= 30
    narrowed = {
        "reception.letters.khieu_nai",
        "reception.letters.status.forwarded",
        "petitions.answered_on_time",
        "petitions.meetings_before_session",
        "sittings.regular_held",
        "oversight.thematic_held",
        "oversight.commitments_fulfilled",
    }
    assert narrowed <= counted, sorted(narrowed - counted)
    assert any(code.startswith("reception.citizens.") for code in counted)  # summed, by host


def test_the_pages_of_every_app_open_on_the_generated_rows(generated: str, client: Client) -> None:
    province = _first(Council.objects.filter(level=Level.PROVINCE))
    commune = _first(Council.objects.filter(parent=province))
    client.force_login(make_user("province_officer", Role.OFFICE_STAFF, province))
    supervision = _first(Supervision.objects.filter(council=province, status="concluded"))
    recommendation = _first(Recommendation.objects.filter(council=province))
    commitment = _first(Commitment.objects.filter(council=province))
    topic = _first(QuestioningTopic.objects.filter(council=province))
    explanation = _first(ExplanationSession.objects.filter(council=province))
    programme = _first(WorkProgramme.objects.filter(council=province))
    task = _first(Task.objects.filter(council=province))
    briefing = _first(Briefing.objects.filter(council=province, status="concluded"))
    meeting = _first(StandingMeeting.objects.filter(council=province, status="concluded"))
    letter = _first(Letter.objects.filter(council=province))
    period = _first(ReportingPeriod.objects.filter(council=province))
    report = _first(CouncilReport.objects.filter(council=province))
    pages = {
        reverse("oversight:supervision_list", args=[province.pk]): supervision.title,
        supervision.get_absolute_url(): supervision.decision_symbol,
        reverse("oversight:programme_detail", args=[supervision.programme_id]): supervision.title,
        reverse("oversight:recommendation_list", args=[province.pk]): "",
        recommendation.get_absolute_url(): recommendation.content,
        reverse("oversight:commitment_list", args=[province.pk]): "",
        commitment.get_absolute_url(): commitment.content,
        reverse("oversight:topic_list", args=[province.pk]): topic.title,
        topic.get_absolute_url(): topic.title,
        reverse("oversight:explanation_list", args=[province.pk]): explanation.title,
        explanation.get_absolute_url(): explanation.title,
        reverse("planning:programme_list", args=[province.pk]) + f"?nam={programme.year}": programme.title,
        programme.get_absolute_url(): programme.title,
        reverse("planning:task_list", args=[province.pk]): "",
        task.get_absolute_url(): task.content,
        reverse("briefings:briefing_list", args=[province.pk]): "",
        briefing.get_absolute_url(): briefing.notice_symbol,
        reverse("sittings:standing_list", args=[province.pk]): "",
        meeting.get_absolute_url(): meeting.notice_symbol,
        reverse("reception:letter_list", args=[province.pk]): "",
        letter.get_absolute_url(): letter.code,
        reverse("reports:council_reports", args=[province.pk]): "",
        period.get_absolute_url(): "",
        report.get_absolute_url(): "",
        reverse("reports:dashboard", args=[province.pk]): "",
    }
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert escape(shown) in response.text, (url, shown)
    # A commune's officer sees its own letters, its tasks (some given at the province's briefings).
    client.force_login(make_user("commune_officer", Role.OFFICE_STAFF, commune))
    letter = _first(Letter.objects.filter(council=commune))
    given = _first(Task.objects.filter(council=commune, source="briefing"))
    pages = {
        reverse("reception:letter_list", args=[commune.pk]): letter.code,
        letter.get_absolute_url(): letter.subject,
        reverse("planning:task_list", args=[commune.pk]): "",
        given.get_absolute_url(): given.source_ref,
        reverse("sittings:standing_list", args=[commune.pk]): "",
    }
    for url, shown in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert escape(shown) in response.text, (url, shown)
