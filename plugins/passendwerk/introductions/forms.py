"""Forms of introducing, placing and inducting a candidate, and the employer's answer."""

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from core.api import active_users_with_roles, choices, db, local_today

from ..events.models import Guest, MeetAndGreet
from ..talent.models import CONTRACTS
from ..vacancies.models import Vacancy
from .models import RESPONSES, Introduction


class IntroduceForm(FlaskForm):
    """The vacancy a candidate is introduced for."""

    vacancy_id = SelectField(_l("Vacature"), coerce=int)
    meet_and_greet_id = SelectField(
        _l("Vervolg op een Meet & Greet?"), coerce=int, validators=[Optional()]
    )

    def prepare(self, instance) -> None:
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


class LastingForm(FlaskForm):
    """Confirmed with the employer after the induction period: does the person still work
    there, and on what terms? If not, the coach ends the route with its cause instead."""

    still_employed = BooleanField(
        _l("De werkgever bevestigt: de persoon werkt er nog"),
        validators=[
            DataRequired(
                _l(
                    "Alleen werk dat de werkgever bevestigt telt als duurzaam. Werkt de persoon "
                    "er niet meer, kies dan 'Route afbreken' met de oorzaak."
                )
            )
        ],
    )
    contract = SelectField(_l("Contract nu"), choices=choices(CONTRACTS))
    hours = IntegerField(
        _l("Uren per week nu"),
        validators=[
            DataRequired(_l("Vul het aantal uren in.")),
            NumberRange(1, 60, _l("Kies 1 tot 60 uur.")),
        ],
    )

    def prepare(self, instance) -> None:
        from .models import current_placement

        placement = current_placement(instance.subject_id)
        if placement is not None and self.hours.raw_data is None:  # shown: propose what was agreed
            self.hours.data, self.contract.data = placement.hours, placement.contract


class InductionForm(FlaskForm):
    """The coach starts the induction once the employer has named the mentor, and may choose
    a lifecoach for personal obstacles."""

    lifecoach_id = SelectField(_l("Lifecoach"), coerce=int)

    def prepare(self, instance) -> None:
        self.lifecoach_id.choices = choices(
            [(0, _l("Nog niemand"))]
            + [(u.id, u.display_name) for u in active_users_with_roles({"lifecoach"})]
        )


class InductionPlanForm(FlaskForm):
    """The employer's part of the induction: a mentor at work (not the direct manager) and
    the induction and learning plan, read by the coach and the lifecoach."""

    mentor_name = StringField(
        _l("Naam van de mentor"),
        description=_l("Een collega die helpt, niet de leidinggevende."),
        validators=[DataRequired(_l("Vul de naam van de mentor in.")), Length(max=200)],
    )
    mentor_contact = StringField(
        _l("Telefoon of e-mail van de mentor (niet verplicht)"),
        validators=[Optional(), Length(max=200)],
    )
    induction_plan = TextAreaField(
        _l("Inwerk- en leerplan"),
        description=_l("Wat leert de nieuwe medewerker, wanneer, en wie helpt daarbij?"),
        validators=[DataRequired(_l("Schrijf kort het inwerkplan op.")), Length(max=4000)],
    )


class FeedbackForm(FlaskForm):
    held_on = DateField(
        _l("Datum van het gesprek"), validators=[DataRequired(_l("Vul de datum in."))]
    )
    summary = TextAreaField(
        _l("Kort verslag"),
        validators=[DataRequired(_l("Schrijf kort op hoe het gaat.")), Length(max=4000)],
    )

    def validate_held_on(self, field) -> None:
        if field.data and field.data > local_today():
            raise ValidationError(_l("Een gesprek in de toekomst kan nog niet worden vastgelegd."))


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
