"""Form for registering a meeting."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices
from .models import MEETING_KINDS


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Onderwerp"), validators=[DataRequired(_l("Vul het onderwerp in.")), Length(max=200)]
    )
    held_on = DateField(_l("Datum"), validators=[DataRequired(_l("Vul een geldige datum in."))])
    kind = SelectField(_l("Soort bijeenkomst"), choices=choices(MEETING_KINDS))
    place = StringField(_l("Plaats"), validators=[Optional(), Length(max=200)])
    host_id = SelectField(_l("Gastorganisatie"), coerce=int)
    notes = TextAreaField(_l("Aantekeningen"), validators=[Optional(), Length(max=4000)])
