"""The province's review of commune resolutions (giám sát văn bản, Luật Giám sát 2025).

Province staff and delegates with REVIEW_RESOLUTIONS over a commune pick one of its adopted resolutions,
record findings; the commune's staff (MANAGE_RESOLUTIONS in the commune) record what they did.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hdnd.accounts.models import User
from hdnd.accounts.scope import REVIEW_RESOLUTIONS, scope_of
from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status
from hdnd.councils.models import Council

from .models import REVIEW_TRANSITIONS, Resolution, ResolutionReview, ReviewStatus, Status

ACTION_LABELS = {
    "resolutions.start_review": "Chọn nghị quyết cấp xã để xem xét",
    "resolutions.record_findings": "Ghi ý kiến xem xét nghị quyết cấp xã",
    "resolutions.record_response": "Cấp xã ghi nhận việc xử lý ý kiến xem xét",
    "resolutions.close_review": "Kết thúc xem xét nghị quyết cấp xã",
}


def reviewable_ids(user: Any, council: Council) -> list[int]:
    """The councils directly below ``council`` whose resolutions ``user`` may review."""
    below = Council.objects.filter(parent=council).values_list("pk", flat=True)
    allowed = scope_of(user).council_ids_for(REVIEW_RESOLUTIONS)
    return [pk for pk in below if allowed is None or pk in allowed]


def start_review(resolution: Resolution, *, by: Actor) -> ResolutionReview:
    """Open a review of a commune resolution by the council directly above it."""
    parent_id = resolution.council.parent_id
    if parent_id is None:
        raise ValidationError("Nghị quyết này không có HĐND cấp trên để xem xét.")
    if resolution.status == Status.DRAFT:
        raise ValidationError("Không xem xét dự thảo nghị quyết.")
    try:
        with transaction.atomic():
            review = ResolutionReview.objects.create(
                council_id=resolution.council_id,
                reviewing_council_id=parent_id,
                resolution=resolution,
                reviewer=by if isinstance(by, User) and by.is_authenticated else None,
            )
            record(
                action="resolutions.start_review",
                actor=by,
                obj=review,
                council=resolution.council,
                after={"resolution": resolution.pk, "symbol": resolution.symbol},
            )
    except IntegrityError:
        raise ValidationError("Nghị quyết này đang được xem xét.") from None
    return review


def _step(
    review: ResolutionReview, target: str, *, by: Actor, action: str, refusal: str, **also: Any
) -> ResolutionReview:
    with transaction.atomic():
        locked = ResolutionReview.objects.select_for_update().get(pk=review.pk)
        change_status(
            locked, target, table=REVIEW_TRANSITIONS, refusal=refusal, by=by, action=action, also=also
        )
    return locked


def record_findings(review: ResolutionReview, *, by: Actor, findings: str, on: date) -> ResolutionReview:
    if not nfc(findings):
        raise ValidationError({"findings": "Nhập ý kiến xem xét."})
    return _step(
        review,
        ReviewStatus.FINDINGS,
        by=by,
        action="resolutions.record_findings",
        refusal="Việc xem xét đã kết thúc.",
        findings=nfc(findings),
        findings_on=on,
    )


def record_response(review: ResolutionReview, *, by: Actor, response: str, on: date) -> ResolutionReview:
    if not nfc(response):
        raise ValidationError({"response": "Nhập nội dung cấp xã đã xử lý."})
    return _step(
        review,
        ReviewStatus.RESPONDED,
        by=by,
        action="resolutions.record_response",
        refusal="Chỉ ghi việc xử lý sau khi có ý kiến xem xét.",
        response=nfc(response),
        response_on=on,
    )


def close_review(review: ResolutionReview, *, by: Actor) -> ResolutionReview:
    return _step(
        review,
        ReviewStatus.CLOSED,
        by=by,
        action="resolutions.close_review",
        refusal="Việc xem xét đã kết thúc.",
    )
