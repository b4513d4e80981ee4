"""Pages of new subprojects: the idea form, 'Mijn ideeën', the team's list and an idea's page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    page_number,
    plugin_host,
    record_security_event,
    requires,
    user_can,
)

from .forms import EnablePluginForm, IdeaForm
from .models import SubprojectIdea
from .rules import WORKFLOW, course, courses

TEAM = "jijdoetertoe.team"
IDEAS = "jijdoetertoe.ideas"
# Switching a subproject on is the admin page's right; the same right here.
PLUGINS = "plugins.manage"
PER_PAGE = 50  # ideas per page of the team's list
MINE_SHOWN = 100  # one person's own ideas, newest first


def _states(ideas: list[SubprojectIdea]) -> dict[int, str]:
    rows = db.session.execute(
        db.select(WorkflowInstance.subject_id, WorkflowInstance.state).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == SubprojectIdea.__tablename__,
            WorkflowInstance.subject_id.in_([i.id for i in ideas]),
        )
    )
    return dict(rows.all())


def _idea_or_404(idea_id: int) -> SubprojectIdea:
    """The team sees every idea; whoever raised one sees their own; anyone else: not found."""
    idea = db.session.get(SubprojectIdea, idea_id)
    if idea is None:
        abort(404)
    if not (user_can(current_user, TEAM) or idea.raised_by_id == current_user.id):
        abort(404)
    return idea


@requires(IDEAS)
def new_idea():
    form = IdeaForm()
    if form.validate_on_submit():
        idea = SubprojectIdea(
            title=form.title.data.strip(),
            urgency=form.urgency.data.strip(),
            description=(form.description.data or "").strip() or None,
            raised_by_id=current_user.id,
        )
        db.session.add(idea)
        db.session.flush()
        # The stored title travels in mails: the number, not the idea's words.
        engine_of().start(WORKFLOW, idea, title=f"Idee {idea.id}", actor=current_user)
        db.session.commit()
        flash(_("Dank u. Het team bekijkt uw idee binnen 14 dagen."), "success")
        return redirect(url_for(".my_ideas"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("jijdoetertoe/subprojects/new.html", form=form), status


@requires(IDEAS)
def my_ideas():
    ideas = db.session.scalars(
        db.select(SubprojectIdea)
        .where(SubprojectIdea.raised_by_id == current_user.id)
        .order_by(SubprojectIdea.created_at.desc(), SubprojectIdea.id.desc())
        .limit(MINE_SHOWN)
    ).all()
    return render_template(
        "jijdoetertoe/subprojects/mine.html",
        ideas=ideas,
        courses=courses(ideas),
        workflow=engine_of().latest(WORKFLOW),
    )


@requires(TEAM)
def ideas():
    page = page_number()
    rows = db.session.scalars(
        db.select(SubprojectIdea)
        .options(db.joinedload(SubprojectIdea.raised_by))  # the "Van" column, not a query a row
        .order_by(SubprojectIdea.created_at.desc(), SubprojectIdea.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    shown = rows[:PER_PAGE]
    return render_template(
        "jijdoetertoe/subprojects/index.html",
        ideas=shown,
        states=_states(shown),
        workflow=engine_of().latest(WORKFLOW),
        page=page,
        more=len(rows) > PER_PAGE,
    )


@requires(IDEAS)
def idea(idea_id: int):
    idea = _idea_or_404(idea_id)
    team = user_can(current_user, TEAM)
    instance = engine_of().instance_for(WORKFLOW, idea)
    may_enable = (
        team
        and user_can(current_user, PLUGINS)
        and instance is not None
        and instance.state == "gestart"
    )
    return render_template(
        "jijdoetertoe/subprojects/idea.html",
        idea=idea,
        steps=course(idea),
        workflow=engine_of().latest(WORKFLOW),
        panel=build_panel(instance, current_user) if team and instance else None,
        enable_form=EnablePluginForm() if may_enable else None,
        evaluations=_evaluations(idea, instance) if team else None,
    )


def _evaluations(idea: SubprojectIdea, instance) -> list | None:
    """A started or evaluated subproject's evaluations; None before it starts."""
    from ..evaluation.rules import EVALUATED_STATES, evaluations_of

    if instance is None or instance.state not in EVALUATED_STATES:
        return None
    return evaluations_of(idea)


@requires(PLUGINS)
def enable_plugin(idea_id: int):
    """The team switches on the installed plugin that carries a started subproject."""
    idea = _idea_or_404(idea_id)
    instance = engine_of().instance_for(WORKFLOW, idea)
    if not user_can(current_user, TEAM) or instance is None or instance.state != "gestart":
        abort(404)
    form = EnablePluginForm()
    if not form.validate_on_submit():
        flash(_("Kies een deelproject dat nu uit staat."), "error")
        return redirect(url_for(".idea", idea_id=idea.id), code=303)
    host = plugin_host()
    host.set_enabled(form.plugin.data, True, actor=current_user)
    record_security_event("plugin_enabled", actor=current_user, detail=form.plugin.data)
    idea.plugin_name = form.plugin.data
    db.session.commit()
    title = host.plugins[form.plugin.data].title
    flash(_("%(title)s staat aan.", title=title), "success")
    return redirect(url_for(".idea", idea_id=idea.id), code=303)


ROUTES = [
    ("/deelprojecten/", ideas, ["GET"]),
    ("/deelprojecten/idee", new_idea, ["GET", "POST"]),
    ("/deelprojecten/mijn-ideeen", my_ideas, ["GET"]),
    ("/deelprojecten/<int:idea_id>", idea, ["GET"]),
    ("/deelprojecten/<int:idea_id>/aanzetten", enable_plugin, ["POST"]),
]
