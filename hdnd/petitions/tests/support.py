"""Arrange petitions through the same actions users go through (the tests' shared helpers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.councils.models import Council
from hdnd.petitions import actions
from hdnd.petitions.models import Cycle, Petition, PetitionIssue, VoterMeeting

ROAD = "Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp."
ROAD_AGAIN = "Cử tri đề nghị sớm sửa chữa đường liên thôn Đông Tây đã xuống cấp nghiêm trọng."
LIGHTS = "Đề nghị lắp đặt hệ thống đèn chiếu sáng công cộng tại tổ dân phố 3."
LAND = "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân thôn Bắc."


def cycle(council: Council, by: Any = None, name: str = "Trước kỳ họp thứ 12") -> Cycle:
    return actions.create_cycle(council, by=by, name=name, kind=Cycle.Kind.BEFORE_SESSION, year=2026)


def meeting(council: Council, by: Any = None, in_cycle: Cycle | None = None) -> VoterMeeting:
    return actions.record_meeting(
        in_cycle or cycle(council, by), by=by, date=date(2026, 11, 20), place_text="Nhà văn hóa thôn Đông"
    )


def petition(of: VoterMeeting, text: str = ROAD, by: Any = None) -> Petition:
    return actions.register_petition(
        of.council, by=by, cycle=of.cycle, meeting=of, source=Petition.Source.MEETING, text=text
    )


def two_draft_issues(council: Council, by: Any = None) -> tuple[PetitionIssue, PetitionIssue]:
    """A cycle with a road issue (two petitions) and a lights issue (one), both drafts."""
    at = meeting(council, by)
    for text in (ROAD, ROAD_AGAIN, LIGHTS):
        petition(at, text, by)
    road, lights = actions.synthesize_cycle(council, at.cycle, by=by)
    return road, lights
