"""A referral: the few facts a debt-help organisation needs to call a resident back.

Deliberately small. No BSN, no amounts, no list of creditors: the debt counsellor asks for
those in the intake conversation and keeps them in the organisation's own client file.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, User, db, utcnow

WORKFLOW = "schuldhulp.intake"


class Referral(db.Model):
    __tablename__ = "schuldhulp_referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    referring_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    debt_help_organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    referred_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The referrer's own file number, so they recognise the status without our data.
    reference: Mapped[str | None] = mapped_column(String(40))

    name: Mapped[str] = mapped_column(String(100))
    # Blanked once the outcome is known: the counsellor no longer needs to call.
    phone: Mapped[str | None] = mapped_column(String(30))
    best_time_to_call: Mapped[str | None] = mapped_column(String(100))
    arrears: Mapped[str] = mapped_column(String(20))
    # An eviction or disconnection is threatening: the law then asks for a first
    # conversation within three working days instead of four weeks.
    urgent: Mapped[bool] = mapped_column(default=False)
    consent_recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    appointment_at: Mapped[datetime | None]
    appointment_place: Mapped[str | None] = mapped_column(String(20))
    # Where the counsellor sent the resident instead; seen by the counsellors only.
    referred_to: Mapped[str | None] = mapped_column(String(40))
    closed_at: Mapped[datetime | None]

    referring_organisation: Mapped[Organisation] = relationship(
        foreign_keys=[referring_organisation_id]
    )
    debt_help_organisation: Mapped[Organisation] = relationship(
        foreign_keys=[debt_help_organisation_id]
    )
    referred_by: Mapped[User | None] = relationship()
