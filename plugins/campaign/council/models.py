"""Council members (raadsleden) and their parties, as the team keeps them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db


class Party(db.Model):
    """A political party in the city council."""

    __tablename__ = "campaign_party"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


class CouncilMember(db.Model):
    """A member of the city council (raadslid): the challenge invites them by e-mail."""

    __tablename__ = "campaign_council_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    party_id: Mapped[int] = mapped_column(ForeignKey("campaign_party.id"), index=True)
    seated_from: Mapped[date]
    # None while still seated.
    seated_until: Mapped[date | None]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(40))

    party: Mapped[Party] = relationship(lazy="joined")

    def seated_on(self, day: date) -> bool:
        return self.seated_from <= day and (self.seated_until is None or day <= self.seated_until)
