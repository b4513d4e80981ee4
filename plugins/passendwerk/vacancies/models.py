"""Employers' vacancies and the competences they ask for.

A vacancy names competences (required or nice to have, each with a level) and never a
diploma.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, db, utcnow

from ..catalogue.models import Competence

OUTSIDE_ROTTERDAM = "buiten Rotterdam"


class Vacancy(db.Model):
    __tablename__ = "passendwerk_vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str] = mapped_column(String(30))
    hours: Mapped[int]
    contract: Mapped[str] = mapped_column(String(30))
    cao: Mapped[bool] = mapped_column(default=False)
    district: Mapped[str] = mapped_column(String(60))
    is_open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    competences: Mapped[list[VacancyCompetence]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def required(self) -> list[VacancyCompetence]:
        return [c for c in self.competences if c.required]

    @property
    def nice(self) -> list[VacancyCompetence]:
        return [c for c in self.competences if not c.required]


class VacancyCompetence(db.Model):
    __tablename__ = "passendwerk_vacancy_competence"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_vacancy.id", ondelete="CASCADE"), primary_key=True
    )
    competence_id: Mapped[int] = mapped_column(
        ForeignKey("passendwerk_competence.id", ondelete="CASCADE"), primary_key=True
    )
    level: Mapped[int]
    required: Mapped[bool] = mapped_column(default=True)

    competence: Mapped[Competence] = relationship(lazy="joined")
