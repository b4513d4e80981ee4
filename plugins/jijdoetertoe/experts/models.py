"""Experts by experience, their qualifications and what they did for the programme."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import ROTTERDAM_DISTRICTS, User, db, utcnow

DISTRICTS = ROTTERDAM_DISTRICTS

# How the expert wants to be reached: many are not online.
CHANNELS = {
    "phone": _l("Telefoon"),
    "mail": _l("E-mail"),
    "post": _l("Post (adres)"),
    "via_partner": _l("Via een Warmtebron of partner"),
}

# Who brought the expert in.
SOURCES = {
    "self": _l("Zelf aangemeld"),
    "network": _l("Via een partnernetwerk"),
    "warmtebron": _l("Via een Warmtebron"),
    "team": _l("Door het programmateam"),
}

QUALIFICATIONS = {
    "co_auditor": _l("Co-auditor keurmerk"),
    "lifecoach": _l("Lifecoach Passend Werk"),
    "trainer": _l("Trainer voor professionals"),
    "editor": _l("Redacteur (redactieraad)"),
    "objection_helper": _l("Helper bij bezwaarbrieven"),
}


class Expert(db.Model):
    """An expert by experience (ervaringsdeskundige), with or without an account."""

    __tablename__ = "jijdoetertoe_expert"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(20))
    # The number, address or mail address of the chosen channel; for "via_partner" who to ask.
    contact: Mapped[str] = mapped_column(String(300))
    via_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    district: Mapped[str] = mapped_column(String(40))
    languages: Mapped[str] = mapped_column(String(200), default="")
    themes: Mapped[str] = mapped_column(Text, default="")
    availability: Mapped[str] = mapped_column(String(300), default="")
    # Vrijgesteld van de sollicitatieplicht while actively involved: what was agreed, with whom.
    exemption_note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), unique=True
    )
    source: Mapped[str] = mapped_column(String(20))
    source_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    registered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Consent: when and how it was given, what may be shared; revocable at any time.
    consent_on: Mapped[date | None]
    consent_how: Mapped[str | None] = mapped_column(String(200))
    consent_shares: Mapped[str | None] = mapped_column(Text)
    consent_revoked_on: Mapped[date | None]

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    qualifications: Mapped[list[Qualification]] = relationship(
        back_populates="expert", cascade="all, delete-orphan", order_by="Qualification.obtained_on"
    )
    involvements: Mapped[list[Involvement]] = relationship(
        back_populates="expert",
        cascade="all, delete-orphan",
        order_by="Involvement.done_on.desc()",
    )

    @property
    def has_consent(self) -> bool:
        return self.consent_on is not None and self.consent_revoked_on is None


class Qualification(db.Model):
    """A training the expert finished, valid from a date and possibly until one."""

    __tablename__ = "jijdoetertoe_qualification"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_expert.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    obtained_on: Mapped[date]
    expires_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)

    expert: Mapped[Expert] = relationship(back_populates="qualifications")

    def valid_on(self, day: date) -> bool:
        return self.obtained_on <= day and (self.expires_on is None or day <= self.expires_on)


class Involvement(db.Model):
    """One thing an expert did for the programme, and what came of it."""

    __tablename__ = "jijdoetertoe_involvement"

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_expert.id", ondelete="CASCADE"), index=True
    )
    done_on: Mapped[date]
    what: Mapped[str] = mapped_column(Text)
    subproject: Mapped[str] = mapped_column(String(200))
    # Kept in minutes and cents: exact on every database, no floating point.
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    allowance_cents: Mapped[int] = mapped_column(Integer, default=0)
    # What came of it, written by the team: the expert reads it on their own page.
    result: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    expert: Mapped[Expert] = relationship(back_populates="involvements")
