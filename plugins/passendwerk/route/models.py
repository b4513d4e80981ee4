"""Job seekers, their consent and the log of who looked at or changed their file."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import ROTTERDAM_DISTRICTS, Organisation, User, WorkflowInstance, db, utcnow

DISTRICTS = ROTTERDAM_DISTRICTS

REFERRALS = {
    "warm_rotterdam": _l("Via Warm Rotterdam"),
    "partner": _l("Via een partnerorganisatie"),
    "municipality": _l("Via de gemeente (werk en inkomen)"),
    "self": _l("Meldde zich zelf aan"),
}


class JobSeeker(db.Model):
    """A person on the route to fitting work. Deliberately no citizen service number (BSN)."""

    __tablename__ = "passendwerk_job_seeker"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    district: Mapped[str | None] = mapped_column(String(60))
    referral: Mapped[str] = mapped_column(String(30))
    referring_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    coach_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    lifecoach_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # Health or debt hints: only the coach and the lifecoach see these.
    sensitive_notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the person's data was erased (on request or after the retention period).
    erased_at: Mapped[datetime | None]

    referring_organisation: Mapped[Organisation | None] = relationship()
    coach: Mapped[User | None] = relationship(foreign_keys=[coach_id])
    lifecoach: Mapped[User | None] = relationship(foreign_keys=[lifecoach_id])
    consents: Mapped[list[Consent]] = relationship(
        back_populates="job_seeker", order_by="Consent.id", cascade="all, delete-orphan"
    )

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or str(
            _l("(gegevens gewist)")
        )

    @property
    def referral_label(self) -> str:
        return str(REFERRALS.get(self.referral, self.referral))


class Consent(db.Model):
    """What the person agreed to, when, recorded by whom; withdrawable."""

    __tablename__ = "passendwerk_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(Text)
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    withdrawn_at: Mapped[datetime | None]

    job_seeker: Mapped[JobSeeker] = relationship(back_populates="consents")
    recorded_by: Mapped[User | None] = relationship()


class AccessLogEntry(db.Model):
    """Every view and change of a job seeker's file: who, when, what."""

    __tablename__ = "passendwerk_access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(20))  # view, change, export
    detail: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User | None] = relationship()


ROUTE = "passendwerk.route"


def on_route():
    """Join condition: a job seeker with the instance of their route (its state and dates)."""
    return db.and_(
        WorkflowInstance.subject_id == JobSeeker.id,
        WorkflowInstance.workflow_key == ROUTE,
        # the third column of the instance's unique key, so the join uses that index
        WorkflowInstance.subject_type == JobSeeker.__tablename__,
    )
