"""The processes of the keurmerk, as declared to the workflow engine."""

from datetime import timedelta

from core.extensions import db
from core.workflow import State, Transition, Workflow

from .forms import CertifyForm, PlanAuditForm
from .models import Norm, NormComment, PilotAudit, Theme

MIN_PILOT_AUDITS = 2


def unresolved_comments(framework_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(NormComment.id))
        .join(Norm)
        .join(Theme)
        .where(Theme.framework_id == framework_id, NormComment.resolution.is_(None))
    )


def completed_pilot_audits(framework_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(PilotAudit.id)).where(
            PilotAudit.framework_id == framework_id, PilotAudit.completed
        )
    )


def all_comments_resolved(instance, actor):
    open_count = unresolved_comments(instance.subject_id)
    if open_count:
        return f"Er zijn nog {open_count} reacties zonder besluit. Geef eerst elke reactie een besluit."
    return None


def enough_pilot_audits(instance, actor):
    done = completed_pilot_audits(instance.subject_id)
    if done < MIN_PILOT_AUDITS:
        return f"Er moeten minstens {MIN_PILOT_AUDITS} pilotaudits afgerond zijn; nu {done}."
    return None


def _launched_versions(instance) -> tuple[int, list[int]]:
    """This instance's framework version, and the versions launched now (other than it)."""
    from core.workflow.models import WorkflowInstance

    from .models import NormFramework

    launched = db.session.scalars(
        db.select(NormFramework.version)
        .join(WorkflowInstance, NormFramework.id == WorkflowInstance.subject_id)
        .where(
            WorkflowInstance.workflow_key == "keurmerk.framework",
            WorkflowInstance.state == "gelanceerd",
            WorkflowInstance.id != instance.id,
        )
    ).all()
    return db.session.get(NormFramework, instance.subject_id).version, launched


def newer_version_launched(instance, actor):
    own, launched = _launched_versions(instance)
    if not any(version > own for version in launched):
        return "Een versie wordt vanzelf vervangen als een nieuwere versie wordt gelanceerd."
    return None


def not_older_than_launched(instance, actor):
    own, launched = _launched_versions(instance)
    newest = max(launched, default=None)
    if newest is not None and newest > own:
        return (
            f"Versie {newest} is al gelanceerd; een oudere versie kan niet meer gelanceerd worden."
        )
    return None


FRAMEWORK = Workflow(
    key="keurmerk.framework",
    version=1,
    title="Normenkader",
    initial="concept",
    description="Van eerste opzet tot gelanceerd normenkader, samen met ervaringsdeskundigen en bedrijven.",
    states=(
        State(
            "concept",
            "Concept",
            "Het programmateam schrijft de eerste versie, op basis van de SVI-normen.",
        ),
        State(
            "consultatie",
            "Consultatie",
            "Ervaringsdeskundigen en bedrijven lezen mee en reageren per norm.",
            deadline=timedelta(days=42),
        ),
        State("herschrijven", "Herschrijven", "Het team verwerkt de reacties in de normen."),
        State("pilot", "Pilot", "Proefaudits bij minstens twee verschillende organisaties."),
        State(
            "definitief", "Definitief", "Het normenkader is vastgesteld en klaar voor de lancering."
        ),
        State("gelanceerd", "Gelanceerd", "Organisaties worden op deze versie getoetst."),
        State("vervangen", "Vervangen", "Een nieuwere versie is gelanceerd.", terminal=True),
    ),
    transitions=(
        Transition(
            "consult", "Voorleggen aan het klankbord", "concept", "consultatie", roles={"team"}
        ),
        Transition(
            "close_consultation",
            "Consultatie sluiten",
            "consultatie",
            "herschrijven",
            roles={"team"},
            guards=(all_comments_resolved,),
        ),
        Transition(
            "consult_again", "Nog een leesronde", "herschrijven", "consultatie", roles={"team"}
        ),
        Transition("start_pilot", "Pilot starten", "herschrijven", "pilot", roles={"team"}),
        Transition(
            "finalise",
            "Definitief maken",
            "pilot",
            "definitief",
            roles={"team"},
            guards=(enough_pilot_audits,),
        ),
        Transition(
            "launch",
            "Lanceren",
            "definitief",
            "gelanceerd",
            roles={"team"},
            guards=(not_older_than_launched,),
        ),
        Transition(
            "replace",
            "Vervangen",
            "gelanceerd",
            "vervangen",
            roles={"team"},
            guards=(newer_version_launched,),
        ),
    ),
)

# States in which the norms may still be changed, and in which they can be commented on.
EDITABLE_STATES = {"concept", "herschrijven"}
COMMENT_STATES = {"consultatie"}


# ---------------------------------------------------------------------------- certification


def _certification(instance):
    from .certification import Certification

    return db.session.get(Certification, instance.subject_id)


def mandatory_norms_judged(instance, actor):
    from .certification import Judgement

    certification = _certification(instance)
    judged = set(
        db.session.scalars(
            db.select(Judgement.norm_id).where(Judgement.certification_id == certification.id)
        )
    )
    missing = [n.code for n in certification.norms if n.mandatory and n.id not in judged]
    if missing:
        return f"Nog niet beoordeeld: {', '.join(missing)}. Beoordeel eerst alle verplichte normen."
    return None


def self_assessment_complete(instance, actor):
    from .certifications import self_assessment_progress

    done, total = self_assessment_progress(_certification(instance))
    if done < total:
        return f"De zelfevaluatie is nog niet af: {done} van {total} verplichte normen ingevuld."
    return None


def not_on_the_audit_team(instance, actor):
    if actor is not None and actor.id in _certification(instance).audit_team_ids:
        return "U was bij de audit betrokken. Iemand anders van de commissie moet besluiten."
    return None


def no_open_major_findings(instance, actor):
    open_major = [
        f.norm.code
        for f in _certification(instance).findings
        if f.grade == "major" and not f.closed
    ]
    if open_major:
        return f"Er staan nog zware bevindingen open ({', '.join(open_major)}). Certificeren kan pas als die zijn opgelost."
    return None


def outside_audit_and_decision(instance, actor):
    certification = _certification(instance)
    if actor is not None and (
        actor.id in certification.audit_team_ids or actor.id == certification.decided_by_id
    ):
        return "Over een bezwaar beslist iemand die niet bij de audit of het besluit betrokken was."
    return None


def not_failed_twice_this_year(instance, actor):
    from core.timeutil import utcnow
    from core.workflow.models import WorkflowHistory, WorkflowInstance

    from .certification import Certification

    certification = _certification(instance)
    rejections = db.session.scalars(
        db.select(WorkflowHistory.at)
        .join(WorkflowInstance, WorkflowInstance.id == WorkflowHistory.instance_id)
        .join(Certification, Certification.id == WorkflowInstance.subject_id)
        .where(
            WorkflowInstance.workflow_key == "keurmerk.certification",
            Certification.organisation_id == certification.organisation_id,
            WorkflowHistory.to_state == "afgewezen",
        )
        .order_by(WorkflowHistory.at.desc())
    ).all()
    if len(rejections) >= 2:
        allowed_from = rejections[0] + timedelta(days=365)
        if allowed_from > utcnow():
            return (
                "Deze organisatie is twee keer afgewezen. Een nieuwe aanvraag kan pas vanaf "
                f"{allowed_from:%d-%m-%Y}."
            )
    return None


def certificate_validity(instance) -> timedelta:
    framework = _certification(instance).framework
    return timedelta(days=round(framework.validity_months * 365.25 / 12))


_COMMITTEE_DECIDES = (not_on_the_audit_team,)

CERTIFICATION = Workflow(
    key="keurmerk.certification",
    version=1,
    title="Certificering",
    initial="aangevraagd",
    description="Van aanvraag tot certificaat: intake, audit in de praktijk, rapport, besluit.",
    viewer_roles=frozenset({"team", "board", "committee"}),
    states=(
        State(
            "aangevraagd",
            "Aangevraagd",
            "De organisatie heeft het keurmerk aangevraagd.",
            deadline=timedelta(days=14),
        ),
        State(
            "intake",
            "Intake",
            "De organisatie levert documenten en een zelfevaluatie per norm.",
            deadline=timedelta(days=42),
        ),
        State("audit_gepland", "Audit gepland", "Datum en auditoren staan vast."),
        State(
            "audit",
            "Audit",
            "De auditoren toetsen norm voor norm hoe het in de praktijk gaat.",
            deadline=timedelta(days=30),
        ),
        State("rapport", "Rapport", "De auditoren ronden hun rapport af."),
        State(
            "besluit", "Besluit", "De certificatiecommissie besluit.", deadline=timedelta(days=30)
        ),
        State(
            "gecertificeerd",
            "Gecertificeerd",
            "De organisatie heeft het keurmerk.",
            deadline=certificate_validity,
        ),
        State(
            "herstel",
            "Herstel",
            "De organisatie herstelt de tekortkomingen; daarna volgt een nieuwe audit.",
            deadline=timedelta(days=183),
        ),
        State("afgewezen", "Afgewezen", "Het keurmerk is niet toegekend. Bezwaar is mogelijk."),
        State(
            "bezwaar",
            "Bezwaar",
            "Iemand buiten de audit en de commissie beslist over het bezwaar.",
            deadline=timedelta(days=42),
        ),
        State("toetsing", "Toetsing", "Periodieke toetsing: voldoet de organisatie nog?"),
        State("geschorst", "Geschorst", "Het keurmerk is tijdelijk geschorst."),
        State("ingetrokken", "Ingetrokken", "Het keurmerk is ingetrokken.", terminal=True),
        State("verlopen", "Verlopen", "De geldigheid is voorbij.", terminal=True),
    ),
    transitions=(
        Transition(
            "start_intake",
            "Intake starten",
            "aangevraagd",
            "intake",
            roles={"team"},
            guards=(not_failed_twice_this_year,),
        ),
        Transition(
            "plan_audit",
            "Audit plannen",
            "intake",
            "audit_gepland",
            roles={"team"},
            form=PlanAuditForm,
            guards=(self_assessment_complete,),
        ),
        Transition(
            "start_audit",
            "Audit beginnen",
            "audit_gepland",
            "audit",
            roles={"auditor"},
            assignee_only=True,
        ),
        Transition(
            "to_report",
            "Naar rapport",
            "audit",
            "rapport",
            roles={"auditor"},
            assignee_only=True,
            guards=(mandatory_norms_judged,),
        ),
        Transition(
            "submit_report",
            "Rapport naar de commissie",
            "rapport",
            "besluit",
            roles={"auditor"},
            assignee_only=True,
        ),
        Transition(
            "certify",
            "Keurmerk toekennen",
            "besluit",
            "gecertificeerd",
            roles={"committee"},
            guards=(*_COMMITTEE_DECIDES, no_open_major_findings),
            form=CertifyForm,
        ),
        Transition(
            "require_repair",
            "Herstel vragen",
            "besluit",
            "herstel",
            roles={"committee"},
            guards=_COMMITTEE_DECIDES,
            comment_required=True,
        ),
        Transition(
            "reject",
            "Afwijzen",
            "besluit",
            "afgewezen",
            roles={"committee"},
            guards=_COMMITTEE_DECIDES,
            comment_required=True,
        ),
        Transition("reaudit", "Nieuwe audit plannen", "herstel", "audit_gepland", roles={"team"}),
        Transition(
            "repair_expired", "Hersteltermijn verlopen", "herstel", "afgewezen", timeout=True
        ),
        Transition(
            "object",
            "Bezwaar maken",
            "afgewezen",
            "bezwaar",
            roles={"partner", "team"},
            comment_required=True,
        ),
        Transition(
            "uphold_objection",
            "Bezwaar gegrond: opnieuw besluiten",
            "bezwaar",
            "besluit",
            roles={"team"},
            guards=(outside_audit_and_decision,),
            comment_required=True,
        ),
        Transition(
            "dismiss_objection",
            "Bezwaar ongegrond",
            "bezwaar",
            "afgewezen",
            roles={"team"},
            guards=(outside_audit_and_decision,),
            comment_required=True,
        ),
        Transition(
            "surveil", "Periodieke toetsing starten", "gecertificeerd", "toetsing", roles={"team"}
        ),
        Transition(
            "pass_surveillance",
            "Voldoet nog: keurmerk blijft",
            "toetsing",
            "gecertificeerd",
            roles={"committee"},
            guards=_COMMITTEE_DECIDES,
        ),
        Transition(
            "suspend",
            "Schorsen",
            ("gecertificeerd", "toetsing"),
            "geschorst",
            roles={"committee"},
            comment_required=True,
        ),
        Transition(
            "lift", "Schorsing opheffen", "geschorst", "gecertificeerd", roles={"committee"}
        ),
        Transition(
            "withdraw",
            "Intrekken",
            "geschorst",
            "ingetrokken",
            roles={"committee"},
            comment_required=True,
        ),
        Transition("expire", "Laten verlopen", "gecertificeerd", "verlopen", timeout=True),
    ),
)
