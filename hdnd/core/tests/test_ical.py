"""The iCalendar helper: what it writes reads back the same, Vietnamese text included."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime

import icalendar

from hdnd.core.ical import CONTENT_TYPE, CalendarEvent, build_calendar, calendar_response

STAMP = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
PLACE = "Nhà văn hóa thôn Đông, xã Đông Hòa"


def _events(content: bytes) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(content).walk("VEVENT"))


def test_an_all_day_event_reads_back_with_its_vietnamese_text() -> None:
    long = "Đại biểu: Nguyễn Thị Hường, Trần Văn Đức; kiến nghị về đường liên thôn, đèn chiếu sáng. " * 3
    content = build_calendar(
        [
            CalendarEvent(
                uid="meeting-7@hdnd",
                summary="Tiếp xúc cử tri: Trước kỳ họp thứ 12",
                start=date(2026, 11, 20),
                location=PLACE,
                description=long,
                url="https://hdnd.example/cong-khai/kien-nghi/dot/1/lich/",
            )
        ],
        name="Lịch tiếp xúc cử tri · HĐND tỉnh An Bình",
        stamp=STAMP,
    )
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["x-wr-calname"]) == "Lịch tiếp xúc cử tri · HĐND tỉnh An Bình"
    assert str(calendar["version"]) == "2.0"
    (event,) = _events(content)
    assert str(event["uid"]) == "meeting-7@hdnd"
    assert event.decoded("dtstart") == date(2026, 11, 20)
    assert event.decoded("dtend") == date(2026, 11, 21)  # all day: the end is exclusive
    assert str(event["summary"]) == "Tiếp xúc cử tri: Trước kỳ họp thứ 12"
    assert str(event["location"]) == PLACE
    assert str(event["description"]) == long.strip()  # folded over many lines, read back whole
    assert str(event["url"]) == "https://hdnd.example/cong-khai/kien-nghi/dot/1/lich/"
    assert event.decoded("dtstamp") == STAMP


def test_lines_are_folded_at_75_octets_without_splitting_a_letter() -> None:
    content = build_calendar(
        [CalendarEvent(uid="x@hdnd", summary="Đường " * 40, start=date(2026, 11, 20))], name="Lịch"
    )
    for line in content.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # a multi-byte letter cut in two would not decode


def test_nfd_text_is_written_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Đông Hòa")
    content = build_calendar(
        [CalendarEvent(uid="x@hdnd", summary=decomposed, start=date(2026, 11, 20), location=decomposed)],
        name=decomposed,
    )
    (event,) = _events(content)
    assert str(event["summary"]) == "Xã Đông Hòa"
    assert str(event["location"]) == "Xã Đông Hòa"


def test_a_timed_event_is_written_in_utc_and_lasts_an_hour_by_default() -> None:
    # 08:00 in Hà Nội is 01:00 UTC; a naive time is the site's local time (Asia/Ho_Chi_Minh).
    content = build_calendar(
        [CalendarEvent(uid="s@hdnd", summary="Kỳ họp thứ 12", start=datetime(2026, 12, 8, 8, 0))], name="Lịch"
    )
    (event,) = _events(content)
    assert event.decoded("dtstart") == datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    assert "location" not in event
    assert "url" not in event


def test_an_empty_calendar_is_still_a_valid_calendar() -> None:
    content = build_calendar([], name="Lịch trống")
    assert _events(content) == []
    assert content.startswith(b"BEGIN:VCALENDAR")


def test_the_response_is_text_calendar() -> None:
    response = calendar_response(build_calendar([], name="Lịch"), "lich.ics")
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == 'inline; filename="lich.ics"'
