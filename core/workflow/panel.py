"""The workflow panel a subject's page embeds: state, history with answers, actions, diagram.

A plugin calls :func:`build_panel` in its own view and includes
``core/workflow/_panel.html`` with the result, so every subproject shows the same panel.
"""

import copy
from datetime import datetime
from typing import NamedTuple

from flask_babel import get_locale
from flask_babel import gettext as _

from ..data_cache import cached
from ..extensions import db
from .diagram import render_svg
from .engine import engine_of
from .models import WorkflowHistory, WorkflowInstance
from .titles import subject_title
from .transition_forms import prepared_form


def form_answers(instance: WorkflowInstance, workflow, history) -> dict[int, list[tuple]]:
    """Each history row's form answers in the form's own words: field labels, and the label of
    a chosen option rather than its id ("Vacature: Verkoper – Bakkerij", not "vacancy_id: 11")."""
    forms, answers = {}, {}
    for row in history:
        if not row.data or row.trigger.startswith("@"):
            continue
        transition = next(
            (t for t in workflow.transitions if t.trigger == row.trigger and t.form), None
        )
        if transition is not None and row.trigger not in forms:
            forms[row.trigger] = prepared_form(transition, instance)
        form = forms.get(row.trigger)
        answers[row.id] = [
            _answer(form._fields.get(name) if form else None, name, value)
            for name, value in row.data.items()
            if not name.startswith("@")  # how the step came (VIA), not an answer
        ]
    return answers


def _answer(field, name: str, value) -> tuple[str, str]:
    if field is None:
        return name, "" if value is None else str(value)
    options = {}
    for choice in getattr(field, "choices", None) or ():
        key, label = (choice.value, choice.label) if hasattr(choice, "value") else choice[:2]
        options[str(key)] = str(label)
    values = value if isinstance(value, list) else [value]
    shown = [
        (_("ja") if v else _("nee"))
        if isinstance(v, bool)
        else options.get(str(v), "–" if v in (None, "", 0) and options else str(v))
        for v in values
    ]
    return str(field.label.text), ", ".join(shown) or "–"


class Assignee(NamedTuple):
    id: int
    display_name: str


def assignable(instance: WorkflowInstance) -> tuple[Assignee, ...]:
    """Who may be given the instance, for the picker: the same until the data changes, and
    asked per person where the workflow has a visibility rule of its own."""
    return cached(
        ("workflow.assignable", instance.id),
        lambda: tuple(
            Assignee(p.id, p.display_name) for p in engine_of().assignable_people(instance)
        ),
    )


class HistoryRow(NamedTuple):
    """A step in the panel's history, as plain values (kept between requests)."""

    id: int
    at: datetime
    trigger: str | None
    from_state: str | None
    to_state: str
    comment: str | None
    data: dict | None
    actor_name: str | None  # None: the clock, or someone through a personal link


def history_of(instance: WorkflowInstance) -> tuple[HistoryRow, ...]:
    """The instance's history, newest first: it changes only with a step, an assignment or a
    new deadline, each a saved change."""

    def rows():
        return tuple(
            HistoryRow(
                h.id,
                h.at,
                h.trigger,
                h.from_state,
                h.to_state,
                h.comment,
                copy.deepcopy(h.data),  # not the request's own object: kept for others
                h.actor.display_name if h.actor else None,
            )
            for h in db.session.scalars(
                db.select(WorkflowHistory)
                .options(db.joinedload(WorkflowHistory.actor))
                .where(WorkflowHistory.instance_id == instance.id)
                .order_by(WorkflowHistory.id.desc())
            )
        )

    return cached(("workflow.history", instance.id), rows)


# Drawn once per workflow, state and language: the drawing depends on nothing else.
_diagrams: dict[tuple, tuple] = {}


def diagram(workflow, state: str):
    title = _("Stroomschema: %(title)s", title=workflow.title)
    key = (id(workflow), state, str(get_locale()), title)
    kept = _diagrams.get(key)
    if kept is None:  # kept with its workflow, so that workflow's id is never reused
        kept = _diagrams[key] = (workflow, render_svg(workflow, state, title))
    return kept[1]


def build_panel(instance: WorkflowInstance, user) -> dict:
    """Everything the panel template shows; plugins embed it in their own pages."""
    engine = engine_of()
    workflow = engine.declaration(instance)
    history = history_of(instance)
    may_assign = engine.may_assign(instance, user) and engine.is_enabled(instance.workflow_key)
    return {
        "instance": instance,
        "title": subject_title(instance),
        "workflow": workflow,
        "assignable": assignable(instance) if may_assign else None,
        "state": workflow.state(instance.state),
        "actions": engine.actions(instance, user),
        "history": history,
        # Labelled through each step's form, which may read the subject: once per change.
        "answers": cached(
            ("workflow.answers", instance.id, user.id),
            lambda: form_answers(instance, workflow, history),
        ),
        "diagram": diagram(workflow, instance.state),
    }
