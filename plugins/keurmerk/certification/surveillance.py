"""Surveillance (*toetsing*): the yearly short audit of a certificate. The team chooses the
norms and the auditor; the auditor judges those norms in practice, findings included; the
committee decides whether the certificate stands or is suspended. It never moves the end."""

from __future__ import annotations

from flask_babel import gettext as _

from core.api import User, db, engine_of, utcnow

from .models import Certification, Finding, Judgement, Surveillance

# The states a surveillance runs through: the auditor's work, then the committee's decision.
AUDITING, DECIDING = "toetsing", "toetsing_besluit"


def current_surveillance(certification: Certification) -> Surveillance | None:
    """The surveillance not yet decided, if any."""
    return next((s for s in reversed(certification.surveillances) if s.decided_at is None), None)


def plan_surveillance(instance, actor, data: dict) -> None:
    """Effect of `surveil`: record the plan and hand the certification to its auditor."""
    certification = db.session.get(Certification, instance.subject_id)
    surveillance = Surveillance(certification=certification)
    db.session.add(surveillance)
    apply_plan(surveillance, instance, actor, data)


def apply_plan(surveillance: Surveillance, instance, actor, data: dict) -> None:
    """Set (or change) the auditor, date and norms; the auditor is the one to move it on."""
    chosen = set(data["norm_ids"])
    surveillance.norms = [n for n in surveillance.certification.granted_norms if n.id in chosen]
    surveillance.audit_date = data["audit_date"]
    surveillance.auditor_id = data["auditor_id"]
    auditor = db.session.get(User, surveillance.auditor_id)
    engine = engine_of()
    if auditor is not None and auditor in engine.assignable_people(instance):
        engine.assign_within(instance, auditor, actor=actor)


def judge_surveillance_norm(
    surveillance: Surveillance,
    norm,
    actor,
    verdict: str,
    narrative: str,
    *,
    grade: str | None = None,
    action: str | None = None,
    deadline=None,
) -> Judgement:
    """As in the audit: a "voldoet niet" opens a finding (of this surveillance, and so of the
    certification, for the organisation to answer); any judgement may carry an observation."""
    judgement = db.session.scalar(
        db.select(Judgement).where(
            Judgement.surveillance_id == surveillance.id, Judgement.norm_id == norm.id
        )
    ) or Judgement(surveillance=surveillance, norm=norm)
    judgement.verdict = verdict
    judgement.narrative = narrative.strip()
    judgement.judged_by_id = actor.id
    judgement.judged_at = utcnow()
    db.session.add(judgement)
    finding = next((f for f in surveillance.findings if f.norm_id == norm.id), None)
    if verdict == "fails" or grade == "observation":
        finding = finding or Finding(
            certification=surveillance.certification, surveillance=surveillance, norm=norm
        )
        finding.grade = grade
        finding.description = judgement.narrative
        finding.corrective_action = (action or "").strip()
        finding.deadline = deadline if grade != "observation" else None
        db.session.add(finding)
    elif finding is not None:
        db.session.delete(finding)  # changed their mind before reporting
    return judgement


def progress(surveillance: Surveillance | None) -> tuple[int, int]:
    if surveillance is None:
        return 0, 0
    judged = {j.norm_id for j in surveillance.judgements}
    return sum(1 for n in surveillance.norms if n.id in judged), len(surveillance.norms)


# Guards and effects of the surveillance steps (declared in workflows.py).


def _surveillance(instance) -> Surveillance | None:
    return current_surveillance(db.session.get(Certification, instance.subject_id))


def chosen_norms_judged(instance, actor) -> str | None:
    surveillance = _surveillance(instance)
    if surveillance is None or not surveillance.norms:
        return _("Het team kiest eerst de normen en de auditor van deze toetsing.")
    judged = {j.norm_id for j in surveillance.judgements}
    missing = [n.code for n in surveillance.norms if n.id not in judged]
    if missing:
        return _("Nog niet beoordeeld: %(codes)s.", codes=", ".join(missing))
    return None


def not_the_surveillance_auditor(instance, actor) -> str | None:
    surveillance = _surveillance(instance)
    if actor is not None and surveillance is not None and actor.id == surveillance.auditor_id:
        return _("U deed deze toetsing. Iemand anders van de commissie moet besluiten.")
    return None


def no_open_major_surveillance_findings(instance, actor) -> str | None:
    surveillance = _surveillance(instance)
    open_major = [
        f.norm.code
        for f in (surveillance.findings if surveillance else ())
        if f.grade == "major" and not f.closed
    ]
    if open_major:
        return _(
            "De toetsing vond zware tekortkomingen (%(codes)s). Schors het keurmerk, of besluit "
            "als ze zijn opgelost.",
            codes=", ".join(open_major),
        )
    return None


def record_report(instance, actor, data: dict) -> None:
    _surveillance(instance).reported_at = utcnow()


def _decide(instance, actor, outcome: str) -> None:
    surveillance = _surveillance(instance)
    if surveillance is not None:  # a suspension outside a surveillance decides none
        surveillance.decided_by_id, surveillance.decided_at = actor.id, utcnow()
        surveillance.outcome = outcome


def record_passed(instance, actor, data: dict) -> None:
    _decide(instance, actor, "passed")


def record_suspended(instance, actor) -> None:
    _decide(instance, actor, "suspended")
