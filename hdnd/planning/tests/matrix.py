"""Permission-matrix rows for the planning pages and API.

Reading needs VIEW_WORK (every role but an agency's responder in its own council, the supervising roles also
below); changing needs MANAGE_PLANNING (the council's administrators and office staff, in their own council
only). A task's progress is reported in the council that owns it; its deadline is moved in the council that
gave it.
"""

from __future__ import annotations

from typing import Any

from hdnd.councils.models import Council
from hdnd.planning.tests import support
from tests.matrix import STAFF, WORK_READERS, Row, by_scope

READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
API_READERS = by_scope(view=WORK_READERS, view_below=WORK_READERS, anonymous=401)
API_CREATE = by_scope(view=STAFF, ok=201, anonymous=401)
API_CHANGE = by_scope(view=STAFF, ok=200, anonymous=401)
JSON = "application/json"


def council_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def council_id(world: Any, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def programme_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.programme(council).pk}


def programme_id(world: Any, council: Council) -> dict[str, Any]:
    return {"programme_id": support.programme(council).pk}


def target_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.with_target(council).targets.get().pk}


def task_pk(world: Any, council: Council) -> dict[str, Any]:
    return {"pk": support.task(council).pk}


def task_id(world: Any, council: Council) -> dict[str, Any]:
    return {"task_id": support.task(council).pk}


def done_task_pk(world: Any, council: Council) -> dict[str, Any]:
    from datetime import date

    return {"pk": support.done_task(council, date(2026, 5, 4)).pk}


def target_form(world: Any, council: Council) -> dict[str, Any]:
    return {"figure": support.DONE_FIGURE, "planned": "12"}


def task_form(world: Any, council: Council) -> dict[str, Any]:
    return {"content": "Chuẩn bị báo cáo", "due_on": "30/12/2026", "source": "other"}


PROGRESS = {"progress": "40", "note": "Đang làm", "on": "04/05/2026"}
EXTEND = {"due_on": "31/12/2027", "reason": "Chờ ý kiến cấp trên"}

ROWS = [
    Row("planning:programme_list", READERS, council_pk),
    Row("planning:programme_add", STAFF_PAGE, council_pk),
    Row(
        "planning:programme_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"year": "2027", "title": ""},
    ),
    Row("planning:programme_detail", READERS, programme_pk),
    Row(
        "planning:programme_adopt",
        STAFF_POST,
        programme_pk,
        method="post",
        data=lambda w, c: {"adopted_on": "15/01/2026", "adopted_by": "Nghị quyết số 01/NQ-HĐND"},
    ),
    Row("planning:target_add", STAFF_POST, programme_pk, method="post", data=target_form),
    Row("planning:target_remove", STAFF_POST, target_pk, method="post"),
    Row("planning:target_records", READERS, target_pk),
    Row("planning:programme_task_add", STAFF_POST, programme_pk, method="post", data=task_form),
    Row("planning:task_list", READERS, council_pk),
    Row("planning:task_add", STAFF_PAGE, council_pk),
    Row("planning:task_add", STAFF_POST, council_pk, method="post", data=task_form),
    Row("planning:task_detail", READERS, task_pk),
    Row("planning:task_progress", STAFF_POST, task_pk, method="post", data=lambda w, c: PROGRESS),
    Row("planning:task_extend", STAFF_POST, task_pk, method="post", data=lambda w, c: EXTEND),
    Row(
        "planning:task_reopen",
        STAFF_POST,
        done_task_pk,
        method="post",
        data=lambda w, c: {"reason": "Chưa đạt"},
    ),
    # API
    Row("api:planning_programme_list", API_READERS, council_id),
    Row(
        "api:planning_programme_create",
        API_CREATE,
        council_id,
        method="post",
        data=lambda w, c: {"year": 2027},
        content_type=JSON,
    ),
    Row("api:planning_programme_detail", API_READERS, programme_id),
    Row(
        "api:planning_programme_adopt",
        API_CHANGE,
        programme_id,
        method="post",
        data=lambda w, c: {"adopted_on": "2026-01-15", "adopted_by": "Nghị quyết số 01/NQ-HĐND"},
        content_type=JSON,
    ),
    Row(
        "api:planning_target_add",
        API_CREATE,
        programme_id,
        method="post",
        data=lambda w, c: {"figure": support.DONE_FIGURE, "planned": 4},
        content_type=JSON,
    ),
    Row("api:planning_task_list", API_READERS, council_id),
    Row(
        "api:planning_task_create",
        API_CREATE,
        council_id,
        method="post",
        data=lambda w, c: {"content": "Chuẩn bị báo cáo", "due_on": "2026-12-30"},
        content_type=JSON,
    ),
    Row("api:planning_task_detail", API_READERS, task_id),
    Row(
        "api:planning_task_progress",
        API_CHANGE,
        task_id,
        method="post",
        data=lambda w, c: {"progress": 30, "note": "Đang làm"},
        content_type=JSON,
    ),
    Row(
        "api:planning_task_extend",
        API_CHANGE,
        task_id,
        method="post",
        data=lambda w, c: {"due_on": "2027-12-31", "reason": "Chờ ý kiến"},
        content_type=JSON,
    ),
]
