"""Arrange petitions through the same actions users go through (the tests' shared helpers)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hdnd.core.actions import seed_rules
from hdnd.core.text import fold
from hdnd.councils.models import Agency, AgencyKind, Council
from hdnd.petitions.actions.entry import create_cycle, record_meeting, register_petition
from hdnd.petitions.actions.forwarding import forward_issue, record_answer
from hdnd.petitions.actions.synthesis import confirm_issue, synthesize_cycle
from hdnd.petitions.models import Answer, Cycle, Forwarding, Outcome, Petition, PetitionIssue, VoterMeeting

ROAD = "Đề nghị sửa chữa tuyến đường liên thôn Đông – Tây bị xuống cấp."
ROAD_AGAIN = "Cử tri đề nghị sớm sửa chữa đường liên thôn Đông Tây đã xuống cấp nghiêm trọng."
LIGHTS = "Đề nghị lắp đặt hệ thống đèn chiếu sáng công cộng tại tổ dân phố 3."
LAND = "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân thôn Bắc."


def cycle(council: Council, by: Any = None, name: str = "Trước kỳ họp thứ 12") -> Cycle:
    return create_cycle(council, by=by, name=name, kind=Cycle.Kind.BEFORE_SESSION, year=2026)


def meeting(council: Council, by: Any = None, in_cycle: Cycle | None = None) -> VoterMeeting:
    return record_meeting(
        in_cycle or cycle(council, by), by=by, date=date(2026, 11, 20), place_text="Nhà văn hóa thôn Đông"
    )


def petition(of: VoterMeeting, text: str = ROAD, by: Any = None) -> Petition:
    return register_petition(
        of.council, by=by, cycle=of.cycle, meeting=of, source=Petition.Source.MEETING, text=text
    )


def two_draft_issues(council: Council, by: Any = None) -> tuple[PetitionIssue, PetitionIssue]:
    """A cycle with a road issue (two petitions) and a lights issue (one), both drafts."""
    at = meeting(council, by)
    for text in (ROAD, ROAD_AGAIN, LIGHTS):
        petition(at, text, by)
    road, lights = synthesize_cycle(council, at.cycle, by=by)
    return road, lights


def agency(council: Council, name: str | None = None) -> Agency:
    """The council's first agency (the cast's responder sits in the province's), or a new one."""
    found = Agency.objects.filter(council=council).order_by("pk").first()
    if found is not None and name is None:
        return found
    return Agency.objects.create(
        council=council, name=name or "Sở Giao thông vận tải", kind=AgencyKind.DEPARTMENT
    )


def confirmed_issue(council: Council, by: Any = None) -> PetitionIssue:
    road, _ = two_draft_issues(council, by)
    return confirm_issue(road, by=by)


def forwarded(council: Council, by: Any = None, on: date = date(2026, 11, 23)) -> Forwarding:
    """A confirmed road issue forwarded to the council's first agency (rules seeded first)."""
    seed_rules()
    (made,) = forward_issue(confirmed_issue(council, by), [agency(council)], by=by, on=on)
    return made


def answered(council: Council, by: Any) -> Answer:
    """A forwarding answered as resolved by ``by`` (who must be allowed to answer)."""
    return record_answer(
        forwarded(council), by=by, outcome=Outcome.RESOLVED, text="Đã sửa xong tuyến đường tháng 10/2026."
    )


# Every council role reads the council's petitions, but the agency responder, who reads only what was
# forwarded to their agency (``VIEW_PETITIONS``, DESIGN §2).
PETITION_READERS = (
    "council_admin",
    "office_staff",
    "standing_member",
    "committee_member",
    "delegate",
    "auditor",
)


def responder_gets_404(expect: dict[str, Any]) -> dict[str, Any]:
    """An issue not forwarded to the responder's agency: 404 for the responder, like another council's."""
    return {**expect, "agency_responder": (404, 404, 404)}


def responder_reads_own_agency(expect: dict[str, Any]) -> dict[str, Any]:
    """Work of the agency the cast's responder answers for (``agency(council)``): theirs to read."""
    return {**expect, "agency_responder": (200, 404, 404)}


def in_bulk(council: Council, cycle: Cycle, texts: list[str]) -> None:
    """Petitions written straight to the table (the search tests' volumes), with their search keys."""
    Petition.objects.bulk_create(
        Petition(council=council, cycle=cycle, source=Petition.Source.LETTER, text=t, text_key=fold(t))
        for t in texts
    )
