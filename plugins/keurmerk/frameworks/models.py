"""The norm framework (normenkader): versions, themes, modules, norms, consultation comments,
pilot audits."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, User, db, utcnow


class NormFramework(db.Model):
    """One version of the norm framework; certifications are pinned to a version."""

    __tablename__ = "keurmerk_framework"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    # How long a certificate on this version stays valid.
    validity_months: Mapped[int] = mapped_column(default=24)
    # The consultation: reactions until the end of this day; private shows each participant
    # only their own reactions (the team always sees all).
    consultation_ends_on: Mapped[date | None]
    consultation_private: Mapped[bool] = mapped_column(default=False)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("keurmerk_framework.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    themes: Mapped[list[Theme]] = relationship(
        back_populates="framework", order_by="Theme.position", cascade="all, delete-orphan"
    )
    modules: Mapped[list[Module]] = relationship(
        back_populates="framework", order_by="Module.name", cascade="all, delete-orphan"
    )
    previous: Mapped[NormFramework | None] = relationship(remote_side=[id])

    @property
    def norms(self) -> list[Norm]:
        return [norm for theme in self.themes for norm in theme.norms]

    @property
    def label(self) -> str:
        return f"{self.title} (versie {self.version})"


class Theme(db.Model):
    __tablename__ = "keurmerk_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_framework.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))  # the letter norms start with: W, I, U
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)

    framework: Mapped[NormFramework] = relationship(back_populates="themes")
    norms: Mapped[list[Norm]] = relationship(
        back_populates="theme", order_by="Norm.position", cascade="all, delete-orphan"
    )


module_themes = Table(
    "keurmerk_module_theme",
    db.metadata,
    Column("module_id", ForeignKey("keurmerk_module.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("keurmerk_theme.id", ondelete="CASCADE"), primary_key=True),
)


class Module(db.Model):
    """A part of the mark that can be earned on its own (Warm Incasseren, Warm Werkgeverschap)."""

    __tablename__ = "keurmerk_module"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_framework.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))

    framework: Mapped[NormFramework] = relationship(back_populates="modules")
    themes: Mapped[list[Theme]] = relationship(secondary=module_themes, order_by="Theme.position")


class Norm(db.Model):
    __tablename__ = "keurmerk_norm"
    __table_args__ = (UniqueConstraint("theme_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_theme.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)  # the norm itself, in plain Dutch (B1)
    guidance: Mapped[str | None] = mapped_column(Text)  # for auditors: what to ask, what to check
    evidence: Mapped[str | None] = mapped_column(Text)  # what evidence is expected
    mandatory: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    # The norm this one was copied from in the previous version (for comparisons).
    origin_id: Mapped[int | None] = mapped_column(
        ForeignKey("keurmerk_norm.id", ondelete="SET NULL")
    )

    theme: Mapped[Theme] = relationship(back_populates="norms")
    comments: Mapped[list[NormComment]] = relationship(
        back_populates="norm", order_by="NormComment.id", cascade="all, delete-orphan"
    )


RESOLUTIONS = {
    "adopted": _l("Overgenomen"),
    "adapted": _l("Aangepast overgenomen"),
    "not_adopted": _l("Niet overgenomen"),
}


class NormComment(db.Model):
    """A reaction on a norm during consultation, and what the programme did with it."""

    __tablename__ = "keurmerk_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    norm_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_norm.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolution: Mapped[str | None] = mapped_column(String(20))
    explanation: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    resolved_at: Mapped[datetime | None]

    norm: Mapped[Norm] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def resolution_label(self) -> str | None:
        return str(RESOLUTIONS[self.resolution]) if self.resolution else None


class PilotAudit(db.Model):
    """A trial audit of a framework version at one organisation, during the pilot."""

    __tablename__ = "keurmerk_pilot_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_framework.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    held_on: Mapped[date]
    completed: Mapped[bool] = mapped_column(default=False)
    lessons: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship()
