"""Vacancies, the candidates that fit them, and introductions as the employer sees them."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import Organisation, choices, db, form_errors, requires, user_can, utcnow

from .access import employer_ids, job_seeker_or_404, log_access, visible_job_seekers
from .forms import ResponseForm, VacancyForm, need_choices, with_competences
from .matching import match_candidates
from .models import JobSeeker
from .talent import TalentProfile
from .vacancies import Introduction, Vacancy, VacancyCompetence, current_placement
from .views import bp


def _is_coach(user) -> bool:
    return user_can(user, "passendwerk.refer")


def _visible_vacancies(user):
    query = db.select(Vacancy).options(db.joinedload(Vacancy.organisation))
    if _is_coach(user):
        return query
    return query.where(Vacancy.organisation_id.in_(employer_ids(user) or []))


def _vacancy_or_404(vacancy_id: int) -> Vacancy:
    vacancy = db.session.scalar(_visible_vacancies(current_user).where(Vacancy.id == vacancy_id))
    if vacancy is None:
        abort(404)
    return vacancy


def _may_edit(user, vacancy: Vacancy) -> bool:
    own = employer_ids(user)
    return user_can(user, "passendwerk.vacancies") and (
        own is None or vacancy.organisation_id in own
    )


@bp.route("/vacancies")
@requires("passendwerk.vacancies.view")
def vacancies():
    return render_template(
        "passendwerk/vacancies.html",
        vacancies=db.session.scalars(
            _visible_vacancies(current_user).order_by(Vacancy.is_open.desc(), Vacancy.title)
        ).all(),
        may_add=user_can(current_user, "passendwerk.vacancies")
        and employer_ids(current_user) != [],
    )


def _vacancy_form(vacancy: Vacancy | None):
    needs = (
        {c.competence_id: f"{'r' if c.required else 'n'}{c.level}" for c in vacancy.competences}
        if vacancy
        else {}
    )
    form = with_competences(VacancyForm, set(needs), need_choices())(obj=vacancy)
    form.show_competences(needs)
    own = employer_ids(current_user)
    query = db.select(Organisation).where(Organisation.kind == "employer")
    if own is not None:
        query = query.where(Organisation.id.in_(own))
    form.organisation_id.choices = choices(
        (o.id, o.name) for o in db.session.scalars(query.order_by(Organisation.name))
    )
    return form


@bp.route("/vacancies/new", methods=["GET", "POST"])
@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
@requires("passendwerk.vacancies")
def edit_vacancy(vacancy_id: int | None = None):
    vacancy = _vacancy_or_404(vacancy_id) if vacancy_id else None
    if vacancy and not _may_edit(current_user, vacancy):
        abort(403, description=_("Alleen de werkgever zelf en het team wijzigen deze vacature."))
    form = _vacancy_form(vacancy)
    if not form.organisation_id.choices:
        abort(403, description=_("U werkt niet voor een werkgever."))
    if form.validate_on_submit():
        needs = form.chosen_competences()
        if not any(code.startswith("r") for code in needs.values()):
            form.title.errors.append(_("Kies minstens één vereiste competentie."))
        else:
            if vacancy is None:
                vacancy = Vacancy()
                db.session.add(vacancy)
            form.populate_obj(vacancy)
            vacancy.competences = [
                VacancyCompetence(competence_id=cid, required=code[0] == "r", level=int(code[1:]))
                for cid, code in needs.items()
            ]
            db.session.commit()
            flash(_("De vacature is opgeslagen."), "success")
            return redirect(url_for(".vacancy", vacancy_id=vacancy.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "passendwerk/vacancy_form.html",
        form=form,
        vacancy=vacancy,
    ), status


@bp.route("/vacancies/<int:vacancy_id>")
@requires("passendwerk.vacancies.view")
def vacancy(vacancy_id: int):
    vacancy = _vacancy_or_404(vacancy_id)
    coach = _is_coach(current_user)
    introductions = (
        db.select(Introduction)
        .options(db.joinedload(Introduction.job_seeker))
        .where(Introduction.vacancy_id == vacancy.id)
    )
    if coach:
        introductions = introductions.where(
            Introduction.job_seeker_id.in_(
                visible_job_seekers(current_user).with_only_columns(JobSeeker.id)
            )
        )
    return render_template(
        "passendwerk/vacancy.html",
        vacancy=vacancy,
        may_edit=_may_edit(current_user, vacancy),
        ranked=match_candidates(vacancy, visible_job_seekers(current_user))[:50] if coach else None,
        introductions=db.session.scalars(introductions.order_by(Introduction.id.desc())).all(),
    )


def _introduction_or_404(introduction_id: int) -> tuple[Introduction, bool]:
    """The introduction, and whether the viewer is the employer (sees only what is shared)."""
    introduction = db.get_or_404(Introduction, introduction_id)
    own = employer_ids(current_user)
    if (
        own is not None
        and introduction.vacancy.organisation_id in own
        and not _is_coach(current_user)
    ):
        return introduction, True
    if not user_can(current_user, "passendwerk.view"):
        abort(404)
    job_seeker_or_404(current_user, introduction.job_seeker_id)
    return introduction, False


@bp.route("/introductions/<int:introduction_id>")
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
    )


@bp.route("/introductions/<int:introduction_id>/respond", methods=["POST"])
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
        log_access(
            introduction.job_seeker,
            current_user,
            "change",
            f"antwoord werkgever: {form.response.data}",
        )
        db.session.commit()
        flash(_("Uw antwoord is doorgegeven aan de coach."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".introduction", introduction_id=introduction.id), code=303)
