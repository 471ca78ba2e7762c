"""A year of oversight for the `make run` demo of HĐND thành phố Hà Nội, written for the demo (no real
findings). It goes through the same actions staff use:

- the 2026 supervision programme with proposals (Ban Đô thị, voters through the petitions flagged for
  supervision, the Fatherland Front), adopted;
- a thematic supervision by Ban Đô thị from the team decision to the conclusion notice, with
  recommendations: one done with its report, one split into two parts rolled up, one overdue and
  re-supervised (its history carried), one multi-year;
- an explanation session at the standing committee's November meeting with two commitments;
- questioning at the mid-year session: slips, the topic, answers, delegates' judgement, a commitment.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.core.actions import seed_rules
from hdnd.councils.models import Agency, Body, BodyKind, Council, Membership, MembershipRole, Person
from hdnd.petitions.models import IssueFlag, PetitionIssue
from hdnd.sittings.models import Session, StandingMeeting

from . import actions
from .models import FollowStatus, QuestionSlip, Satisfaction, Supervision, SupervisionProgramme, TeamMember

STAFF = "office_staff"
TITLE = "Việc quản lý, vận hành hệ thống thoát nước, chống ngập úng đô thị (demo)"


def load_oversight_demo(council: Council) -> Supervision | None:
    """Build the demo once; None when the council already has a supervision programme for 2026."""
    if SupervisionProgramme.objects.filter(council=council, year=2026).exists():
        return None
    seed_rules()  # scripts/run has seeded them; a demo loaded alone needs the follow-up rules too
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        issues = list(PetitionIssue.objects.filter(council=council, flag=IssueFlag.SUPERVISION)[:3])
        programme = _programme(council, staff, issues)
        supervision = _supervision(council, staff, programme, issues)
        _explanation(council, staff, supervision)
        _questioning(council, staff, issues)
    return supervision


def _agency(council: Council, name: str) -> Agency:
    return Agency.objects.get(council=council, name=name)


def _people(body: Body) -> list[Person]:
    seats = Membership.objects.filter(body=body).select_related("person").order_by("pk")
    return [seat.person for seat in sorted(seats, key=lambda seat: seat.role != MembershipRole.HEAD)]


def _programme(council: Council, staff: User, issues: list[PetitionIssue]) -> SupervisionProgramme:
    programme = actions.create_programme(
        council, by=staff, year=2026, title="Chương trình giám sát năm 2026 (demo)"
    )
    urban = Body.objects.get(council=council, kind=BodyKind.URBAN)
    accepted = actions.add_proposal(
        programme,
        by=staff,
        source="committee",
        body=urban,
        proposer="Ban Đô thị",
        topic=TITLE,
        need="Ngập úng cục bộ kéo dài sau mưa lớn, cử tri nhiều phường phản ánh qua các kỳ tiếp xúc.",
        content="Quy hoạch, đầu tư, vận hành hệ thống thoát nước; xử lý điểm úng ngập.",
        scope="Giai đoạn 2021–2025, các phường nội đô",
        subjects="UBND thành phố, Sở Xây dựng, UBND các phường",
        issues=issues,
    )
    actions.decide_proposal(accepted, by=staff, accept=True)
    front = actions.add_proposal(
        programme,
        by=staff,
        source="front",
        proposer="Ủy ban MTTQ Việt Nam thành phố",
        topic="Việc thực hiện chính sách hỗ trợ người có công (demo)",
        need="Nhiều ý kiến của Mặt trận về hồ sơ tồn đọng.",
    )
    actions.decide_proposal(front, by=staff, accept=False)
    return actions.adopt_programme(programme, by=staff, on=date(2026, 1, 20))


def _supervision(
    council: Council, staff: User, programme: SupervisionProgramme, issues: list[PetitionIssue]
) -> Supervision:
    urban = Body.objects.get(council=council, kind=BodyKind.URBAN)
    people = _people(urban)
    construction = _agency(council, "Sở Xây dựng Hà Nội")
    city = _agency(council, "UBND thành phố Hà Nội")
    supervision = actions.create_supervision(
        council,
        by=staff,
        kind=Supervision.Kind.THEMATIC,
        title=TITLE,
        content="Quy hoạch, đầu tư, vận hành hệ thống thoát nước; xử lý các điểm úng ngập.",
        scope="Giai đoạn 2021–2025",
        body=urban,
        programme=programme,
        proposal=programme.proposals.first(),
        planned_month=3,
        issues=issues,
    )
    members = [actions.MemberLine(role=TeamMember.Role.HEAD, person=people[0])]
    members += [actions.MemberLine(role=TeamMember.Role.MEMBER, person=p) for p in people[1:3]]
    members.append(
        actions.MemberLine(
            role=TeamMember.Role.INVITED, name="Chuyên gia thủy lợi (demo)", position="Viện Thủy lợi"
        )
    )
    supervision = actions.establish_team(supervision, by=staff, on=date(2026, 3, 5), members=members)
    supervision = actions.send_plan(
        supervision,
        by=staff,
        on=date(2026, 3, 10),
        agencies=[construction, city],
        report_due_on=date(2026, 3, 27),
    )
    first, second = supervision.targets.order_by("pk")
    actions.receive_self_report(first, by=staff, on=date(2026, 3, 26))
    actions.receive_self_report(second, by=staff, on=date(2026, 4, 2))
    actions.request_supplement(first, by=staff, on=date(2026, 4, 3))
    actions.receive_supplement(first, by=staff, on=date(2026, 4, 8))
    actions.add_fieldwork(
        supervision, by=staff, on=date(2026, 4, 14), place="Sở Xây dựng Hà Nội", agency=construction
    )
    actions.add_fieldwork(supervision, by=staff, on=date(2026, 4, 16), place="Trạm bơm Yên Sở (demo)")
    finding = actions.add_finding(
        supervision,
        by=staff,
        text="Nhiều tuyến cống cũ chưa được cải tạo, nạo vét chưa thường xuyên.",
        issue=issues[0] if issues else None,
    )
    late = actions.add_finding(
        supervision, by=staff, text="Tiến độ các dự án chống ngập chậm so với kế hoạch."
    )
    supervision = actions.finish_fieldwork(supervision, by=staff, on=date(2026, 4, 17))
    supervision = actions.record_draft_report(
        supervision, by=staff, on=date(2026, 4, 28), consultation_until=date(2026, 5, 8)
    )
    supervision = actions.conclude_supervision(
        supervision,
        by=staff,
        on=date(2026, 5, 20),
        outcome=Supervision.Outcome.NOTICE,
        conclusions="Thành phố đã quan tâm đầu tư hệ thống thoát nước; tình trạng úng ngập giảm ở nhiều "
        "khu vực.\n"
        "Tuy nhiên một số điểm úng ngập kéo dài chưa được xử lý dứt điểm.",
    )
    _recommendations(council, staff, supervision, finding, late, construction, city)
    return supervision


def _recommendations(
    council: Council,
    staff: User,
    supervision: Supervision,
    finding: object,
    late: object,
    construction: Agency,
    city: Agency,
) -> None:
    on = date(2026, 5, 20)
    dredge = actions.add_recommendation(
        council,
        by=staff,
        agency=construction,
        content="Nạo vét toàn bộ tuyến cống chính trước mùa mưa năm 2026.",
        on=on,
        due_on=date(2026, 6, 30),
        supervision=supervision,
        finding=finding,  # type: ignore[arg-type]
    )
    actions.report_progress(
        dredge, by=staff, on=date(2026, 6, 25), status=FollowStatus.DONE, note="Đã nạo vét 42 km cống (demo)."
    )
    points = actions.add_recommendation(
        council,
        by=staff,
        agency=city,
        content="Xử lý dứt điểm các điểm úng ngập kéo dài.",
        on=on,
        due_on=date(2026, 10, 31),
        supervision=supervision,
        finding=late,  # type: ignore[arg-type]
    )
    for place, done in (("phố Mẫu (demo)", True), ("chợ Thử Nghiệm (demo)", False)):
        part = actions.add_recommendation(
            council,
            by=staff,
            agency=construction,
            content=f"Cải tạo cống tại điểm úng ngập {place}.",
            on=on,
            due_on=date(2026, 10, 31),
            supervision=supervision,
            parent=points,
        )
        if done:
            actions.report_progress(part, by=staff, on=date(2026, 10, 20), status=FollowStatus.DONE)
        else:
            actions.report_progress(
                part,
                by=staff,
                on=date(2026, 10, 20),
                status=FollowStatus.PARTLY_DONE,
                progress=40,
                note="Đang thi công (demo).",
            )
    overdue = actions.add_recommendation(
        council,
        by=staff,
        agency=construction,
        content="Hoàn thành dự án trạm bơm tiêu phía Tây (giai đoạn 1).",
        on=on,
        due_on=date(2026, 8, 31),
        supervision=supervision,
        finding=late,  # type: ignore[arg-type]
    )
    actions.run_followup(date(2026, 9, 1))  # reminded and escalated to the People's Committee
    actions.start_resupervision(overdue, by=staff, on=date(2026, 10, 15))
    actions.add_recommendation(
        council,
        by=staff,
        agency=city,
        content="Xây dựng lộ trình đầu tư hệ thống thoát nước giai đoạn 2026–2030.",
        on=on,
        multi_year=True,
        supervision=supervision,
    )


def _explanation(council: Council, staff: User, supervision: Supervision) -> None:
    meeting = StandingMeeting.objects.filter(council=council, meets_on=date(2026, 11, 10)).first()
    agency = _agency(council, "Sở Nông nghiệp và Môi trường Hà Nội")
    session = actions.plan_explanation(
        council,
        by=staff,
        title="Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các khu tập thể (demo)",
        agency=agency,
        officials="Giám đốc Sở Nông nghiệp và Môi trường (demo)",
        planned_on=date(2026, 11, 10),
        standing_meeting=meeting,
    )
    session = actions.record_explanation(
        session,
        by=staff,
        held_on=date(2026, 11, 10),
        participants="Thường trực HĐND, các Ban, đại diện UBND thành phố.",
        answers="Đã cấp 1.250/2.000 hồ sơ; vướng mắc do thiếu hồ sơ gốc.",
        satisfaction=Satisfaction.PARTLY,
    )
    actions.conclude_explanation(
        session,
        by=staff,
        on=date(2026, 11, 13),
        conclusion="Đề nghị hoàn thành cấp giấy chứng nhận trong quý I năm 2027.",
    )
    for content, due, done in (
        ("Rà soát, hướng dẫn các hộ bổ sung hồ sơ.", date(2026, 11, 30), True),
        ("Cấp xong giấy chứng nhận cho các hộ đủ điều kiện.", date(2027, 3, 31), False),
    ):
        item = actions.add_commitment(
            session,
            by=staff,
            official="Giám đốc Sở Nông nghiệp và Môi trường",
            agency=agency,
            content=content,
            on=date(2026, 11, 10),
            due_on=due,
        )
        if done:
            actions.report_progress(item, by=staff, on=date(2026, 11, 28), status=FollowStatus.DONE)


def _questioning(council: Council, staff: User, issues: list[PetitionIssue]) -> None:
    session = (
        Session.objects.filter(council=council, status=Session.Status.CLOSED).order_by("-opens_on").first()
    )
    if session is None:
        return
    construction = _agency(council, "Sở Xây dựng Hà Nội")
    topic = actions.create_topic(
        council,
        by=staff,
        title="Ngập úng đô thị và tiến độ các dự án thoát nước (demo)",
        criteria={"pressing": True, "supervision_findings": True},
        reasons="Cử tri phản ánh nhiều kỳ; giám sát của Ban Đô thị.",
        respondents="Giám đốc Sở Xây dựng",
        session=session,
        agencies=[construction],
        issues=issues,
    )
    topic = actions.select_topic(topic, by=staff, selected=True)
    delegates = list(
        Person.objects.filter(council=council, memberships__role=MembershipRole.DELEGATE).distinct()[:2]
    )
    for delegate, text in zip(
        delegates,
        ("Vì sao dự án trạm bơm phía Tây chậm tiến độ?", "Giải pháp cho điểm úng ngập tại chợ Thử Nghiệm?"),
        strict=False,
    ):
        slip = actions.submit_slip(
            council,
            by=staff,
            delegate=delegate,
            channel=QuestionSlip.Channel.DURING_SESSION,
            addressee="Giám đốc Sở Xây dựng",
            agency=construction,
            content=text,
            submitted_on=session.opens_on,
            session=session,
            topic=topic,
        )
        actions.answer_slip(
            slip,
            by=staff,
            status=QuestionSlip.Status.ANSWERED_IN_PERSON,
            answer="Giám đốc Sở đã trả lời tại phiên chất vấn (demo).",
            answered_on=session.opens_on,
            satisfaction=Satisfaction.PARTLY,
        )
    topic = actions.record_questioning(
        topic,
        by=staff,
        on=session.opens_on,
        answers="Giám đốc Sở Xây dựng trả lời về tiến độ và giải pháp.",
        satisfaction=Satisfaction.PARTLY,
    )
    actions.add_commitment(
        topic,
        by=staff,
        official="Giám đốc Sở Xây dựng",
        agency=construction,
        content="Đưa trạm bơm phía Tây vào vận hành trước mùa mưa năm 2027.",
        on=session.opens_on,
        due_on=date(2027, 4, 30),
    )
    actions.conclude_topic(
        topic,
        by=staff,
        conclusion="Chủ tọa kết luận: yêu cầu Sở Xây dựng thực hiện đúng cam kết.",
        draft_resolution=True,
    )
