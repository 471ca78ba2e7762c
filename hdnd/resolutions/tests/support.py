"""Arrange resolutions through the same actions users go through (the tests' shared helpers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from hdnd.core.audit import Actor
from hdnd.councils.models import Council
from hdnd.resolutions import actions, followup, review
from hdnd.resolutions.models import Attachment, Kind, Resolution, ResolutionReview, ResolutionTask

BUDGET = "Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương năm 2027"
FEES = "Quy định mức thu, miễn, giảm phí thẩm định cấp giấy chứng nhận quyền sử dụng đất"


def draft(
    council: Council, by: Actor = None, title: str = BUDGET, kind: str = Kind.INDIVIDUAL, **extra: Any
) -> Resolution:
    field = "Tài chính - ngân sách" if title == BUDGET else "Đất đai"
    return actions.draft_resolution(council, by=by, title=title, kind=kind, **{"field": field, **extra})


def adopted(council: Council, by: Actor = None, on: date = date(2026, 12, 10), **extra: Any) -> Resolution:
    return actions.adopt_resolution(draft(council, by, **extra), by=by, adopted_on=on)


def published(council: Council, by: Actor = None, on: date = date(2026, 12, 10), **extra: Any) -> Resolution:
    return actions.publish_resolution(adopted(council, by, on, **extra), by=by, published_on=on)


def attachment(resolution: Resolution) -> Attachment:
    return Attachment.objects.create(
        resolution=resolution, title="Phụ lục", file=ContentFile(b"%PDF-1.4 phu luc", name="phu-luc.pdf")
    )


def task(resolution: Resolution, by: Actor = None) -> ResolutionTask:
    return followup.add_task(
        resolution,
        by=by,
        requirement="Báo cáo kết quả thực hiện 6 tháng",
        due_on=date(2027, 6, 30),
        agency_name="UBND",
    )


def review_of(council: Council, by: Actor = None) -> ResolutionReview:
    """A review of a published resolution of ``council`` (a province, without a parent, reviews itself)."""
    resolution = published(council, by)
    if council.parent_id is not None:
        return review.start_review(resolution, by=by)
    return ResolutionReview.objects.create(council=council, reviewing_council=council, resolution=resolution)
