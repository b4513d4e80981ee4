"""Warmtebronnen: social enterprises where people in poverty are welcome, as the public map
shows them. One entry per organisation, kept by the team and by the Warmtebron itself."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import ROTTERDAM_DISTRICTS, Organisation, db, utcnow

DISTRICTS = ROTTERDAM_DISTRICTS

# What a Warmtebron offers; the codes are stored, the labels shown.
OFFERS = {
    "day_activities": _l("Dagbesteding"),
    "training": _l("Training en cursussen"),
    "meals": _l("Maaltijden"),
    "meeting": _l("Ontmoeting"),
    "money_help": _l("Hulp bij geldzaken"),
    "work": _l("Werk en vrijwilligerswerk"),
}

# The organisation kind whose organisations can have an entry (a core kind).
WARMTEBRON_KIND = "social_enterprise"


class Warmtebron(db.Model):
    """The public entry of one organisation on the Warmtebronnen map."""

    __tablename__ = "campaign_warmtebron"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    description: Mapped[str] = mapped_column(Text)
    district: Mapped[str] = mapped_column(String(40), index=True)
    address: Mapped[str] = mapped_column(String(200))
    opening_hours: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(300))
    accessibility: Mapped[str | None] = mapped_column(Text)
    # Only published entries are on the public map; the team publishes.
    published: Mapped[bool] = mapped_column(default=False, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    offers: Mapped[list[WarmtebronOffer]] = relationship(
        cascade="all, delete-orphan", order_by="WarmtebronOffer.offer"
    )

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def offer_codes(self) -> list[str]:
        return [o.offer for o in self.offers]

    @property
    def offer_labels(self) -> list[str]:
        """The offers in the order of the code list, as people read them."""
        codes = set(self.offer_codes)
        return [str(label) for code, label in OFFERS.items() if code in codes]

    def set_offers(self, codes) -> None:
        wanted = set(codes)
        self.offers = [o for o in self.offers if o.offer in wanted] + [
            WarmtebronOffer(offer=code) for code in sorted(wanted - set(self.offer_codes))
        ]


class WarmtebronOffer(db.Model):
    """One thing a Warmtebron offers: a row each, so the map filters on it in SQL."""

    __tablename__ = "campaign_warmtebron_offer"

    warmtebron_id: Mapped[int] = mapped_column(
        ForeignKey("campaign_warmtebron.id", ondelete="CASCADE"), primary_key=True
    )
    offer: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)
