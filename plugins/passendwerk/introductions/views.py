"""Introductions as the employer sees and answers them, the employer's mentor and induction
plan, and the feedback talks during induction."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import db, engine_of, form_errors, ics_response, requires, user_can, utcnow

from ..access import employer_ids, job_seeker_or_404, log_access, managed_job_seeker_or_403
from ..calendar import feedback_item
from ..route.models import ROUTE
from ..route.views import back_to_file, file_page
from ..talent.models import TalentProfile
from .forms import FeedbackForm, InductionPlanForm, ResponseForm
from .models import (
    FeedbackConversation,
    Introduction,
    IntroductionAnswer,
    Placement,
    current_placement,
)
from .notices import tell_coach, tell_coach_of_plan


def _introduction_or_404(introduction_id: int) -> tuple[Introduction, bool]:
    """The introduction, and whether the viewer is the employer (sees only what is shared)."""
    introduction = db.get_or_404(Introduction, introduction_id)
    own = employer_ids(current_user)
    if (
        own is not None
        and introduction.vacancy.organisation_id in own
        and not user_can(current_user, "passendwerk.refer")
    ):
        return introduction, True
    if not user_can(current_user, "passendwerk.view"):
        abort(404)
    job_seeker_or_404(current_user, introduction.job_seeker_id)
    return introduction, False


@requires("passendwerk.vacancies.view")
def introduction(introduction_id: int):
    introduction, as_employer = _introduction_or_404(introduction_id)
    person = introduction.job_seeker
    profile = db.session.scalar(
        db.select(TalentProfile).where(TalentProfile.job_seeker_id == person.id)
    )
    placement = current_placement(person.id)
    hired_here = placement is not None and placement.organisation_id == (
        introduction.vacancy.organisation_id
    )
    log_access(person, current_user, "view", "kennismaking")
    db.session.commit()
    return render_template(
        "passendwerk/introduction.html",
        introduction=introduction,
        person=person,
        as_employer=as_employer,
        # Shared only with the person's consent; contact details only once hired there.
        profile=profile if profile and (profile.share_with_employers or not as_employer) else None,
        contact=hired_here or not as_employer,
        form=ResponseForm(obj=introduction) if as_employer else None,
        induction_url=url_for(".induction_plan", placement_id=placement.id)
        if as_employer and hired_here
        else None,
    )


@requires("passendwerk.vacancies")
def respond(introduction_id: int):
    introduction, as_employer = _introduction_or_404(introduction_id)
    if not as_employer:
        abort(403, description=_("Alleen de werkgever geeft antwoord op een kennismaking."))
    form = ResponseForm()
    if form.validate_on_submit():
        introduction.response = form.response.data
        introduction.employer_note = form.note.data.strip() or None
        introduction.responded_at = utcnow()
        introduction.answers.append(
            IntroductionAnswer(
                response=introduction.response,
                note=introduction.employer_note,
                answered_at=introduction.responded_at,
                answered_by_id=current_user.id,
            )
        )
        log_access(
            introduction.job_seeker,
            current_user,
            "change",
            f"antwoord werkgever: {form.response.data}",
        )
        tell_coach(introduction)
        db.session.commit()
        flash(_("Uw antwoord is doorgegeven aan de coach."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".introduction", introduction_id=introduction.id), code=303)


def _own_placement_or_404(placement_id: int) -> Placement:
    """A placement at one of the viewer's employers (the team: any), with the person still at
    the start of their work there."""
    placement = db.get_or_404(Placement, placement_id)
    own = employer_ids(current_user)
    if own is not None and placement.organisation_id not in own:
        abort(404)
    if placement != current_placement(placement.job_seeker_id) or engine_of().instance_for(
        ROUTE, placement.job_seeker
    ).state not in ("geplaatst", "inwerken"):
        abort(404)
    return placement


@requires("passendwerk.vacancies")
def induction_plan(placement_id: int):
    """The employer names the mentor and writes the induction and learning plan."""
    placement = _own_placement_or_404(placement_id)
    person = placement.job_seeker
    form = InductionPlanForm(obj=placement)
    if form.validate_on_submit():
        first = placement.mentor_name is None
        placement.mentor_name = form.mentor_name.data.strip()
        placement.mentor_contact = (form.mentor_contact.data or "").strip() or None
        placement.induction_plan = form.induction_plan.data.strip()
        placement.induction_plan_at = utcnow()
        placement.induction_plan_by_id = current_user.id
        log_access(person, current_user, "change", "inwerkplan")
        if first:
            tell_coach_of_plan(placement, person)
        db.session.commit()
        flash(_("De mentor en het inwerkplan zijn opgeslagen. De coach ziet ze."), "success")
        return redirect(url_for(".induction_plan", placement_id=placement.id), code=303)
    if not form.is_submitted():
        log_access(person, current_user, "view", "inwerkplan")
        db.session.commit()
    return render_template(
        "passendwerk/induction_plan.html", placement=placement, person=person, form=form
    ), (400 if form.is_submitted() else 200)


@requires("passendwerk.view")
def record_feedback(job_seeker_id: int):
    person = managed_job_seeker_or_403(current_user, job_seeker_id)
    placement = current_placement(person.id)
    instance = engine_of().instance_for(ROUTE, person)
    if placement is None or instance.state != "inwerken":
        abort(409, description=_("Feedbackgesprekken horen bij het inwerken."))
    form = FeedbackForm()
    if form.validate_on_submit():
        placement.conversations.append(
            FeedbackConversation(
                held_on=form.held_on.data,
                summary=form.summary.data.strip(),
                recorded_by_id=current_user.id,
            )
        )
        log_access(person, current_user, "change", "feedbackgesprek")
        db.session.commit()
        flash(_("Het feedbackgesprek is vastgelegd."), "success")
        return back_to_file(person, "#werk")
    return file_page(person, 400, feedback_form=form)


@requires("passendwerk.view")
def feedback_ics(job_seeker_id: int):
    """The next feedback talk for the calendar, for whoever may open the file (no name in it)."""
    person = job_seeker_or_404(current_user, job_seeker_id)
    placement = current_placement(person.id)
    due = placement.next_feedback_due if placement else None
    if due is None or engine_of().instance_for(ROUTE, person).state != "inwerken":
        abort(404)
    log_access(person, current_user, "view", "agenda")
    db.session.commit()
    return ics_response(
        [feedback_item(person.id, placement.id, due)], f"feedbackgesprek-{person.id}.ics"
    )
