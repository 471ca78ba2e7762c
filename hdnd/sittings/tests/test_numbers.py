"""Document numbers of a council (NĐ 30/2020): one series per year and symbol. The convening decision
takes the next QĐ-HĐND number when the session is convened; the session notice and the standing
committee's conclusion notices share the TB-HĐND series; numbers restart each 1 January, a typed number
moves the counter past it, a number given is refused; two clerks at once get consecutive numbers."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from conftest import World
from hdnd.core.audit import action_label
from hdnd.core.models import AuditEntry
from hdnd.sittings import actions, standing
from hdnd.sittings.models import DocumentCounter, Session, StandingMeeting
from hdnd.sittings.tests import support
from hdnd.sittings.tests.matrix_standing import held

pytestmark = pytest.mark.django_db
TB = "TB-HĐND"


def convene(world: World, opens_on: date, convened_on: date, **extra: int) -> Session:
    planned = support.session(world.province, opens_on=opens_on)
    return actions.convene_session(planned, by=None, convened_on=convened_on, **extra)


def conclude(world: World, meets_on: date, issued_on: date, number: int | None = None) -> str:
    meeting = standing.issue_notice(
        held(world.province, meets_on=meets_on), by=None, issued_on=issued_on, text="Kết luận.", number=number
    )
    return meeting.notice_symbol


# The convening decision ------------------------------------------------------------------------------


def test_convening_takes_the_next_decision_number_of_its_year(world: World) -> None:
    first = convene(world, date(2026, 12, 8), date(2026, 11, 16))
    second = convene(world, date(2026, 12, 28), date(2026, 12, 20))
    next_year = convene(world, date(2027, 1, 20), date(2027, 1, 2))
    assert [s.decision_symbol for s in (first, second, next_year)] == [
        "01/QĐ-HĐND",
        "02/QĐ-HĐND",
        "01/QĐ-HĐND",
    ]
    assert (first.decision_year, next_year.decision_year) == (2026, 2027)
    typed = convene(world, date(2027, 3, 20), date(2027, 3, 1), number=15)
    after = convene(world, date(2027, 4, 20), date(2027, 4, 1))
    assert (typed.decision_symbol, after.decision_symbol) == ("15/QĐ-HĐND", "16/QĐ-HĐND")
    with pytest.raises(ValidationError, match="Số 15/QĐ-HĐND năm 2027 đã được dùng"):
        convene(world, date(2027, 5, 20), date(2027, 5, 1), number=15)
    # A refused convening (already convened) gives no number away.
    with pytest.raises(ValidationError, match="đang ở trạng thái dự kiến"):
        actions.convene_session(after, by=None, convened_on=date(2027, 4, 2))
    counter = DocumentCounter.objects.get(council=world.province, year=2027, symbol="QĐ-HĐND")
    assert counter.last == 16
    # Another council has its own series.
    commune = support.session(world.commune)
    assert actions.convene_session(commune, by=None, convened_on=date(2026, 11, 16)).decision_number == 1


# The session notice, in the TB-HĐND series shared with the conclusion notices ------------------------


def test_session_notices_and_conclusion_notices_share_one_series(world: World) -> None:
    assert conclude(world, date(2026, 11, 5), date(2026, 11, 9)) == "01/TB-HĐND"
    session = convene(world, date(2026, 12, 8), date(2026, 11, 16))
    session = actions.issue_notice(session, by=None, issued_on=date(2026, 11, 20))
    assert (session.notice_symbol, session.notice_on, session.notice_year) == (
        "02/TB-HĐND",
        date(2026, 11, 20),
        2026,
    )
    assert conclude(world, date(2026, 12, 3), date(2026, 12, 4)) == "03/TB-HĐND"
    # Numbers given by one kind are refused to the other, typed or not.
    with pytest.raises(ValidationError, match="Số 02/TB-HĐND năm 2026 đã được dùng"):
        conclude(world, date(2026, 12, 10), date(2026, 12, 11), number=2)
    other = convene(world, date(2026, 12, 28), date(2026, 12, 14))
    with pytest.raises(ValidationError, match="Số 03/TB-HĐND năm 2026 đã được dùng"):
        actions.issue_notice(other, by=None, issued_on=date(2026, 12, 15), number=3)
    assert actions.issue_notice(other, by=None, issued_on=date(2026, 12, 15)).notice_symbol == "04/TB-HĐND"
    # A new year starts again at 01, for both kinds.
    assert conclude(world, date(2026, 12, 29), date(2027, 1, 4)) == "01/TB-HĐND"
    assert DocumentCounter.objects.get(council=world.province, year=2026, symbol=TB).last == 4


def test_the_notice_is_issued_once_after_convening_and_audited(world: World) -> None:
    planned = support.session(world.province)
    with pytest.raises(ValidationError, match="đã triệu tập và chưa bế mạc"):
        actions.issue_notice(planned, by=None, issued_on=date(2026, 11, 20))
    session = actions.convene_session(planned, by=None, convened_on=date(2026, 11, 16))
    with pytest.raises(ValidationError, match="không được trước ngày triệu tập"):
        actions.issue_notice(session, by=None, issued_on=date(2026, 11, 15))
    with pytest.raises(ValidationError, match="Số văn bản phải lớn hơn 0"):
        actions.issue_notice(session, by=None, issued_on=date(2026, 11, 20), number=0)
    staff = world.user("office_staff")
    session = actions.issue_notice(session, by=staff, issued_on=date(2026, 11, 20), number=7)
    with pytest.raises(ValidationError, match="đã ban hành, số 07/TB-HĐND"):
        actions.issue_notice(session, by=staff, issued_on=date(2026, 11, 21))
    entry = AuditEntry.objects.get(action="sittings.issue_session_notice")
    assert (entry.actor, entry.object_id, (entry.after or {})["notice"]) == (
        staff,
        str(session.pk),
        "07/TB-HĐND",
    )
    assert action_label("sittings.issue_session_notice") == "Ban hành thông báo về kỳ họp"


# Under a race (PostgreSQL) ---------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_clerks_issuing_both_kinds_of_notice_at_once_get_consecutive_numbers(
    transactional_db: None, world: World
) -> None:
    sessions = [convene(world, date(2026, 12, day), date(2026, 11, 16)) for day in (8, 15)]
    meetings = [held(world.province, meets_on=date(2026, 11, day)) for day in (3, 4)]
    barrier = threading.Barrier(4)
    symbols: list[str] = []
    errors: list[BaseException] = []

    def issue(target: Session | StandingMeeting) -> None:
        on = date(2026, 11, 20)
        try:
            barrier.wait()
            if isinstance(target, Session):
                symbols.append(actions.issue_notice(target, by=None, issued_on=on).notice_symbol)
            else:
                found = standing.issue_notice(target, by=None, issued_on=on, text="Kết luận.")
                symbols.append(found.notice_symbol)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(target,)) for target in [*sessions, *meetings]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(symbols) == ["01/TB-HĐND", "02/TB-HĐND", "03/TB-HĐND", "04/TB-HĐND"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_convening_at_once_get_consecutive_decision_numbers(
    transactional_db: None, world: World
) -> None:
    planned = [support.session(world.province, opens_on=date(2026, 12, day)) for day in (8, 15, 22)]
    barrier = threading.Barrier(len(planned))
    symbols: list[str] = []
    errors: list[BaseException] = []

    def run(session: Session) -> None:
        try:
            barrier.wait()
            convened = actions.convene_session(session, by=None, convened_on=date(2026, 11, 16))
            symbols.append(convened.decision_symbol)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(session,)) for session in planned]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(symbols) == ["01/QĐ-HĐND", "02/QĐ-HĐND", "03/QĐ-HĐND"]


# The migration ---------------------------------------------------------------------------------------


def test_a_conclusion_continues_the_series_its_counter_holds(world: World) -> None:
    """What migration 0004 leaves (``test_migrations.py``) is what the next conclusion notice reads."""
    DocumentCounter.objects.create(council=world.province, year=2026, symbol=TB, last=28)
    assert conclude(world, date(2026, 11, 5), date(2026, 11, 9)) == "29/TB-HĐND"
