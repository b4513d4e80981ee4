"""The vacancy form, with the competences the work asks for."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.api import choices

from ..route.models import DISTRICTS
from ..talent.models import CONTRACTS, LEVELS, SECTORS
from .models import OUTSIDE_ROTTERDAM


def need_choices() -> list:
    """Built per request, so formatted with gettext; a lazy string never carries values."""
    return (
        [("", _("Niet nodig"))]
        + [(f"r{n}", _("Vereist, niveau %(n)s", n=n)) for n in LEVELS]
        + [(f"n{n}", _("Pluspunt, niveau %(n)s", n=n)) for n in LEVELS]
    )


class VacancyForm(FlaskForm):
    """What the work asks; `with_competences` adds the competences. Never a diploma."""

    organisation_id = SelectField(_l("Werkgever"), coerce=int)
    title = StringField(
        _l("Functie"), validators=[DataRequired(_l("Vul de functie in.")), Length(max=200)]
    )
    description = TextAreaField(_l("Wat ga je doen?"), validators=[Optional(), Length(max=4000)])
    sector = SelectField(_l("Sector"), choices=choices(SECTORS))
    hours = IntegerField(
        _l("Uren per week"),
        validators=[
            DataRequired(_l("Vul het aantal uren in.")),
            NumberRange(1, 60, _l("Kies 1 tot 60 uur.")),
        ],
    )
    contract = SelectField(_l("Contract"), choices=choices(CONTRACTS))
    cao = BooleanField(_l("Er geldt een cao"))
    district = SelectField(
        _l("Wijk"), choices=choices((d, d) for d in [*DISTRICTS, OUTSIDE_ROTTERDAM])
    )
    is_open = BooleanField(_l("Open voor kandidaten"), default=True)
