"""Forms of the norm framework: norms, consultation comments and their resolution, pilot audits."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from core.api import choices, local_today

from ..terms import HALF_YEAR
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


CONSULTATION_DAYS = 42  # six weeks, unless the team chooses another end


def _six_weeks_on() -> date:
    return local_today() + timedelta(days=CONSULTATION_DAYS)


class ConsultationForm(FlaskForm):
    """Asked when the team opens a consultation: until when, and who sees the reactions."""

    ends_on = DateField(
        _l("Reageren kan tot en met"),
        default=_six_weeks_on,
        validators=[DataRequired(_l("Vul een geldige datum in."))],
        description=_l("Standaard zes weken."),
    )
    private = BooleanField(
        _l("Besloten: deelnemers zien alleen hun eigen reacties"),
        description=_l("Anders ziet iedereen die meeleest elkaars reacties."),
    )

    def validate_ends_on(self, field) -> None:
        if field.data and field.data <= local_today():
            raise ValidationError(_l("Kies een datum na vandaag."))
        if field.data and field.data > local_today() + HALF_YEAR:
            raise ValidationError(_l("Een consultatie duurt hoogstens een half jaar."))


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
