"""The plugin's forms for visitors without an account (signing up, asking for help, passing
on a signal): each may be sent a few times an hour from one address, then it says so."""

from flask import flash, render_template
from flask_babel import gettext as _

from core.api import allow_public_submission

PER_HOUR = 5


def sent_too_often(form_name: str) -> bool:
    """True (and nothing counted) when this address sent `form_name` PER_HOUR times this hour."""
    return not allow_public_submission(f"jdt.{form_name}", PER_HOUR)


def refuse(template: str, **context):
    """The form again, with why it was not sent; nothing is kept."""
    flash(
        _(
            "Dit formulier is het afgelopen uur al vaak verstuurd vanaf dit adres. Probeer het "
            "over een uur opnieuw, of neem contact op met het programmateam."
        ),
        "error",
    )
    return render_template(template, **context), 429
