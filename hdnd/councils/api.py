"""Councils, bodies, people and agencies over the JSON API (signed in: session or bearer token).

Scoped like the pages: an object outside the user's councils answers 404, one inside without the
right answers 403. People (with their contact details) are for staff who hold ``VIEW_PEOPLE`` in the
person's council. Lists are page-number based (``?page=2&page_size=100``, at most 100 a page) and
carry the total ``count``. Writes call the same actions as the pages; a rule they break answers 422
with the Vietnamese message (``detail``) and the messages by field (``errors``).
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from hdnd.accounts.scope import MANAGE_COUNCIL, MANAGE_PEOPLE, VIEW, VIEW_PEOPLE, scope_of
from hdnd.api.errors import FORBIDDEN, ErrorOut, get_or_error, run
from hdnd.api.schemas import NfcIn

from . import actions
from .models import Agency, AgencyKind, Body, BodyKind, Council, Level, Membership, Person, PersonQuerySet

router = Router(tags=["HĐND, cơ quan, người"])

# Schemas -----------------------------------------------------------------------------------------


class TermOut(Schema):
    id: int
    number: int
    label: str
    starts_on: date
    ends_on: date | None
    delegate_seats: int | None

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj)


class BodyOut(Schema):
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
    terms: list[TermOut]
    bodies: list[BodyOut]


class MembershipOut(Schema):
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


class PersonOut(Schema):
    id: int
    council_id: int
    full_name: str
    gender: str
    birth_year: int | None
    position: str
    email: str
    phone: str
    memberships: list[MembershipOut]


class AgencyOut(Schema):
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


class BodyIn(NfcIn):
    kind: BodyKind
    name: str = Field(min_length=1, max_length=160)


class PersonIn(NfcIn):
    full_name: str = Field(min_length=1, max_length=120)
    gender: Person.Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    position: str = Field("", max_length=255)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class AgencyIn(NfcIn):
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


class PersonFilters(NfcIn):
    council: int | None = None
    q: str = ""


class AgencyFilters(NfcIn):
    council: int | None = None
    q: str = ""


# Helpers -----------------------------------------------------------------------------------------


_get = get_or_error


def _council(request: HttpRequest, pk: int, action: str) -> Council:
    return _get(request, Council.objects.select_related("unit", "parent"), pk, action, "pk")


def _councils_for(request: HttpRequest, action: str) -> frozenset[int] | None:
    return scope_of(request.user).council_ids_for(action)


def _write(request: HttpRequest, action: Callable[..., Model], target: Model, **fields: Any) -> Status[Any]:
    """Run an action: 201 with the new object, or 422 with the Vietnamese messages of the rule it broke."""
    return run(lambda: action(target, by=request.user, **fields))


def _people() -> PersonQuerySet:
    seats = Membership.objects.select_related("body").order_by("-starts_on", "pk")
    return Person.objects.prefetch_related(Prefetch("memberships", queryset=seats))


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


@router.get("/councils/{council_id}/", response=CouncilDetailOut, summary="Một HĐND, các khóa và cơ quan")
def get_council(request: HttpRequest, council_id: int) -> Council:
    queryset = Council.objects.select_related("unit").prefetch_related("terms", "bodies")
    return _get(request, queryset, council_id, VIEW, "pk")


@router.get("/councils/{council_id}/bodies/", response=list[BodyOut], summary="Các cơ quan của một HĐND")
def list_bodies(request: HttpRequest, council_id: int) -> QuerySet[Body]:
    return _council(request, council_id, VIEW).bodies.all()


@router.post(
    "/councils/{council_id}/bodies/",
    response={201: BodyOut, 422: ErrorOut},
    summary="Thêm cơ quan của HĐND",
)
def create_body(request: HttpRequest, council_id: int, payload: BodyIn) -> Status[Any]:
    """Only the committees the council's level allows: a commune has no Ban Pháp chế (422)."""
    council = _council(request, council_id, MANAGE_COUNCIL)
    return _write(request, actions.create_body, council, **payload.dict())


@router.get("/people/", response=list[PersonOut], summary="Danh sách người (cán bộ có quyền xem hồ sơ)")
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> QuerySet[Person]:
    """People of the councils where the user may see people's records, or of one ``council``."""
    people = _people().search(filters.q)
    if filters.council is not None:
        people = people.filter(council=_council(request, filters.council, VIEW_PEOPLE))
    else:
        allowed = _councils_for(request, VIEW_PEOPLE)
        if allowed is not None and not allowed:
            raise HttpError(403, FORBIDDEN)
        if allowed is not None:
            people = people.filter(council_id__in=allowed)
    return people.order_by("council_id", "name_key", "pk")


@router.get("/people/{person_id}/", response=PersonOut, summary="Một người và các chức danh")
def get_person(request: HttpRequest, person_id: int) -> Person:
    return _get(request, _people(), person_id, VIEW_PEOPLE)


@router.post(
    "/councils/{council_id}/people/",
    response={201: PersonOut, 422: ErrorOut},
    summary="Thêm người vào hồ sơ của HĐND",
)
def create_person(request: HttpRequest, council_id: int, payload: PersonIn) -> Status[Any]:
    council = _council(request, council_id, MANAGE_PEOPLE)
    fields = payload.dict()
    fields["gender"] = fields["gender"] or ""
    return _write(request, actions.create_person, council, **fields)


@router.get("/agencies/", response=list[AgencyOut], summary="Danh sách cơ quan, tổ chức nhận chuyển việc")
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilters]) -> QuerySet[Agency]:
    """Agencies of the councils the user sees, or of one ``council``; ``q`` searches names."""
    agencies = Agency.objects.visible_to(request.user).search(filters.q)
    if filters.council is not None:
        agencies = agencies.filter(council=_council(request, filters.council, VIEW))
    return agencies.order_by("council_id", "kind", "name_key", "pk")


@router.post(
    "/councils/{council_id}/agencies/",
    response={201: AgencyOut, 422: ErrorOut},
    summary="Thêm cơ quan, tổ chức nhận chuyển việc",
)
def create_agency(request: HttpRequest, council_id: int, payload: AgencyIn) -> Status[Any]:
    """``superior_id``: an agency of this council or of a council above it (for escalation)."""
    council = _council(request, council_id, MANAGE_COUNCIL)
    fields = payload.dict()
    superior_id = fields.pop("superior_id")
    fields["superior"] = Agency.objects.filter(pk=superior_id).first() if superior_id else None
    if superior_id and fields["superior"] is None:
        return Status(
            422, {"detail": "Không tìm thấy cơ quan cấp trên.", "errors": {"superior": ["Không tìm thấy."]}}
        )
    return _write(request, actions.create_agency, council, **fields)


from .api_units import router as units_router  # noqa: E402

ROUTERS = [units_router, router]
