"""Forms of privacy requests and of confirming an erasure."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from core.api import at_most, choices

from .models import KINDS


class PrivacyRequestForm(FlaskForm):
    kind = SelectField(_l("Soort verzoek"), choices=choices(KINDS))
    received_on = DateField(
        _l("Ontvangen op"), validators=[DataRequired(_l("Vul de datum in."))], default=date.today
    )
    details = TextAreaField(
        _l("Wat vraagt de persoon precies?"), validators=[Optional(), Length(max=4000)]
    )


class EraseForm(FlaskForm):
    """Asked before an erasure request is completed: it cannot be undone."""

    confirm = StringField(
        _l("Typ WISSEN om te bevestigen dat alle persoonsgegevens worden gewist"),
        validators=[DataRequired(_l("Typ WISSEN om te bevestigen.")), at_most(20)],
    )

    def validate_confirm(self, field) -> None:
        if field.data.strip().upper() != "WISSEN":
            raise ValidationError(_l("Typ WISSEN om te bevestigen."))
