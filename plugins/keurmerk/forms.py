"""Forms of the keurmerk plugin."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from core.forms import choices

from .models import RESOLUTIONS


class NormForm(FlaskForm):
    theme_id = SelectField("Thema", coerce=int)
    code = StringField(
        "Code",
        validators=[DataRequired("Vul een code in, bijvoorbeeld W1."), Length(max=10)],
        description="Letter van het thema en een nummer, bijvoorbeeld W1 of I3.",
    )
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), Length(max=200)])
    text = TextAreaField(
        "De norm",
        validators=[DataRequired("Schrijf de norm op."), Length(max=4000)],
        description="In gewone taal (B1): wat doet de organisatie?",
    )
    guidance = TextAreaField(
        "Aanwijzingen voor auditors",
        validators=[Optional(), Length(max=4000)],
        description="Wat vraag je, wat controleer je in de praktijk?",
    )
    evidence = TextAreaField("Verwacht bewijs", validators=[Optional(), Length(max=2000)])
    mandatory = BooleanField("Verplichte norm")


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Uw reactie op deze norm",
        validators=[DataRequired("Schrijf uw reactie op."), Length(min=3, max=4000)],
        description="Wat is goed, wat mist er, wat zou u anders zeggen?",
    )


class ResolutionForm(FlaskForm):
    resolution = RadioField(
        "Besluit", choices=choices(RESOLUTIONS), validators=[DataRequired("Kies een besluit.")]
    )
    explanation = TextAreaField(
        "Uitleg voor de indiener",
        validators=[DataRequired("Leg uit wat er met de reactie gebeurt."), Length(max=4000)],
    )


class PilotAuditForm(FlaskForm):
    organisation_id = SelectField("Organisatie", coerce=int)
    held_on = DateField("Datum", validators=[DataRequired("Vul een geldige datum in.")])
    completed = BooleanField("Afgerond")
    lessons = TextAreaField("Wat leerden we?", validators=[Optional(), Length(max=4000)])
