"""An evaluation of a started subproject over a year or a quarter, after the plan's model."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import User, db, utcnow

from ..bodies.models import Advice, Body
from ..subprojects.models import SubprojectIdea

# Quarter 0 is the whole year (not NULL: a unique key treats NULLs as all different).
WHOLE_YEAR = 0


class Evaluation(db.Model):
    """What a subproject put in, did, achieved and heard in one period, and the committee's
    verdict on it. Counted figures (hours, meetings) are not stored: they come from the data."""

    __tablename__ = "jijdoetertoe_evaluation"
    __table_args__ = (UniqueConstraint("idea_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("jijdoetertoe_subproject_idea.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer, default=WHOLE_YEAR)
    # The advisory committee that judges it; its current members read it.
    committee_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_body.id", ondelete="SET NULL"), index=True
    )
    # Input: what was put in, besides the experts' hours counted from their involvement.
    budget_cents: Mapped[int | None] = mapped_column(Integer)
    partners: Mapped[str | None] = mapped_column(Text)
    # Throughput: what was done, besides the working group's meetings counted from the data.
    activities: Mapped[str | None] = mapped_column(Text)
    # Output: numbers the team enters, with the results in words.
    people_reached: Mapped[int | None] = mapped_column(Integer)
    people_helped: Mapped[int | None] = mapped_column(Integer)
    results: Mapped[str | None] = mapped_column(Text)
    # Feedback: what participants and experts said, and what we learn from it.
    feedback: Mapped[str | None] = mapped_column(Text)
    lessons: Mapped[str | None] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The advisory committee's verdict (oordeel van de adviesraad), recorded by the team.
    verdict: Mapped[str | None] = mapped_column(Text)
    verdict_on: Mapped[date | None]
    verdict_advice_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_advice.id", ondelete="SET NULL")
    )
    verdict_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    idea: Mapped[SubprojectIdea] = relationship()
    committee: Mapped[Body | None] = relationship()
    verdict_advice: Mapped[Advice | None] = relationship()
    written_by: Mapped[User | None] = relationship(foreign_keys=[written_by_id])

    @property
    def has_verdict(self) -> bool:
        return bool(self.verdict) and self.verdict_on is not None
