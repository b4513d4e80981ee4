"""Forms for meetings: the meeting itself, registering, guests, and the closing report."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from ..forms import choices
from .models import MEETING_KINDS

MOMENT = "%Y-%m-%dT%H:%M"
# "Taxi 1: 4" or "Op de fiets": a name, and after a colon an optional limit.
OPTION_LINE = re.compile(r"^(?P<name>[^:]{1,100}?)\s*(?::\s*(?P<limit>\d{1,4}))?$")


class WholeNumberField(IntegerField):
    """An IntegerField whose complaint about "vier" or "4,5" is in Dutch, by field."""

    def __init__(self, *args, invalid_message: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(self.invalid_message) or _("Vul een heel getal in.")) from exc


def parse_options(text: str) -> list[tuple[str, int | None]]:
    """The options typed one per line; raises ValueError naming the first bad line."""
    options, seen = [], set()
    for number, line in enumerate((text or "").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = OPTION_LINE.match(line)
        limit = int(match.group("limit")) if match and match.group("limit") else None
        if match is None or limit == 0:
            raise ValueError(
                _(
                    "Regel %(number)s klopt niet. Schrijf een naam en eventueel een dubbele "
                    "punt met het aantal plaatsen, bijvoorbeeld: Taxi 1: 4",
                    number=number,
                )
            )
        name = match.group("name").strip()
        if name.lower() in seen:
            raise ValueError(_("Regel %(number)s: deze naam staat er al.", number=number))
        seen.add(name.lower())
        options.append((name, limit))
    return options


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Onderwerp"), validators=[DataRequired(_l("Vul het onderwerp in.")), Length(max=200)]
    )
    starts_at = DateTimeLocalField(
        _l("Begint op"),
        description=_l("Datum en tijd in Rotterdam."),
        format=MOMENT,
        validators=[DataRequired(_l("Vul een geldige datum en tijd in."))],
    )
    ends_at = DateTimeLocalField(
        _l("Eindigt op (niet verplicht)"),
        format=MOMENT,
        validators=[Optional()],
    )
    kind = SelectField(_l("Soort bijeenkomst"), choices=choices(MEETING_KINDS))
    host_id = SelectField(
        _l("Gastorganisatie"), description=_l("Bijvoorbeeld een Warmtebron."), coerce=int
    )
    place = StringField(_l("Plaats"), validators=[Optional(), Length(max=200)])
    organiser_id = SelectField(_l("Organisator"), coerce=int)
    capacity = WholeNumberField(
        _l("Aantal plaatsen (niet verplicht)"),
        description=_l(
            "Leeg: geen maximum. Is het vol, dan komen nieuwe aanmeldingen op de wachtlijst."
        ),
        invalid_message=_l("Vul het aantal plaatsen in als heel getal, of laat het leeg."),
        validators=[Optional(), NumberRange(1, 10000, _l("Kies 1 tot 10.000 plaatsen."))],
    )
    options = TextAreaField(
        _l("Keuzes bij het aanmelden (niet verplicht)"),
        description=_l(
            "Eén keuze per regel, met het aantal plaatsen na een dubbele punt. "
            "Bijvoorbeeld: Taxi 1: 4"
        ),
        validators=[Optional(), Length(max=4000)],
    )
    remind_hours_before = WholeNumberField(
        _l("Herinnering, aantal uren vooraf (niet verplicht)"),
        description=_l("Leeg: geen herinnering. 24 is een dag van tevoren."),
        default=24,
        invalid_message=_l("Vul het aantal uren in als heel getal, of laat het leeg."),
        validators=[Optional(), NumberRange(1, 24 * 60, _l("Kies 1 tot 1440 uur."))],
    )
    notes = TextAreaField(_l("Aantekeningen"), validators=[Optional(), Length(max=4000)])

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_("Het einde moet na het begin liggen."))

    def validate_options(self, field):
        try:
            parse_options(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


class RegisterForm(FlaskForm):
    option_id = SelectField(_l("Hoe doet u mee?"), coerce=int, validate_choice=False)


class GuestForm(FlaskForm):
    guest_name = StringField(
        _l("Naam van de gast"),
        validators=[DataRequired(_l("Vul de naam in.")), Length(max=200)],
    )
    guest_email = EmailField(
        _l("E-mailadres van de gast"),
        validators=[
            DataRequired(_l("Vul het e-mailadres in.")),
            Email(_l("Vul een geldig e-mailadres in.")),
            Length(max=254),
        ],
    )
    option_id = SelectField(_l("Hoe doet de gast mee?"), coerce=int, validate_choice=False)
    invite = BooleanField(
        _l("Stuur een uitnodiging: de gast zegt zelf ja of nee via een link in de e-mail")
    )


class ReportForm(FlaskForm):
    contributions = TextAreaField(
        _l("Inbreng"),
        description=_l("Wat brachten de deelnemers in?"),
        validators=[DataRequired(_l("Schrijf kort wat er is ingebracht.")), Length(max=8000)],
    )
    follow_ups = TextAreaField(
        _l("Vervolgafspraken"),
        description=_l("Wie doet wat, en wanneer?"),
        validators=[Optional(), Length(max=8000)],
    )


class ActionForm(FlaskForm):
    """Only the CSRF token: for buttons that cancel, check in or answer."""
