"""Pages of the evaluation: the team writes it and records the committee's verdict; the
committee's current members read it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import db, lock_row, requires, user_can, utcnow

from ..bodies.models import Advice
from ..form_page import form_page
from ..subprojects.models import SubprojectIdea
from .forms import EvaluationForm, NewEvaluationForm, VerdictForm
from .models import Evaluation
from .rules import (
    TEAM,
    counted_input,
    counted_meetings,
    may_be_evaluated,
    may_read,
    period_label,
    tell_committee,
)

SIGNED_IN = "authenticated"


def _get_or_404(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def _started_idea_or_404(idea_id: int) -> SubprojectIdea:
    idea = _get_or_404(SubprojectIdea, idea_id)
    if not may_be_evaluated(idea):
        abort(404)
    return idea


def _blank(text: str | None) -> str | None:
    return (text or "").strip() or None


def _save_parts(form: EvaluationForm, evaluation: Evaluation) -> None:
    evaluation.budget_cents = form.budget_cents
    for name in ("partners", "activities", "results", "feedback", "lessons"):
        setattr(evaluation, name, _blank(getattr(form, name).data))
    evaluation.people_reached = form.people_reached.data
    evaluation.people_helped = form.people_helped.data
    evaluation.updated_at = utcnow()


@requires(TEAM)
def new_evaluation(idea_id: int):
    idea = _started_idea_or_404(idea_id)
    form = NewEvaluationForm()
    form.prepare(idea)
    back = url_for(".idea", idea_id=idea.id)
    if form.validate_on_submit():
        year, quarter = form.year.data, int(form.quarter.data)
        # One evaluation per period: two people writing at once wait for each other here.
        lock_row(SubprojectIdea, idea.id)
        taken = db.session.scalar(
            db.select(Evaluation.id).where(
                Evaluation.idea_id == idea.id,
                Evaluation.year == year,
                Evaluation.quarter == quarter,
            )
        )
        if taken is not None:
            form.quarter.errors.append(_("Voor deze periode is er al een evaluatie."))
            return form_page(form, _("Evaluatie schrijven"), back, idea.title)
        evaluation = Evaluation(
            idea_id=idea.id,
            year=year,
            quarter=quarter,
            committee_id=int(form.committee_id.data),
            written_by_id=current_user.id,
        )
        _save_parts(form, evaluation)
        db.session.add(evaluation)
        db.session.flush()
        tell_committee(evaluation, current_user)
        db.session.commit()
        flash(_("De evaluatie is opgeslagen."), "success")
        return redirect(url_for(".evaluation", evaluation_id=evaluation.id), code=303)
    return form_page(form, _("Evaluatie schrijven"), back, idea.title)


@requires(SIGNED_IN)
def evaluation(evaluation_id: int):
    evaluation = _get_or_404(Evaluation, evaluation_id)
    if not may_read(evaluation, current_user):
        abort(404)
    idea = evaluation.idea
    return render_template(
        "jijdoetertoe/evaluation/evaluation.html",
        evaluation=evaluation,
        idea=idea,
        period=period_label(evaluation),
        counted=counted_input(idea, evaluation.year, evaluation.quarter),
        meetings=counted_meetings(idea, evaluation.year, evaluation.quarter),
        team=user_can(current_user, TEAM),
    )


@requires(TEAM)
def edit_evaluation(evaluation_id: int):
    evaluation = _get_or_404(Evaluation, evaluation_id)
    page = url_for(".evaluation", evaluation_id=evaluation.id)
    if evaluation.has_verdict:
        # The committee judged this text: it stays as it was judged.
        flash(
            _("Het oordeel van de adviescommissie is vastgelegd; de evaluatie ligt vast."), "error"
        )
        return redirect(page, code=303)
    form = EvaluationForm(obj=evaluation)
    if not form.is_submitted() and evaluation.budget_cents is not None:
        form.budget.data = f"{evaluation.budget_cents / 100:.2f}".replace(".", ",")
    if form.validate_on_submit():
        _save_parts(form, evaluation)
        db.session.commit()
        flash(_("De evaluatie is opgeslagen."), "success")
        return redirect(page, code=303)
    subtitle = f"{evaluation.idea.title} · {period_label(evaluation)}"
    return form_page(form, _("Evaluatie bijwerken"), page, subtitle)


@requires(TEAM)
def record_verdict(evaluation_id: int):
    evaluation = _get_or_404(Evaluation, evaluation_id)
    page = url_for(".evaluation", evaluation_id=evaluation.id)
    if evaluation.committee is None:
        flash(_("Deze evaluatie hoort niet meer bij een adviescommissie."), "error")
        return redirect(page, code=303)
    form = VerdictForm(obj=evaluation)
    form.prepare(evaluation)
    if not form.is_submitted():
        form.advice_id.data = str(evaluation.verdict_advice_id or "")
    if form.validate_on_submit():
        advice = None
        if form.advice_id.data:
            advice = db.session.get(Advice, int(form.advice_id.data))
        evaluation.verdict = form.verdict.data.strip()
        evaluation.verdict_on = form.verdict_on.data
        evaluation.verdict_advice_id = getattr(advice, "id", None)
        evaluation.verdict_recorded_by_id = current_user.id
        db.session.commit()
        flash(_("Het oordeel van de adviescommissie is vastgelegd."), "success")
        return redirect(page, code=303)
    subtitle = f"{evaluation.idea.title} · {period_label(evaluation)}"
    return form_page(form, _("Oordeel van de adviescommissie"), page, subtitle)


ROUTES = [
    ("/deelprojecten/<int:idea_id>/evaluaties/new", new_evaluation, ["GET", "POST"]),
    ("/evaluaties/<int:evaluation_id>", evaluation, ["GET"]),
    ("/evaluaties/<int:evaluation_id>/edit", edit_evaluation, ["GET", "POST"]),
    ("/evaluaties/<int:evaluation_id>/oordeel", record_verdict, ["GET", "POST"]),
]
