"""Permission-matrix rows for the council pages and API (see ``tests/matrix.py`` for the format).

Reading: VIEW for every role in its own council and, for the supervising roles, in the councils
below. Contact details and the people API need VIEW_PEOPLE; writes need MANAGE_COUNCIL (council,
terms, bodies, agencies) or MANAGE_PEOPLE (people, memberships, import), which only the council's
administrators and office staff hold, in their own council. A successful page POST redirects (302);
a successful API POST answers 201. The API answers 401 to anonymous callers.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from conftest import World
from hdnd.councils.models import BodyKind, Council, Membership, MembershipRole
from hdnd.councils.tests.councils_support import current_term, upload, workbook
from hdnd.councils.tests.factories import AgencyFactory, BodyFactory, PersonFactory, TermFactory
from tests.matrix import ALL_ROLES, READERS_OF_PEOPLE, STAFF, Row, by_scope, signed_in

READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES)
STAFF_PAGE = by_scope(view=STAFF)
STAFF_POST = by_scope(view=STAFF, ok=302)
PEOPLE_BELOW = ("council_admin", "office_staff", "standing_member", "auditor")
API_READERS = by_scope(view=ALL_ROLES, view_below=ALL_ROLES, anonymous=401)
API_STAFF_POST = by_scope(view=STAFF, ok=201, anonymous=401)


def today() -> str:
    return timezone.localdate().isoformat()


def council_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": council.pk}


def term_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": TermFactory.create(council=council).pk}


def body_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": BodyFactory.create(council=council).pk}


def ban_pk(world: World, council: Council) -> dict[str, Any]:
    """A Ban (the Thường trực, a body the law creates, is never dissolved)."""
    return {"pk": BodyFactory.create(council=council, kind=BodyKind.LEGAL, name="Ban Pháp chế").pk}


def person_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": PersonFactory.create(council=council).pk}


def membership_pk(world: World, council: Council) -> dict[str, Any]:
    person = PersonFactory.create(council=council)
    seat = Membership.objects.create(
        person=person, council=council, role=MembershipRole.DELEGATE, starts_on=timezone.localdate()
    )
    return {"pk": seat.pk}


def agency_pk(world: World, council: Council) -> dict[str, Any]:
    return {"pk": AgencyFactory.create(council=council).pk}


def council_id(world: World, council: Council) -> dict[str, Any]:
    return {"council_id": council.pk}


def person_id(world: World, council: Council) -> dict[str, Any]:
    return {"person_id": PersonFactory.create(council=council).pk}


def new_membership(world: World, council: Council) -> dict[str, Any]:
    person = PersonFactory.create(council=council)
    return {
        "person": person.pk,
        "body": "",
        "role": MembershipRole.DELEGATE,
        "term": "",
        "starts_on": today(),
    }


def delegate_file(world: World, council: Council) -> dict[str, Any]:
    current_term(council)
    return {"file": upload(workbook([["Nguyễn Thị Nhập", "Nữ", 1980]]))}


ROWS = [
    Row("councils:council_list", signed_in(200), target=None),
    Row("councils:council_detail", READERS, council_pk),
    Row("councils:council_edit", STAFF_PAGE, council_pk),
    Row(
        "councils:council_edit",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"name": c.name, "address": "Số 1 Đường Thử", "email": "", "phone": ""},
    ),
    Row("councils:term_add", STAFF_PAGE, council_pk),
    Row(
        "councils:term_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"number": 17, "starts_on": "2026-03-15", "ends_on": "2031-03-14"},
    ),
    Row("councils:term_edit", STAFF_PAGE, term_pk),
    Row(
        "councils:term_edit",
        STAFF_POST,
        term_pk,
        method="post",
        data=lambda w, c: {
            "number": 16,
            "starts_on": "2021-05-23",
            "ends_on": "2026-03-14",
            "delegate_seats": 50,
        },
    ),
    Row("councils:body_add", STAFF_PAGE, council_pk),
    Row(
        "councils:body_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"kind": "ban_kinh_te_ngan_sach", "name": "Ban Kinh tế – Ngân sách"},
    ),
    Row("councils:body_edit", STAFF_PAGE, body_pk),
    Row(
        "councils:body_edit",
        STAFF_POST,
        body_pk,
        method="post",
        data=lambda w, c: {"kind": "standing", "name": "Thường trực Hội đồng nhân dân"},
    ),
    Row("councils:body_dissolve", STAFF_PAGE, ban_pk),
    Row(
        "councils:body_dissolve",
        STAFF_POST,
        ban_pk,
        method="post",
        data=lambda w, c: {"dissolved_on": today()},
    ),
    Row(
        "councils:body_dissolve",
        by_scope(view=STAFF, ok=422),
        body_pk,
        method="post",
        data=lambda w, c: {"dissolved_on": today()},
        note="the Thường trực (a body the law creates) is refused to everyone",
    ),
    Row("councils:person_list", READERS, council_pk),
    Row("councils:person_detail", READERS, person_pk),
    Row("councils:person_add", STAFF_PAGE, council_pk),
    Row(
        "councils:person_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"full_name": "Lê Văn Mới"},
    ),
    Row("councils:person_edit", STAFF_PAGE, person_pk),
    Row(
        "councils:person_edit",
        STAFF_POST,
        person_pk,
        method="post",
        data=lambda w, c: {"full_name": "Lê Văn Sửa"},
    ),
    Row("councils:person_import", STAFF_PAGE, council_pk),
    Row("councils:person_import", STAFF_POST, council_pk, method="post", data=delegate_file),
    Row("councils:person_import_template", STAFF_PAGE, council_pk),
    Row("councils:membership_add", STAFF_PAGE, council_pk),
    Row("councils:membership_add", STAFF_POST, council_pk, method="post", data=new_membership),
    Row("councils:membership_end", STAFF_PAGE, membership_pk),
    Row(
        "councils:membership_end",
        STAFF_POST,
        membership_pk,
        method="post",
        data=lambda w, c: {"ends_on": today()},
    ),
    Row("councils:agency_list", READERS, council_pk),
    Row("councils:agency_add", STAFF_PAGE, council_pk),
    Row(
        "councils:agency_add",
        STAFF_POST,
        council_pk,
        method="post",
        data=lambda w, c: {"name": "Sở Tài chính", "kind": "so_nganh", "is_active": "on"},
    ),
    Row("councils:agency_edit", STAFF_PAGE, agency_pk),
    Row(
        "councils:agency_edit",
        STAFF_POST,
        agency_pk,
        method="post",
        data=lambda w, c: {"name": "Sở Thử Nghiệm (đổi tên)", "kind": "so_nganh", "is_active": "on"},
    ),
    # API
    Row("api:list_councils", signed_in(200, anonymous=401), target=None),
    Row("api:get_council", API_READERS, council_id),
    Row("api:list_bodies", API_READERS, council_id),
    Row(
        "api:create_body",
        API_STAFF_POST,
        council_id,
        method="post",
        content_type="application/json",
        data=lambda w, c: {"kind": "standing", "name": "Thường trực HĐND"},
    ),
    Row(
        "api:list_people",
        {
            **signed_in(200, anonymous=401),
            "no_role": 403,
            "delegate": 403,
            "agency_responder": 403,
        },
        target=None,
        note="staff only: users without VIEW_PEOPLE anywhere are refused",
    ),
    Row(
        "api:get_person", by_scope(view=READERS_OF_PEOPLE, view_below=PEOPLE_BELOW, anonymous=401), person_id
    ),
    Row(
        "api:create_person",
        API_STAFF_POST,
        council_id,
        method="post",
        content_type="application/json",
        data=lambda w, c: {"full_name": "Trần Thị Mới", "gender": "F", "birth_year": 1985},
    ),
    Row("api:list_agencies", signed_in(200, anonymous=401), target=None),
    Row(
        "api:create_agency",
        API_STAFF_POST,
        council_id,
        method="post",
        content_type="application/json",
        data=lambda w, c: {"name": "Sở Y tế", "kind": "so_nganh"},
    ),
]

try:
    from .matrix_units import ROWS as UNIT_ROWS
except ImportError:
    UNIT_ROWS = []
ROWS += UNIT_ROWS
