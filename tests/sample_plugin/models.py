"""The sample plugin's one table."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.api import db


class SampleNote(db.Model):
    __tablename__ = "sample_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
