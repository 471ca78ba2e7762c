"""Permission-matrix rows for the reports pages and API (see ``tests/matrix.py`` for the format).

Reading needs VIEW_WORK (every role but an agency's responder in its own council, the supervising roles also
below); writing a council's own report and opening its periods need MANAGE_REPORTS (administrators and
office staff, own council); returning and accepting a report below need REVIEW_REPORTS (the province's
office staff and standing members over its communes). A period belongs to the council that set it; a report
and its drill-down to the council that writes it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.councils.models import Council
from hdnd.reports import actions
from hdnd.reports.models import CouncilReport, ReportingPeriod
from tests.matrix import STAFF, WORK_READERS, Row, by_scope, signed_in

REVIEWERS = ("office_staff", "standing_member")
READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
REVIEW_POST = by_scope(view_below=REVIEWERS, ok=302)
API_READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS, anonymous=401)
API_CHANGE = by_scope(view=STAFF, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_REVIEW = by_scope(view_below=REVIEWERS, anonymous=401)
JSON = "application/json"
CODE = "2026-Q1"


def period_of(council: Council) -> ReportingPeriod:
    """The 2026-Q1 period of the council's province (opened once; every council below gets a report)."""
    province = council if council.parent_id is None else Council.objects.get(pk=council.parent_id)
    found = ReportingPeriod.objects.filter(council=province, code=CODE).first()
    return found or actions.open_period(province, by=None, code=CODE, due_on=date(2026, 4, 10))


def own_period(council: Council) -> ReportingPeriod:
    """A period set by the target council itself (for a commune, made directly: only scope is tested)."""
    if council.parent_id is None:
        return period_of(council)
    found, _ = ReportingPeriod.objects.get_or_create(
        council=council, code=CODE, defaults={"kind": "quarter", "due_on": date(2026, 4, 10)}
    )
    return found


def report_of(council: Council) -> CouncilReport:
    return CouncilReport.objects.get(council=council, period=period_of(council))


def submitted_of(council: Council) -> CouncilReport:
    report = report_of(council)
    return report if report.is_sent else actions.submit_report(report, by=None)


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: Any, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def period_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": own_period(council).pk}


def period_id(world: Any, council: Council) -> dict[str, Any]:
    return {"period_id": own_period(council).pk}


def export(fmt: str) -> Any:
    return lambda world, council: {"pk": own_period(council).pk, "fmt": fmt}


def report_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": report_of(council).pk}


def report_id(world: Any, council: Council) -> dict[str, Any]:
    return {"report_id": report_of(council).pk}


def submitted_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": submitted_of(council).pk}


def submitted_id(world: Any, council: Council) -> dict[str, Any]:
    return {"report_id": submitted_of(council).pk}


def report_export(fmt: str) -> Any:
    return lambda world, council: {"pk": report_of(council).pk, "fmt": fmt}


def proposal_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": actions.add_proposal(report_of(council), by=None, text="Đề nghị hỗ trợ kinh phí.").pk}


def drill(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": period_of(council).pk, "code": "sittings.thematic_held", "council_pk": council.pk}


def drill_api(world: Any, council: Council) -> dict[str, Any]:
    return {"period_id": period_of(council).pk, "code": "sittings.thematic_held", "council_id": council.pk}


def opening(expect: dict[str, Any], created: int) -> dict[str, Any]:
    """A system administrator may open a period anywhere, but a commune sets none: 422 below and other."""
    return {**expect, "system_admin": (created, 422, 422)}


PERIOD_FORM = {"code": "2027-Q1", "due_working_days": "5"}
NARRATIVE = {"results": "Kết quả.", "shortcomings": "", "next_tasks": ""}

ROWS = [
    Row("reports:council_reports", READERS, council_pk),
    Row("reports:dashboard", READERS, council_pk),
    Row("reports:period_add", STAFF_PAGE, council_pk),
    Row(
        "reports:period_add",
        opening(STAFF_POST, 302),
        council_pk,
        method="post",
        data=lambda w, c: PERIOD_FORM,
        note="a commune sets no period: 422 for a system administrator there",
    ),
    Row("reports:period_detail", READERS, period_pk),
    Row("reports:period_rollup", READERS, period_pk),
    Row("reports:period_proposals", READERS, period_pk),
    Row("reports:period_export", READERS, export("xlsx")),
    Row("reports:period_export", READERS, export("docx")),
    Row("reports:period_close", STAFF_POST, period_pk, method="post"),
    Row("reports:drilldown", READERS, drill),
    Row("reports:report_detail", READERS, report_pk),
    Row("reports:report_export", READERS, report_export("docx")),
    Row("reports:report_edit", STAFF_POST, report_pk, method="post", data=lambda w, c: NARRATIVE),
    Row("reports:proposal_add", STAFF_POST, report_pk, method="post", data=lambda w, c: {"text": "Đề nghị."}),
    Row("reports:proposal_delete", STAFF_POST, proposal_pk, method="post"),
    Row("reports:report_submit", STAFF_POST, report_pk, method="post"),
    Row(
        "reports:report_return",
        REVIEW_POST,
        submitted_pk,
        method="post",
        data=lambda w, c: {"reason": "Thiếu."},
    ),
    Row("reports:report_accept", REVIEW_POST, submitted_pk, method="post"),
    # API
    Row("api:report_figure_list", signed_in(200, anonymous=401), target=None),
    Row("api:reporting_period_list", API_READERS, council_id),
    Row(
        "api:reporting_period_create",
        opening(API_CREATE, 201),
        council_id,
        method="post",
        data=lambda w, c: {"code": "2027-Q1", "due_working_days": 5},
        content_type=JSON,
    ),
    Row("api:reporting_period_detail", API_READERS, period_id),
    Row("api:reporting_period_close", API_CHANGE, period_id, method="post"),
    Row("api:reporting_period_rollup", API_READERS, period_id),
    Row("api:reporting_period_proposals", API_READERS, period_id),
    Row("api:reporting_period_records", API_READERS, drill_api),
    Row("api:council_report_detail", API_READERS, report_id),
    Row(
        "api:council_report_update",
        API_CHANGE,
        report_id,
        method="patch",
        data=lambda w, c: NARRATIVE,
        content_type=JSON,
    ),
    Row(
        "api:council_report_proposal_add",
        API_CREATE,
        report_id,
        method="post",
        data=lambda w, c: {"text": "Đề nghị."},
        content_type=JSON,
    ),
    Row("api:council_report_submit", API_CHANGE, report_id, method="post"),
    Row(
        "api:council_report_return",
        API_REVIEW,
        submitted_id,
        method="post",
        data=lambda w, c: {"reason": "Thiếu."},
        content_type=JSON,
    ),
    Row("api:council_report_accept", API_REVIEW, submitted_id, method="post"),
]
