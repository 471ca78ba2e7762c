"""Country-sized data for measuring the platform: ``manage.py generate_national --scale N``.

``generate`` fills an empty PostgreSQL database from a fixed seed: the councils of the real unit list
(``councils``), then five years of their sessions, resolutions, voter contact and petitions
(``history``), then the records of the other apps over those years, one module each (``standing``,
``oversight`` and ``questioning``, ``planning``, ``briefings``, ``letters``, ``reports`` last, on what
``ground.Ground`` loads). Rows are written with ``bulk_create`` in large batches and the petitions with
``COPY``: the per-row actions are bypassed, but the rows are the ones the actions would leave (statuses
along the transition tables, resolution numbers and their counters). No audit entries are written for this
generated history. ``digest`` fingerprints what was written, without ids or clock times, so that two
runs with the same arguments can be compared. See docs/national-data.md.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from hdnd.core import gin
from hdnd.core.actions import seed_rules
from hdnd.petitions import search_plans
from hdnd.petitions.models import Petition
from hdnd.resolutions import register

from . import briefings, letters, oversight, planning, questioning, reports, standing
from .councils import councils_of_the_list, staff
from .ground import Ground
from .history import History

SEED = 2026
GENERATED_USER = "national_generated"
# What ``digest`` reads of each table: content columns only (ids and clock times differ between runs).
DIGESTED = {
    "councils_council": "name",
    "councils_person": "full_name || gender || birth_year",
    "sittings_session": "number || kind || opens_on || status",
    "resolutions_resolution": "symbol || title || field || status || adopted_on",
    "resolutions_resolutioncounter": "year || kind || last",
    "petitions_cycle": "name || year",
    "petitions_votermeeting": "code || date || place_text",
    "petitions_petitionissue": "title || status || coalesce(published_at::text, '')",
    "petitions_petition": "text || status || received_on || created_at",
    "petitions_forwarding": "status || sent_on || due_on || letter_number",
    "petitions_answer": "text || outcome || coalesce(target_date::text, '') || answered_at",
    "reception_receptionslot": "starts_at || place || status",
    "reception_reception": "received_on || visitor || kind || content || outcome",
    "sittings_standingmeeting": "meets_on || status || notice_symbol || notice_text",
    "sittings_standingagendaitem": "position || title || presenter",
    "sittings_conclusionitem": (
        "position || content || coalesce(due_on::text, '') || coalesce(done_on::text, '')"
    ),
    "sittings_documentcounter": "year || symbol || last",
    "oversight_supervisionprogramme": "year || title || status",
    "oversight_supervision": "title || kind || status || decision_symbol || notice_symbol",
    "oversight_finding": "text",
    "oversight_recommendation": "content || status || coalesce(due_on::text, '') || progress",
    "oversight_explanationsession": "title || status || notice_symbol",
    "oversight_questioningtopic": "title || status",
    "oversight_questionslip": "content || status || satisfaction",
    "oversight_commitment": "content || status || coalesce(due_on::text, '')",
    "planning_workprogramme": "year || title || status",
    "planning_task": "content || status || due_on || progress || source_ref",
    "briefings_briefing": "period || meets_on || status || coalesce(notice_number::text, '')",
    "briefings_conclusionitem": "position || content",
    "reports_councilreport": "status || results || figures::text",
    "reception_letter": "code || kind || sender || subject || content || status || coalesce(slip_number, 0)",
    "reception_documentcounter": "year || series || last",
}


class Refused(Exception):
    """The database cannot take the generated data (a Vietnamese message for the administrator)."""


def check_database() -> None:
    if connection.vendor != "postgresql":
        raise Refused(
            "generate_national chỉ chạy trên PostgreSQL (nạp dữ liệu bằng COPY, cỡ cả nước); "
            "hãy đặt DATABASE_URL=postgres://… rồi chạy lại."
        )
    if Petition.objects.exists():
        raise Refused(
            "Cơ sở dữ liệu đã có ý kiến, kiến nghị cử tri: generate_national chỉ nạp vào cơ sở dữ liệu "
            "chưa có dữ liệu nghiệp vụ (tạo cơ sở dữ liệu mới, chạy migrate rồi chạy lại)."
        )


def _generated_user() -> int:
    user, created = get_user_model().objects.get_or_create(
        username=GENERATED_USER, defaults={"full_name": "Dữ liệu sinh tự động", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return int(user.pk)


def generate(
    scale: float, provinces: int | None = None, seed: int = SEED, say: Callable[[str], None] = print
) -> dict[str, int]:
    """Fill the database; the number of rows written by kind."""
    check_database()
    rng = random.Random(seed)  # noqa: S311 (reproducible data, not secrets)
    with gin.loading_in_bulk((*search_plans.GIN_INDEXES, *register.GIN_INDEXES)), transaction.atomic():
        found = councils_of_the_list(provinces)
        staff(rng, found)
        communes = sum(len(c) for c in found.communes.values())
        say(f"Hội đồng: {len(found.provinces)} tỉnh, {communes} xã; đang sinh lịch sử năm năm…")
        counts = {"provinces": len(found.provinces), "communes": communes}
        user = _generated_user()
        counts.update(History(rng, found, scale, user).run())
        say("Đang sinh giám sát, chương trình công tác, giao ban, phiên họp Thường trực, đơn thư, báo cáo…")
        counts.update(_apps(Ground.load(rng, found, scale, user)))
    _analyze()
    return counts


def _analyze() -> None:
    """Statistics of every table (inside the transaction too: ANALYZE reads the rows it may see)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _apps(ground: Ground) -> dict[str, int]:
    """The records of the other apps over the history written: each app's module in turn."""
    seed_rules(by=GENERATED_USER)  # the deadlines come from the rules table (idempotent)
    counts, meetings = standing.write(ground)
    supervised, findings = oversight.write(ground)
    counts.update(supervised)
    counts.update(questioning.write(ground, meetings, findings))
    counts.update(planning.write(ground))
    counts.update(briefings.write(ground))
    ground.save_counters()
    counts.update(letters.write(ground))
    _analyze()  # the reports count what was written above: with no statistics, a plan took hours
    counts.update(reports.write(ground))  # last: the reports' figures count everything above
    return counts


def digest() -> str:
    """A fingerprint of the generated content (rows in the order written, without ids or clock times)."""
    total = hashlib.sha256()
    with connection.cursor() as cursor:
        for table, columns in DIGESTED.items():
            cursor.execute(f"SELECT count(*), md5(string_agg({columns}, '|' ORDER BY id)) FROM {table}")  # noqa: S608
            total.update(f"{table}:{cursor.fetchone()}".encode())
    return total.hexdigest()
