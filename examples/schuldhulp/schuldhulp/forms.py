"""The forms of the intake: the referral, the appointment, and referring elsewhere."""

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Optional,
    Regexp,
    ValidationError,
)

from core.api import at_most, choices, db, utcnow

from .models import Referral
from .terms import latest_intake

ARREARS = {
    "rent": _l("Huurachterstand"),
    "energy": _l("Achterstand gas, water of licht"),
    "insurance": _l("Achterstand zorgverzekering"),
    "several": _l("Meerdere schulden"),
    "other": _l("Iets anders"),
}

PLACES = {
    "office": _l("Op kantoor"),
    "home": _l("Bij de bewoner thuis"),
    "phone": _l("Telefonisch of met video"),
}

# Where a counsellor sends someone who needs other help than debt counselling.
ELSEWHERE = {
    "municipality": _l("Gemeente Rotterdam (schuldhulp van de gemeente)"),
    "budget_buddy": _l("Samen010 (Budgetmaatjes)"),
    "district_team": _l("Wijkteam"),
    "legal_aid": _l("Het Juridisch Loket"),
    "other": _l("Andere hulp"),
}


class ReferralForm(FlaskForm):
    """What the referrer fills in with the resident on the phone or at the counter."""

    referring_organisation_id = SelectField(_l("Namens"), coerce=int)
    debt_help_organisation_id = SelectField(
        _l("Naar welke schuldhulporganisatie?"),
        coerce=int,
        validators=[DataRequired(_l("Kies een schuldhulporganisatie."))],
    )
    name = StringField(
        _l("Naam van de bewoner"),
        description=_l("Zoals de bewoner genoemd wil worden. Geen BSN of geboortedatum."),
        validators=[
            DataRequired(_l("Vul de naam in.")),
            at_most(100),
        ],
    )
    phone = StringField(
        _l("Telefoonnummer"),
        description=_l("De schuldhulpverlener belt de bewoner op dit nummer."),
        validators=[
            DataRequired(_l("Vul een telefoonnummer in.")),
            Regexp(
                r"^\+?[0-9 ()-]{10,20}$",
                message=_l("Vul een telefoonnummer in van 10 cijfers, bijvoorbeeld 010 123 45 67."),
            ),
        ],
    )
    best_time_to_call = StringField(
        _l("Wanneer is de bewoner goed te bereiken? (niet verplicht)"),
        validators=[Optional(), at_most(100)],
    )
    arrears = SelectField(
        _l("Waar gaat de achterstand over?"),
        choices=choices(ARREARS),
        validators=[DataRequired(_l("Kies waar de achterstand over gaat."))],
    )
    urgent = BooleanField(_l("Dreigt een huisuitzetting of afsluiting van gas, water of licht?"))
    reference = StringField(
        _l("Uw eigen kenmerk (niet verplicht)"),
        description=_l("Zo herkent u de verwijzing terug in uw eigen dossier."),
        validators=[Optional(), at_most(40)],
    )
    consent = BooleanField(
        _l(
            "De bewoner wil hulp bij schulden en geeft toestemming om naam en telefoonnummer "
            "aan de schuldhulporganisatie door te geven."
        ),
        validators=[
            DataRequired(_l("Zonder toestemming van de bewoner kunt u niemand doorverwijzen."))
        ],
    )


class AppointmentForm(FlaskForm):
    """The intake appointment; it must fall within the legal term after the referral."""

    moment = DateTimeLocalField(
        _l("Datum en tijd van het intakegesprek"),
        format="%Y-%m-%dT%H:%M",
        validators=[InputRequired(_l("Vul een datum en tijd in, bijvoorbeeld 12-03-2026 10:00."))],
    )
    place = SelectField(
        _l("Waar?"),
        choices=choices(PLACES),
        validators=[DataRequired(_l("Kies waar het gesprek is."))],
    )

    def prepare(self, instance) -> None:
        self.referral = db.session.get(Referral, instance.subject_id)

    def validate_moment(self, field) -> None:
        # Local times against UTC "now": a day's margin is all this check needs.
        if field.data.date() < utcnow().date():
            raise ValidationError(_("Die datum is al voorbij. Kies een dag vanaf vandaag."))
        latest = latest_intake(self.referral)
        if field.data.date() > latest.date():
            raise ValidationError(
                _(
                    "Het eerste gesprek moet uiterlijk op %(date)s zijn: zo lang mag de bewoner "
                    "volgens de wet wachten.",
                    date=format_date(latest, "long"),
                )
            )


class ReferElsewhereForm(FlaskForm):
    referred_to = SelectField(
        _l("Naar wie verwijst u de bewoner?"),
        choices=choices(ELSEWHERE),
        validators=[DataRequired(_l("Kies waar de bewoner terechtkan."))],
    )
