"""Forms of signals: raising one, and the team's steps."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Optional

from core.api import ROTTERDAM_DISTRICTS, at_most, choices

from .models import FORWARDED_TO


class SignalForm(FlaskForm):
    """Someone passes on what they noticed; a visitor without an account may leave a name and
    a mail address to hear what came of it (the view drops both for someone signed in)."""

    text = TextAreaField(
        _l("Wat ziet of hoort u in de wijk?"),
        description=_l("Bijvoorbeeld: veel mensen in onze straat krijgen dezelfde hoge rekening."),
        validators=[DataRequired(_l("Schrijf op wat u ziet of hoort.")), at_most(4000)],
    )
    district = SelectField(
        _l("In welke wijk? (niet verplicht)"),
        choices=choices([("", _l("Zeg ik liever niet"))] + [(d, d) for d in ROTTERDAM_DISTRICTS]),
        validators=[Optional()],
    )
    raiser_name = StringField(_l("Uw naam (niet verplicht)"), validators=[Optional(), at_most(200)])
    raiser_email = StringField(
        _l("Uw e-mailadres (niet verplicht)"),
        description=_l("Dan mailen wij u wat er met uw signaal is gebeurd."),
        validators=[Optional(), at_most(300), Email(_l("Vul een geldig e-mailadres in."))],
    )


class WeighForm(FlaskForm):
    note = TextAreaField(
        _l("Hoe weegt het team dit signaal?"),
        validators=[DataRequired(_l("Schrijf op hoe het team het signaal weegt.")), at_most(2000)],
    )


class ForwardForm(FlaskForm):
    kind = SelectField(
        _l("Doorgezet naar"),
        choices=choices(FORWARDED_TO),
        validators=[DataRequired(_l("Kies waar het signaal heen gaat."))],
    )
    to_whom = StringField(
        _l("Naar wie precies?"),
        description=_l("Bijvoorbeeld: Passend Werk, de wijkmanager van Charlois, Havensteder."),
        validators=[DataRequired(_l("Schrijf op naar wie het signaal gaat.")), at_most(300)],
    )


class CloseForm(FlaskForm):
    outcome = TextAreaField(
        _l("Wat is ermee gebeurd?"),
        description=_l("Wie het signaal gaf, leest dit."),
        validators=[DataRequired(_l("Schrijf op wat ermee is gebeurd.")), at_most(4000)],
    )


class DropForm(FlaskForm):
    reason = TextAreaField(
        _l("Waarom pakken we dit niet op?"),
        description=_l("Wie het signaal gaf, leest dit."),
        validators=[DataRequired(_l("Schrijf op waarom het niet wordt opgepakt.")), at_most(4000)],
    )
