"""Meet & Greets: employers and candidates meet, often at a Warmtebron; who came; follow-ups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, db

from ..route.models import JobSeeker

invited_employers = Table(
    "passendwerk_meet_and_greet_employer",
    db.metadata,
    Column(
        "meet_and_greet_id",
        ForeignKey("passendwerk_meet_and_greet.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


class MeetAndGreet(db.Model):
    __tablename__ = "passendwerk_meet_and_greet"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)

    employers: Mapped[list[Organisation]] = relationship(
        secondary=invited_employers, order_by="Organisation.name"
    )
    guests: Mapped[list[Guest]] = relationship(
        back_populates="meet_and_greet", cascade="all, delete-orphan"
    )


class Guest(db.Model):
    """A candidate invited to a Meet & Greet, and whether they came."""

    __tablename__ = "passendwerk_meet_and_greet_guest"

    meet_and_greet_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_meet_and_greet.id", ondelete="CASCADE"), primary_key=True
    )
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), primary_key=True
    )
    attended: Mapped[bool] = mapped_column(default=False)

    meet_and_greet: Mapped[MeetAndGreet] = relationship(back_populates="guests")
    job_seeker: Mapped[JobSeeker] = relationship()
