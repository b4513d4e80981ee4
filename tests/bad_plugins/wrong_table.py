"""A plugin whose table is not prefixed with its name (loaded in a subprocess only)."""

from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db


class Thing(db.Model):
    __tablename__ = "thing"
    id: Mapped[int] = mapped_column(primary_key=True)
