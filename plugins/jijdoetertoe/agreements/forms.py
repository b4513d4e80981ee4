"""Forms of agreements: the agreement itself, signing it, ending it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from core.api import (
    CheckboxListField,
    active_users_with_roles,
    at_most,
    choices,
    db,
    local_today,
    visible_organisations,
)

from ..experts.forms import parse_amount
from .models import CONTRIBUTIONS

DATE_MESSAGE = _l("Vul een geldige datum in.")


class AgreementForm(FlaskForm):
    organisation_id = SelectField(
        _l("Organisatie"), validators=[DataRequired(_l("Kies de organisatie."))]
    )
    contributions = CheckboxListField(
        _l("Wat brengt de partner in?"), choices=choices(CONTRIBUTIONS), validators=[Optional()]
    )
    contribution_note = TextAreaField(
        _l("Toelichting op de inbreng"),
        description=_l("Bijvoorbeeld: de zaal op dinsdagavond, twee berichten per maand."),
        validators=[Optional(), at_most(2000)],
    )
    budget = StringField(
        _l("Budget in euro"),
        description=_l("0 als de partner geen geld inbrengt."),
        default="0",
        validators=[InputRequired(_l("Vul het bedrag in; 0 als er geen budget is.")), at_most(12)],
    )
    ambassador = StringField(
        _l("Ambassadeur bij de partner"),
        description=_l("Naam, functie of e-mailadres van wie het partnerschap draagt."),
        validators=[Optional(), at_most(200)],
    )

    ambassador_account = SelectField(
        _l("Account van de ambassadeur (niet verplicht)"),
        description=_l("Alleen iemand die voor deze organisatie werkt."),
        default="",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = db.session.scalars(visible_organisations(user)).all()
        self.organisation_id.choices = choices(
            [("", _l("Kies een organisatie"))] + [(str(o.id), o.name) for o in organisations]
        )
        self.ambassador_account.choices = choices(
            [("", _l("Geen account"))]
            + [(str(u.id), u.display_name) for u in active_users_with_roles({"partner"})]
        )

    def validate_ambassador_account(self, field):
        if not field.data or not self.organisation_id.data:
            return
        members = active_users_with_roles({"partner"}, int(self.organisation_id.data))
        if int(field.data) not in {u.id for u in members}:
            raise ValidationError(_l("Dit account werkt niet voor deze organisatie."))

    def validate_budget(self, field):
        try:
            parse_amount(field.data, 100)
        except ValueError:
            raise ValidationError(
                _l("Vul een bedrag in euro in, bijvoorbeeld 500 of 1250,50.")
            ) from None


class SignForm(FlaskForm):
    """Step 'Getekend': when it was signed and for which term."""

    signed_on = DateField(
        _l("Getekend op"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )
    starts_on = DateField(
        _l("Looptijd vanaf"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )
    ends_on = DateField(
        _l("Looptijd tot en met"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )

    def validate_signed_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("De datum van tekenen ligt in de toekomst."))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("Het einde van de looptijd ligt voor het begin."))


class EndForm(FlaskForm):
    """Step 'Beëindigd': why."""

    reason = TextAreaField(
        _l("Waarom stopt het partnerschap?"),
        validators=[DataRequired(_l("Schrijf op waarom het partnerschap stopt.")), at_most(2000)],
    )
