"""Forms of the norm framework: norms, consultation comments and their resolution, pilot audits."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.api import choices

from .models import RESOLUTIONS


class NormForm(FlaskForm):
    theme_id = SelectField(_l("Thema"), coerce=int)
    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Vul een code in, bijvoorbeeld W1.")), Length(max=10)],
        description=_l("Letter van het thema en een nummer, bijvoorbeeld W1 of I3."),
    )
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), Length(max=200)]
    )
    text = TextAreaField(
        _l("De norm"),
        validators=[DataRequired(_l("Schrijf de norm op.")), Length(max=4000)],
        description=_l("In gewone taal (B1): wat doet de organisatie?"),
    )
    guidance = TextAreaField(
        _l("Aanwijzingen voor auditors"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Wat vraag je, wat controleer je in de praktijk?"),
    )
    evidence = TextAreaField(_l("Verwacht bewijs"), validators=[Optional(), Length(max=2000)])
    mandatory = BooleanField(_l("Verplichte norm"))


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Uw reactie op deze norm"),
        validators=[DataRequired(_l("Schrijf uw reactie op.")), Length(min=3, max=4000)],
        description=_l("Wat is goed, wat mist er, wat zou u anders zeggen?"),
    )


class ResolutionForm(FlaskForm):
    resolution = RadioField(
        _l("Besluit"),
        choices=choices(RESOLUTIONS),
        validators=[DataRequired(_l("Kies een besluit."))],
    )
    explanation = TextAreaField(
        _l("Uitleg voor de indiener"),
        validators=[DataRequired(_l("Leg uit wat er met de reactie gebeurt.")), Length(max=4000)],
    )


class PilotAuditForm(FlaskForm):
    organisation_id = SelectField(_l("Organisatie"), coerce=int)
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Vul een geldige datum in."))])
    completed = BooleanField(_l("Afgerond"))
    lessons = TextAreaField(_l("Wat leerden we?"), validators=[Optional(), Length(max=4000)])
