"""Forms of new subprojects: the idea, the committee's advice, enabling the plugin."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional

from core.api import at_most, choices, local_today

from .rules import committees, disabled_plugins


class IdeaForm(FlaskForm):
    """'Idee voor een nieuw deelproject': anyone signed in, in their own words."""

    title = StringField(
        _l("Waar gaat uw idee over?"),
        description=_l("In een paar woorden, bijvoorbeeld: hulp bij de energierekening."),
        validators=[
            DataRequired(_l("Schrijf in een paar woorden waar het over gaat.")),
            at_most(200),
        ],
    )
    urgency = TextAreaField(
        _l("Waarom is dit nodig?"),
        description=_l("Vertel in uw eigen woorden wat er nu misgaat, en voor wie."),
        validators=[DataRequired(_l("Vertel waarom dit nodig is.")), at_most(4000)],
    )
    description = TextAreaField(
        _l("Wat zou het deelproject kunnen doen? (niet verplicht)"),
        validators=[Optional(), at_most(4000)],
    )


class CommitteeAdviceForm(FlaskForm):
    """The step 'Advies vastleggen': the committee's advice on the idea."""

    body_id = SelectField(
        _l("Welke adviescommissie"),
        coerce=int,
        validators=[DataRequired(_l("Kies de adviescommissie."))],
    )
    text = TextAreaField(
        _l("Het advies van de commissie"),
        validators=[DataRequired(_l("Schrijf het advies op.")), at_most(8000)],
    )
    given_on = DateField(
        _l("Gegeven op"),
        validators=[InputRequired(_l("Vul een geldige datum in."))],
        format="%Y-%m-%d",
    )

    def prepare(self, instance) -> None:
        self.body_id.choices = [(b.id, b.name) for b in committees()]
        if self.given_on.data is None and not self.given_on.raw_data:
            self.given_on.data = local_today()


class EnablePluginForm(FlaskForm):
    plugin = SelectField(
        _l("Welk deelproject aanzetten"),
        validators=[DataRequired(_l("Kies een deelproject."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plugin.choices = choices(disabled_plugins())
