"""The talent profile: what someone can (competences with a level), wants, and how they work;
and the training planned to grow it.

Talent, not diplomas: nothing here records a diploma, and matching never asks for one.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db, utcnow

from ..catalogue.models import Competence, TrainingModule

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

STATUSES = {
    "planned": _l("Gepland"),
    "attended": _l("Gevolgd"),
    "completed": _l("Afgerond"),
}

# How far someone is willing to travel, compared with the district of a vacancy.
TRAVEL = {
    "wijk": _l("Alleen in de eigen wijk"),
    "stad": _l("Overal in Rotterdam"),
    "regio": _l("Ook buiten Rotterdam"),
}


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


class TrainingEnrolment(db.Model):
    """A training module planned for a job seeker, and how far they got with it."""

    __tablename__ = "passendwerk_training_enrolment"
    __table_args__ = (UniqueConstraint("job_seeker_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_seeker_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_job_seeker.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_training_module.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(20), default="planned")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    module: Mapped[TrainingModule] = relationship(lazy="joined")

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])
