"""A meeting or event with its options (a taxi, a bike ride) and the people registered."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..organisations.models import Organisation
from ..timeutil import utcnow

# "knowledge_source" is counted on the dashboard (15 a year); "meeting" and "event" are
# the kinds meetings had before they grew into events, kept so those rows stay valid.
MEETING_KINDS = {
    "experts": _l("Met ervaringsdeskundigen"),
    "partners": _l("Met partners"),
    "networks": _l("Met informele netwerken"),
    "knowledge_source": _l("Bijeenkomst met kennisbron"),
    "press": _l("Met de pers"),
    "event": _l("Evenement"),
    "meeting": _l("Andere bijeenkomst"),
}

# Who holds a place: a registration that is registered or was there.
HOLDS_PLACE = ("registered", "attended")
REGISTRATION_STATUSES = {
    "invited": _l("Uitgenodigd"),
    "registered": _l("Aangemeld"),
    "waiting": _l("Op de wachtlijst"),
    "cancelled": _l("Afgemeld"),
    "declined": _l("Komt niet"),
    "attended": _l("Aanwezig"),
}


class Meeting(db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # Naive UTC like every stored moment; typed and shown in Rotterdam's time.
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None]
    kind: Mapped[str] = mapped_column(String(40), default="meeting")
    place: Mapped[str | None] = mapped_column(String(200))
    host_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    capacity: Mapped[int | None]  # None: no limit
    remind_hours_before: Mapped[int | None]  # None: no reminder
    notes: Mapped[str | None] = mapped_column(Text)
    # The closing report; the number attended is counted from the check-ins.
    contributions: Mapped[str | None] = mapped_column(Text)
    follow_ups: Mapped[str | None] = mapped_column(Text)
    reported_at: Mapped[datetime | None]

    host: Mapped[Organisation | None] = relationship()
    organiser: Mapped[User | None] = relationship()
    options: Mapped[list[MeetingOption]] = relationship(
        back_populates="meeting", order_by="MeetingOption.id", cascade="all, delete-orphan"
    )

    @property
    def kind_label(self) -> str:
        return str(MEETING_KINDS.get(self.kind, self.kind))


class MeetingOption(db.Model):
    """A way to take part with its own limit: "Taxi 1" (4 places), "Op de fiets" (none)."""

    __tablename__ = "meeting_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    capacity: Mapped[int | None]

    meeting: Mapped[Meeting] = relationship(back_populates="options")


class MeetingRegistration(db.Model):
    """One person at one meeting: an account, or a guest known by name and e-mail."""

    __tablename__ = "meeting_registration"
    __table_args__ = (
        # One row per account and meeting (guests have no account: NULLs never clash).
        UniqueConstraint("meeting_id", "user_id"),
        Index("ix_meeting_registration_meeting_status", "meeting_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    option_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_option.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    guest_name: Mapped[str | None] = mapped_column(String(200))
    guest_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(20))
    # The waiting list's order: who asked first (moved to now when someone asks again).
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Signs a guest's personal link (see registrations.link_token).
    link_nonce: Mapped[str | None] = mapped_column(String(32))
    # Claimed by the one tick that sends the reminder.
    reminded_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship()
    option: Mapped[MeetingOption | None] = relationship()
    user: Mapped[User | None] = relationship()

    @property
    def name(self) -> str:
        return self.user.display_name if self.user else (self.guest_name or "")

    @property
    def status_label(self) -> str:
        return str(REGISTRATION_STATUSES.get(self.status, self.status))
