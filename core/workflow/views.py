"""Generic workflow pages: the inbox, the instance panel, firing and assigning."""

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import AUTHENTICATED, requires
from ..accounts.models import User
from ..errors import render_error
from ..extensions import db
from ..input_limits import page_number
from ..tasks import plugin_tasks
from .engine import MAX_COMMENT, engine_of
from .errors import Conflict, InvalidForm, NotAllowed, WorkflowError
from .inbox import inbox_page
from .models import WorkflowInstance
from .panel import build_panel
from .titles import subject_title
from .transition_forms import prepared_form

bp = Blueprint("workflows", __name__)
bp.add_app_template_global(MAX_COMMENT, "max_comment")


def visible_instance_or_404(instance_id: int) -> WorkflowInstance:
    instance = db.session.get(
        WorkflowInstance, instance_id, options=[db.joinedload(WorkflowInstance.assignee)]
    )
    if instance is None or not engine_of().may_view(instance, current_user):
        abort(404)
    return instance


@bp.app_template_filter("isodatetime")
def isodatetime(value: str) -> datetime:
    """A moment the history keeps as ISO text, back as a datetime to format."""
    return datetime.fromisoformat(value)


@bp.app_template_global("workflow_page")
def page_of(instance: WorkflowInstance) -> str:
    return engine_of().page_of(instance)


def _refused(exc: WorkflowError, panel_url: str):
    """A change that did not happen: a 409 or 403 page, or back to the panel with the reason."""
    if isinstance(exc, Conflict | NotAllowed):
        return render_error(exc.status, exc.message, link=panel_url)
    flash(exc.message, "error")
    return redirect(panel_url, code=303)


@bp.route("/tasks")
@requires(AUTHENTICATED)
def inbox():
    engine = engine_of()
    workflows = {w.key: w for w in engine.enabled()}
    chosen = request.args.get("workflow") if request.args.get("workflow") in workflows else None
    page = page_number()
    rows, more = inbox_page(engine, current_user, page, chosen)
    tasks = plugin_tasks(current_user, TASKS_SHOWN + 1)
    return render_template(
        "core/workflow/inbox.html",
        tasks=tasks[:TASKS_SHOWN],
        more_tasks=len(tasks) > TASKS_SHOWN,
        rows=rows,
        more=more,
        page=page,
        chosen=chosen,
        workflows=workflows,
    )


# Plugin tasks shown above the files on "Mijn taken"; all of them on pages of their own.
TASKS_SHOWN = 25
TASKS_PER_PAGE = 50


@bp.route("/tasks/other")
@requires(AUTHENTICATED)
def other_tasks():
    """Every plugin task of the user, soonest first, a page at a time."""
    page = page_number()
    tasks = plugin_tasks(current_user, page * TASKS_PER_PAGE + 1)
    return render_template(
        "core/workflow/other_tasks.html",
        tasks=tasks[(page - 1) * TASKS_PER_PAGE : page * TASKS_PER_PAGE],
        page=page,
        more=len(tasks) > page * TASKS_PER_PAGE,
    )


@bp.route("/workflows/instances/<int:instance_id>")
@requires(AUTHENTICATED)
def show(instance_id: int):
    instance = visible_instance_or_404(instance_id)
    return render_template("core/workflow/instance.html", panel=build_panel(instance, current_user))


@bp.route("/workflows/instances/<int:instance_id>/fire/<trigger>", methods=["GET"])
@requires(AUTHENTICATED)
def transition_form(instance_id: int, trigger: str):
    """A page of its own for a transition that asks for input (a form or a reason)."""
    instance = visible_instance_or_404(instance_id)
    action = next(
        (a for a in engine_of().actions(instance, current_user) if a.transition.trigger == trigger),
        None,
    )
    if action is None:
        abort(404)
    if not action.allowed:
        abort(403, description=action.reason)
    form = prepared_form(action.transition, instance) if action.transition.form else None
    return render_template(
        "core/workflow/transition_form.html",
        instance=instance,
        title=subject_title(instance),
        transition=action.transition,
        form=form,
    )


@bp.route("/workflows/instances/<int:instance_id>/fire", methods=["POST"])
@requires(AUTHENTICATED)
def fire(instance_id: int):
    instance = visible_instance_or_404(instance_id)
    trigger = request.form.get("trigger", "")
    panel_url = page_of(instance)
    try:
        engine_of().fire(
            instance_id,
            trigger,
            actor=current_user,
            comment=request.form.get("comment"),
            formdata=request.form,
            expected_version=request.form.get("version", type=int),
        )
    except InvalidForm as exc:
        instance = db.session.get(WorkflowInstance, instance_id)
        return render_template(
            "core/workflow/transition_form.html",
            instance=instance,
            title=subject_title(instance),
            transition=exc.transition,
            form=exc.form,
        ), 400
    except WorkflowError as exc:
        instance = db.session.get(WorkflowInstance, instance_id)
        transition = next(
            (t for t in engine_of().declaration(instance).transitions if t.trigger == trigger),
            None,
        )
        asks_input = transition is not None and (transition.form or transition.comment_required)
        if asks_input and not isinstance(exc, Conflict | NotAllowed):
            # Sent from the step's own page (a missing reason, a guard): back to it as typed.
            form = prepared_form(transition, instance, request.form) if transition.form else None
            return render_template(
                "core/workflow/transition_form.html",
                instance=instance,
                title=subject_title(instance),
                transition=transition,
                form=form,
                error=exc.message,
            ), 400
        return _refused(exc, panel_url)
    flash(
        _(
            "Gelukt. Het dossier staat nu op '%(state)s'.",
            state=engine_of().declaration(instance).state(instance.state).label,
        ),
        "success",
    )
    return redirect(panel_url, code=303)


@bp.route("/workflows/instances/<int:instance_id>/assign", methods=["POST"])
@requires(AUTHENTICATED)
def assign(instance_id: int):
    visible_instance_or_404(instance_id)
    panel_url = url_for(".show", instance_id=instance_id)
    raw = request.form.get("assignee_id", "").strip()
    if raw and not (raw.isascii() and raw.isdigit()):
        abort(400)  # nonsense is not "nobody"
    assignee = db.session.get(User, int(raw)) if raw and int(raw) else None
    if raw and int(raw) and assignee is None:
        abort(400)  # an unknown person is not "nobody"
    try:
        engine_of().assign(
            instance_id,
            assignee,
            actor=current_user,
            expected_version=request.form.get("version", type=int),
        )
    except WorkflowError as exc:
        return _refused(exc, panel_url)
    if assignee:
        flash(_("Het dossier is toegewezen aan %(name)s.", name=assignee.display_name), "success")
    else:
        flash(_("Het dossier is aan niemand meer toegewezen."), "success")
    return redirect(panel_url, code=303)
