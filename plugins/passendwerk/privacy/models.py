"""Privacy requests (AVG): what the person asked for, and the one-month deadline to answer."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db, utcnow

from ..route.models import JobSeeker

KINDS = {
    "access": _l("Inzage"),
    "correction": _l("Correctie"),
    "export": _l("Gegevens meenemen (export)"),
    "erasure": _l("Wissen"),
}

PRIVACY = "passendwerk.privacy_request"


def one_month_after(day: date) -> date:
    """The legal deadline: the same day next month (or that month's last day)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class PrivacyRequest(db.Model):
    __tablename__ = "passendwerk_privacy_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[date]
    details: Mapped[str | None] = mapped_column(Text)

    job_seeker: Mapped[JobSeeker] = relationship()

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def due_on(self) -> date:
        return one_month_after(self.received_on)


def time_left(instance) -> timedelta:
    """State deadline of a request: one month after it came in, whatever step it is at."""
    request = db.session.get(PrivacyRequest, instance.subject_id)
    due = datetime.combine(request.due_on, datetime.min.time()) + timedelta(days=1)
    return due - utcnow()
