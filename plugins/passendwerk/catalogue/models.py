"""The lists the team maintains: competences, training modules, causes of ending a route."""

from __future__ import annotations

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from core.api import db

# How many entries a search offers: enough to choose from, few enough to read.
SEARCH_LIMIT = 20

# Byte order on PostgreSQL too, so a prefix is one range of the index whatever the database's
# collation; SQLite compares bytes already.
NAME_KEY = String(200).with_variant(String(200, collation="C"), "postgresql")


def name_key(text: str) -> str:
    """The form of a name that searches compare: case folded in Python, so SQLite (whose
    lower() knows only ASCII) and PostgreSQL find the same entries."""
    return " ".join(text.casefold().split())


class Competence(db.Model):
    """One entry of the catalogue the team maintains (seeded; extendable from ESCO)."""

    __tablename__ = "passendwerk_competence"
    __table_args__ = (Index("ix_passendwerk_competence_active_name_key", "active", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_key: Mapped[str | None] = mapped_column(NAME_KEY)
    description: Mapped[str | None] = mapped_column(Text)
    esco_uri: Mapped[str | None] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(default=True)

    @validates("name")
    def _keep_key(self, _key, name: str) -> str:
        self.name_key = name_key(name)
        return name


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


def _after(prefix: str) -> str:
    """The first text past every text that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def find_competences(query: str, limit: int = SEARCH_LIMIT) -> list[Competence]:
    """Active entries whose name starts with, then contains, `query` (case-insensitive).

    The names that start with it are one range of the (active, name_key) index; only when
    they are fewer than `limit` does a substring search fill up, itself bounded by `limit`.
    """
    key = name_key(query)
    if not key:
        return []
    starts = db.session.scalars(
        db.select(Competence)
        .where(Competence.active, Competence.name_key >= key, Competence.name_key < _after(key))
        .order_by(Competence.name_key)
        .limit(limit)
    ).all()
    if len(starts) >= limit:
        return list(starts)
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    within = db.session.scalars(
        db.select(Competence)
        .where(
            Competence.active,
            Competence.name_key.like(pattern, escape="\\"),
            Competence.id.not_in([c.id for c in starts]),
        )
        .order_by(Competence.name_key)
        .limit(limit - len(starts))
    ).all()
    return [*starts, *within]


def competences_by_id(ids) -> dict[int, Competence]:
    ids = set(ids)
    if not ids:
        return {}
    return {
        c.id: c for c in db.session.scalars(db.select(Competence).where(Competence.id.in_(ids)))
    }
