"""Passend werk's dated items in people's calendars: the next feedback talk during induction
for the coach, and a Meet & Greet for the team that runs it, the coaches of its guests and the
employers invited.

A feed is synced into other people's calendar apps and its address is a bearer secret: no job
seeker's name, notes or contact details in it, only the route number and the link to the file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from flask_babel import gettext as _

from core.api import CalendarItem, calendar_window, db, user_can

from .access import employer_ids
from .events.models import Guest, MeetAndGreet, invited_employers
from .introductions.induction import feedback_due
from .route.models import JobSeeker


def calendar_items(user) -> list[CalendarItem]:
    first, last = calendar_window()
    items = []
    if user_can(user, "passendwerk.view"):
        items += [
            feedback_item(due.job_seeker_id, due.placement_id, due.due)
            for due in feedback_due(coach_id=user.id)
            if first <= due.due <= last
        ]
    events = db.session.scalars(
        db.select(MeetAndGreet)
        .where(
            MeetAndGreet.starts_at.between(
                datetime.combine(first, time.min), datetime.combine(last, time.max)
            ),
            _meet_and_greets_of(user),
        )
        .order_by(MeetAndGreet.starts_at, MeetAndGreet.id)
    )
    return items + [meet_and_greet_item(e) for e in events]


def _meet_and_greets_of(user):
    """The team runs them all; a coach goes to those their people are invited to; an employer
    to those its organisation is invited to (the page shows it the event, not who comes)."""
    if user_can(user, "passendwerk.manage"):
        return db.true()
    mine = []
    if user_can(user, "passendwerk.refer"):
        mine.append(
            MeetAndGreet.id.in_(
                db.select(Guest.meet_and_greet_id)
                .join(JobSeeker, JobSeeker.id == Guest.job_seeker_id)
                .where(JobSeeker.coach_id == user.id)
            )
        )
    own = employer_ids(user) if user_can(user, "passendwerk.vacancies.view") else []
    if own is None:
        return db.true()
    if own:
        mine.append(
            MeetAndGreet.id.in_(
                db.select(invited_employers.c.meet_and_greet_id).where(
                    invited_employers.c.organisation_id.in_(own)
                )
            )
        )
    return db.or_(*mine) if mine else db.false()


def feedback_item(job_seeker_id: int, placement_id: int, due: date) -> CalendarItem:
    # One event per placement: a talk recorded moves it to the next due date. The route's
    # number, never the person's name; the messages outside the f-string, for the extractor.
    talk, route = _("Feedbackgesprek"), _("Route %(n)s", n=job_seeker_id)
    return CalendarItem(
        uid=f"passendwerk-feedback-{placement_id}",
        title=f"{talk} ({route})",
        start=due,
        url=url_for("passendwerk.job_seeker", job_seeker_id=job_seeker_id, _anchor="werk"),
        description=_("Uiterlijk deze dag: het feedbackgesprek tijdens het inwerken."),
    )


def meet_and_greet_item(event: MeetAndGreet) -> CalendarItem:
    return CalendarItem(
        uid=f"passendwerk-meet-and-greet-{event.id}",
        title=event.title,
        start=_as_utc(event.starts_at),
        url=url_for("passendwerk.meet_and_greet", event_id=event.id),
        description=event.place,
    )


def _as_utc(local: datetime) -> datetime:
    """A Meet & Greet's time is entered as Rotterdam clock time; an item's time is naive UTC."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)
