"""Arrange oversight records through the same actions users go through (tests and matrix rows)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hdnd.core.actions import seed_rules
from hdnd.councils.models import Agency, AgencyKind, Body, BodyKind, Council, Person
from hdnd.oversight import actions
from hdnd.oversight.models import (
    ExplanationSession,
    QuestioningTopic,
    Recommendation,
    Supervision,
    TeamMember,
)

PLAN_SENT = date(2026, 3, 2)  # Monday
REPORT_DUE = date(2026, 3, 20)
FIELDWORK = date(2026, 4, 6)
ENDED = date(2026, 4, 10)  # Friday
CONCLUDED = date(2026, 5, 15)


def rules() -> None:
    """The rules table as shipped, the follow-up reminder and escalation among them."""
    seed_rules()


def body(
    council: Council, kind: str = BodyKind.ECONOMY_BUDGET, name: str = "Ban Kinh tế – Ngân sách"
) -> Body:
    found, _ = Body.objects.get_or_create(council=council, kind=kind, defaults={"name": name})
    return found


def person(council: Council, name: str = "Nguyễn Văn Giám Sát") -> Person:
    found, _ = Person.objects.get_or_create(
        council=council, full_name=name, defaults={"position": "Đại biểu"}
    )
    return found


def agency(council: Council, name: str = "Sở Xây dựng", superior: Agency | None = None) -> Agency:
    found, _ = Agency.objects.get_or_create(
        council=council,
        name=name,
        defaults={"kind": AgencyKind.DEPARTMENT, "superior": superior, "email": "so@example.org"},
    )
    return found


def peoples_committee(council: Council) -> Agency:
    found, _ = Agency.objects.get_or_create(
        council=council,
        name="Ủy ban nhân dân",
        defaults={"kind": AgencyKind.PEOPLES_COMMITTEE, "email": "ubnd@example.org"},
    )
    return found


def planned(council: Council, by: Any = None, kind: str = Supervision.Kind.THEMATIC) -> Supervision:
    return actions.create_supervision(
        council,
        by=by,
        kind=kind,
        title="Việc quản lý, sử dụng đất công trên địa bàn",
        content="Tình hình quản lý đất công giai đoạn 2021–2025",
        body=body(council),
    )


def established(council: Council, by: Any = None, on: date = date(2026, 2, 20)) -> Supervision:
    head = actions.MemberLine(role=TeamMember.Role.HEAD, person=person(council, "Trần Thị Trưởng Đoàn"))
    return actions.establish_team(planned(council, by), by=by, on=on, members=[head])


def plan_sent(council: Council, by: Any = None) -> Supervision:
    return actions.send_plan(
        established(council, by), by=by, on=PLAN_SENT, agencies=[agency(council)], report_due_on=REPORT_DUE
    )


def in_fieldwork(council: Council, by: Any = None) -> Supervision:
    supervision = plan_sent(council, by)
    actions.add_fieldwork(
        supervision, by=by, on=FIELDWORK, place="Trụ sở Sở Xây dựng", agency=agency(council)
    )
    supervision.refresh_from_db()
    return supervision


def concluded(council: Council, by: Any = None, outcome: str = Supervision.Outcome.NOTICE) -> Supervision:
    supervision = actions.finish_fieldwork(in_fieldwork(council, by), by=by, on=ENDED)
    return actions.conclude_supervision(
        supervision, by=by, on=CONCLUDED, outcome=outcome, conclusions="Cơ bản thực hiện đúng quy định."
    )


def recommendation(
    council: Council, by: Any = None, *, due_on: date = date(2026, 9, 30), on: date = CONCLUDED, **extra: Any
) -> Recommendation:
    supervision = extra.pop("supervision", None) or concluded(council, by)
    return actions.add_recommendation(
        council,
        by=by,
        agency=extra.pop("agency", None) or agency(council),
        content=extra.pop("content", "Rà soát, thu hồi diện tích đất công bị lấn chiếm."),
        on=on,
        due_on=due_on,
        supervision=supervision,
        **extra,
    )


def topic(council: Council, by: Any = None) -> QuestioningTopic:
    return actions.create_topic(
        council,
        by=by,
        title="Ngập úng đô thị mùa mưa",
        criteria={"pressing": True},
        respondents="Giám đốc Sở Xây dựng",
        agencies=[agency(council)],
    )


def explanation(council: Council, by: Any = None) -> ExplanationSession:
    return actions.plan_explanation(
        council,
        by=by,
        title="Tiến độ cấp giấy chứng nhận quyền sử dụng đất",
        agency=agency(council),
        officials="Giám đốc Sở Nông nghiệp và Môi trường",
        planned_on=date(2026, 6, 10),
    )


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 minh chung", content_type="application/pdf")
