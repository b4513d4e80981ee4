"""Forms of a Meet & Greet and of inviting a candidate to it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from core.api import CheckboxListField


class MeetAndGreetForm(FlaskForm):
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), Length(max=200)]
    )
    starts_at = DateTimeLocalField(
        _l("Datum en tijd"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Vul datum en tijd in."))],
    )
    place = StringField(
        _l("Plaats (vaak een Warmtebron)"),
        validators=[DataRequired(_l("Vul de plaats in.")), Length(max=200)],
    )
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=2000)])
    employer_ids = CheckboxListField(_l("Uitgenodigde werkgevers"), coerce=int)


class GuestForm(FlaskForm):
    job_seeker_id = SelectField(_l("Kandidaat uitnodigen"), coerce=int)
