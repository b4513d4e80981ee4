"""Forms of a job seeker's file: signing up, correcting it, who guides them, ending the route."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from core.api import choices, db

from ..catalogue.models import EndingCause
from .models import DISTRICTS, REFERRALS


class PersonForm(FlaskForm):
    """The minimum needed to help someone; also used to correct it."""

    first_name = StringField(
        _l("Voornaam"), validators=[DataRequired(_l("Vul de voornaam in.")), Length(max=100)]
    )
    last_name = StringField(
        _l("Achternaam"), validators=[DataRequired(_l("Vul de achternaam in.")), Length(max=100)]
    )
    address = StringField(_l("Adres"), validators=[Optional(), Length(max=300)])
    phone = StringField(_l("Telefoonnummer"), validators=[Optional(), Length(max=40)])
    email = EmailField(
        _l("E-mailadres (niet verplicht)"),
        validators=[Optional(), Email(_l("Dit is geen geldig e-mailadres.")), Length(max=254)],
    )
    district = SelectField(_l("Wijk"), choices=choices((d, d) for d in DISTRICTS))
    sensitive_notes = TextAreaField(
        _l("Gevoelige aantekeningen (gezondheid, schulden; niet verplicht)"),
        validators=[Optional(), Length(max=4000)],
        description=_l("Alleen de coach en de lifecoach zien dit."),
    )


class SignUpForm(PersonForm):
    referral = SelectField(_l("Hoe kwam de aanmelding binnen?"), choices=choices(REFERRALS))
    referring_organisation_id = SelectField(_l("Aangemeld door organisatie"), coerce=int)
    consent = TextAreaField(
        _l("Toestemming: waarvoor gaf deze persoon toestemming?"),
        validators=[
            DataRequired(
                _l("Leg vast waarvoor de persoon toestemming gaf; zonder toestemming geen dossier.")
            ),
            Length(max=2000),
        ],
        default="Gegevens gebruiken voor begeleiding naar passend werk door Warm Rotterdam en de aanmeldende partner.",
    )


class EndRouteForm(FlaskForm):
    """Asked when a route ends early: a cause from the team's list."""

    cause_id = SelectField(
        _l("Oorzaak"), coerce=int, validators=[DataRequired(_l("Kies een oorzaak."))]
    )

    def prepare(self, instance) -> None:
        causes = db.session.scalars(
            db.select(EndingCause).where(EndingCause.active).order_by(EndingCause.name)
        )
        self.cause_id.choices = choices((c.id, c.name) for c in causes)


class PeopleForm(FlaskForm):
    """Who guides this person: the coach and the lifecoach."""

    coach_id = SelectField(_l("Coach"), coerce=int)
    lifecoach_id = SelectField(_l("Lifecoach"), coerce=int)


class WithdrawConsentForm(EndRouteForm):
    """Confirms a withdrawal; while the route runs, why it ends (from the team's list)."""

    note = TextAreaField(
        _l("Toelichting"),
        validators=[DataRequired(_l("Schrijf kort op wat de persoon zei.")), Length(max=1000)],
    )
