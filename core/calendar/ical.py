"""Calendar items as iCalendar (RFC 5545), with the `icalendar` library."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from flask import Response
from icalendar import Calendar, Event

from ..links import absolute_path
from ..timeutil import utcnow
from .items import CalendarItem


def to_ics(items: list[CalendarItem], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Warm Rotterdam//platform//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = utcnow().replace(tzinfo=UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.uid}@warmrotterdam")
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", _moment(item.start))
        event.add("dtend", _moment(item.end or _default_end(item.start)))
        link = absolute_path(item.url)
        event.add("url", link)
        event.add("description", "\n".join(filter(None, [item.description, link])))
        calendar.add_component(event)
    return calendar.to_ical()


def _moment(value: date | datetime):
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else value


def _default_end(start: date | datetime):
    # An all-day item ends the next day (DTEND is exclusive); a moment gets half an hour.
    return start + (timedelta(minutes=30) if isinstance(start, datetime) else timedelta(days=1))


def ics_response(
    items: list[CalendarItem], filename: str, name: str = "Warm Rotterdam"
) -> Response:
    """The items as a download (`filename` without path) or a feed."""
    response = Response(to_ics(items, name), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
