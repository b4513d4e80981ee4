"""Forms of the communication calendar: items, channels, comments, consent, editions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional

from core.api import at_most, choices

from .models import CHANNELS, CONSENT_WAYS, KINDS


class ItemForm(FlaskForm):
    kind = SelectField(_l("Soort stuk"), choices=lambda: choices(KINDS.items()))
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), at_most(200)]
    )
    body = TextAreaField(
        _l("Tekst"),
        validators=[Optional(), at_most(20000)],
        description=_l("Bij een idee mag dit nog leeg zijn. Schrijf in gewone taal (B1)."),
    )


class ChannelForm(FlaskForm):
    channel = SelectField(_l("Kanaal"), choices=lambda: choices(CHANNELS.items()))
    planned_on = DateField(
        _l("Datum van publicatie"),
        validators=[Optional()],
        description=_l("Mag nog leeg blijven; inplannen kan pas met een datum."),
    )


class CommentForm(FlaskForm):
    body = TextAreaField(
        _l("Uw opmerking"),
        validators=[DataRequired(_l("Schrijf uw opmerking op.")), at_most(4000)],
    )


class ConsentForm(FlaskForm):
    person_name = StringField(
        _l("Naam van de persoon over wie het verhaal gaat"),
        validators=[DataRequired(_l("Vul de naam in.")), at_most(200)],
    )
    given_how = SelectField(
        _l("Hoe is toestemming gegeven?"), choices=lambda: choices(CONSENT_WAYS.items())
    )
    given_on = DateField(
        _l("Datum van de toestemming"),
        validators=[DataRequired(_l("Vul een geldige datum in."))],
    )
    covers = TextAreaField(
        _l("Waar geldt de toestemming voor?"),
        validators=[DataRequired(_l("Schrijf op waar de toestemming voor geldt.")), at_most(2000)],
        description=_l("Bijvoorbeeld: tekst en foto, op de website en in het magazine."),
    )


class EditionForm(FlaskForm):
    number = IntegerField(
        _l("Nummer"),
        validators=[DataRequired(_l("Vul een nummer in.")), NumberRange(min=1, max=100000)],
    )
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), at_most(200)]
    )
    publication_date = DateField(
        _l("Datum van verschijnen"), validators=[DataRequired(_l("Vul een geldige datum in."))]
    )


class ArticleForm(FlaskForm):
    item_id = SelectField(_l("Artikel"), coerce=int)
