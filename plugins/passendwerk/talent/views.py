"""The talent profile of a job seeker, the vacancies that fit it, and their training plan."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import db, engine_of, form_errors, requires

from ..access import log_access, managed_job_seeker_or_403
from ..route.models import ROUTE
from ..route.views import back_to_file
from ..vacancies.matching import match_vacancies
from .forms import (
    LEVEL_CHOICES,
    TalentProfileForm,
    TrainingStatusForm,
    training_form,
    with_competences,
)
from .models import ProfileCompetence, TalentProfile, TrainingEnrolment


@requires("passendwerk.view")
def edit_profile(job_seeker_id: int):
    person = managed_job_seeker_or_403(current_user, job_seeker_id)
    profile = db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
    )
    levels = {c.competence_id: str(c.level) for c in profile.competences} if profile else {}
    form = with_competences(TalentProfileForm, set(levels), LEVEL_CHOICES)(obj=profile)
    form.show_competences(levels)
    if form.searched:
        # Searching only shows what matches; nothing is saved, what was typed stays.
        return render_template("passendwerk/profile_form.html", form=form, person=person)
    if form.validate_on_submit():
        if profile is None:
            profile = TalentProfile(job_seeker_id=person.id)
            db.session.add(profile)
        form.populate_obj(profile)
        profile.pitch_url = profile.pitch_url or None
        profile.competences = [
            ProfileCompetence(competence_id=cid, level=int(level))
            for cid, level in form.chosen_competences().items()
        ]
        log_access(person, current_user, "change", "talentenprofiel")
        db.session.commit()
        flash(_("Het talentenprofiel is opgeslagen."), "success")
        return redirect(url_for(".job_seeker", job_seeker_id=person.id) + "#talent", code=303)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "passendwerk/profile_form.html",
        form=form,
        person=person,
    ), status


@requires("passendwerk.view")
def vacancies_for(job_seeker_id: int):
    """Open vacancies ranked for this person, each with why it does or does not fit."""
    person = managed_job_seeker_or_403(current_user, job_seeker_id)
    profile = db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
    )
    instance = engine_of().instance_for(ROUTE, person)
    log_access(person, current_user, "view", "matching")
    db.session.commit()
    return render_template(
        "passendwerk/vacancies_for.html",
        person=person,
        ranked=match_vacancies(person, profile) if profile else [],
        has_profile=profile is not None,
        instance=instance,
        may_introduce=any(
            a.transition.trigger == "introduce" and a.allowed
            for a in engine_of().actions(instance, current_user)
        ),
    )


@requires("passendwerk.view")
def plan_training(job_seeker_id: int):
    person = managed_job_seeker_or_403(current_user, job_seeker_id)
    enrolments = db.session.scalars(
        db.select(TrainingEnrolment).where(TrainingEnrolment.job_seeker_id == person.id)
    ).all()
    form = training_form(enrolments)
    if form.validate_on_submit():
        db.session.add(TrainingEnrolment(job_seeker_id=person.id, module_id=form.module_id.data))
        log_access(person, current_user, "change", "training gepland")
        db.session.commit()
        flash(_("De module is gepland."), "success")
    else:
        flash(form_errors(form), "error")
    return back_to_file(person, "#trainingen")


@requires("passendwerk.view")
def training_status(enrolment_id: int):
    enrolment = db.get_or_404(TrainingEnrolment, enrolment_id)
    person = managed_job_seeker_or_403(current_user, enrolment.job_seeker_id)
    form = TrainingStatusForm()
    if form.validate_on_submit():
        enrolment.status = form.status.data
        log_access(person, current_user, "change", f"training: {form.status.data}")
        db.session.commit()
        flash(_("De stand van de module is opgeslagen."), "success")
    else:
        flash(form_errors(form), "error")
    return back_to_file(person, "#trainingen")
