"""Job seeker files: the list, signing someone up, the file with its route."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.access import requires, user_can
from core.accounts.queries import active_users_with_roles
from core.extensions import db
from core.forms import choices, form_errors
from core.organisations.scoping import visible_organisations
from core.timeutil import utcnow
from core.workflow import engine_of
from core.workflow.models import WorkflowInstance
from core.workflow.views import build_panel

from .access import (
    job_seeker_or_404,
    log_access,
    may_manage,
    may_see_sensitive,
    visible_job_seekers,
)
from .forms import PeopleForm, SignUpForm
from .models import AccessLogEntry, Consent, JobSeeker

bp = Blueprint("passendwerk", __name__, url_prefix="/passendwerk", template_folder="templates")
ROUTE = "passendwerk.route"


@bp.route("/")
@requires("passendwerk.view")
def index():
    people = db.session.scalars(
        visible_job_seekers(current_user).order_by(JobSeeker.id.desc())
    ).all()
    instances = {
        i.subject_id: i
        for i in db.session.scalars(
            db.select(WorkflowInstance).where(
                WorkflowInstance.workflow_key == ROUTE,
                WorkflowInstance.subject_id.in_([p.id for p in people]),
            )
        )
    }
    return render_template(
        "passendwerk/index.html",
        people=people,
        instances=instances,
        workflow=engine_of().latest(ROUTE),
    )


@bp.route("/sign-up", methods=["GET", "POST"])
@requires("passendwerk.refer")
def sign_up():
    form = SignUpForm()
    organisations = db.session.scalars(visible_organisations(current_user)).all()
    form.referring_organisation_id.choices = choices(
        (
            [(0, _("Geen (Warm Rotterdam zelf)"))]
            if user_can(current_user, "passendwerk.all")
            else []
        )
        + [(o.id, o.name) for o in organisations]
    )
    if form.validate_on_submit():
        person = JobSeeker(coach_id=current_user.id)
        form.populate_obj(person)
        person.referring_organisation_id = form.referring_organisation_id.data or None
        person.consents = [
            Consent(purpose=form.consent.data.strip(), recorded_by_id=current_user.id)
        ]
        db.session.add(person)
        db.session.flush()
        engine_of().start(
            ROUTE,
            person,
            title=_("Route %(n)s", n=person.id),
            actor=current_user,
            assignee=current_user,
            organisation_id=person.referring_organisation_id,
        )
        log_access(person, current_user, "change", "aangemeld")
        db.session.commit()
        flash(
            _("%(name)s is aangemeld. De intake volgt binnen twee weken.", name=person.name),
            "success",
        )
        return redirect(url_for(".job_seeker", job_seeker_id=person.id))
    status = 400 if form.is_submitted() else 200
    return render_template("passendwerk/sign_up.html", form=form), status


@bp.route("/job-seekers/<int:job_seeker_id>")
@requires("passendwerk.view")
def job_seeker(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    log_access(person, current_user, "view")
    db.session.commit()
    instance = engine_of().instance_for(ROUTE, person)
    show_log = user_can(current_user, "passendwerk.all") or current_user.id == person.coach_id
    return render_template(
        "passendwerk/job_seeker.html",
        person=person,
        people_form=_people_form(person) if may_manage(current_user, person) else None,
        sensitive=may_see_sensitive(current_user, person),
        panel=build_panel(instance, current_user),
        log=db.session.scalars(
            db.select(AccessLogEntry)
            .options(db.joinedload(AccessLogEntry.user))
            .where(AccessLogEntry.job_seeker_id == person.id)
            .order_by(AccessLogEntry.id.desc())
            .limit(50)
        ).all()
        if show_log
        else None,
    )


def _people_form(person: JobSeeker) -> PeopleForm:
    form = PeopleForm(obj=person)
    none = [(0, _("Nog niemand"))]
    form.coach_id.choices = choices(
        none + [(u.id, u.display_name) for u in active_users_with_roles({"team", "partner"})]
    )
    form.lifecoach_id.choices = choices(
        none + [(u.id, u.display_name) for u in active_users_with_roles({"lifecoach"})]
    )
    return form


@bp.route("/job-seekers/<int:job_seeker_id>/people", methods=["POST"])
@requires("passendwerk.view")
def assign_people(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    if not may_manage(current_user, person):
        abort(403, description=_("Alleen het team en de coach wijzen een coach of lifecoach toe."))
    form = _people_form(person)
    if form.validate_on_submit():
        person.coach_id = form.coach_id.data or None
        person.lifecoach_id = form.lifecoach_id.data or None
        log_access(person, current_user, "change", "coach en lifecoach")
        db.session.commit()
        flash(_("De begeleiders zijn opgeslagen."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".job_seeker", job_seeker_id=person.id), code=303)


@bp.route("/consents/<int:consent_id>/withdraw", methods=["POST"])
@requires("passendwerk.view")
def withdraw_consent(consent_id: int):
    consent = db.get_or_404(Consent, consent_id)
    person = job_seeker_or_404(current_user, consent.job_seeker_id)
    if not may_manage(current_user, person):
        abort(
            403,
            description=_(
                "Alleen het team en de coach leggen vast dat toestemming is ingetrokken."
            ),
        )
    if consent.withdrawn_at is None:
        consent.withdrawn_at = utcnow()
        log_access(person, current_user, "change", "toestemming ingetrokken")
        db.session.commit()
        flash(_("Vastgelegd: de toestemming is ingetrokken."), "success")
    return redirect(url_for(".job_seeker", job_seeker_id=person.id), code=303)
from . import events, privacy, talent, training, vacancies  # noqa: E402,F401
