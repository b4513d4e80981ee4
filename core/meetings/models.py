"""A meeting with experts, partners or knowledge sources."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..organisations.models import Organisation

MEETING_KINDS = {
    "meeting": _l("Bijeenkomst"),
    "knowledge_source": _l("Bijeenkomst met kennisbron"),
    "event": _l("Evenement"),
}


class Meeting(db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(40), default="meeting")
    place: Mapped[str | None] = mapped_column(String(200))
    host_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)

    host: Mapped[Organisation | None] = relationship()

    @property
    def kind_label(self) -> str:
        return str(MEETING_KINDS.get(self.kind, self.kind))
