"""Form fields shared by core and plugins."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length


class CheckboxListField(SelectMultipleField):
    """A list of checkboxes (more usable than a multi-select on a phone)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def choices(pairs) -> list[SelectChoice]:
    """Options for a SelectField from (value, label) pairs or a mapping of value to label."""
    items = pairs.items() if hasattr(pairs, "items") else pairs
    return [SelectChoice(value, label) for value, label in items]


def form_errors(form) -> str:
    """All of a form's error messages as one sentence, for a flash message."""
    return " ".join(str(message) for messages in form.errors.values() for message in messages)


def at_most(characters: int) -> Length:
    """A maximum length for a text field, said in plain words."""
    return Length(max=characters, message=_l("Gebruik hoogstens %(max)d tekens."))
