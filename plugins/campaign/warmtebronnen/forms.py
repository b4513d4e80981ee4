"""The form for a Warmtebron's entry."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
    ValidationError,
)
from wtforms.validators import AnyOf, DataRequired, Email, Optional, Regexp

from core.api import CheckboxListField, at_most, choices

from .models import DISTRICTS, OFFERS


def district_choices(empty_label) -> list:
    return choices([("", empty_label), *((d, d) for d in DISTRICTS)])


class WarmtebronForm(FlaskForm):
    """Everything the map shows of a Warmtebron. `organisation_id` only when it is new;
    `published` only for the team."""

    organisation_id = SelectField(
        _l("Organisatie"),
        validate_choice=False,
        description=_l("Sociale ondernemingen die nog niet op de kaart staan."),
    )
    description = TextAreaField(
        _l("Wat doet de Warmtebron?"),
        validators=[DataRequired(_l("Schrijf kort wat u doet.")), at_most(1000)],
        description=_l("In een paar zinnen, in gewone woorden."),
    )
    # Named after Warmtebron.offer_codes, so an entry fills it in.
    offer_codes = CheckboxListField(_l("Wat biedt u aan?"), choices=choices(OFFERS))
    district = SelectField(
        _l("Wijk"),
        validate_choice=False,
        validators=[AnyOf(DISTRICTS, message=_l("Kies de wijk uit de lijst."))],
    )
    address = StringField(
        _l("Adres"),
        validators=[DataRequired(_l("Vul het adres in.")), at_most(200)],
        description=_l("Straat, huisnummer en postcode."),
    )
    opening_hours = TextAreaField(
        _l("Openingstijden"),
        validators=[Optional(), at_most(500)],
        description=_l("Bijvoorbeeld: maandag tot en met vrijdag van 10.00 tot 16.00 uur."),
    )
    phone = StringField(
        _l("Telefoonnummer"),
        validators=[
            Optional(),
            Regexp(
                r"^[0-9 +()-]+$",
                message=_l("Gebruik alleen cijfers, spaties en de tekens + ( ) -."),
            ),
            at_most(40),
        ],
    )
    email = EmailField(
        _l("E-mailadres"),
        validators=[Optional(), Email(_l("Dit is geen geldig e-mailadres.")), at_most(254)],
    )
    website = URLField(
        _l("Website"),
        validators=[Optional(), at_most(300)],
        description=_l("Het hele adres, met https://."),
    )
    accessibility = TextAreaField(
        _l("Toegankelijkheid"),
        validators=[Optional(), at_most(1000)],
        description=_l("Bijvoorbeeld: drempelvrij, een lift, een invalidentoilet, honden welkom."),
    )
    published = BooleanField(_l("Op de openbare kaart zetten"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district.choices = district_choices(_l("Kies een wijk"))

    def validate_offer_codes(self, field):
        if not field.data:
            raise ValidationError(_l("Kies minstens één ding dat u aanbiedt."))
        if not set(field.data) <= set(OFFERS):
            raise ValidationError(_l("Kies uit de lijst."))

    def validate_website(self, field):
        # Only web addresses become a link: "javascript:" must never reach an href.
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_l("Vul een volledig webadres in, met https://."))
        if field.data and "." not in field.data.split("//", 1)[1].split("/", 1)[0]:
            raise ValidationError(_l("Vul een volledig webadres in, met https://."))
