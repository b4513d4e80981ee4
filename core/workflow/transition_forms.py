"""A transition's form: prepared for its instance, validated, and stored in the history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .declaration import Transition
from .errors import InvalidForm
from .models import WorkflowInstance


def prepared_form(transition: Transition, instance: WorkflowInstance, formdata=None):
    """The transition's form; one with a `prepare(instance)` method fits its choices to the
    instance (the modules an organisation applied for, say)."""
    form = transition.form(formdata=formdata, meta={"csrf": False})
    if hasattr(form, "prepare"):
        form.prepare(instance)
    return form


def validated_answers(transition: Transition, formdata, instance) -> dict:
    """The form's validated answers as Python values ({} without a form); InvalidForm if not."""
    if transition.form is None:
        return {}
    form = prepared_form(transition, instance, formdata)
    if not form.validate():
        raise InvalidForm(form, transition)
    return {name: value for name, value in form.data.items() if name not in {"csrf_token", "submit"}}


def stored(answers: dict) -> dict:
    """Form answers as the history keeps them (JSON)."""
    return {name: _jsonable(value) for name, value in answers.items()}


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
