"""Calendars in iCalendar format (RFC 5545) for the public schedules: voter meetings now, sessions later.

``build_calendar`` turns a list of ``CalendarEvent`` into the bytes of one VCALENDAR, in UTF-8 so
Vietnamese text survives every calendar program; ``calendar_response`` serves them as ``text/calendar``.
An event with a ``date`` start is an all-day event (a meeting whose hour is not fixed yet); one with
a ``datetime`` start is written in UTC, naive datetimes being taken as the site's local time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from .text import nfc

PRODUCT_ID = "-//HĐND//Nền tảng số Hội đồng nhân dân//VI"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    """One event of a calendar: ``uid`` must stay the same for the same thing across downloads."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""


def _utc(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(UTC)


def _when(value: date | datetime) -> date | datetime:
    return _utc(value) if isinstance(value, datetime) else value


def _end(event: CalendarEvent) -> date | datetime:
    """The end as given, or one day after an all-day start, or one hour after a timed start."""
    if event.end is not None:
        return _when(event.end)
    if isinstance(event.start, datetime):
        return _utc(event.start) + timedelta(hours=1)
    return event.start + timedelta(days=1)


def _event(item: CalendarEvent, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _when(item.start))
    event.add("dtend", _end(item))
    event.add("summary", nfc(item.summary))
    for key, value in (("location", item.location), ("description", item.description)):
        if value:
            event.add(key, nfc(value))
    if item.url:
        event.add("url", item.url)
    return event


def build_calendar(events: Iterable[CalendarEvent], *, name: str, stamp: datetime | None = None) -> bytes:
    """One VCALENDAR named ``name`` holding ``events``, as UTF-8 bytes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", nfc(name))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    moment = _utc(stamp or timezone.now())
    for item in events:
        calendar.add_component(_event(item, moment))
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    """Serve a calendar built by ``build_calendar``; ``filename`` (ASCII, ``.ics``) names the download."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
