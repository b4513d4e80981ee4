"""The processes of the keurmerk, as declared to the workflow engine."""

from datetime import timedelta

from core.extensions import db
from core.workflow import State, Transition, Workflow

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


def newer_version_launched(instance, actor):
    from core.workflow.models import WorkflowInstance

    from .models import NormFramework

    newer = db.session.scalar(
        db.select(db.func.count(WorkflowInstance.id))
        .join(NormFramework, NormFramework.id == WorkflowInstance.subject_id)
        .where(
            WorkflowInstance.workflow_key == "keurmerk.framework",
            WorkflowInstance.state == "gelanceerd",
            WorkflowInstance.id != instance.id,
            NormFramework.version
            > db.select(NormFramework.version)
            .where(NormFramework.id == instance.subject_id)
            .scalar_subquery(),
        )
    )
    if not newer:
        return "Een versie wordt vanzelf vervangen als een nieuwere versie wordt gelanceerd."
    return None


def not_older_than_launched(instance, actor):
    from core.workflow.models import WorkflowInstance

    from .models import NormFramework

    launched = db.session.scalar(
        db.select(db.func.max(NormFramework.version))
        .join(WorkflowInstance, NormFramework.id == WorkflowInstance.subject_id)
        .where(
            WorkflowInstance.workflow_key == "keurmerk.framework",
            WorkflowInstance.state == "gelanceerd",
        )
    )
    own = db.session.get(NormFramework, instance.subject_id).version
    if launched is not None and launched > own:
        return f"Versie {launched} is al gelanceerd; een oudere versie kan niet meer gelanceerd worden."
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
