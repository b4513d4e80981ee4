"""Vacancies and the candidates that fit them."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from core.api import Organisation, cached, choices, db, page_number, requires, user_can

from ..access import employer_ids, holds, visible_job_seekers
from ..introductions.models import Introduction
from ..route.models import JobSeeker
from ..talent.forms import with_competences
from .forms import VacancyForm, need_choices
from .matching import match_candidates
from .models import Vacancy, VacancyCompetence

# Candidates per page of a vacancy, best first: a coach reads the best few, then pages on.
SHOWN = 10


def _is_coach(user) -> bool:
    return user_can(user, "passendwerk.refer")


def _visible_vacancies(user):
    query = db.select(Vacancy).options(db.joinedload(Vacancy.organisation))
    if _is_coach(user):
        return query
    return query.where(Vacancy.organisation_id.in_(employer_ids(user) or []))


def _vacancy_or_404(vacancy_id: int, *, with_competences: bool = False) -> Vacancy:
    query = _visible_vacancies(current_user).where(Vacancy.id == vacancy_id)
    if with_competences:  # in the same query, not a second one
        query = query.options(db.joinedload(Vacancy.competences))
    vacancy = db.session.scalars(query).unique().first()
    if vacancy is None:
        abort(404)
    return vacancy


def _may_edit(user, vacancy: Vacancy) -> bool:
    own = employer_ids(user)
    return user_can(user, "passendwerk.vacancies") and (
        own is None or vacancy.organisation_id in own
    )


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


@requires("passendwerk.vacancies")
def edit_vacancy(vacancy_id: int | None = None):
    vacancy = _vacancy_or_404(vacancy_id) if vacancy_id else None
    if vacancy and not _may_edit(current_user, vacancy):
        abort(403, description=_("Alleen de werkgever zelf en het team wijzigen deze vacature."))
    form = _vacancy_form(vacancy)
    if not form.organisation_id.choices:
        abort(403, description=_("U werkt niet voor een werkgever."))
    if form.searched:
        # Searching only shows what matches; nothing is saved, what was typed stays.
        return render_template("passendwerk/vacancy_form.html", form=form, vacancy=vacancy)
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


@requires("passendwerk.vacancies.view")
def vacancy(vacancy_id: int):
    vacancy = _vacancy_or_404(vacancy_id, with_competences=True)
    coach = _is_coach(current_user)
    introductions = (
        db.select(Introduction)
        # Of the person only the name the page shows, not their address, phone or notes.
        .options(
            db.joinedload(Introduction.job_seeker).load_only(
                JobSeeker.first_name, JobSeeker.last_name
            )
        )
        .where(Introduction.vacancy_id == vacancy.id)
    )
    if coach:
        introductions = introductions.where(
            Introduction.job_seeker_id.in_(
                visible_job_seekers(current_user).with_only_columns(JobSeeker.id)
            )
        )
    page, candidates = page_number(), None
    if coach:
        # The best of page `page` and one more to tell whether there is a next page, ranked
        # and written out once per change of the data for everyone who sees the same people
        # (the team sees everyone; anyone else their own).
        scope = "all" if holds(current_user, "passendwerk.all") else current_user.id

        def render_candidates() -> str:
            best = match_candidates(
                vacancy,
                visible_job_seekers(current_user),
                limit=page * SHOWN + 1,
                offset=(page - 1) * SHOWN,
            )
            return render_template(
                "passendwerk/_vacancy_candidates.html",
                vacancy=vacancy,
                ranked=best[:SHOWN],
                page=page,
                more=len(best) > SHOWN,
                first_rank=(page - 1) * SHOWN + 1,
            )

        # Rendered by our own template, escaped as it was rendered.
        candidates = Markup(
            cached(("passendwerk.vacancy_candidates", vacancy.id, scope, page), render_candidates)
        )
    return render_template(
        "passendwerk/vacancy.html",
        vacancy=vacancy,
        may_edit=_may_edit(current_user, vacancy),
        candidates=candidates,
        introductions=db.session.scalars(introductions.order_by(Introduction.id.desc())).all(),
    )
