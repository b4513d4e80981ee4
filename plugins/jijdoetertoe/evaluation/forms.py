"""Forms of the evaluation: its four parts, and the advisory committee's verdict."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from core.api import at_most, choices, local_today

from ..experts.forms import parse_amount
from ..subprojects.rules import committees
from .models import WHOLE_YEAR

NONE = ""
QUARTERS = {
    "0": _l("Het hele jaar"),
    "1": _l("Kwartaal 1 (januari tot en met maart)"),
    "2": _l("Kwartaal 2 (april tot en met juni)"),
    "3": _l("Kwartaal 3 (juli tot en met september)"),
    "4": _l("Kwartaal 4 (oktober tot en met december)"),
}
NO_COMMITTEE = _l("Maak eerst de adviescommissie aan bij Organen.")
COUNT_MESSAGE = _l("Vul een heel getal in, 0 of meer.")


def _text(label, description=None):
    return TextAreaField(label, description=description, validators=[Optional(), at_most(8000)])


def _count(label):
    return IntegerField(
        label,
        validators=[Optional(), NumberRange(0, 1_000_000, COUNT_MESSAGE)],
    )


class PeriodForm(FlaskForm):
    """Which period, and which committee judges it: chosen once, when it is written."""

    year = IntegerField(
        _l("Jaar"),
        validators=[
            InputRequired(_l("Vul het jaar in, bijvoorbeeld 2026.")),
            NumberRange(2019, 2100, _l("Vul een jaar in vanaf 2019.")),
        ],
    )
    quarter = SelectField(_l("Periode"), choices=choices(QUARTERS), default=str(WHOLE_YEAR))
    committee_id = SelectField(
        _l("Welke adviescommissie geeft haar oordeel"),
        validators=[DataRequired(NO_COMMITTEE)],
    )

    def prepare(self, idea) -> None:
        self.committee_id.choices = choices([(str(b.id), b.name) for b in committees()])
        if not self.is_submitted():
            self.year.data = local_today().year
            if idea.advice is not None and idea.advice.body.kind == "advisory_committee":
                self.committee_id.data = str(idea.advice.body_id)

    def validate_committee_id(self, field):
        if not field.choices:
            raise ValidationError(NO_COMMITTEE)


class EvaluationForm(FlaskForm):
    """The four parts of the plan's evaluation model, in plain words."""

    budget = StringField(
        _l("Input: budget in euro (niet verplicht)"),
        description=_l("Wat het deelproject in deze periode kostte, bijvoorbeeld 1500 of 250,50."),
        validators=[Optional(), at_most(12)],
    )
    partners = _text(
        _l("Input: welke partners deden mee, en wat brachten ze in?"),
        _l("Bijvoorbeeld ruimte, mensen, geld of hun netwerk."),
    )
    activities = _text(
        _l("Throughput: wat hebben we gedaan?"),
        _l(
            "Activiteiten, spreekuren, trainingen; de vergaderingen van de werkgroep tellen we zelf."
        ),
    )
    people_reached = _count(_l("Output: hoeveel Rotterdammers hebben we bereikt?"))
    people_helped = _count(_l("Output: hoeveel van hen zijn echt geholpen?"))
    results = _text(
        _l("Output: wat heeft het opgeleverd?"),
        _l("In gewone woorden: wat is er nu anders voor de mensen om wie het gaat?"),
    )
    feedback = _text(
        _l("Feedback: wat zeiden deelnemers en ervaringsdeskundigen?"),
    )
    lessons = _text(_l("Feedback: wat leren we ervan, wat doen we anders?"))

    def validate_budget(self, field):
        if not (field.data or "").strip():
            return
        try:
            parse_amount(field.data, 100)
        except ValueError:
            raise ValidationError(
                _l("Vul een bedrag in euro in, bijvoorbeeld 1500 of 250,50.")
            ) from None

    def validate_people_helped(self, field):
        reached = self.people_reached.data
        if field.data is not None and reached is not None and field.data > reached:
            raise ValidationError(_l("Er kunnen niet meer mensen geholpen zijn dan bereikt."))

    @property
    def budget_cents(self) -> int | None:
        text = (self.budget.data or "").strip()
        return parse_amount(text, 100) if text else None


class NewEvaluationForm(PeriodForm, EvaluationForm):
    """Writing a new evaluation: the period and committee, then its four parts."""


class VerdictForm(FlaskForm):
    """Het oordeel van de adviescommissie, recorded by the team."""

    verdict = TextAreaField(
        _l("Het oordeel van de adviescommissie"),
        description=_l("Wat vindt de commissie van wat het deelproject bereikte?"),
        validators=[DataRequired(_l("Schrijf het oordeel van de commissie op.")), at_most(8000)],
    )
    verdict_on = DateField(
        _l("Gegeven op"),
        validators=[InputRequired(_l("Vul een geldige datum in."))],
        format="%Y-%m-%d",
    )
    advice_id = SelectField(_l("Hoort bij het advies (niet verplicht)"), default=NONE)

    def prepare(self, evaluation) -> None:
        advice = evaluation.committee.advice if evaluation.committee else []
        self.advice_id.choices = choices(
            [(NONE, _l("Geen"))]
            + [(str(a.id), f"{a.subject} ({a.given_on.isoformat()})") for a in advice]
        )
        if not self.is_submitted() and self.verdict_on.data is None:
            self.verdict_on.data = local_today()

    def validate_verdict_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Het oordeel kan niet in de toekomst gegeven zijn."))
