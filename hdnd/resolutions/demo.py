"""The resolutions of the `make run` demo year (``hdnd.sittings.demo`` builds its sessions first).

Through the same actions staff use: an older normative resolution of 2024, still in force; the mid-year
session's two drafts put on its agenda, adopted, published and followed up, one replacing the 2024 one;
the year-end session's draft waiting on its agenda; a ward's resolution under the city's review.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.councils.models import Council
from hdnd.sittings import conduct
from hdnd.sittings import demo as sittings_demo
from hdnd.sittings.models import Session, SessionAgendaItem

from . import actions, followup, review
from .models import Kind, Resolution

FEES_2024 = "Quy định mức thu phí tham quan di tích (văn bản năm 2024, demo)"
WARD_RESOLUTION = "Về kế hoạch chỉnh trang vỉa hè các tuyến phố trên địa bàn phường (demo)"
# Each draft on the demo agendas: its kind and field.
DRAFTS = {
    sittings_demo.BUDGET: (Kind.INDIVIDUAL, "Tài chính - ngân sách"),
    sittings_demo.FEES: (Kind.NORMATIVE, "Phí, lệ phí"),
    sittings_demo.SCHOOLS: (Kind.INDIVIDUAL, "Đầu tư công"),
}


def load_resolutions_demo(council: Council, mid_year: Session) -> None:
    """Add the year's resolutions to the sessions ``load_sittings_demo`` built (once, with them)."""
    staff = User.objects.get(username=sittings_demo.STAFF)
    with transaction.atomic():
        fees_2024 = _older_resolution(council, staff)
        drafts = _drafts_on_the_agendas(council, staff)
        _mid_year_resolutions(mid_year, staff, drafts, fees_2024)
        _ward_review(council, staff)


def _older_resolution(council: Council, staff: User) -> Resolution:
    """A normative resolution of the previous term, entered with its real-style number, in force."""
    fees = actions.draft_resolution(
        council, by=staff, title=FEES_2024, kind=Kind.NORMATIVE, field="Phí, lệ phí"
    )
    fees = actions.adopt_resolution(fees, by=staff, adopted_on=date(2024, 7, 4), number=18)
    fees = actions.publish_resolution(fees, by=staff, published_on=date(2024, 7, 8))
    return actions.set_status(fees, "in_force", by=staff, on=date(2024, 7, 15))


def _drafts_on_the_agendas(council: Council, staff: User) -> dict[str, Resolution]:
    """A draft for each draft-resolution item of the demo sessions, filed under its session and named on
    the item, as the agenda form does."""
    found: dict[str, Resolution] = {}
    items = SessionAgendaItem.objects.filter(
        session__council=council, kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION, title__in=DRAFTS
    ).select_related("session", "examining_body")
    for item in items.order_by("session__opens_on", "position"):
        kind, field = DRAFTS[item.title]
        draft = actions.draft_resolution(
            council, by=staff, title=item.title, kind=kind, field=field, session=item.session
        )
        conduct.edit_agenda_item(
            item,
            by=staff,
            kind=item.kind,
            title=item.title,
            presenter=item.presenter,
            examining_body=item.examining_body,
            resolution=draft,
        )
        found[item.title] = draft
    return found


# The demo's full text of the budget resolution (the fees one is left for the clerk to enter or upload).
BUDGET_TEXT = """Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;
Căn cứ Luật Ngân sách nhà nước;
Xét Tờ trình của Ủy ban nhân dân thành phố; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách (demo).
QUYẾT NGHỊ:
Điều 1. Giao dự toán thu, chi ngân sách năm 2027 theo các phụ lục kèm theo (demo).
Điều 2. Giao Ủy ban nhân dân thành phố tổ chức thực hiện; Thường trực HĐND giám sát."""


def _mid_year_resolutions(
    session: Session, staff: User, drafts: dict[str, Resolution], fees_2024: Resolution
) -> None:
    """The two drafts the mid-year session passed: adopted, published, followed up."""
    adopted = session.closes_on
    budget = actions.adopt_resolution(drafts[sittings_demo.BUDGET], by=staff, adopted_on=adopted)
    fees = actions.adopt_resolution(
        drafts[sittings_demo.FEES], by=staff, adopted_on=adopted, issued_on=date(2026, 7, 15)
    )
    actions.enter_text(budget, by=staff, text=BUDGET_TEXT)
    for resolution in (budget, fees):
        actions.publish_resolution(resolution, by=staff, published_on=date(2026, 7, 17))
    actions.link_resolutions(fees, fees_2024, "replaces", by=staff)
    followup.add_task(
        budget,
        by=staff,
        agency=None,
        agency_name="Sở Tài chính",
        requirement="Báo cáo tình hình thực hiện dự toán 9 tháng năm 2026 (demo).",
        due_on=date(2026, 10, 15),
    )
    followup.add_task(
        fees,
        by=staff,
        agency=None,
        agency_name="Sở Văn hóa và Thể thao",
        requirement="Báo cáo kết quả thu phí sau 6 tháng áp dụng (demo).",
        due_on=date(2027, 2, 15),
    )


def _ward_review(city: Council, staff: User) -> None:
    """A ward's published resolution that the city's office has started to review."""
    ward = Council.objects.filter(parent=city).order_by("unit__code").first()
    if ward is None:
        return
    resolution = actions.draft_resolution(ward, by=staff, title=WARD_RESOLUTION, field="Đô thị")
    resolution = actions.adopt_resolution(resolution, by=staff, adopted_on=date(2026, 9, 25))
    resolution = actions.publish_resolution(resolution, by=staff, published_on=date(2026, 9, 30))
    review.start_review(resolution, by=staff)
