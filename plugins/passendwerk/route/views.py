"""Job seeker files: the list, signing someone up, the file with its route."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from core.api import (
    User,
    WorkflowError,
    WorkflowInstance,
    active_users_with_roles,
    build_panel,
    cached,
    choices,
    db,
    engine_of,
    form_errors,
    page_number,
    requires,
    user_can,
    utcnow,
    visible_organisations,
)

from ..access import (
    holds,
    job_seeker_or_404,
    log_access,
    managed_job_seeker_or_403,
    may_manage,
    may_see_access_log,
    may_see_privacy_requests,
    may_see_sensitive,
    visible_job_seekers,
)
from ..introductions.forms import FeedbackForm
from ..introductions.models import Introduction, current_placement
from ..introductions.notices import tell_new_lifecoach
from ..privacy.models import PrivacyRequest
from ..retention import closed_files, retention_period
from ..talent.forms import TrainingStatusForm, training_form
from ..talent.models import TalentProfile, TrainingEnrolment
from ..vacancies.models import Vacancy
from ..workflows import ACTIVE
from . import access_log
from .forms import PeopleForm, PersonForm, SignUpForm, WithdrawConsentForm
from .models import ROUTE, Consent, JobSeeker, on_route

PAGE_SIZE = 50


@requires("passendwerk.view")
def index():
    """The people the user may see, newest first; found by name or by step."""
    workflow = engine_of().latest(ROUTE)
    query_text = request.args.get("q", "").strip()[:100]
    step = request.args.get("step", "")
    step = step if workflow.has_state(step) else ""
    page = page_number()
    if step:
        query = (
            visible_job_seekers(current_user)
            .add_columns(WorkflowInstance.state)
            .join(WorkflowInstance, on_route())
            .where(WorkflowInstance.state == step)
        )
    else:
        # Each shown person's step read by the route's unique key, not joined: a join with
        # every route before the page is cut planned as a scan of all of them per row.
        query = visible_job_seekers(current_user).add_columns(
            db.select(WorkflowInstance.state).where(on_route()).scalar_subquery()
        )
    # Only the columns the list shows (not the address, phone, notes or the coach's account).
    query = query.options(
        db.load_only(JobSeeker.first_name, JobSeeker.last_name, JobSeeker.district),
        db.joinedload(JobSeeker.coach).load_only(User.display_name),
    )
    if query_text:
        pattern = f"%{query_text.lower()}%"
        full_name = db.func.lower(
            db.func.coalesce(JobSeeker.first_name, "")
            + " "
            + db.func.coalesce(JobSeeker.last_name, "")
        )
        query = query.where(full_name.like(pattern))
    rows = db.session.execute(
        query.order_by(JobSeeker.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    people = rows[:PAGE_SIZE]
    # The closed files the user may see, kept per change of the data (the team sees everyone,
    # anyone else their own); whether each is past the retention period is judged now.
    scope = "all" if holds(current_user, "passendwerk.all") else current_user.id
    closed = cached(
        ("passendwerk.closed_files", scope),
        lambda: tuple(
            (job_seeker_id, closed_at)  # plain values, not the request's rows
            for job_seeker_id, closed_at in db.session.execute(
                closed_files().where(
                    JobSeeker.id.in_(
                        visible_job_seekers(current_user).with_only_columns(JobSeeker.id)
                    )
                )
            )
        ),
    )
    cutoff = utcnow() - retention_period()
    expired_ids = {
        job_seeker_id for job_seeker_id, closed_at in closed if closed_at and closed_at < cutoff
    }
    return render_template(
        "passendwerk/index.html",
        expired=len(expired_ids) if user_can(current_user, "passendwerk.all") else 0,
        expired_ids=expired_ids,
        people=people,
        more=len(rows) > PAGE_SIZE,
        page=page,
        query_text=query_text,
        step=step,
        workflow=workflow,
        # Each step's label translated once for the page, not once per row; plain text, so
        # Jinja escapes it (core/ui.py).
        step_labels={s.name: str(s.label) for s in workflow.states},
    )


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


@requires("passendwerk.view")
def job_seeker(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    log_access(person, current_user, "view")
    db.session.commit()
    return file_page(person)


def file_page(person: JobSeeker, status: int = 200, **sent_forms):
    """The person's file. A form on it that was sent with errors comes back as sent, in
    `sent_forms` (with status 400): nothing typed is lost."""
    instance = engine_of().instance_for(ROUTE, person)
    manage = may_manage(current_user, person)
    show_log = may_see_access_log(current_user, person)
    placement = current_placement(person.id)
    enrolments = db.session.scalars(
        db.select(TrainingEnrolment)
        .where(TrainingEnrolment.job_seeker_id == person.id)
        .order_by(TrainingEnrolment.id)
    ).all()
    forms = {
        "people_form": _people_form(person) if manage else None,
        "training_form": training_form(enrolments) if manage else None,
        "status_form": TrainingStatusForm() if manage else None,
        "feedback_form": FeedbackForm() if manage and instance.state == "inwerken" else None,
    }
    forms.update(sent_forms)
    return render_template(
        "passendwerk/job_seeker.html",
        person=person,
        manage=manage,
        **forms,
        feedback_in_calendar=instance.state == "inwerken",
        sensitive=may_see_sensitive(current_user, person),
        profile=db.session.scalar(
            db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
        ),
        enrolments=enrolments,
        introductions=db.session.scalars(
            db.select(Introduction)
            .options(db.joinedload(Introduction.vacancy).joinedload(Vacancy.organisation))
            .where(Introduction.job_seeker_id == person.id)
            .order_by(Introduction.id.desc())
        ).all(),
        placement=placement,
        requests=db.session.scalars(
            db.select(PrivacyRequest)
            .where(PrivacyRequest.job_seeker_id == person.id)
            .order_by(PrivacyRequest.id.desc())
        ).all()
        if may_see_privacy_requests(current_user)
        else None,
        panel=build_panel(instance, current_user),
        log=access_log.latest(person.id) if show_log else None,
    ), status


def back_to_file(person: JobSeeker, anchor: str = ""):
    """Back to the person's file, at `anchor` (after a form on it was sent)."""
    return redirect(url_for(".job_seeker", job_seeker_id=person.id) + anchor, code=303)


@requires("passendwerk.view")
def edit_person(job_seeker_id: int):
    """Correct the personal details (also how a correction request is carried out)."""
    person = managed_job_seeker_or_403(current_user, job_seeker_id)
    if person.erased_at:
        abort(404)
    form = PersonForm(obj=person)
    if not may_see_sensitive(current_user, person):
        del form.sensitive_notes
    if form.validate_on_submit():
        changed = [
            f.name
            for f in form
            if f.name != "csrf_token" and getattr(person, f.name) != (f.data or None)
        ]
        form.populate_obj(person)
        for name in ("address", "phone", "email", "sensitive_notes"):
            setattr(person, name, getattr(person, name) or None)  # blank means unknown
        log_access(person, current_user, "change", ", ".join(changed)[:200] or None)
        db.session.commit()
        flash(_("De gegevens zijn bijgewerkt."), "success")
        return back_to_file(person)
    status = 400 if form.is_submitted() else 200
    return render_template("passendwerk/edit_person.html", form=form, person=person), status


def coach_candidates(person: JobSeeker) -> list[User]:
    """Who may coach this person: the team, and the partners of the organisation that
    referred them (who see the file already); never a partner of another organisation."""
    people = {u.id: u for u in active_users_with_roles({"team"})}
    if person.referring_organisation_id:
        for user in active_users_with_roles({"partner"}, person.referring_organisation_id):
            people[user.id] = user
    if person.coach is not None:
        people.setdefault(person.coach.id, person.coach)
    return sorted(people.values(), key=lambda u: u.display_name)


def _people_form(person: JobSeeker) -> PeopleForm:
    form = PeopleForm(obj=person)
    none = [(0, _("Nog niemand"))]
    form.coach_id.choices = choices(
        none + [(u.id, u.display_name) for u in coach_candidates(person)]
    )
    form.lifecoach_id.choices = choices(
        none + [(u.id, u.display_name) for u in active_users_with_roles({"lifecoach"})]
    )
    return form


@requires("passendwerk.view")
def assign_people(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    if not may_manage(current_user, person):
        abort(403, description=_("Alleen het team en de coach wijzen een coach of lifecoach toe."))
    form = _people_form(person)
    if form.validate_on_submit():
        new_coach = (form.coach_id.data or None) != person.coach_id
        person.coach_id = form.coach_id.data or None
        if new_coach and person.coach_id and (route := engine_of().instance_for(ROUTE, person)):
            # The route goes with the coach: its reminders and "Mijn taken" follow them.
            engine_of().assign_within(
                route, db.session.get(User, person.coach_id), actor=current_user
            )
        new_lifecoach = (form.lifecoach_id.data or None) != person.lifecoach_id
        person.lifecoach_id = form.lifecoach_id.data or None
        log_access(person, current_user, "change", "coach en lifecoach")
        if new_lifecoach:
            tell_new_lifecoach(person, current_user)
        db.session.commit()
        flash(_("De begeleiders zijn opgeslagen."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".job_seeker", job_seeker_id=person.id), code=303)


@requires("passendwerk.view")
def withdraw_consent(consent_id: int):
    """GET says what follows; POST records it. Without any consent left, sharing with
    employers stops and a running route ends (through the engine, with the cause), so the
    retention period starts."""
    consent = db.get_or_404(Consent, consent_id)
    person = job_seeker_or_404(current_user, consent.job_seeker_id)
    if not may_manage(current_user, person):
        abort(
            403,
            description=_(
                "Alleen het team en de coach leggen vast dat toestemming is ingetrokken."
            ),
        )
    if consent.withdrawn_at is not None:
        flash(_("Deze toestemming was al ingetrokken."), "info")
        return back_to_file(person)
    route = engine_of().instance_for(ROUTE, person)
    last = all(c.withdrawn_at is not None for c in person.consents if c.id != consent.id)
    ends_route = last and route is not None and route.state in ACTIVE
    form = WithdrawConsentForm()
    if ends_route:
        form.prepare(route)
    else:
        del form.cause_id, form.note
    if form.validate_on_submit():
        consent.withdrawn_at = utcnow()
        log_access(person, current_user, "change", "toestemming ingetrokken")
        if last and (profile := _profile_of(person)) is not None:
            profile.share_with_employers = False
        if ends_route:
            try:  # commits the withdrawal with the step, or neither
                engine_of().fire(
                    route.id,
                    "end_route",
                    actor=current_user,
                    comment=form.note.data,
                    formdata=MultiDict({"cause_id": str(form.cause_id.data)}),
                    expected_version=route.version,
                )
            except WorkflowError as refused:
                flash(str(refused), "error")
                return back_to_file(person)
        else:
            db.session.commit()
        flash(_("Vastgelegd: de toestemming is ingetrokken."), "success")
        return back_to_file(person)
    return render_template(
        "passendwerk/withdraw_consent.html",
        person=person,
        consent=consent,
        form=form,
        last=last,
        ends_route=ends_route,
        retention_days=current_app.config["PASSENDWERK_RETENTION_DAYS"],
    ), 400 if form.is_submitted() else 200


def _profile_of(person: JobSeeker) -> TalentProfile | None:
    return db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
    )
