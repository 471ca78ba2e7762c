"""A council's formal year for the `make run` demo, written for the demo (no real resolution text).

It goes through the same actions staff use, so a newcomer can walk the formal work of HĐND thành phố
Hà Nội khóa XVII: the first session; the mid-year regular session held end to end (preparatory meeting,
agenda with examining Bans, documents, attendance, votes, minutes, results notice); the year-end session
convened and waiting to open (numbered decision and notice, a draft resolution on its agenda); two
standing-committee meetings, the held one with a numbered conclusion notice whose items are tasks.

The resolutions of the year (the drafts on the agendas, adopted, published and followed up, and a ward's
resolution under the city's review) are added by ``hdnd.resolutions.demo``, which depends on this app;
``manage.py load_sittings_demo`` runs both.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from hdnd.accounts.models import User
from hdnd.councils.models import Body, BodyKind, Council, Term

from . import actions, conduct, results, standing, voting
from .models import Session, SessionAgendaItem, SessionAttendance, SessionVote, StandingMeeting

STAFF = "office_staff"  # the demo user of the city's office, as in the petitions demo
PLACE = "Hội trường Trung tâm Hội nghị thành phố (demo)"
BUDGET = "Về dự toán thu ngân sách nhà nước trên địa bàn, thu, chi ngân sách địa phương năm 2027 (demo)"
FEES = "Quy định mức thu phí tham quan các điểm di tích trên địa bàn thành phố (demo)"
SCHOOLS = "Về kế hoạch đầu tư công trung hạn xây dựng trường học giai đoạn 2026–2030 (demo)"


def load_sittings_demo(council: Council) -> Session | None:
    """Build the demo year once; None when the council already has sessions in its current term."""
    term = Term.objects.filter(council=council).order_by("-starts_on").first()
    if term is None or Session.objects.filter(council=council, term=term).exists():
        return None
    staff = User.objects.get(username=STAFF)
    with transaction.atomic():
        _first_session(council, term, staff)
        mid_year = _mid_year_session(council, term, staff)
        _year_end_session(council, term, staff)
        _standing_meetings(council, staff)
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


def _mid_year_session(council: Council, term: Term, staff: User) -> Session:
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
    items = []
    for title, ban in ((BUDGET, budget_ban), (FEES, legal_ban)):
        item = conduct.add_agenda_item(
            session,
            by=staff,
            kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION,
            title=title,
            presenter="UBND thành phố",
            examining_body=ban,
        )
        conduct.record_examination(item, by=staff, on=date(2026, 6, 26))
        items.append(item)
    session = _held(session, staff, date(2026, 6, 15), date(2026, 6, 29))

    delegates = voting.term_delegates(session)
    excused = delegates[-1:]  # one delegate away on duty, with the reason
    entries = {person.pk: (SessionAttendance.Status.PRESENT, "") for person in delegates[:-1]}
    entries |= {person.pk: (SessionAttendance.Status.EXCUSED, "Đi công tác (demo)") for person in excused}
    voting.record_attendance(session, by=staff, entries=entries)
    present = len(delegates) - len(excused)
    budget_item, fees_item = items
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
    ban = Body.objects.filter(council=council, kind=BodyKind.CULTURE_SOCIETY).first()
    conduct.add_agenda_item(
        session,
        by=staff,
        kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION,
        title=SCHOOLS,
        presenter="UBND thành phố",
        examining_body=ban,
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
