"""What a certification is audited against (its framework, the modules applied for and granted,
the norms in scope) and how far the audit is (each norm's verdict, the self-assessment's
answers), as plain values worked out once per change of the data.

A certification's page and its audit pages show these on every view; loading the framework's
themes, norms and modules as objects took four queries and most of the page's time.
"""

from dataclasses import dataclass

from core.api import cached, db

from ..frameworks.models import Module, Norm, NormFramework, Theme, module_themes
from .models import Certification, SelfAssessment, granted_modules, requested_modules


@dataclass(frozen=True)
class ScopedNorm:
    id: int
    code: str
    title: str
    mandatory: bool
    text: str  # what the norm asks, and for the auditor how to check it and what proves it
    guidance: str | None
    evidence: str | None


@dataclass(frozen=True)
class AuditScope:
    framework: str  # the framework's label ("Keurmerk Warm Sociaal Incasseren, versie 1")
    requested: tuple[str, ...]  # names of the modules applied for; none: the whole framework
    granted: tuple[str, ...]
    norms: tuple[ScopedNorm, ...]  # in the framework's order

    @property
    def mandatory(self) -> tuple[ScopedNorm, ...]:
        return tuple(n for n in self.norms if n.mandatory)

    def judged(self, norm_ids: set[int]) -> int:
        """How many of the norms in scope are among `norm_ids`."""
        return sum(1 for n in self.norms if n.id in norm_ids)


def audit_scope(certification: Certification) -> AuditScope:
    return cached(("keurmerk.audit_scope", certification.id), lambda: _scope(certification))


def _module_names(certification_id: int, link) -> tuple[str, ...]:
    return tuple(
        db.session.scalars(
            db.select(Module.name)
            .join(link, link.c.module_id == Module.id)
            .where(link.c.certification_id == certification_id)
            .order_by(Module.name)
        )
    )


def _scope(certification: Certification) -> AuditScope:
    framework = db.session.get(NormFramework, certification.framework_id)
    requested = _module_names(certification.id, requested_modules)
    norms = (
        db.select(
            Norm.id, Norm.code, Norm.title, Norm.mandatory, Norm.text, Norm.guidance, Norm.evidence
        )
        .join(Theme, Theme.id == Norm.theme_id)
        .where(Theme.framework_id == certification.framework_id)
        .order_by(Theme.position, Theme.id, Norm.position, Norm.id)
    )
    if requested:  # the norms of the requested modules' themes (as Certification.norms)
        themes = db.select(module_themes.c.theme_id).join(
            requested_modules, requested_modules.c.module_id == module_themes.c.module_id
        )
        norms = norms.where(
            Theme.id.in_(themes.where(requested_modules.c.certification_id == certification.id))
        )
    return AuditScope(
        framework=framework.label,
        requested=requested,
        granted=_module_names(certification.id, granted_modules),
        norms=tuple(ScopedNorm(*row) for row in db.session.execute(norms)),
    )


@dataclass(frozen=True)
class AuditState:
    verdicts: dict[int, str]  # norm id: the verdict's label, for the norms judged so far
    answers: dict[int, str]  # norm id: the organisation's own account in its self-assessment

    @property
    def answered(self) -> frozenset[int]:
        return frozenset(self.answers)


def audit_state(certification: Certification) -> AuditState:
    return cached(("keurmerk.audit_state", certification.id), lambda: _state(certification))


def _state(certification: Certification) -> AuditState:
    answers = db.session.execute(
        db.select(SelfAssessment.norm_id, SelfAssessment.answer).where(
            SelfAssessment.certification_id == certification.id
        )
    )
    return AuditState(
        verdicts={j.norm_id: j.verdict_label for j in certification.judgements},
        answers=dict(answers.all()),
    )
