"""A quarter's published figures: what the public progress page shows, as the team published
it (a figure does not change afterwards when the records behind it do)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class PublishedFigure(db.Model):
    """One target's value at the end of one quarter; no personal data, only the count."""

    __tablename__ = "published_figure"
    __table_args__ = (UniqueConstraint("year", "quarter", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    quarter: Mapped[int]  # 1 to 4
    key: Mapped[str] = mapped_column(String(80))
    # In Dutch, as published: the page shows what was published, whoever reads it.
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[int]
    goal: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
