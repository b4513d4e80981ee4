"""What goes into a person's calendar: the core's dated items and those of enabled plugins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from ..access import user_can
from ..extensions import db
from ..meetings.models import Meeting
from ..plugin_host import plugin_host
from ..timeutil import local_midnight_utc, local_today, utcnow
from ..ui import plain_text
from ..workflow import engine_of
from ..workflow.models import WorkflowInstance

# A feed looks back a little (what just happened) and ahead a year.
PAST, AHEAD = timedelta(days=30), timedelta(days=365)


@dataclass(frozen=True)
class CalendarItem:
    """One dated item. `start` is a date (all day) or a naive UTC datetime; `uid` must be
    stable and unique, e.g. "keurmerk-audit-12"; `url` is a path on this site."""

    uid: str
    title: str
    start: date | datetime
    url: str
    end: date | datetime | None = None
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", plain_text(self.title))
        object.__setattr__(self, "description", plain_text(self.description))


def items_for(user) -> list[CalendarItem]:
    """The core's items for `user`, then every enabled plugin's."""
    items = _deadlines(user) + (_meetings() if user_can(user, "meetings.view") else [])
    return items + plugin_host().call("warmrotterdam_calendar_items", user=user)


def calendar_window(today: date | None = None) -> tuple[date, date]:
    """The first and last day a feed covers: from PAST before `today` to AHEAD after it."""
    today = today or local_today()
    return today - PAST, today + AHEAD


def deadline_item(instance: WorkflowInstance) -> CalendarItem:
    engine = engine_of()
    workflow = engine.declaration(instance)
    return CalendarItem(
        uid=f"workflow-deadline-{instance.id}-{instance.entered_state_at:%Y%m%d%H%M%S}",
        title=_(
            "Termijn: %(title)s (%(state)s)",
            title=instance.title,
            state=workflow.state(instance.state).label,
        ),
        start=instance.deadline_at,
        url=engine.page_of(instance),
        description=workflow.title,
    )


def meeting_item(meeting: Meeting) -> CalendarItem:
    return CalendarItem(
        uid=f"meeting-{meeting.id}",
        title=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        url=f"/meetings/{meeting.id}",
        description=", ".join(p for p in (meeting.host and meeting.host.name, meeting.place) if p),
    )


def _deadlines(user) -> list[CalendarItem]:
    """Deadlines of what is assigned to `user`, in enabled workflows they may still see."""
    now = utcnow()
    engine = engine_of()
    instances = db.session.scalars(
        db.select(WorkflowInstance).where(
            WorkflowInstance.assignee_id == user.id,
            WorkflowInstance.deadline_at.between(now - PAST, now + AHEAD),
        )
    ).all()
    return [deadline_item(i) for i in instances if engine.may_view(i, user)]


def _meetings() -> list[CalendarItem]:
    first, last = calendar_window()
    meetings = db.session.scalars(
        db.select(Meeting)
        .options(db.joinedload(Meeting.host))
        .where(
            Meeting.starts_at >= local_midnight_utc(first),
            Meeting.starts_at < local_midnight_utc(last + timedelta(days=1)),
        )
    ).all()
    return [meeting_item(m) for m in meetings]
