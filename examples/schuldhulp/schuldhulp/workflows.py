"""The intake of a referred resident, as declared to the workflow engine.

Referred → first contact → intake planned → intake held → one of four outcomes: taken on
for debt counselling, referred to other help, no help needed, or the resident did not come
(or could not be reached). Only the debt-help organisation's own counsellors take the steps.
"""

from flask import url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import State, Transition, Workflow, db, engine_of, utcnow

from .access import intakes_visible_to
from .forms import AppointmentForm, ReferElsewhereForm
from .models import WORKFLOW, Referral
from .terms import DECISION_WITHIN, first_contact_due, plan_intake_due

COUNSELLOR = frozenset({"schuldhulpverlener"})


def _referral(instance) -> Referral:
    return db.session.get(Referral, instance.subject_id)


# ---------------------------------------------------------------- guards


def appointment_has_come(instance, actor) -> str | None:
    """Whether the resident came can only be said once the appointment is there."""
    appointment = _referral(instance).appointment_at
    if appointment is not None and appointment.date() > utcnow().date():
        return _(
            "Het intakegesprek is pas op %(when)s. Daarna kunt u vastleggen hoe het ging.",
            when=format_datetime(appointment, "short"),
        )
    return None


# ---------------------------------------------------------------- effects


def take_it_on(instance, actor, data) -> None:
    """Whoever made the first contact guides the resident from there."""
    engine_of().assign_within(instance, actor, actor=actor)


def book_appointment(instance, actor, data) -> None:
    referral = _referral(instance)
    referral.appointment_at = data["moment"]
    referral.appointment_place = data["place"]


def record_referral_elsewhere(instance, actor, data) -> None:
    _referral(instance).referred_to = data["referred_to"]


def close_when_done(instance, transition, actor, data) -> None:
    """With the outcome known the phone number has done its job; keep no more than needed."""
    if INTAKE.state(transition.dest).terminal:
        referral = _referral(instance)
        referral.phone = None
        referral.best_time_to_call = None
        referral.closed_at = utcnow()


def _referral_page(instance) -> str:
    return url_for("schuldhulp.referral", referral_id=instance.subject_id)


INTAKE = Workflow(
    key=WORKFLOW,
    version=1,
    title=_l("Intake schuldhulp"),
    initial="verwezen",
    description=_l(
        "Van doorverwijzing tot een besluit over schuldhulp, binnen de wettelijke termijnen."
    ),
    subject_url=_referral_page,
    visible_to=intakes_visible_to,
    assigner_roles=COUNSELLOR,
    viewer_roles=frozenset(),
    on_transition=close_when_done,
    states=(
        State(
            "verwezen",
            _l("Doorverwezen"),
            _l("Bel de bewoner binnen drie werkdagen; bij spoed de volgende werkdag."),
            deadline=first_contact_due,
        ),
        State(
            "contact",
            _l("Contact gehad"),
            _l("Plan het intakegesprek binnen vijf werkdagen."),
            deadline=plan_intake_due,
        ),
        State("intake_gepland", _l("Intake gepland"), _l("Het intakegesprek staat in de agenda.")),
        State(
            "beoordeling",
            _l("Beoordeling"),
            _l("Wat is er nodig? Binnen acht weken na het gesprek een besluit."),
            deadline=DECISION_WITHIN,
        ),
        State("aangenomen", _l("Aangenomen voor schuldhulp"), terminal=True),
        State("elders", _l("Doorverwezen naar andere hulp"), terminal=True),
        State("geen_hulp_nodig", _l("Geen hulp nodig"), terminal=True),
        State("niet_verschenen", _l("Niet verschenen of niet bereikt"), terminal=True),
    ),
    transitions=(
        Transition(
            "first_contact",
            _l("Contact gehad met de bewoner"),
            "verwezen",
            "contact",
            roles=COUNSELLOR,
            effect=take_it_on,
        ),
        Transition(
            "unreachable",
            _l("Bewoner niet bereikt"),
            ("verwezen", "contact"),
            "niet_verschenen",
            roles=COUNSELLOR,
            comment_required=True,
        ),
        Transition(
            "plan_intake",
            _l("Intakegesprek plannen"),
            "contact",
            "intake_gepland",
            roles=COUNSELLOR,
            form=AppointmentForm,
            effect=book_appointment,
        ),
        Transition(
            "reschedule",
            _l("Afspraak verzetten"),
            "intake_gepland",
            "intake_gepland",
            roles=COUNSELLOR,
            form=AppointmentForm,
            effect=book_appointment,
        ),
        Transition(
            "intake_held",
            _l("Intakegesprek gehouden"),
            "intake_gepland",
            "beoordeling",
            roles=COUNSELLOR,
            guards=(appointment_has_come,),
        ),
        Transition(
            "no_show",
            _l("Bewoner niet verschenen"),
            "intake_gepland",
            "niet_verschenen",
            roles=COUNSELLOR,
            guards=(appointment_has_come,),
            comment_required=True,
        ),
        Transition(
            "take_on",
            _l("Aannemen voor schuldhulp"),
            "beoordeling",
            "aangenomen",
            roles=COUNSELLOR,
            comment_required=True,
        ),
        Transition(
            "refer_elsewhere",
            _l("Doorverwijzen naar andere hulp"),
            "beoordeling",
            "elders",
            roles=COUNSELLOR,
            form=ReferElsewhereForm,
            effect=record_referral_elsewhere,
        ),
        Transition(
            "no_help_needed",
            _l("Geen hulp nodig"),
            "beoordeling",
            "geen_hulp_nodig",
            roles=COUNSELLOR,
            comment_required=True,
        ),
    ),
)

# The states a referrer reads as "still going"; everything else is an outcome.
OPEN = tuple(s.name for s in INTAKE.states if not s.terminal)
