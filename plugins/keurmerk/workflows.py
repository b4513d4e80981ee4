"""The processes of the keurmerk, as declared to the workflow engine."""

from datetime import datetime, timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, db, local_today

from .certification import surveillance
from .certification.forms import CertifyForm, PlanAuditForm, SurveillanceForm, SuspendForm
from .certification.rules import (
    MAX_SUSPENSION,
    end_suspension,
    grant,
    hand_to_lead_auditor,
    new_period,
    record_audit_plan,
    record_decision,
    record_suspension,
)
from .frameworks.forms import ConsultationForm
from .frameworks.models import Norm, NormComment, Theme
from .frameworks.rules import open_consultation, pilot_organisations, replace_older_launched
from .terms import day_after

MIN_PILOT_AUDITS = 2


def unresolved_comments(framework_id: int) -> int:
    return db.session.scalar(
        db.select(db.func.count(NormComment.id))
        .join(Norm)
        .join(Theme)
        .where(Theme.framework_id == framework_id, NormComment.resolution.is_(None))
    )


def all_comments_resolved(instance, actor):
    open_count = unresolved_comments(instance.subject_id)
    if open_count:
        return _(
            "Er zijn nog %(n)s reacties zonder besluit. Geef eerst elke reactie een besluit.",
            n=open_count,
        )
    return None


def enough_pilot_audits(instance, actor):
    done, _kinds = pilot_organisations(instance.subject_id)
    if done < MIN_PILOT_AUDITS:
        return _(
            "Er moeten pilotaudits afgerond zijn bij minstens %(min)s verschillende organisaties; nu %(done)s.",
            min=MIN_PILOT_AUDITS,
            done=done,
        )
    return None


def _launched_versions(instance) -> tuple[int, list[int]]:
    """This instance's framework version, and the versions launched now (other than it)."""
    from core.api import WorkflowInstance

    from .frameworks.models import NormFramework

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
        return _("Een versie wordt vanzelf vervangen als een nieuwere versie wordt gelanceerd.")
    return None


def not_older_than_launched(instance, actor):
    own, launched = _launched_versions(instance)
    newest = max(launched, default=None)
    if newest is not None and newest > own:
        return _(
            "Versie %(v)s is al gelanceerd; een oudere versie kan niet meer gelanceerd worden.",
            v=newest,
        )
    return None


def _framework_page(instance) -> str:
    return url_for("keurmerk.framework", framework_id=instance.subject_id)


def _certification_page(instance) -> str:
    return url_for("keurmerk.certification", certification_id=instance.subject_id)


FRAMEWORK = Workflow(
    key="keurmerk.framework",
    version=1,
    title=_l("Normenkader"),
    initial="concept",
    subject_url=_framework_page,
    description=_l(
        _l(
            "Van eerste opzet tot gelanceerd normenkader, samen met ervaringsdeskundigen en bedrijven."
        )
    ),
    states=(
        State(
            "concept",
            _l("Concept"),
            _l("Het programmateam schrijft de eerste versie, op basis van de SVI-normen."),
        ),
        State(
            "consultatie",
            _l("Consultatie"),
            _l("Ervaringsdeskundigen en bedrijven lezen mee en reageren per norm."),
            # The term is the end date the team chose when opening it (see open_consultation).
        ),
        State(
            "herschrijven", _l("Herschrijven"), _l("Het team verwerkt de reacties in de normen.")
        ),
        State(
            "pilot", _l("Pilot"), _l("Proefaudits bij minstens twee verschillende organisaties.")
        ),
        State(
            "definitief",
            _l("Definitief"),
            _l("Het normenkader is vastgesteld en klaar voor de lancering."),
        ),
        State("gelanceerd", _l("Gelanceerd"), _l("Organisaties worden op deze versie getoetst.")),
        State(
            "vervangen", _l("Vervangen"), _l("Een nieuwere versie is gelanceerd."), terminal=True
        ),
    ),
    transitions=(
        Transition(
            "consult",
            _l("Voorleggen aan het klankbord"),
            "concept",
            "consultatie",
            roles={"team"},
            form=ConsultationForm,
            effect=open_consultation,
        ),
        Transition(
            "close_consultation",
            _l("Consultatie sluiten"),
            "consultatie",
            "herschrijven",
            roles={"team"},
            guards=(all_comments_resolved,),
        ),
        Transition(
            "consult_again",
            _l("Nog een leesronde"),
            "herschrijven",
            "consultatie",
            roles={"team"},
            form=ConsultationForm,
            effect=open_consultation,
        ),
        Transition("start_pilot", _l("Pilot starten"), "herschrijven", "pilot", roles={"team"}),
        Transition(
            "finalise",
            _l("Definitief maken"),
            "pilot",
            "definitief",
            roles={"team"},
            guards=(enough_pilot_audits,),
        ),
        Transition(
            "launch",
            _l("Lanceren"),
            "definitief",
            "gelanceerd",
            roles={"team"},
            guards=(not_older_than_launched,),
            effect=replace_older_launched,
        ),
        Transition(
            "replace",
            _l("Vervangen"),
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
    from .certification.models import Certification

    return db.session.get(Certification, instance.subject_id)


def mandatory_norms_judged(instance, actor):
    from .certification.scope import audit_scope, audit_state

    # From the scope and state the certification's page shows (kept per change; worked out
    # anew in the middle of a step): the page asks this of its lead auditor on every view.
    certification = _certification(instance)
    judged = audit_state(certification).verdicts
    missing = [n.code for n in audit_scope(certification).mandatory if n.id not in judged]
    if missing:
        return _(
            "Nog niet beoordeeld: %(codes)s. Beoordeel eerst alle verplichte normen.",
            codes=", ".join(missing),
        )
    return None


def self_assessment_complete(instance, actor):
    from .certification.rules import self_assessment_progress

    done, total = self_assessment_progress(_certification(instance))
    if done < total:
        return _(
            "De zelfevaluatie is nog niet af: %(done)s van %(total)s verplichte normen ingevuld.",
            done=done,
            total=total,
        )
    return None


def not_on_the_audit_team(instance, actor):
    if actor is not None and actor.id in _certification(instance).audit_team_ids:
        return _("U was bij de audit betrokken. Iemand anders van de commissie moet besluiten.")
    return None


def no_open_major_findings(instance, actor):
    open_major = [
        f.norm.code
        for f in _certification(instance).audit_findings
        if f.grade == "major" and not f.closed
    ]
    if open_major:
        return _(
            "Er staan nog zware bevindingen open (%(codes)s). Certificeren kan pas als die zijn opgelost.",
            codes=", ".join(open_major),
        )
    return None


def outside_audit_and_decision(instance, actor):
    certification = _certification(instance)
    if actor is not None and (
        actor.id in certification.audit_team_ids or actor.id == certification.decided_by_id
    ):
        return _(
            "Over een bezwaar beslist iemand die niet bij de audit of het besluit betrokken was."
        )
    return None


def not_failed_twice_this_year(instance, actor):
    from core.api import WorkflowHistory, WorkflowInstance, local_date, local_today

    from .certification.models import Certification

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
        # A year from the day of the last rejection, as people in Rotterdam count days.
        allowed_from = local_date(rejections[0]) + timedelta(days=365)
        if allowed_from > local_today():
            return _(
                "Deze organisatie is twee keer afgewezen. Een nieuwe aanvraag kan pas vanaf %(date)s.",
                date=f"{allowed_from:%d-%m-%Y}",
            )
    return None


def certificate_term(instance) -> datetime:
    """When the certificate's last day is over. Granting starts a new period; surveillance
    and suspension keep the one fixed at the decision."""
    certification = _certification(instance)
    if instance.state == "besluit":  # asked while the committee grants it
        return day_after(new_period(certification, local_today())[1])
    return day_after(certification.valid_until)


def suspension_term(instance) -> datetime:
    """The maximum suspension, or sooner when the certificate ends sooner.

    It lapses when the day half a year on begins in Rotterdam, as `_suspension_lapsed` counts
    days: "now plus 183 days" fell on the day after that when suspended late in the evening
    in winter (summer time had begun in between)."""
    last_day = local_today() + MAX_SUSPENSION - timedelta(days=1)
    return min(day_after(last_day), certificate_term(instance))


def validity_ends_first(instance, actor) -> str | None:
    """Tells the two ends of a suspension apart: expiry when the certificate's period is over
    by the term, withdrawal when the maximum suspension is."""
    if instance.deadline_at >= day_after(_certification(instance).valid_until):
        return None
    return _("De geldigheid loopt nog.")


def renewal_granted(instance, actor) -> str | None:
    """A certificate ends as renewed only when its recertification took over the number."""
    certification = _certification(instance)
    if certification.certificate_number is None and any(
        r.certificate_number for r in certification.renewals
    ):
        return None
    return _("Dit gebeurt vanzelf als de hercertificering wordt toegekend.")


_COMMITTEE_DECIDES = (not_on_the_audit_team,)


def _register_changed(instance, transition, actor, data) -> None:
    from .certification.register_cache import certification_moved

    certification_moved(instance, transition, actor, data)


CERTIFICATION = Workflow(
    key="keurmerk.certification",
    version=1,
    title=_l("Certificering"),
    initial="aangevraagd",
    description=_l("Van aanvraag tot certificaat: intake, audit in de praktijk, rapport, besluit."),
    viewer_roles=frozenset({"team", "board", "committee"}),
    subject_url=_certification_page,
    on_transition=_register_changed,
    states=(
        State(
            "aangevraagd",
            _l("Aangevraagd"),
            _l("De organisatie heeft het keurmerk aangevraagd."),
            deadline=timedelta(days=14),
            notify=Notify(overdue=True),
        ),
        State(
            "intake",
            _l("Intake"),
            _l("De organisatie levert documenten en een zelfevaluatie per norm."),
            deadline=timedelta(days=42),
            # The organisation fills in the self-assessment; the team plans the audit.
            notify=Notify(also=frozenset({"partner"}), remind_before=(7,)),
        ),
        State("audit_gepland", _l("Audit gepland"), _l("Datum en auditoren staan vast.")),
        State(
            "audit",
            _l("Audit"),
            _l("De auditoren toetsen norm voor norm hoe het in de praktijk gaat."),
            deadline=timedelta(days=30),
        ),
        State("rapport", _l("Rapport"), _l("De auditoren ronden hun rapport af.")),
        State(
            "besluit",
            _l("Besluit"),
            _l("De certificatiecommissie besluit."),
            deadline=timedelta(days=30),
            notify=Notify(remind_before=(7, 1), overdue=True),
        ),
        State(
            "gecertificeerd",
            _l("Gecertificeerd"),
            _l("De organisatie heeft het keurmerk."),
            deadline=certificate_term,
            # The organisation and the team hear it was granted, and half a year and three
            # months before it expires (time to recertify; see rules.RENEW_FROM); the
            # committee's next step here (suspending) waits for a reason, not for this.
            notify=Notify(
                actors=False, also=frozenset({"partner", "team"}), remind_before=(183, 91)
            ),
        ),
        State(
            "herstel",
            _l("Herstel"),
            _l("De organisatie herstelt de tekortkomingen; daarna volgt een nieuwe audit."),
            deadline=timedelta(days=183),
            notify=Notify(also=frozenset({"partner"}), remind_before=(30, 7), overdue=True),
        ),
        State(
            "afgewezen",
            _l("Afgewezen"),
            _l("Het keurmerk is niet toegekend. Bezwaar is mogelijk."),
            notify=Notify(),
        ),
        State(
            "bezwaar",
            _l("Bezwaar"),
            _l("Iemand buiten de audit en de commissie beslist over het bezwaar."),
            deadline=timedelta(days=42),
            notify=Notify(remind_before=(7,), overdue=True),
        ),
        State(
            "toetsing",
            _l("Toetsing"),
            _l("Jaarlijkse toetsing: de auditor toetst de gekozen normen in de praktijk."),
            deadline=certificate_term,
            notify=Notify(),
        ),
        State(
            "toetsing_besluit",
            _l("Besluit over de toetsing"),
            _l("De certificatiecommissie besluit: het keurmerk blijft, of wordt geschorst."),
            deadline=certificate_term,
            notify=Notify(),
        ),
        State(
            "geschorst",
            _l("Geschorst"),
            _l("Het keurmerk is tijdelijk geschorst: opheffen of intrekken, binnen een half jaar."),
            deadline=suspension_term,
            notify=Notify(remind_before=(30, 7)),
        ),
        State("ingetrokken", _l("Ingetrokken"), _l("Het keurmerk is ingetrokken."), terminal=True),
        State("verlopen", _l("Verlopen"), _l("De geldigheid is voorbij."), terminal=True),
        State(
            "vernieuwd",
            _l("Vernieuwd"),
            _l("De hercertificering is toegekend; het certificaat loopt daar door."),
            terminal=True,
        ),
    ),
    transitions=(
        Transition(
            "start_intake",
            _l("Intake starten"),
            "aangevraagd",
            "intake",
            roles={"team"},
            guards=(not_failed_twice_this_year,),
        ),
        Transition(
            "plan_audit",
            _l("Audit plannen"),
            "intake",
            "audit_gepland",
            roles={"team"},
            form=PlanAuditForm,
            guards=(self_assessment_complete,),
            effect=record_audit_plan,
        ),
        Transition(
            "start_audit",
            _l("Audit beginnen"),
            "audit_gepland",
            "audit",
            roles={"auditor"},
            assignee_only=True,
            effect=hand_to_lead_auditor,
        ),
        Transition(
            "to_report",
            _l("Naar rapport"),
            "audit",
            "rapport",
            roles={"auditor"},
            assignee_only=True,
            guards=(mandatory_norms_judged,),
        ),
        Transition(
            "submit_report",
            _l("Rapport naar de commissie"),
            "rapport",
            "besluit",
            roles={"auditor"},
            assignee_only=True,
        ),
        Transition(
            "certify",
            _l("Keurmerk toekennen"),
            "besluit",
            "gecertificeerd",
            roles={"committee"},
            guards=(*_COMMITTEE_DECIDES, no_open_major_findings),
            form=CertifyForm,
            effect=grant,
        ),
        Transition(
            "require_repair",
            _l("Herstel vragen"),
            "besluit",
            "herstel",
            roles={"committee"},
            guards=_COMMITTEE_DECIDES,
            comment_required=True,
            effect=record_decision,
        ),
        Transition(
            "reject",
            _l("Afwijzen"),
            "besluit",
            "afgewezen",
            roles={"committee"},
            guards=_COMMITTEE_DECIDES,
            comment_required=True,
            effect=record_decision,
        ),
        Transition(
            "reaudit", _l("Nieuwe audit plannen"), "herstel", "audit_gepland", roles={"team"}
        ),
        Transition(
            "repair_expired", _l("Hersteltermijn verlopen"), "herstel", "afgewezen", timeout=True
        ),
        Transition(
            "object",
            _l("Bezwaar maken"),
            "afgewezen",
            "bezwaar",
            roles={"partner", "team"},
            comment_required=True,
        ),
        Transition(
            "uphold_objection",
            _l("Bezwaar gegrond: opnieuw besluiten"),
            "bezwaar",
            "besluit",
            roles={"team"},
            guards=(outside_audit_and_decision,),
            comment_required=True,
        ),
        Transition(
            "dismiss_objection",
            _l("Bezwaar ongegrond"),
            "bezwaar",
            "afgewezen",
            roles={"team"},
            guards=(outside_audit_and_decision,),
            comment_required=True,
        ),
        Transition(
            "surveil",
            _l("Toetsing plannen"),
            "gecertificeerd",
            "toetsing",
            roles={"team"},
            form=SurveillanceForm,
            effect=surveillance.plan_surveillance,
        ),
        Transition(
            "surveillance_report",
            _l("Toetsing naar de commissie"),
            "toetsing",
            "toetsing_besluit",
            roles={"auditor"},
            assignee_only=True,
            guards=(surveillance.chosen_norms_judged,),
            effect=surveillance.record_report,
        ),
        Transition(
            "pass_surveillance",
            _l("Voldoet nog: keurmerk blijft"),
            "toetsing_besluit",
            "gecertificeerd",
            roles={"committee"},
            guards=(
                surveillance.not_the_surveillance_auditor,
                surveillance.no_open_major_surveillance_findings,
            ),
            effect=surveillance.record_passed,
        ),
        Transition(
            "suspend",
            _l("Schorsen"),
            ("gecertificeerd", "toetsing", "toetsing_besluit"),
            "geschorst",
            roles={"committee"},
            form=SuspendForm,
            effect=record_suspension,
        ),
        Transition(
            "lift",
            _l("Schorsing opheffen"),
            "geschorst",
            "gecertificeerd",
            roles={"committee"},
            effect=end_suspension,
        ),
        Transition(
            "withdraw",
            _l("Intrekken"),
            "geschorst",
            "ingetrokken",
            roles={"committee"},
            comment_required=True,
        ),
        # Every state that holds a certificate ends when its period is over.
        Transition(
            "expire",
            _l("Laten verlopen"),
            ("gecertificeerd", "toetsing", "toetsing_besluit", "geschorst"),
            "verlopen",
            timeout=True,
            guards=(validity_ends_first,),
        ),
        Transition(
            "renewed",
            _l("Opgevolgd door de hercertificering"),
            ("gecertificeerd", "toetsing", "toetsing_besluit", "geschorst"),
            "vernieuwd",
            roles={"committee"},
            guards=(renewal_granted,),
        ),
        Transition(
            "suspension_lapsed",
            _l("Te lang geschorst: intrekken"),
            "geschorst",
            "ingetrokken",
            timeout=True,
        ),
    ),
)
