"""Signals from the neighbourhood: what someone noticed, and what came of it."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.api import db, utcnow

# Where the team passes a signal on to.
FORWARDED_TO = {
    "subproject": _l("Een deelproject"),
    "municipality": _l("De gemeente"),
    "partner": _l("Een partner"),
}


class Signal(db.Model):
    """A signal (signaal uit de wijk), raised by someone signed in or on the public form."""

    __tablename__ = "jijdoetertoe_signal"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(String(40))
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # A public raiser's name and mail address (both optional): for the team and the mail only.
    raiser_name: Mapped[str | None] = mapped_column(String(200))
    raiser_email: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    weighing_note: Mapped[str | None] = mapped_column(Text)
    forwarded_kind: Mapped[str | None] = mapped_column(String(20))
    forwarded_to: Mapped[str | None] = mapped_column(String(300))
    # What came of it ('Afgerond'), or why it was not taken up ('Niet opgepakt').
    outcome: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None]
