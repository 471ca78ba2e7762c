"""Councils, bodies, people and agencies over the JSON API (signed in: session or bearer token).

Scoped like the pages: an object outside the user's councils answers 404, one inside without the
right answers 403. People (with their contact details) are for staff who hold ``VIEW_PEOPLE`` in the
person's council. Lists are page-number based (``?page=2&page_size=100``, at most 100 a page) and
carry the total ``count``. Writes call the same actions as the pages; a rule they break answers 422
with the Vietnamese message (``detail``) and the messages by field (``errors``).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_COUNCIL, MANAGE_PEOPLE, VIEW, VIEW_PEOPLE
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils import actions
from hdnd.councils.models import (
    Agency,
    AgencyKind,
    Body,
    BodyKind,
    Council,
    Level,
    Membership,
    Person,
    PersonQuerySet,
)
from hdnd.councils.permissions import council_for, council_ids_for, person_for

router = Router(tags=["HĐND, cơ quan, người"])

# Schemas -----------------------------------------------------------------------------------------


class CouncilTermOut(Schema):
    id: int
    number: int
    label: str
    starts_on: date
    ends_on: date | None
    delegate_seats: int | None

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj)


class CouncilBodyOut(Schema):
    id: int
    council_id: int
    kind: str
    kind_label: str
    name: str
    dissolved_on: date | None

    @staticmethod
    def resolve_kind_label(obj: Body) -> str:
        return obj.get_kind_display()


class CouncilOut(Schema):
    id: int
    name: str
    level: str
    unit_id: int
    unit_code: str
    unit_name: str
    parent_id: int | None
    dissolved_on: date | None

    @staticmethod
    def resolve_unit_code(obj: Council) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj: Council) -> str:
        return obj.unit.name


class CouncilDetailOut(CouncilOut):
    address: str
    email: str
    phone: str
    terms: list[CouncilTermOut]
    bodies: list[CouncilBodyOut]


class CouncilMembershipOut(Schema):
    id: int
    role: str
    role_label: str
    body_id: int | None
    body_name: str | None
    term_id: int | None
    starts_on: date
    ends_on: date | None
    full_time: bool
    constituency: str

    @staticmethod
    def resolve_role_label(obj: Membership) -> str:
        return obj.get_role_display()

    @staticmethod
    def resolve_body_name(obj: Membership) -> str | None:
        return obj.body.name if obj.body else None


class CouncilPersonOut(Schema):
    id: int
    council_id: int
    full_name: str
    gender: str
    birth_year: int | None
    position: str
    email: str
    phone: str
    memberships: list[CouncilMembershipOut]


class CouncilAgencyOut(Schema):
    id: int
    council_id: int
    name: str
    short_name: str
    kind: str
    superior_id: int | None
    email: str
    phone: str
    address: str
    is_active: bool


class CouncilBodyIn(NfcIn):
    kind: BodyKind
    name: str = Field(min_length=1, max_length=160)


class CouncilPersonIn(NfcIn):
    full_name: str = Field(min_length=1, max_length=120)
    gender: Person.Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str = Field("", max_length=255)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class CouncilAgencyIn(NfcIn):
    name: str = Field(min_length=1, max_length=200)
    kind: AgencyKind
    short_name: str = Field("", max_length=60)
    superior_id: int | None = None
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    address: str = Field("", max_length=255)
    is_active: bool = True


class CouncilFilters(NfcIn):
    level: Level | None = None
    q: str = ""


class CouncilPersonFilters(NfcIn):
    council: int | None = None
    q: str = ""


class CouncilAgencyFilters(NfcIn):
    council: int | None = None
    q: str = ""


# Helpers -----------------------------------------------------------------------------------------


def _people() -> PersonQuerySet:
    return Person.objects.prefetch_related(Prefetch("memberships", queryset=_seats()))


def _seats() -> QuerySet[Membership]:
    return Membership.objects.select_related("body").order_by("-starts_on", "pk")


# Endpoints ---------------------------------------------------------------------------------------


@router.get("/councils/", response=list[CouncilOut], summary="Danh sách HĐND")
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_councils(request: HttpRequest, filters: Query[CouncilFilters]) -> QuerySet[Council]:
    """The councils the user sees, of one ``level`` (province, district, commune), whose name contains
    ``q`` without regard to accents ("ba dinh" finds "HĐND phường Ba Đình")."""
    councils = Council.objects.visible_to(request.user).search(filters.q).select_related("unit")
    if filters.level:
        councils = councils.filter(level=filters.level)
    return councils.tree_order()


@router.get(
    "/councils/{council_id}/",
    response={200: CouncilDetailOut, **ERRORS},
    summary="Một HĐND, các khóa và cơ quan",
)
def get_council(request: HttpRequest, council_id: int) -> Council:
    council = council_for(request, council_id, VIEW)
    prefetch_related_objects([council], "terms", "bodies")
    return council


@router.get(
    "/councils/{council_id}/bodies/",
    response={200: list[CouncilBodyOut], **ERRORS},
    summary="Các cơ quan của một HĐND",
)
def list_bodies(request: HttpRequest, council_id: int) -> QuerySet[Body]:
    return council_for(request, council_id, VIEW).bodies.all()


@router.post(
    "/councils/{council_id}/bodies/",
    response={201: CouncilBodyOut, **ERRORS},
    summary="Thêm cơ quan của HĐND",
)
def create_body(request: HttpRequest, council_id: int, payload: CouncilBodyIn) -> Status[Body]:
    """Only the committees the council's level allows: a commune has no Ban Pháp chế (422)."""
    council = council_for(request, council_id, MANAGE_COUNCIL)
    return Status(201, actions.create_body(council, by=request.user, **payload.dict()))


@router.get(
    "/people/", response=list[CouncilPersonOut], summary="Danh sách người (cán bộ có quyền xem hồ sơ)"
)
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_people(request: HttpRequest, filters: Query[CouncilPersonFilters]) -> QuerySet[Person]:
    """People of the councils where the user may see people's records, or of one ``council``."""
    people = _people().search(filters.q)
    if filters.council is not None:
        people = people.filter(council=council_for(request, filters.council, VIEW_PEOPLE))
    elif (allowed := council_ids_for(request, VIEW_PEOPLE)) is not None:
        people = people.filter(council_id__in=allowed)
    return people.order_by("council_id", "name_key", "pk")


@router.get(
    "/people/{person_id}/", response={200: CouncilPersonOut, **ERRORS}, summary="Một người và các chức danh"
)
def get_person(request: HttpRequest, person_id: int) -> Person:
    person = person_for(request, person_id, VIEW_PEOPLE)
    prefetch_related_objects([person], Prefetch("memberships", queryset=_seats()))
    return person


@router.post(
    "/councils/{council_id}/people/",
    response={201: CouncilPersonOut, **ERRORS},
    summary="Thêm người vào hồ sơ của HĐND",
)
def create_person(request: HttpRequest, council_id: int, payload: CouncilPersonIn) -> Status[Person]:
    council = council_for(request, council_id, MANAGE_PEOPLE)
    fields = payload.dict()
    fields["gender"] = fields["gender"] or ""
    return Status(201, actions.create_person(council, by=request.user, **fields))


@router.get(
    "/agencies/", response=list[CouncilAgencyOut], summary="Danh sách cơ quan, tổ chức nhận chuyển việc"
)
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_agencies(request: HttpRequest, filters: Query[CouncilAgencyFilters]) -> QuerySet[Agency]:
    """Agencies of the councils the user sees, or of one ``council``; ``q`` searches names."""
    agencies = Agency.objects.visible_to(request.user).search(filters.q)
    if filters.council is not None:
        agencies = agencies.filter(council=council_for(request, filters.council, VIEW))
    return agencies.order_by("council_id", "kind", "name_key", "pk")


@router.post(
    "/councils/{council_id}/agencies/",
    response={201: CouncilAgencyOut, **ERRORS},
    summary="Thêm cơ quan, tổ chức nhận chuyển việc",
)
def create_agency(request: HttpRequest, council_id: int, payload: CouncilAgencyIn) -> Status[Agency]:
    """``superior_id``: an agency of this council or of a council above it (for escalation)."""
    council = council_for(request, council_id, MANAGE_COUNCIL)
    fields = payload.dict()
    superior_id = fields.pop("superior_id")
    fields["superior"] = Agency.objects.filter(pk=superior_id).first() if superior_id else None
    if superior_id and fields["superior"] is None:
        raise ValidationError({"superior": ["Không tìm thấy cơ quan cấp trên."]})
    return Status(201, actions.create_agency(council, by=request.user, **fields))
