"""The lists the team maintains: competences, training modules, causes of ending a route."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.api import db


class Competence(db.Model):
    """One entry of the catalogue the team maintains (seeded; extendable from ESCO)."""

    __tablename__ = "passendwerk_competence"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    esco_uri: Mapped[str | None] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class TrainingModule(db.Model):
    __tablename__ = "passendwerk_training_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)


class EndingCause(db.Model):
    """A reason a route ends early; the team keeps the list, reports count them."""

    __tablename__ = "passendwerk_ending_cause"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


def offered_competences(in_use: set[int]) -> list[Competence]:
    """The catalogue a form offers: active entries, plus retired ones a record still uses."""
    return db.session.scalars(
        db.select(Competence)
        .where(db.or_(Competence.active, Competence.id.in_(in_use)))
        .order_by(Competence.name)
    ).all()
