"""The route of a job seeker to lasting, fitting work, as declared to the workflow engine."""

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.api import Notify, State, Transition, Workflow, WorkflowInstance, db, utcnow

from .access import holds, visible_job_seekers
from .introductions.forms import InductionForm, IntroduceForm, LastingForm, PlacementForm
from .privacy.forms import EraseForm
from .privacy.models import PrivacyRequest, time_left
from .route.forms import EndRouteForm
from .route.models import ROUTE as ROUTE_KEY
from .route.models import JobSeeker
from .step_effects import (
    begin_induction,
    confirm_lasting,
    erase_person,
    log_privacy_change,
    log_route_change,
    record_introduction,
    record_placement,
)
from .talent.models import TalentProfile

COACHES = frozenset({"team", "partner"})
# The coach moves the route and knows where it stands; what they need is a word before a
# term runs out, and once when it has. Colleagues who could act are not told of every step.
COACH_REMINDED = Notify(actors=False, assignee=True, remind_before=(2,), overdue=True)

ACTIVE = (
    "aangemeld",
    "intake",
    "voorselectie",
    "leer_werktraject",
    "voorbereiding",
    "assessment",
    "talentenprofiel",
    "matching",
    "kennismaking",
    "geplaatst",
    "inwerken",
)


def _profile(instance) -> TalentProfile | None:
    return db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == instance.subject_id)
    )


def has_competences(instance, user) -> str | None:
    profile = _profile(instance)
    if profile is None or not profile.competences:
        return str(_l("Vul eerst het talentenprofiel in, met minstens één competentie."))
    return None


def may_share_profile(instance, user) -> str | None:
    profile = _profile(instance)
    if profile is None or not profile.share_with_employers:
        return str(
            _l(
                "De persoon heeft (nog) geen toestemming gegeven om naam, profiel en pitch met "
                "werkgevers te delen. Leg die toestemming vast in het talentenprofiel."
            )
        )
    return None


def lasting_after(instance) -> timedelta:
    """How long in work counts as lasting (PASSENDWERK_LASTING_AFTER_DAYS, default six months)."""
    return timedelta(days=current_app.config["PASSENDWERK_LASTING_AFTER_DAYS"])


def mentor_named(instance, actor) -> str | None:
    from .introductions.models import current_placement

    placement = current_placement(instance.subject_id)
    if placement is None or not placement.mentor_name:
        return _(
            "De werkgever noemt eerst een mentor en schrijft het inwerkplan. De werkgever ziet "
            "dit bij 'Mijn taken'."
        )
    return None


def lasting_period_reached(instance, actor) -> str | None:
    due = instance.entered_state_at + lasting_after(instance)
    if utcnow() < due:
        return _(
            "Duurzaam werk bevestigt u na het inwerken, vanaf %(date)s.",
            date=format_date(due.date()),
        )
    return None


def _file(instance) -> str:
    return url_for("passendwerk.job_seeker", job_seeker_id=instance.subject_id)


def _route_names(instances) -> dict[int, str]:
    """The job seeker's name on pages (the stored "Route 22" goes into mails)."""
    ids = {i.subject_id for i in instances}
    # The two name columns only: a whole person (address, notes, profile) for each row shown
    # cost more than the rest of "Mijn taken".
    people = db.session.scalars(
        db.select(JobSeeker)
        .options(db.load_only(JobSeeker.first_name, JobSeeker.last_name))
        .where(JobSeeker.id.in_(ids))
    )
    names = {p.id: p.name for p in people}
    return {i.id: names[i.subject_id] for i in instances if i.subject_id in names}


def _request_names(instances) -> dict[int, str]:
    ids = {i.subject_id for i in instances}
    rows = db.session.execute(
        db.select(PrivacyRequest.id, JobSeeker)
        .join(PrivacyRequest.job_seeker)
        .where(PrivacyRequest.id.in_(ids))
    ).all()
    # The name alone: the list's "Proces" column already says it is a privacy request, and
    # a name is never formatted into a translatable string.
    names = {request_id: person.name for request_id, person in rows}
    return {i.id: names[i.subject_id] for i in instances if i.subject_id in names}


def _routes_visible_to(user):
    """A route is seen by whoever may see the person's file, and by nobody else."""
    files = visible_job_seekers(user).with_only_columns(JobSeeker.id)
    return WorkflowInstance.subject_id.in_(files)


def _requests_visible_to(user):
    """Privacy requests are handled by the team alone."""
    return db.true() if holds(user, "passendwerk.all") else db.false()


ROUTE = Workflow(
    key=ROUTE_KEY,
    version=1,
    title=_l("Route naar passend werk"),
    initial="aangemeld",
    description=_l("Van aanmelding tot duurzaam aan het werk, met talent als vertrekpunt."),
    subject_url=_file,
    subject_titles=_route_names,
    visible_to=_routes_visible_to,
    on_transition=log_route_change,
    states=(
        State(
            "aangemeld",
            _l("Aangemeld"),
            _l("Wacht op een intakegesprek."),
            deadline=timedelta(days=14),
            notify=COACH_REMINDED,
        ),
        State(
            "intake",
            _l("Intake"),
            _l("Kennismaken: wat kan en wil deze persoon?"),
            deadline=timedelta(days=14),
            notify=COACH_REMINDED,
        ),
        State(
            "voorselectie",
            _l("Voorselectie"),
            _l("Kansrijk, kansrijk op termijn of nu geen kans?"),
            deadline=timedelta(days=14),
            notify=COACH_REMINDED,
        ),
        State(
            "leer_werktraject",
            _l("Leer-werktraject"),
            _l("Voorbereiden met een partner, zoals de Roffabriek."),
            deadline=timedelta(days=183),
            notify=COACH_REMINDED,
        ),
        State(
            "voorbereiding",
            _l("Voorbereiding"),
            _l("Trainingsmodules op maat."),
            deadline=timedelta(days=90),
            notify=COACH_REMINDED,
        ),
        State(
            "assessment",
            _l("Assessment"),
            _l("Kunnen, willen, gedrag en persoonlijkheid in beeld."),
            deadline=timedelta(days=30),
            notify=COACH_REMINDED,
        ),
        State(
            "talentenprofiel",
            _l("Talentenprofiel"),
            _l("Het profiel is de basis voor het gesprek met werkgevers."),
            deadline=timedelta(days=14),
            notify=COACH_REMINDED,
        ),
        State(
            "matching",
            _l("Matching"),
            _l("Passende vacatures zoeken."),
            deadline=timedelta(days=30),
            notify=COACH_REMINDED,
        ),
        State(
            "kennismaking",
            _l("Kennismaking"),
            _l("Kennismaken met een werkgever of op een Meet & Greet."),
            deadline=timedelta(days=30),
            notify=COACH_REMINDED,
        ),
        State(
            "geplaatst",
            _l("Geplaatst"),
            _l("Aan het werk; het inwerken begint."),
            deadline=timedelta(days=14),
            notify=COACH_REMINDED,
        ),
        State(
            "inwerken",
            _l("Inwerken"),
            _l("Mentor en lifecoach helpen; feedback minstens elke twee weken."),
            deadline=lasting_after,
            notify=COACH_REMINDED,
        ),
        State("duurzaam", _l("Duurzaam aan het werk"), terminal=True),
        State(
            "activering",
            _l("Activering"),
            _l("Nu geen kans op werk: doorverwezen naar activering. Later opnieuw kan."),
        ),
        State("afgebroken", _l("Afgebroken"), _l("De route is gestopt; de oorzaak is vastgelegd.")),
    ),
    transitions=(
        Transition("start_intake", _l("Intake starten"), "aangemeld", "intake", roles=COACHES),
        Transition(
            "to_preselection", _l("Naar voorselectie"), "intake", "voorselectie", roles=COACHES
        ),
        Transition(
            "promising",
            _l("Kansrijk"),
            "voorselectie",
            "voorbereiding",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "promising_later",
            _l("Kansrijk op termijn"),
            "voorselectie",
            "leer_werktraject",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "no_chance_now",
            _l("Nu geen kans"),
            "voorselectie",
            "activering",
            roles=COACHES,
            comment_required=True,
        ),
        Transition(
            "ready",
            _l("Klaar voor voorbereiding"),
            "leer_werktraject",
            "voorbereiding",
            roles=COACHES,
        ),
        Transition(
            "to_assessment", _l("Naar assessment"), "voorbereiding", "assessment", roles=COACHES
        ),
        Transition(
            "profile", _l("Talentenprofiel maken"), "assessment", "talentenprofiel", roles=COACHES
        ),
        Transition(
            "to_matching",
            _l("Naar matching"),
            "talentenprofiel",
            "matching",
            roles=COACHES,
            guards=(has_competences,),
        ),
        Transition(
            "introduce",
            _l("Voorstellen aan werkgever"),
            "matching",
            "kennismaking",
            roles=COACHES,
            guards=(may_share_profile,),
            form=IntroduceForm,
            effect=record_introduction,
        ),
        Transition(
            "no_match", _l("Geen klik: verder zoeken"), "kennismaking", "matching", roles=COACHES
        ),
        Transition(
            "placed",
            _l("Geplaatst"),
            "kennismaking",
            "geplaatst",
            roles=COACHES,
            form=PlacementForm,
            effect=record_placement,
        ),
        Transition(
            "start_induction",
            _l("Inwerken begint"),
            "geplaatst",
            "inwerken",
            roles=COACHES,
            guards=(mentor_named,),
            form=InductionForm,
            effect=begin_induction,
        ),
        # Not a timer: at the end of the induction period the coach confirms with the employer
        # (a task once the term is reached), or ends the route with its cause.
        Transition(
            "lasting",
            _l("Duurzaam aan het werk"),
            "inwerken",
            "duurzaam",
            roles=COACHES,
            guards=(lasting_period_reached,),
            form=LastingForm,
            effect=confirm_lasting,
        ),
        Transition(
            "reopen", _l("Opnieuw beginnen"), ("activering", "afgebroken"), "intake", roles=COACHES
        ),
        Transition(
            "end_route",
            _l("Route afbreken"),
            ACTIVE,
            "afgebroken",
            roles=COACHES,
            form=EndRouteForm,
            comment_required=True,
        ),
    ),
)


def _kind(instance) -> str:
    from .privacy.models import PrivacyRequest

    return db.session.get(PrivacyRequest, instance.subject_id).kind


def _is_erasure(instance, user) -> str | None:
    if _kind(instance) != "erasure":
        return str(_l("Alleen bij een verzoek om te wissen."))
    return None


def _not_erasure(instance, user) -> str | None:
    if _kind(instance) == "erasure":
        return str(_l("Een verzoek om te wissen handelt u af met 'Gegevens wissen'."))
    return None


def _request_page(instance) -> str:
    return url_for("passendwerk.privacy_request", request_id=instance.subject_id)


PRIVACY_REQUEST = Workflow(
    key="passendwerk.privacy_request",
    version=1,
    title=_l("Privacyverzoek"),
    initial="ontvangen",
    description=_l(
        "Inzage, correctie, export of wissen: binnen een maand afgehandeld, zoals de AVG vraagt."
    ),
    subject_url=_request_page,
    subject_titles=_request_names,
    visible_to=_requests_visible_to,
    on_transition=log_privacy_change,
    states=(
        State(
            "ontvangen",
            _l("Ontvangen"),
            _l("Het verzoek is binnen; de termijn van een maand loopt."),
            deadline=time_left,
            # The team hears a request came in, and before the legal month runs out.
            notify=Notify(remind_before=(7,), overdue=True),
        ),
        State(
            "in_behandeling",
            _l("In behandeling"),
            _l("Het team werkt aan het verzoek."),
            deadline=time_left,
        ),
        State("afgehandeld", _l("Afgehandeld"), terminal=True),
        State("afgewezen", _l("Afgewezen"), _l("Met de reden erbij."), terminal=True),
    ),
    transitions=(
        Transition(
            "handle", _l("In behandeling nemen"), "ontvangen", "in_behandeling", roles={"team"}
        ),
        Transition(
            "complete",
            _l("Afhandelen"),
            "in_behandeling",
            "afgehandeld",
            roles={"team"},
            guards=(_not_erasure,),
        ),
        Transition(
            "erase",
            _l("Gegevens wissen en afhandelen"),
            "in_behandeling",
            "afgehandeld",
            roles={"team"},
            guards=(_is_erasure,),
            form=EraseForm,
            effect=erase_person,
        ),
        Transition(
            "reject",
            _l("Afwijzen"),
            ("ontvangen", "in_behandeling"),
            "afgewezen",
            roles={"team"},
            comment_required=True,
        ),
    ),
)
