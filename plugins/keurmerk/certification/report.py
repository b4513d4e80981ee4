"""The facts of an audit report, gathered once for the report page and its PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _

from core.api import User, WorkflowHistory, WorkflowInstance, db, engine_of

from ..frameworks.models import Norm
from . import rules
from .evidence import Evidence
from .models import VERDICTS, Certification, Finding, Judgement

# The steps that decide about the certificate, the report lists them all: the committee's
# decision, an objection and its outcome, surveillance, suspension, and how it ended.
DECISIONS = (
    "certify",
    "require_repair",
    "reject",
    "repair_expired",
    "object",
    "uphold_objection",
    "dismiss_objection",
    "pass_surveillance",
    "suspend",
    "lift",
    "withdraw",
    "suspension_lapsed",
    "expire",
    "renewed",
)


@dataclass
class Tally:
    """How many norms of a theme or module got each verdict, and how many are not judged."""

    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    not_judged: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.not_judged


@dataclass
class NormReport:
    norm: Norm
    judgement: Judgement | None
    judged_by: str | None
    findings: list[Finding]
    evidence: list[Evidence]


@dataclass
class Decision:
    label: str  # the step, e.g. "Keurmerk toekennen"
    by: str  # a name, or "automatisch" for a term that ran out
    at: datetime
    comment: str | None  # the reason written with it


@dataclass
class AuditReport:
    certification: Certification
    state_label: str
    auditors: list[str]
    themes: list[Tally]
    modules: list[Tally]
    norms: list[NormReport]
    general_evidence: list[Evidence]  # files not tied to a norm
    decisions: list[Decision]

    @property
    def verdict_labels(self) -> dict[str, str]:
        return {key: str(label) for key, label in VERDICTS.items()}

    @property
    def granted(self) -> list[str]:
        return [m.name for m in self.certification.granted]

    @property
    def certificate_number(self) -> str | None:
        return self.certification.certificate_number

    @property
    def valid_from(self) -> date | None:
        return self.certification.valid_from

    @property
    def valid_until(self) -> date | None:
        return self.certification.valid_until


def _name(user: User | None) -> str | None:
    return user.display_name if user is not None else None


def _tally(name: str, norms: list[Norm], judgements: dict[int, Judgement]) -> Tally:
    tally = Tally(name)
    for norm in norms:
        judgement = judgements.get(norm.id)
        if judgement is None:
            tally.not_judged += 1
        else:
            tally.counts[judgement.verdict] += 1
    return tally


def _decisions(instance: WorkflowInstance) -> list[Decision]:
    workflow = engine_of().declaration(instance)
    steps = {t.trigger: t for t in workflow.transitions}
    rows = db.session.scalars(
        db.select(WorkflowHistory)
        .where(WorkflowHistory.instance_id == instance.id, WorkflowHistory.trigger.in_(DECISIONS))
        .options(db.joinedload(WorkflowHistory.actor))
        .order_by(WorkflowHistory.at, WorkflowHistory.id)
    ).all()
    decisions = []
    for row in rows:
        step = steps[row.trigger]
        if row.actor is not None:
            by = row.actor.display_name
        else:  # a term that ran out, or a person whose account is gone
            by = _("automatisch") if step.timeout else _("niet meer bekend")
        reason = row.comment or (row.data or {}).get("reason")
        decisions.append(Decision(str(step.label), by, row.at, reason))
    return decisions


def gather(certification: Certification) -> AuditReport:
    """Everything the report says: per theme and module how the norms were judged, each
    judgement with its findings and evidence, the audit team and the committee's decisions."""
    instance = engine_of().instance_for(rules.WORKFLOW, certification)
    judgements = {j.norm_id: j for j in certification.judgements}
    norms = certification.norms
    files = db.session.scalars(
        db.select(Evidence)
        .where(Evidence.certification_id == certification.id)
        .order_by(Evidence.id)
    ).all()
    judges = {
        u.id: u.display_name
        for u in db.session.scalars(
            db.select(User).where(
                User.id.in_({j.judged_by_id for j in judgements.values() if j.judged_by_id})
            )
        )
    }
    norm_ids = {n.id for n in norms}
    themes = []
    for norm in norms:
        if norm.theme not in themes:
            themes.append(norm.theme)
    modules = certification.modules
    return AuditReport(
        certification=certification,
        state_label=str(engine_of().declaration(instance).state(instance.state).label),
        auditors=[
            name
            for name in (_name(certification.lead_auditor), _name(certification.co_auditor))
            if name
        ],
        themes=[
            _tally(f"{t.code} · {t.name}", [n for n in norms if n.theme_id == t.id], judgements)
            for t in themes
        ],
        modules=[
            _tally(
                m.name,
                [n for n in norms if n.theme_id in {t.id for t in m.themes}],
                judgements,
            )
            for m in modules
        ],
        norms=[
            NormReport(
                norm=norm,
                judgement=judgements.get(norm.id),
                judged_by=judges.get(getattr(judgements.get(norm.id), "judged_by_id", None)),
                findings=[f for f in certification.audit_findings if f.norm_id == norm.id],
                evidence=[e for e in files if e.norm_id == norm.id],
            )
            for norm in norms
        ],
        general_evidence=[e for e in files if e.norm_id not in norm_ids],
        decisions=_decisions(instance),
    )
