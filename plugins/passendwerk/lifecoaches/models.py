"""The training to lifecoach, recorded per person by the team."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import User, db


class LifecoachTraining(db.Model):
    """A lifecoach completed the training (the plan: 'eerste lifecoaches getraind')."""

    __tablename__ = "passendwerk_lifecoach_training"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    completed_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])


def trained_lifecoaches():
    """The query counting trained lifecoaches (the report asks it with its other counts)."""
    return db.select(db.func.count(LifecoachTraining.user_id))
