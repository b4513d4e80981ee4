"""Certification of an organisation against a pinned framework version: the application,
the audit norm by norm, findings, the decision and the certificate."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Organisation, User, db, utcnow

from ..frameworks.models import Module, Norm, NormFramework

VERDICTS = {
    "meets": _l("Voldoet"),
    "partly": _l("Voldoet deels"),
    "fails": _l("Voldoet niet"),
    "not_applicable": _l("N.v.t."),
}
GRADES = {
    "major": _l("Zwaar (major)"),
    "minor": _l("Licht (minor)"),
    # Worth knowing, no action required: not a non-conformity.
    "observation": _l("Observatie"),
}
NON_CONFORMITIES = ("major", "minor")

requested_modules = Table(
    "keurmerk_certification_module",
    db.metadata,
    Column(
        "certification_id",
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("module_id", ForeignKey("keurmerk_module.id", ondelete="CASCADE"), primary_key=True),
)


granted_modules = Table(
    "keurmerk_certification_granted_module",
    db.metadata,
    Column(
        "certification_id",
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("module_id", ForeignKey("keurmerk_module.id", ondelete="CASCADE"), primary_key=True),
)


class Certification(db.Model):
    __tablename__ = "keurmerk_certification"
    # The certification list pages newest application first.
    __table_args__ = (Index("ix_keurmerk_certification_applied", "applied_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    framework_id: Mapped[int] = mapped_column(ForeignKey("keurmerk_framework.id"), index=True)
    applied_at: Mapped[datetime] = mapped_column(default=utcnow)
    lead_auditor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    co_auditor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    audit_date: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # Unique and hard to guess: the public verification page is found by it.
    certificate_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    valid_from: Mapped[date | None]
    # The last day it is valid. Indexed: renewal tasks and the dashboard take the soonest.
    valid_until: Mapped[date | None] = mapped_column(index=True)
    # While suspended: since when and why, as the public register shows it.
    suspended_on: Mapped[date | None]
    suspension_reason: Mapped[str | None] = mapped_column(String(300))
    # A recertification: the certificate it renews. Its grant takes over that number.
    renews_id: Mapped[int | None] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="SET NULL"), index=True
    )

    organisation: Mapped[Organisation] = relationship()
    framework: Mapped[NormFramework] = relationship()
    modules: Mapped[list[Module]] = relationship(
        secondary=requested_modules, order_by="Module.name"
    )
    # What the committee granted: all requested modules, or some (they are earned separately).
    granted: Mapped[list[Module]] = relationship(secondary=granted_modules, order_by="Module.name")
    lead_auditor: Mapped[User | None] = relationship(foreign_keys=[lead_auditor_id])
    co_auditor: Mapped[User | None] = relationship(foreign_keys=[co_auditor_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    renews: Mapped[Certification | None] = relationship(
        remote_side=[id], foreign_keys=[renews_id], back_populates="renewals"
    )
    renewals: Mapped[list[Certification]] = relationship(
        foreign_keys=[renews_id], back_populates="renews", order_by="Certification.id"
    )
    judgements: Mapped[list[Judgement]] = relationship(
        back_populates="certification", cascade="all, delete-orphan"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="certification", order_by="Finding.id", cascade="all, delete-orphan"
    )
    self_assessment: Mapped[list[SelfAssessment]] = relationship(cascade="all, delete-orphan")
    surveillances: Mapped[list[Surveillance]] = relationship(
        back_populates="certification", order_by="Surveillance.id", cascade="all, delete-orphan"
    )

    @property
    def norms(self) -> list[Norm]:
        """The norms this audit covers: those of the requested modules' themes (all, without modules)."""
        if not self.modules:
            return self.framework.norms
        theme_ids = {t.id for m in self.modules for t in m.themes}
        return [n for n in self.framework.norms if n.theme_id in theme_ids]

    @property
    def granted_norms(self) -> list[Norm]:
        """The norms a surveillance can check: those of the granted modules' themes."""
        if not self.modules:
            return self.framework.norms
        theme_ids = {t.id for m in self.granted for t in m.themes}
        return [n for n in self.framework.norms if n.theme_id in theme_ids]

    @property
    def audit_findings(self) -> list[Finding]:
        """The findings of the audit itself, not of a later surveillance."""
        return [f for f in self.findings if f.surveillance_id is None]

    @property
    def audit_team_ids(self) -> set[int]:
        return {i for i in (self.lead_auditor_id, self.co_auditor_id) if i}

    @property
    def title(self) -> str:
        # Stored as the workflow's title: the organisation's name, never a person's.
        what = "Hercertificering" if self.renews_id else "Certificering"
        return f"{what} {self.organisation.name}"


def new_certificate_number() -> str:
    # 10 random characters from an alphabet without look-alikes: unguessable, easy to read out.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "WR-" + "".join(secrets.choice(alphabet) for _ in range(10))


class SelfAssessment(db.Model):
    """The organisation's own account of how it meets one norm, written during the intake."""

    __tablename__ = "keurmerk_self_assessment"
    __table_args__ = (UniqueConstraint("certification_id", "norm_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"), index=True
    )
    norm_id: Mapped[int] = mapped_column(ForeignKey("keurmerk_norm.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


surveillance_norms = Table(
    "keurmerk_surveillance_norm",
    db.metadata,
    Column(
        "surveillance_id",
        ForeignKey("keurmerk_surveillance.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("norm_id", ForeignKey("keurmerk_norm.id", ondelete="CASCADE"), primary_key=True),
)

SURVEILLANCE_OUTCOMES = {
    "passed": _l("Voldoet nog: keurmerk blijft"),
    "suspended": _l("Geschorst"),
}


class Surveillance(db.Model):
    """A yearly check (*toetsing*) of a certificate: a short audit of norms the team chose,
    by one auditor, decided by the committee. It can lead to a suspension; it never moves the
    certificate's end."""

    __tablename__ = "keurmerk_surveillance"

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"), index=True
    )
    auditor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    audit_date: Mapped[date | None]
    planned_at: Mapped[datetime] = mapped_column(default=utcnow)
    reported_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))

    certification: Mapped[Certification] = relationship(back_populates="surveillances")
    auditor: Mapped[User | None] = relationship(foreign_keys=[auditor_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    norms: Mapped[list[Norm]] = relationship(
        secondary=surveillance_norms, order_by=(Norm.theme_id, Norm.position, Norm.id)
    )
    judgements: Mapped[list[Judgement]] = relationship(
        back_populates="surveillance", cascade="all, delete-orphan"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="surveillance", order_by="Finding.id"
    )

    @property
    def outcome_label(self) -> str:
        return str(SURVEILLANCE_OUTCOMES[self.outcome]) if self.outcome else ""


class Judgement(db.Model):
    """An auditor's judgement of one norm, with what they saw and heard in practice: in the
    certification's audit, or in one of its surveillances (exactly one of the two)."""

    __tablename__ = "keurmerk_judgement"
    __table_args__ = (
        UniqueConstraint("certification_id", "norm_id"),
        UniqueConstraint("surveillance_id", "norm_id"),
        CheckConstraint(
            "(certification_id IS NULL) <> (surveillance_id IS NULL)", name="one_audit"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int | None] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"), index=True
    )
    surveillance_id: Mapped[int | None] = mapped_column(
        ForeignKey("keurmerk_surveillance.id", ondelete="CASCADE"), index=True
    )
    norm_id: Mapped[int] = mapped_column(ForeignKey("keurmerk_norm.id", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(20))
    narrative: Mapped[str] = mapped_column(Text)
    judged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    judged_at: Mapped[datetime] = mapped_column(default=utcnow)

    certification: Mapped[Certification | None] = relationship(back_populates="judgements")
    surveillance: Mapped[Surveillance | None] = relationship(back_populates="judgements")
    norm: Mapped[Norm] = relationship()

    @property
    def verdict_label(self) -> str:
        return str(VERDICTS[self.verdict])


class Finding(db.Model):
    """A non-conformity found in the audit, with the correction the organisation must make.
    Found in a surveillance, it names that too; it is the certification's all the same."""

    __tablename__ = "keurmerk_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(
        ForeignKey("keurmerk_certification.id", ondelete="CASCADE"), index=True
    )
    surveillance_id: Mapped[int | None] = mapped_column(
        ForeignKey("keurmerk_surveillance.id", ondelete="CASCADE"), index=True
    )
    norm_id: Mapped[int] = mapped_column(ForeignKey("keurmerk_norm.id", ondelete="CASCADE"))
    grade: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    corrective_action: Mapped[str] = mapped_column(Text)  # for an observation: a suggestion
    deadline: Mapped[date | None]  # none for an observation
    # The organisation's answer, and the auditor's review of it.
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None]
    review_note: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[datetime | None]
    closed: Mapped[bool] = mapped_column(default=False)

    certification: Mapped[Certification] = relationship(back_populates="findings")
    surveillance: Mapped[Surveillance | None] = relationship(back_populates="findings")
    norm: Mapped[Norm] = relationship()

    @property
    def grade_label(self) -> str:
        return str(GRADES[self.grade])

    @property
    def needs_action(self) -> bool:
        """An observation asks nothing of the organisation; a non-conformity asks a repair."""
        return self.grade in NON_CONFORMITIES

    @property
    def reviewers(self) -> list[User]:
        """Who reviews the organisation's answer: the auditor(s) who found it."""
        if self.surveillance is not None:
            return [self.surveillance.auditor] if self.surveillance.auditor else []
        c = self.certification
        return [u for u in (c.lead_auditor, c.co_auditor) if u is not None]

    @property
    def final(self) -> bool:
        """Final, so the organisation can answer it: a surveillance's once reported."""
        return self.surveillance is None or self.surveillance.reported_at is not None

    @property
    def awaiting_review(self) -> bool:
        return (
            bool(self.response)
            and not self.closed
            and (self.reviewed_at is None or self.reviewed_at < self.responded_at)
        )
