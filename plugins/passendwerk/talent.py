"""The talent profile: what someone can (competences with a level), wants, and how they work.

Talent, not diplomas: nothing here records a diploma, and matching never asks for one.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db, utcnow

LEVELS = {
    1: _l("1 – begint"),
    2: _l("2 – redelijk"),
    3: _l("3 – goed"),
    4: _l("4 – uitstekend"),
}

SECTORS = {
    "horeca": _l("Horeca"),
    "logistiek": _l("Logistiek en transport"),
    "zorg": _l("Zorg en welzijn"),
    "schoonmaak": _l("Schoonmaak en facilitair"),
    "techniek": _l("Bouw en techniek"),
    "groen": _l("Groen"),
    "detailhandel": _l("Winkel en detailhandel"),
    "productie": _l("Productie"),
    "kantoor": _l("Kantoor en administratie"),
}

CONTRACTS = {
    "vast": _l("Vast contract"),
    "tijdelijk_uitzicht": _l("Tijdelijk, met uitzicht op vast"),
    "tijdelijk": _l("Tijdelijk"),
    "leerwerk": _l("Leer-werkplek"),
}

# How far someone is willing to travel, compared with the district of a vacancy.
TRAVEL = {
    "wijk": _l("Alleen in de eigen wijk"),
    "stad": _l("Overal in Rotterdam"),
    "regio": _l("Ook buiten Rotterdam"),
}


class Competence(db.Model):
    """One entry of the catalogue the team maintains (seeded; extendable from ESCO)."""

    __tablename__ = "passendwerk_competence"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    esco_uri: Mapped[str | None] = mapped_column(String(300), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class TalentProfile(db.Model):
    """Kunnen, willen, gedrag, persoonlijkheid, and an optional video pitch."""

    __tablename__ = "passendwerk_talent_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), unique=True
    )
    sectors: Mapped[list] = mapped_column(JSON, default=list)
    hours_min: Mapped[int | None]
    hours_max: Mapped[int | None]
    travel: Mapped[str] = mapped_column(String(10), default="stad")
    contracts: Mapped[list] = mapped_column(JSON, default=list)
    behaviour: Mapped[str | None] = mapped_column(Text)  # gedrag
    personality: Mapped[str | None] = mapped_column(Text)  # persoonlijkheid
    pitch_url: Mapped[str | None] = mapped_column(String(500))
    # The person agreed that employers they are introduced to see name, profile and pitch.
    share_with_employers: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    competences: Mapped[list[ProfileCompetence]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    def levels(self) -> dict[int, int]:
        return {c.competence_id: c.level for c in self.competences}


class ProfileCompetence(db.Model):
    __tablename__ = "passendwerk_profile_competence"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_talent_profile.id", ondelete="CASCADE"), primary_key=True
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_competence.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int]

    competence: Mapped[Competence] = relationship(lazy="joined")


def offered_competences(in_use: set[int]) -> list[Competence]:
    """The catalogue a form offers: active entries, plus retired ones a record still uses."""
    return db.session.scalars(
        db.select(Competence)
        .where(db.or_(Competence.active, Competence.id.in_(in_use)))
        .order_by(Competence.name)
    ).all()
