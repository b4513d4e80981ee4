"""Requests for an expert's help (inzet op verzoek) and the experts proposed for them."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db, utcnow

from ..experts.models import Expert

HELP_KINDS = {
    "objection_letter": _l("Hulp bij een bezwaarbrief"),
    "training": _l("Een training voor professionals"),
    "other": _l("Iets anders"),
}
# The qualification (experts/models.py) a kind of help asks for; None: any active expert.
QUALIFICATION_FOR = {"objection_letter": "objection_helper", "training": "trainer", "other": None}

ACCEPTED = "accepted"
DECLINED = "declined"
ANSWERS = {ACCEPTED: _l("Ja, doet mee"), DECLINED: _l("Nee, kan of wil niet")}


class PoolRequest(db.Model):
    """Help asked by a resident (public form, no account) or by a partner's user."""

    __tablename__ = "jijdoetertoe_pool_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    help_kind: Mapped[str] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    wanted_when: Mapped[str] = mapped_column(String(200), default="")
    wanted_where: Mapped[str] = mapped_column(String(200), default="")
    # A resident's name and how to reach them: for the team only.
    requester_name: Mapped[str | None] = mapped_column(String(200))
    requester_contact: Mapped[str | None] = mapped_column(String(300))
    # A partner's request: the organisation and who asked.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by the step 'Uitgevoerd': counted per quarter.
    done_on: Mapped[date | None] = mapped_column(index=True)

    proposals: Mapped[list[PoolProposal]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="PoolProposal.id"
    )


class PoolProposal(db.Model):
    """An expert the team proposed for a request; the expert decides."""

    __tablename__ = "jijdoetertoe_pool_proposal"
    __table_args__ = (UniqueConstraint("request_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_pool_request.id", ondelete="CASCADE"), index=True
    )
    expert_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_expert.id", ondelete="CASCADE"), index=True
    )
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(String(10))
    answered_at: Mapped[datetime | None]
    # Who recorded the answer: the expert, or the team for an expert without an account.
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # The entry in the expert's involvement log once the work is done.
    involvement_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_involvement.id", ondelete="SET NULL")
    )

    request: Mapped[PoolRequest] = relationship(back_populates="proposals")
    expert: Mapped[Expert] = relationship()
