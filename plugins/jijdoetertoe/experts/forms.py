"""Forms of the register: an expert, their consent, a qualification, an involvement."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from core.api import (
    WorkflowInstance,
    active_users_with_roles,
    at_most,
    choices,
    db,
    plugin_host,
    visible_organisations,
)

from .models import CHANNELS, DISTRICTS, QUALIFICATIONS, SOURCES

NONE = ""
# Plain checks of a way to reach someone: an address with one @ and a dot after it; a phone
# number of digits, spaces, dashes, brackets and a leading +.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[\d\s\-()]+")
DATE_MESSAGE = _l("Vul een geldige datum in.")


def _organisation_choices(user) -> list:
    organisations = db.session.scalars(visible_organisations(user)).all()
    return choices([(NONE, _l("Geen"))] + [(str(o.id), o.name) for o in organisations])


def parse_amount(text: str, step: int) -> int:
    """'12,50' or '12.5' as a whole number of 1/`step` units (cents: 100); ValueError if not."""
    cleaned = (text or "").strip().replace(" ", "")
    if not re.fullmatch(r"\d{1,6}([.,]\d{1,2})?", cleaned):
        raise ValueError(cleaned)
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(cleaned) from exc
    return int(value * step)


class ExpertForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul de naam in.")), at_most(200)])
    channel = SelectField(
        _l("Hoe wil deze persoon bereikt worden?"),
        choices=choices(CHANNELS),
        validators=[DataRequired(_l("Kies hoe deze persoon bereikt wil worden."))],
    )
    contact = StringField(
        _l("Telefoonnummer, adres of e-mailadres"),
        description=_l("Bij 'via een Warmtebron of partner': bij wie en hoe."),
        validators=[DataRequired(_l("Vul in hoe we deze persoon bereiken.")), at_most(300)],
    )
    via_organisation_id = SelectField(_l("Via welke organisatie (niet verplicht)"))
    district = SelectField(
        _l("Wijk"),
        choices=choices((d, d) for d in DISTRICTS),
        validators=[DataRequired(_l("Kies een wijk."))],
    )
    languages = StringField(_l("Talen"), validators=[Optional(), at_most(200)])
    themes = TextAreaField(
        _l("Eigen ervaring met"),
        description=_l("Bijvoorbeeld schulden, werk zoeken, wonen, zorg."),
        validators=[Optional(), at_most(2000)],
    )
    availability = StringField(_l("Wanneer beschikbaar"), validators=[Optional(), at_most(300)])
    exemption_note = TextAreaField(
        _l("Vrijstelling van de sollicitatieplicht"),
        description=_l("Wat is afgesproken, met wie en tot wanneer."),
        validators=[Optional(), at_most(2000)],
    )
    source = SelectField(
        _l("Aangemeld door"),
        choices=choices(SOURCES),
        validators=[DataRequired(_l("Kies wie deze persoon aanmeldt."))],
    )
    source_organisation_id = SelectField(_l("Welk netwerk of welke Warmtebron"))
    user_id = SelectField(_l("Account (niet verplicht)"))
    consent_on = DateField(
        _l("Toestemming gegeven op"),
        description=_l("Is de toestemming ingetrokken? Een nieuwe datum is nieuwe toestemming."),
        validators=[Optional()],
        format="%Y-%m-%d",
    )
    consent_how = StringField(
        _l("Hoe is de toestemming gegeven?"),
        description=_l("Bijvoorbeeld: mondeling bij de kennismaking, op papier getekend."),
        validators=[Optional(), at_most(200)],
    )
    consent_shares = TextAreaField(
        _l("Wat mogen we delen?"), validators=[Optional(), at_most(2000)]
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = _organisation_choices(user)
        self.via_organisation_id.choices = organisations
        self.source_organisation_id.choices = organisations
        self.user_id.choices = choices(
            [(NONE, _l("Geen account"))]
            + [(str(u.id), u.display_name) for u in active_users_with_roles({"expert"})]
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Not an inline validator: Optional() ends the chain of an empty field before it.
        if self.consent_on.data and not (self.consent_how.data or "").strip():
            self.consent_how.errors = [
                *self.consent_how.errors,
                _l("Schrijf op hoe de toestemming is gegeven."),
            ]
            return False
        return valid

    def validate_source_organisation_id(self, field):
        if self.source.data in ("network", "warmtebron") and not field.data:
            raise ValidationError(_l("Kies het netwerk of de Warmtebron."))


class RevokeConsentForm(FlaskForm):
    """Only the button: the date is today's."""


class QualificationForm(FlaskForm):
    kind = SelectField(
        _l("Kwalificatie"),
        choices=choices(QUALIFICATIONS),
        validators=[DataRequired(_l("Kies een kwalificatie."))],
    )
    obtained_on = DateField(
        _l("Behaald op"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )
    expires_on = DateField(
        _l("Geldig tot (niet verplicht)"), validators=[Optional()], format="%Y-%m-%d"
    )
    note = TextAreaField(_l("Toelichting"), validators=[Optional(), at_most(2000)])

    def validate_expires_on(self, field):
        if field.data and self.obtained_on.data and field.data < self.obtained_on.data:
            raise ValidationError(_l("De einddatum ligt voor de datum van behalen."))


OTHER = "__other__"


def started_subprojects() -> list[str]:
    """The titles of new subprojects that started or were evaluated."""
    from ..evaluation.rules import EVALUATED_STATES
    from ..subprojects.models import SubprojectIdea
    from ..subprojects.rules import WORKFLOW

    return list(
        db.session.scalars(
            db.select(SubprojectIdea.title)
            .join(
                WorkflowInstance,
                (WorkflowInstance.subject_id == SubprojectIdea.id)
                & (WorkflowInstance.subject_type == SubprojectIdea.__tablename__)
                & (WorkflowInstance.workflow_key == WORKFLOW),
            )
            .where(WorkflowInstance.state.in_(EVALUATED_STATES))
        )
    )


def subproject_choices() -> list:
    """The enabled subprojects by title, and room for another name."""
    host = plugin_host()
    titles = {str(host.plugins[name].title) for name in host.enabled_names()}
    # New subprojects that started are counted in their evaluation by this name.
    titles |= set(started_subprojects())
    titles = sorted(titles)
    return choices([(t, t) for t in titles] + [(OTHER, _l("Iets anders (vul hieronder in)"))])


class InvolvementForm(FlaskForm):
    done_on = DateField(_l("Datum"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d")
    what = TextAreaField(
        _l("Wat heeft deze persoon gedaan?"),
        validators=[DataRequired(_l("Beschrijf wat deze persoon deed.")), at_most(2000)],
    )
    subproject = SelectField(_l("Voor welk deelproject"))
    subproject_other = StringField(_l("Ander deelproject"), validators=[Optional(), at_most(200)])
    hours = StringField(
        _l("Uren"),
        description=_l("Bijvoorbeeld 2 of 1,5."),
        validators=[DataRequired(_l("Vul het aantal uren in.")), at_most(10)],
    )
    allowance = StringField(
        _l("Vrijwilligersvergoeding in euro"),
        description=_l("0 als er niets is betaald."),
        default="0",
        validators=[
            InputRequired(_l("Vul het bedrag in; 0 als er niets is betaald.")),
            at_most(12),
        ],
    )
    confirm_over_maximum = BooleanField(
        _l("Ik weet dat dit boven het wettelijk maximum per jaar komt, en wil het toch opslaan.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subproject.choices = subproject_choices()

    def validate_subproject(self, field):
        if field.data == OTHER and not (self.subproject_other.data or "").strip():
            raise ValidationError(_l("Vul in voor welk deelproject."))

    def validate_hours(self, field):
        try:
            minutes = parse_amount(field.data, 60)
        except ValueError:
            raise ValidationError(_l("Vul de uren in als getal, bijvoorbeeld 1,5.")) from None
        if not 0 < minutes <= 24 * 60:
            raise ValidationError(_l("Vul tussen 0 en 24 uur in."))

    def validate_allowance(self, field):
        try:
            parse_amount(field.data, 100)
        except ValueError:
            raise ValidationError(
                _l("Vul een bedrag in euro in, bijvoorbeeld 25 of 12,50.")
            ) from None

    @property
    def subproject_name(self) -> str:
        if self.subproject.data == OTHER:
            return self.subproject_other.data.strip()
        return self.subproject.data


class ResultForm(FlaskForm):
    result = TextAreaField(
        _l("Wat is ermee gebeurd?"),
        validators=[DataRequired(_l("Schrijf op wat ermee is gebeurd.")), at_most(4000)],
    )


class SignUpForm(FlaskForm):
    """Someone signs themselves up on the public page: only what the team needs to call back."""

    name = StringField(
        _l("Uw naam"), validators=[DataRequired(_l("Vul uw naam in.")), at_most(200)]
    )
    channel = SelectField(
        _l("Hoe wilt u dat wij contact opnemen?"),
        choices=choices({k: v for k, v in CHANNELS.items() if k != "via_partner"}),
        validators=[DataRequired(_l("Kies hoe wij contact opnemen."))],
    )
    contact = StringField(
        _l("Uw telefoonnummer, adres of e-mailadres"),
        validators=[DataRequired(_l("Vul in hoe wij u bereiken.")), at_most(300)],
    )
    district = SelectField(
        _l("In welke wijk woont u?"),
        # No district chosen for them: an untouched list would sign everyone up in Centrum.
        choices=choices([("", _l("Kies uw wijk")), *((d, d) for d in DISTRICTS)]),
        validators=[DataRequired(_l("Kies een wijk."))],
    )
    themes = TextAreaField(
        _l("Waar heeft u zelf ervaring mee? (niet verplicht)"),
        validators=[Optional(), at_most(2000)],
    )
    consent = BooleanField(
        _l(
            "Het programmateam mag mijn gegevens bewaren en mij bellen of schrijven om kennis "
            "te maken. Ik kan dit altijd weer intrekken."
        ),
        validators=[DataRequired(_l("Zonder uw toestemming kunnen wij u niet aanmelden."))],
    )

    def validate_contact(self, field) -> None:
        # The team must be able to reach them the way they chose.
        value = (field.data or "").strip()
        if self.channel.data == "mail" and not EMAIL.fullmatch(value):
            raise ValidationError(_l("Vul een geldig e-mailadres in."))
        if self.channel.data == "phone" and (
            len(re.sub(r"\D", "", value)) < 10 or not PHONE.fullmatch(value)
        ):
            raise ValidationError(_l("Vul een telefoonnummer in van minstens 10 cijfers."))
