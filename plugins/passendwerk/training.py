"""The catalogue of training modules and, per job seeker, what is planned, attended, completed."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import db, utcnow

STATUSES = {
    "planned": _l("Gepland"),
    "attended": _l("Gevolgd"),
    "completed": _l("Afgerond"),
}


class TrainingModule(db.Model):
    __tablename__ = "passendwerk_training_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)


class TrainingEnrolment(db.Model):
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
