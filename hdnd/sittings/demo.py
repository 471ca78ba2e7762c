"""A council's formal year for the `make run` demo, written for the demo (no real resolution text).

It goes through the same actions staff use, so a newcomer can walk the formal work of HĐND thành phố
Hà Nội khóa XVII: the first session; the mid-year regular session held end to end (preparatory meeting,
agenda with examining Bans, documents, attendance, votes, minutes) whose resolutions are adopted,
published and followed up, one amending an older one; the year-end session convened and waiting to open
(numbered decision and notice, a draft resolution); two standing-committee meetings, the held one with
a numbered conclusion notice whose items are tasks; and a ward's resolution under the city's review.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.councils.models import Body, BodyKind, Council, Term
from hdnd.resolutions import actions as resolutions
from hdnd.resolutions import followup as resolution_followup
from hdnd.resolutions import review
from hdnd.resolutions.models import Kind, Resolution

from . import actions, conduct, results, standing, voting
from .models import Session
from .models_conduct import SessionAgendaItem, SessionAttendance, SessionVote
from .models_standing import StandingMeeting

STAFF = "office_staff"  # the demo user of the city's office, as in the petitions demo
PLACE = "Hội trường Trung tâm Hội nghị thành phố (demo)"
BUDGET = "Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương năm 2027 (demo)"
FEES = "Quy định mức thu phí tham quan các điểm di tích trên địa bàn thành phố (demo)"
FEES_2024 = "Quy định mức thu phí tham quan di tích (văn bản năm 2024, demo)"
SCHOOLS = "Về kế hoạch đầu tư công trung hạn xây dựng trường học giai đoạn 2026–2030 (demo)"
WARD_RESOLUTION = "Về kế hoạch chỉnh trang vỉa hè các tuyến phố trên địa bàn phường (demo)"


def load_sittings_demo(council: Council) -> Session | None:
    """Build the demo year once; None when the council already has sessions in its current term."""
    term = Term.objects.filter(council=council).order_by("-starts_on").first()
    if term is None or Session.objects.filter(council=council, term=term).exists():
        return None
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        _first_session(council, term, staff)
        fees_2024 = _older_resolution(council, staff)
        mid_year = _mid_year_session(council, term, staff, fees_2024)
        _year_end_session(council, term, staff)
        _standing_meetings(council, staff)
        _ward_review(council, staff)
    return mid_year


def _held(session: Session, staff: User, convened_on: date, sent_on: date) -> Session:
    session = actions.convene_session(session, by=staff, convened_on=convened_on)
    session = actions.issue_notice(session, by=staff, issued_on=convened_on)
    session = actions.send_documents(session, by=staff, sent_on=sent_on)
    return actions.open_session(session, by=staff)


def _first_session(council: Council, term: Term, staff: User) -> None:
    session = actions.plan_session(
        council,
        by=staff,
        term=term,
        kind=Session.Kind.FIRST,
        opens_on=date(2026, 3, 27),
        closes_on=date(2026, 3, 27),
        place=PLACE,
    )
    session = _held(session, staff, date(2026, 3, 5), date(2026, 3, 17))
    actions.close_session(session, by=staff)


def _older_resolution(council: Council, staff: User) -> Resolution:
    """A normative resolution of the previous term, entered with its real-style number, in force."""
    fees = resolutions.draft_resolution(
        council, by=staff, title=FEES_2024, kind=Kind.NORMATIVE, field="Phí, lệ phí"
    )
    fees = resolutions.adopt_resolution(fees, by=staff, adopted_on=date(2024, 7, 4), number=18)
    fees = resolutions.publish_resolution(fees, by=staff, published_on=date(2024, 7, 8))
    return resolutions.set_status(fees, "in_force", by=staff, on=date(2024, 7, 15))


def _mid_year_session(council: Council, term: Term, staff: User, fees_2024: Resolution) -> Session:
    session = actions.plan_session(
        council,
        by=staff,
        term=term,
        kind=Session.Kind.REGULAR,
        opens_on=date(2026, 7, 7),
        closes_on=date(2026, 7, 9),
        place=PLACE,
    )
    conduct.record_preparatory_meeting(
        session,
        by=staff,
        held_on=date(2026, 6, 12),
        participants="Thường trực HĐND, UBND, Ủy ban MTTQ Việt Nam thành phố",
        conclusions="Thống nhất nội dung, chương trình kỳ họp; giao các Ban thẩm tra dự thảo nghị quyết.",
    )
    budget_ban = Body.objects.filter(council=council, kind=BodyKind.ECONOMY_BUDGET).first()
    legal_ban = Body.objects.filter(council=council, kind=BodyKind.LEGAL).first()
    conduct.add_agenda_item(
        session,
        by=staff,
        kind=SessionAgendaItem.Kind.REPORT,
        title="Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm 2026 (demo)",
        presenter="UBND thành phố",
    )
    drafts = [
        (BUDGET, Kind.INDIVIDUAL, "Tài chính - ngân sách", budget_ban),
        (FEES, Kind.NORMATIVE, "Phí, lệ phí", legal_ban),
    ]
    items = []
    for title, kind, field, ban in drafts:
        draft = resolutions.draft_resolution(
            council, by=staff, title=title, kind=kind, field=field, session=session
        )
        item = conduct.add_agenda_item(
            session,
            by=staff,
            kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION,
            title=title,
            presenter="UBND thành phố",
            examining_body=ban,
            resolution=draft,
        )
        conduct.record_examination(item, by=staff, on=date(2026, 6, 26))
        items.append((item, draft))
    session = _held(session, staff, date(2026, 6, 15), date(2026, 6, 29))

    delegates = voting.term_delegates(session)
    excused = delegates[-1:]  # one delegate away on duty, with the reason
    entries = {person.pk: (SessionAttendance.Status.PRESENT, "") for person in delegates[:-1]}
    entries |= {person.pk: (SessionAttendance.Status.EXCUSED, "Đi công tác (demo)") for person in excused}
    voting.record_attendance(session, by=staff, entries=entries)
    present = len(delegates) - len(excused)
    (budget_item, budget), (fees_item, fees) = items
    voting.record_vote(
        budget_item, by=staff, method=SessionVote.Method.ELECTRONIC, votes_for=present, subject=BUDGET
    )
    voting.record_vote(
        fees_item,
        by=staff,
        method=SessionVote.Method.SHOW_OF_HANDS,
        votes_for=present - 1,
        abstentions=1,
        subject=FEES,
    )
    adopted = date(2026, 7, 9)
    budget = resolutions.adopt_resolution(budget, by=staff, adopted_on=adopted)
    fees = resolutions.adopt_resolution(fees, by=staff, adopted_on=adopted, issued_on=date(2026, 7, 15))
    for resolution in (budget, fees):
        resolutions.publish_resolution(resolution, by=staff, published_on=date(2026, 7, 17))
    resolutions.link_resolutions(fees, fees_2024, "replaces", by=staff)
    resolution_followup.add_task(
        budget,
        by=staff,
        agency=None,
        agency_name="Sở Tài chính",
        requirement="Báo cáo tình hình thực hiện dự toán 9 tháng năm 2026 (demo).",
        due_on=date(2026, 10, 15),
    )
    resolution_followup.add_task(
        fees,
        by=staff,
        agency=None,
        agency_name="Sở Văn hóa và Thể thao",
        requirement="Báo cáo kết quả thu phí sau 6 tháng áp dụng (demo).",
        due_on=date(2027, 2, 15),
    )
    results.record_minutes(
        session,
        by=staff,
        text="Kỳ họp đã hoàn thành toàn bộ nội dung, chương trình đề ra (demo).",
        chair_name="Nguyễn Thị Minh Họa",
        secretary_name="Thư ký kỳ họp (demo)",
    )
    session = actions.close_session(session, by=staff)
    return results.issue_results_notice(session, by=staff, issued_on=date(2026, 7, 10))


def _year_end_session(council: Council, term: Term, staff: User) -> Session:
    """Convened, notice issued, documents sent: the agenda and a draft await the opening."""
    session = actions.plan_session(
        council,
        by=staff,
        term=term,
        kind=Session.Kind.REGULAR,
        opens_on=date(2026, 12, 8),
        closes_on=date(2026, 12, 10),
        place=PLACE,
    )
    session = actions.convene_session(session, by=staff, convened_on=date(2026, 11, 13))
    session = actions.issue_notice(session, by=staff, issued_on=date(2026, 11, 16))
    draft = resolutions.draft_resolution(
        council, by=staff, title=SCHOOLS, field="Đầu tư công", session=session
    )
    ban = Body.objects.filter(council=council, kind=BodyKind.CULTURE_SOCIETY).first()
    conduct.add_agenda_item(
        session,
        by=staff,
        kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION,
        title=SCHOOLS,
        presenter="UBND thành phố",
        examining_body=ban,
        resolution=draft,
    )
    return actions.send_documents(session, by=staff, sent_on=date(2026, 11, 28))


def _standing_meetings(council: Council, staff: User) -> None:
    held = standing.create_meeting(
        council, by=staff, meets_on=date(2026, 11, 10), place="Phòng họp số 1 (demo)"
    )
    standing.set_agenda(
        held,
        by=staff,
        items=[
            standing.AgendaLine("Chuẩn bị kỳ họp thường lệ cuối năm 2026", "Văn phòng"),
            standing.AgendaLine("Kết quả giám sát chuyên đề về xây dựng trường học", "Ban Văn hóa – Xã hội"),
        ],
    )
    members = standing.standing_members(council, date(2026, 11, 10))
    standing.add_participants(
        held, by=staff, memberships=members, invited=[("Đại diện UBND thành phố", "Khách mời")]
    )
    standing.mark_held(held, by=staff, held_on=date(2026, 11, 10))
    standing.add_conclusion_item(
        held,
        by=staff,
        content="Văn phòng hoàn thiện hồ sơ, tài liệu kỳ họp, gửi đại biểu đúng thời hạn (demo).",
        due_on=date(2026, 11, 28),
        owner_name="Văn phòng HĐND thành phố",
    )
    done = standing.add_conclusion_item(
        held,
        by=staff,
        content="Ban Văn hóa – Xã hội hoàn thành báo cáo kết quả giám sát chuyên đề (demo).",
        due_on=date(2026, 11, 20),
        owner_name="Ban Văn hóa – Xã hội",
    )
    standing.issue_notice(held, by=staff, issued_on=date(2026, 11, 12))
    standing.complete_task(done, by=staff, done_on=date(2026, 11, 19), result="Đã gửi báo cáo (demo).")
    standing.create_meeting(
        council,
        by=staff,
        meets_on=date(2026, 12, 15),
        kind=StandingMeeting.Kind.MONTHLY,
        place="Phòng họp số 1",
    )


def _ward_review(city: Council, staff: User) -> None:
    """A ward's published resolution that the city's office has started to review."""
    ward = Council.objects.filter(parent=city).order_by("unit__code").first()
    if ward is None:
        return
    resolution = resolutions.draft_resolution(ward, by=staff, title=WARD_RESOLUTION, field="Đô thị")
    resolution = resolutions.adopt_resolution(resolution, by=staff, adopted_on=date(2026, 9, 25))
    resolution = resolutions.publish_resolution(resolution, by=staff, published_on=date(2026, 9, 30))
    review.start_review(resolution, by=staff)
