"""What someone was told, for the bell in the menu and the daily digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import utcnow


class Notification(db.Model):
    """One item for one person: plain text in their language, and the page where the work is.

    `mailed_at` is set once the item went out by mail (at once, or in a digest); items of a
    category the person switched off are never mailed. `key` keeps a reminder from being
    made twice ("deadline:<instance>:<entered state at>:7").
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("user_id", "key"),
        Index("ix_notification_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(1000))
    url: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime | None]
    key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None] = mapped_column(index=True)
