"""The talent profile of a job seeker, and the vacancies that fit it."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.access import requires
from core.extensions import db
from core.workflow import engine_of

from .access import log_access
from .forms import LEVEL_CHOICES, TalentProfileForm, competence_field_name, with_competences
from .matching import match_vacancies
from .talent import ProfileCompetence, TalentProfile, offered_competences
from .views import ROUTE, _managed_or_403, bp


@bp.route("/job-seekers/<int:job_seeker_id>/profile", methods=["GET", "POST"])
@requires("passendwerk.view")
def edit_profile(job_seeker_id: int):
    person = _managed_or_403(job_seeker_id)
    profile = db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
    )
    catalogue = offered_competences(
        {c.competence_id for c in profile.competences} if profile else set()
    )
    form_class = with_competences(TalentProfileForm, catalogue, LEVEL_CHOICES)
    form = form_class(obj=profile)
    if profile and not form.is_submitted():
        for c in profile.competences:
            form[competence_field_name(c.competence_id)].data = str(c.level)
    if form.validate_on_submit():
        if profile is None:
            profile = TalentProfile(job_seeker_id=person.id)
            db.session.add(profile)
        form.populate_obj(profile)
        profile.pitch_url = profile.pitch_url or None
        levels = {
            c.id: int(form[competence_field_name(c.id)].data)
            for c in catalogue
            if form[competence_field_name(c.id)].data
        }
        profile.competences = [
            ProfileCompetence(competence_id=cid, level=level) for cid, level in levels.items()
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
        competence_fields=[form[competence_field_name(c.id)] for c in catalogue],
    ), status


@bp.route("/job-seekers/<int:job_seeker_id>/vacancies")
@requires("passendwerk.view")
def vacancies_for(job_seeker_id: int):
    """Open vacancies ranked for this person, each with why it does or does not fit."""
    person = _managed_or_403(job_seeker_id)
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
