"""The council challenge: a challenge, its points table, each member's participation with
their logbook, the reminders they were sent and the calls made to them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import User, db, utcnow

from ..council.models import CouncilMember


class Challenge(db.Model):
    """One run of "Leven van €50 per week. Kunt u dat?" for the whole council."""

    __tablename__ = "campaign_challenge"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    budget_cents: Mapped[int] = mapped_column(default=5000)
    period_days: Mapped[int] = mapped_column(default=7)
    invitation_subject: Mapped[str] = mapped_column(String(200))
    invitation_text: Mapped[str] = mapped_column(Text)
    # Days after the invitation on which a member without an answer is reminded, e.g.
    # "7,14,18,21": the gaps shrink as the answer day comes closer.
    reminder_days: Mapped[str] = mapped_column(String(100), default="7,14,21")
    respond_by: Mapped[date]
    # The last day of the challenge: the members' links work until the end of this day.
    ends_on: Mapped[date]
    # The index and every result stay under embargo until this moment (naive UTC).
    publish_at: Mapped[datetime]
    # A party's score is given only when at least this share of its members answered.
    response_threshold_percent: Mapped[int] = mapped_column(default=50)
    invited_on: Mapped[date | None]
    # When the index was written down for good (at the publication moment): from then on it
    # is read from IndexEntry, whatever happens to members, parties or seats later.
    frozen_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    points: Mapped[list[ChallengePoints]] = relationship(
        back_populates="challenge", cascade="all, delete-orphan", order_by="ChallengePoints.id"
    )

    @property
    def reminder_schedule(self) -> list[int]:
        return sorted({int(day) for day in self.reminder_days.split(",") if day.strip()})

    def published(self, now: datetime) -> bool:
        return now >= self.publish_at

    def points_for(self) -> dict[str, int]:
        return {row.outcome: row.points for row in self.points}


class ChallengePoints(db.Model):
    """What an outcome is worth in this challenge's index: kept per challenge, so last
    year's index stays as it was published when this year's table changes."""

    __tablename__ = "campaign_challenge_points"
    __table_args__ = (UniqueConstraint("challenge_id", "outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("campaign_challenge.id"))
    outcome: Mapped[str] = mapped_column(String(40))
    points: Mapped[int]

    challenge: Mapped[Challenge] = relationship(back_populates="points")


class Participation(db.Model):
    """A council member in a challenge: the subject of workflow `campaign.challenge`."""

    __tablename__ = "campaign_participation"
    __table_args__ = (UniqueConstraint("challenge_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("campaign_challenge.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("campaign_council_member.id"))
    # Half of the member's personal link; a new nonce makes an old link useless.
    link_nonce: Mapped[str] = mapped_column(String(32))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    responded_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(Text)  # why they declined, in their words
    # What the member took on: the challenge's budget and period, or their own.
    budget_cents: Mapped[int | None]
    period_days: Mapped[int | None]
    starts_on: Mapped[date | None]

    challenge: Mapped[Challenge] = relationship()
    member: Mapped[CouncilMember] = relationship(lazy="joined")
    logbook: Mapped[list[LogbookEntry]] = relationship(
        back_populates="participation",
        cascade="all, delete-orphan",
        order_by="(LogbookEntry.day, LogbookEntry.id)",
    )

    @property
    def spent_cents(self) -> int:
        return sum(entry.amount_cents for entry in self.logbook)

    @property
    def ends_on(self) -> date | None:
        if self.starts_on is None or self.period_days is None:
            return None
        return self.starts_on + timedelta(days=self.period_days - 1)


class LogbookEntry(db.Model):
    """A day's spending, written by the member through their link."""

    __tablename__ = "campaign_logbook_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_participation.id"), index=True
    )
    day: Mapped[date]
    amount_cents: Mapped[int]
    spent_on: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    participation: Mapped[Participation] = relationship(back_populates="logbook")


class Reminder(db.Model):
    """A reminder sent (or being sent) to a member: one row per step of the schedule, so two
    machines running the tick at once send it once."""

    __tablename__ = "campaign_reminder"
    __table_args__ = (UniqueConstraint("participation_id", "step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_participation.id"), index=True
    )
    step: Mapped[int]  # the day of the schedule it answers to
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowUpCall(db.Model):
    """The call list: who called whom, when, and what was said."""

    __tablename__ = "campaign_follow_up_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_participation.id"), index=True
    )
    caller_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    called_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(Text)

    caller: Mapped[User | None] = relationship()


class IndexEntry(db.Model):
    """A member's line of a published index, as it stood at the publication moment."""

    __tablename__ = "campaign_index_entry"
    __table_args__ = (UniqueConstraint("challenge_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("campaign_challenge.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("campaign_council_member.id"))
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str] = mapped_column(String(120))
    outcome: Mapped[str] = mapped_column(String(40))
    points: Mapped[int]
