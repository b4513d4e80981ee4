"""A partner organisation's agreement with the programme."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, User, db, utcnow

# What a partner brings in (the programme plan's list).
CONTRIBUTIONS = {
    "thinking": _l("Denkkracht"),
    "facilities": _l("Faciliteiten: ruimtes en materiaal"),
    "press": _l("Steun bij pers en communicatie"),
    "budget": _l("Budget"),
    "network": _l("Toegang tot het netwerk (bestuur, politiek)"),
}

# The core's organisation kind of networks, churches and poverty platforms: informal partners.
INFORMAL_KIND = "informal_network"
# How the partner lists name the kind of partner (the core's other kinds are formal or other).
PARTNER_KINDS = {
    INFORMAL_KIND: _l("informeel (netwerk, kerk, platform)"),
    "social_enterprise": _l("sociale onderneming"),
}
OTHER_PARTNER_KIND = _l("formele of andere organisatie")


class Agreement(db.Model):
    """An agreement (overeenkomst) with one organisation. The dates of signing and of the term
    are set by the step 'Getekend' only, so a date here means it was signed."""

    __tablename__ = "jijdoetertoe_agreement"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    # Keys of CONTRIBUTIONS, comma separated.
    contributions: Mapped[str] = mapped_column(String(200), default="")
    contribution_note: Mapped[str | None] = mapped_column(Text)
    budget_cents: Mapped[int] = mapped_column(Integer, default=0)
    # The partner's ambassador: a name, a role or an address there, and their account if any.
    ambassador: Mapped[str | None] = mapped_column(String(200))
    ambassador_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    signed_on: Mapped[date | None]
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    organisation: Mapped[Organisation] = relationship()
    ambassador_user: Mapped[User | None] = relationship(foreign_keys=[ambassador_user_id])

    @property
    def contribution_keys(self) -> list[str]:
        return [key for key in (self.contributions or "").split(",") if key]
