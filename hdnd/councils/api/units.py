"""Units over the JSON API (public): list with filters, and one unit with its predecessors and successors.

Pagination is page-number based (``?page=2&page_size=100``, at most 100 a page), the same as the pages;
each answer carries the total ``count`` and the ``items``.
"""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from hdnd.api.auth import public
from hdnd.core.paging import PageNumberPagination
from hdnd.councils.models import AdminUnit, Level
from hdnd.councils.units import parse_day, predecessors, successors_today, units_for_list, with_parents

# Public: anyone may read the national list; a token, if sent, still identifies its user.
router = Router(tags=["Đơn vị hành chính"], auth=public)


class UnitRefOut(Schema):
    """A unit named in another unit's answer: enough to show it and link to it."""

    id: int
    code: str
    name: str
    level: str
    kind: str
    province: str

    @staticmethod
    def resolve_province(obj: AdminUnit) -> str:
        return obj.province.name


class UnitOut(UnitRefOut):
    """A unit in the list."""

    kind_label: str
    valid_from: date | None
    valid_to: date | None
    parent: UnitRefOut | None

    @staticmethod
    def resolve_kind_label(obj: AdminUnit) -> str:
        return obj.get_kind_display()


class UnitDetailOut(UnitOut):
    """One unit with the units it was formed from and the units valid today that carry it on."""

    is_current: bool
    predecessors: list[UnitRefOut]
    successors: list[UnitRefOut]

    @staticmethod
    def resolve_is_current(obj: AdminUnit) -> bool:
        return obj.is_valid_on()

    @staticmethod
    def resolve_predecessors(obj: AdminUnit) -> list[AdminUnit]:
        return predecessors(obj)

    @staticmethod
    def resolve_successors(obj: AdminUnit) -> list[AdminUnit]:
        return [] if obj.is_valid_on() else successors_today(obj)


class UnitFilters(Schema):
    level: str | None = None
    on: str | None = None
    q: str | None = None


# Units are public, so a refusal names its problem exactly (there is no scope to hide): a bad query
# parameter answers 422 and an unknown unit 404, each with its own message as ``detail`` (HttpError).


def _level(value: str | None) -> str:
    if value and value not in Level.values:
        raise HttpError(422, f"Cấp “{value}” không hợp lệ; chọn một trong: {', '.join(Level.values)}.")
    return value or ""


def _on(value: str | None) -> date:
    if not value:
        return timezone.localdate()
    day = parse_day(value)
    if day is None:
        raise HttpError(422, f"Ngày “{value}” không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2025-07-01.")
    return day


@router.get("/units/", response=list[UnitOut], summary="Danh sách đơn vị hành chính")
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> object:
    """Units valid on ``on`` (YYYY-MM-DD, default today), of one ``level`` (province, district, commune),
    whose name contains ``q`` without regard to accents ("ba dinh" finds "Ba Đình")."""
    return units_for_list(_level(filters.level), _on(filters.on), filters.q or "")


@router.get("/units/{unit_id}/", response=UnitDetailOut, summary="Một đơn vị hành chính")
def get_unit(request: HttpRequest, unit_id: int) -> AdminUnit:
    """The unit, its parent, the units it was formed from, and the units valid today that carry it on
    (following every later change; a district through its communes). Successors are empty for a
    unit valid today."""
    unit = with_parents(AdminUnit.objects.filter(pk=unit_id)).first()
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị hành chính.")
    return unit
