"""An idea for a new subproject (deelproject), from whoever raised it to its evaluation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import User, db, utcnow

from ..bodies.models import Advice, Body


class SubprojectIdea(db.Model):
    """An idea for a new subproject; its course runs in workflow jijdoetertoe.subproject."""

    __tablename__ = "jijdoetertoe_subproject_idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # The social urgency, in the words of whoever raised it.
    urgency: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    raised_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The advisory committee's advice on it (part of the bodies' advice and its follow-up).
    advice_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_advice.id", ondelete="SET NULL")
    )
    # The working group formed when it starts.
    working_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("jijdoetertoe_body.id", ondelete="SET NULL")
    )
    # The installed plugin that carries it out, once the team enabled it from the idea.
    plugin_name: Mapped[str | None] = mapped_column(String(100))

    raised_by: Mapped[User | None] = relationship()
    advice: Mapped[Advice | None] = relationship()
    working_group: Mapped[Body | None] = relationship()
