"""Forms of the passendwerk plugin."""

from datetime import date

from flask import has_request_context, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from core.api import CheckboxListField, at_most, choices, db

from .models import DISTRICTS, REFERRALS, EndingCause
from .privacy import KINDS
from .talent import CONTRACTS, LEVELS, SECTORS, TRAVEL
from .training import STATUSES
from .vacancies import OUTSIDE_ROTTERDAM, RESPONSES


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


def _pitch_url(form, field) -> None:
    if field.data and not field.data.startswith(("https://", "http://")):
        raise ValidationError(_l("Een link begint met https://"))


class TalentProfileForm(FlaskForm):
    """Willen, gedrag, persoonlijkheid and the pitch; `with_competences` adds kunnen."""

    sectors = CheckboxListField(
        _l("Sectoren waarin de persoon wil werken"), choices=choices(SECTORS)
    )
    hours_min = IntegerField(
        _l("Minimaal aantal uren per week"),
        validators=[Optional(), NumberRange(0, 60, _l("Kies 0 tot 60 uur."))],
    )
    hours_max = IntegerField(
        _l("Maximaal aantal uren per week"),
        validators=[Optional(), NumberRange(1, 60, _l("Kies 1 tot 60 uur."))],
    )
    travel = SelectField(_l("Reizen"), choices=choices(TRAVEL), default="stad")
    contracts = CheckboxListField(_l("Gewenst contract"), choices=choices(CONTRACTS))
    behaviour = TextAreaField(
        _l("Gedrag (wat de assessor zag)"), validators=[Optional(), Length(max=4000)]
    )
    personality = TextAreaField(
        _l("Persoonlijkheid (wat de assessor zag)"), validators=[Optional(), Length(max=4000)]
    )
    pitch_url = StringField(
        _l("Link naar een korte videopitch (niet verplicht)"),
        validators=[Optional(), Length(max=500), _pitch_url],
    )
    share_with_employers = BooleanField(
        _l(
            "De persoon geeft toestemming: werkgevers aan wie we hem of haar voorstellen, zien "
            "naam, talentenprofiel en pitch"
        )
    )

    def validate_hours_max(self, field) -> None:
        if field.data is not None and self.hours_min.data is not None:
            if field.data < self.hours_min.data:
                raise ValidationError(_l("Het maximum is lager dan het minimum."))


LEVEL_CHOICES = [("", "–")] + [(str(n), label) for n, label in LEVELS.items()]


def need_choices() -> list:
    """Built per request, so formatted with gettext; a lazy string never carries values."""
    return (
        [("", _("Niet nodig"))]
        + [(f"r{n}", _("Vereist, niveau %(n)s", n=n)) for n in LEVELS]
        + [(f"n{n}", _("Pluspunt, niveau %(n)s", n=n)) for n in LEVELS]
    )


class CompetenceSelects:
    """One select per catalogue competence, named by its id; `with_competences` adds them."""

    competence_ids: tuple[int, ...] = ()

    def competence_fields(self) -> list:
        return [self[f"competence_{cid}"] for cid in self.competence_ids]

    def chosen_competences(self) -> dict[int, str]:
        """The competences given a value, by id."""
        return {
            cid: field.data
            for cid, field in zip(self.competence_ids, self.competence_fields(), strict=True)
            if field.data
        }

    def show_competences(self, values: dict[int, str]) -> None:
        """Fill the selects from a stored record, unless the user just submitted them."""
        if not self.is_submitted():
            for cid, value in values.items():
                self[f"competence_{cid}"].data = value


def with_competences(form_class: type, in_use: set[int], options) -> type:
    """`form_class` with a select per offered competence (and those `in_use` by the record)."""
    from .talent import offered_competences

    competences = offered_competences(in_use)
    fields = {
        f"competence_{c.id}": SelectField(c.name, choices=choices(options), default="")
        for c in competences
    }
    fields["competence_ids"] = tuple(c.id for c in competences)
    return type(form_class.__name__, (CompetenceSelects, form_class), fields)


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


class IntroduceForm(FlaskForm):
    """The vacancy a candidate is introduced for."""

    vacancy_id = SelectField(_l("Vacature"), coerce=int)
    meet_and_greet_id = SelectField(
        _l("Vervolg op een Meet & Greet?"), coerce=int, validators=[Optional()]
    )

    def prepare(self, instance) -> None:
        from .vacancies import Vacancy

        vacancies = db.session.scalars(
            db.select(Vacancy)
            .options(db.joinedload(Vacancy.organisation))
            .where(Vacancy.is_open)
            .order_by(Vacancy.title)
        )
        self.vacancy_id.choices = choices(
            (v.id, f"{v.title} – {v.organisation.name}") for v in vacancies
        )
        if not self.vacancy_id.data and has_request_context():
            self.vacancy_id.data = request.args.get("vacancy", type=int)
        from .events import Guest, MeetAndGreet

        events = db.session.scalars(
            db.select(MeetAndGreet)
            .join(Guest)
            .where(Guest.job_seeker_id == instance.subject_id)
            .order_by(MeetAndGreet.starts_at.desc())
        )
        self.meet_and_greet_id.choices = choices(
            [(0, _l("Nee"))] + [(e.id, e.title) for e in events]
        )


class PlacementForm(FlaskForm):
    """Work found: at which of the introductions, from when, on what terms."""

    vacancy_id = SelectField(_l("Bij welke vacature?"), coerce=int)
    start_date = DateField(_l("Eerste werkdag"), validators=[DataRequired(_l("Vul de datum in."))])
    contract = SelectField(_l("Contract"), choices=choices(CONTRACTS))
    hours = IntegerField(
        _l("Uren per week"),
        validators=[
            DataRequired(_l("Vul het aantal uren in.")),
            NumberRange(1, 60, _l("Kies 1 tot 60 uur.")),
        ],
    )
    cao = BooleanField(_l("Er geldt een cao"))

    def prepare(self, instance) -> None:
        from .vacancies import Introduction, Vacancy

        vacancies = db.session.scalars(
            db.select(Vacancy)
            .join(Introduction, Introduction.vacancy_id == Vacancy.id)
            .options(db.joinedload(Vacancy.organisation))
            .where(Introduction.job_seeker_id == instance.subject_id)
            .order_by(Introduction.id.desc())
        ).unique()
        self.vacancy_id.choices = choices(
            (v.id, f"{v.title} – {v.organisation.name}") for v in vacancies
        )


class InductionForm(FlaskForm):
    """Who helps during the first months at work."""

    mentor_name = StringField(
        _l("Mentor bij de werkgever"),
        validators=[DataRequired(_l("Vul de naam van de mentor in.")), Length(max=200)],
    )
    lifecoach_id = SelectField(_l("Lifecoach"), coerce=int)

    def prepare(self, instance) -> None:
        from core.api import active_users_with_roles

        self.lifecoach_id.choices = choices(
            [(0, _l("Nog niemand"))]
            + [(u.id, u.display_name) for u in active_users_with_roles({"lifecoach"})]
        )


class FeedbackForm(FlaskForm):
    held_on = DateField(
        _l("Datum van het gesprek"), validators=[DataRequired(_l("Vul de datum in."))]
    )
    summary = TextAreaField(
        _l("Kort verslag"),
        validators=[DataRequired(_l("Schrijf kort op hoe het gaat.")), Length(max=4000)],
    )


class TrainingForm(FlaskForm):
    module_id = SelectField(_l("Module"), coerce=int)


class TrainingStatusForm(FlaskForm):
    status = SelectField(_l("Stand"), choices=choices(STATUSES))


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


class CatalogueItemForm(FlaskForm):
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=200)]
    )
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=2000)])


class MeetAndGreetForm(FlaskForm):
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), Length(max=200)]
    )
    starts_at = DateTimeLocalField(
        _l("Datum en tijd"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Vul datum en tijd in."))],
    )
    place = StringField(
        _l("Plaats (vaak een Warmtebron)"),
        validators=[DataRequired(_l("Vul de plaats in.")), Length(max=200)],
    )
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=2000)])
    employer_ids = CheckboxListField(_l("Uitgenodigde werkgevers"), coerce=int)


class GuestForm(FlaskForm):
    job_seeker_id = SelectField(_l("Kandidaat uitnodigen"), coerce=int)


class ResponseForm(FlaskForm):
    """The employer's answer to an introduction."""

    response = RadioField(
        _l("Uw antwoord"),
        choices=choices(RESPONSES),
        validators=[DataRequired(_l("Kies een antwoord."))],
    )
    note = TextAreaField(
        _l("Toelichting voor de coach (niet verplicht)"), validators=[Optional(), Length(max=2000)]
    )

    def __init__(self, *args, obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        if obj is not None and not self.is_submitted():
            self.response.data = obj.response
            self.note.data = obj.employer_note
