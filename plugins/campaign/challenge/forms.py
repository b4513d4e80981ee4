"""The challenge's own forms, and those of the answers a council member gives."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    DecimalField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import TextInput

from core.api import at_most, local_today

from .index import OUTCOMES


class EuroField(DecimalField):
    """An amount in euro as people type it here: "12,50" as well as "12.50". A text field
    with the decimal keyboard, since a number field refuses the comma in some browsers."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, places=2, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [valuelist[0].strip().replace("€", "").strip().replace(",", ".")]
        super().process_formdata(valuelist)


class ChallengeForm(FlaskForm):
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), at_most(200)]
    )
    question = TextAreaField(
        _l("De vraag"), validators=[DataRequired(_l("Vul de vraag in.")), at_most(2000)]
    )
    budget = EuroField(
        _l("Budget in euro"),
        validators=[
            InputRequired(_l("Vul het budget in.")),
            NumberRange(1, 1000, _l("Kies 1 tot 1.000 euro.")),
        ],
    )
    period_days = IntegerField(
        _l("Periode in dagen"),
        validators=[
            InputRequired(_l("Vul het aantal dagen in.")),
            NumberRange(1, 60, _l("Kies 1 tot 60 dagen.")),
        ],
    )
    invitation_subject = StringField(
        _l("Onderwerp van de uitnodiging"),
        validators=[DataRequired(_l("Vul het onderwerp in.")), at_most(200)],
    )
    invitation_text = TextAreaField(
        _l("Tekst van de uitnodiging"),
        description=_l("De persoonlijke link komt eronder."),
        validators=[DataRequired(_l("Vul de tekst in.")), at_most(10000)],
    )
    reminder_days = StringField(
        _l("Herinneringen, dagen na de uitnodiging"),
        description=_l(
            "Bijvoorbeeld 7,14,18,21: elke dag krijgt wie nog niet antwoordde een herinnering."
        ),
        validators=[
            DataRequired(_l("Vul minstens één dag in.")),
            Regexp(
                r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$",
                message=_l("Schrijf dagen als getallen met komma's, zoals 7,14,21."),
            ),
            at_most(100),
        ],
    )
    respond_by = DateField(
        _l("Antwoord uiterlijk op"), validators=[DataRequired(_l("Vul een datum in."))]
    )
    ends_on = DateField(
        _l("Laatste dag van de uitdaging"),
        description=_l("Tot en met deze dag werken de persoonlijke links."),
        validators=[DataRequired(_l("Vul een datum in."))],
    )
    publish_at = DateTimeLocalField(
        _l("Bekendmaking van de index"),
        description=_l(
            "Tot dit moment blijven alle uitkomsten geheim (embargo). Tijd in Rotterdam."
        ),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Vul datum en tijd in."))],
    )
    response_threshold_percent = IntegerField(
        _l("Drempel: minimaal deel van een partij dat antwoordde, in procenten"),
        default=50,
        validators=[
            DataRequired(_l("Vul een percentage in.")),
            NumberRange(1, 100, _l("Kies 1 tot 100.")),
        ],
    )

    def validate_ends_on(self, field):
        if self.respond_by.data and field.data and field.data < self.respond_by.data:
            raise ValidationError(_l("De laatste dag komt na de antwoorddatum."))

    def validate_publish_at(self, field):
        # Before then some members could still answer, and the index would call them silent.
        if self.respond_by.data and field.data and field.data.date() <= self.respond_by.data:
            raise ValidationError(_l("De bekendmaking komt na de antwoorddatum."))


class PointsForm(FlaskForm):
    """The points table: one number per outcome (fields added below, one per outcome)."""


for _name, _label, _default in OUTCOMES:
    setattr(
        PointsForm,
        _name,
        IntegerField(
            _label,
            # 0 is a score, so InputRequired: DataRequired refuses it.
            validators=[
                InputRequired(_l("Vul een getal in.")),
                NumberRange(0, 100, _l("Kies 0 tot 100 punten.")),
            ],
        ),
    )


class CallForm(FlaskForm):
    called_at = DateTimeLocalField(
        _l("Wanneer gebeld"),
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Vul datum en tijd in."))],
    )
    summary = TextAreaField(
        _l("Wat is er gezegd?"),
        validators=[DataRequired(_l("Schrijf kort op wat er is gezegd.")), at_most(4000)],
    )


# --------------------------------------------------------------------------- the member's answers


class DeclineForm(FlaskForm):
    reason = TextAreaField(
        _l("Waarom doet u niet mee?"),
        validators=[DataRequired(_l("Schrijf op waarom u niet meedoet.")), at_most(2000)],
    )


class AcceptForm(FlaskForm):
    """The challenge's budget and period unless the member chooses their own."""

    from_link = False  # the member's own page sets it; the team's panel does not

    starts_on = DateField(
        _l("Op welke dag begint u?"), validators=[DataRequired(_l("Kies de dag waarop u begint."))]
    )
    budget = EuroField(
        _l("Budget in euro"),
        validators=[
            InputRequired(_l("Vul het budget in.")),
            NumberRange(1, 1000, _l("Kies 1 tot 1.000 euro.")),
        ],
    )
    period_days = IntegerField(
        _l("Aantal dagen"),
        validators=[
            InputRequired(_l("Vul het aantal dagen in.")),
            NumberRange(1, 60, _l("Kies 1 tot 60 dagen.")),
        ],
    )

    def prepare(self, instance) -> None:
        from core.api import db

        from .models import Participation

        challenge = db.session.get(Participation, instance.subject_id).challenge
        self._ends_on = challenge.ends_on
        self._invited_on = challenge.invited_on
        if self.budget.data is None:
            self.budget.data = challenge.budget_cents / 100
        if self.period_days.data is None:
            self.period_days.data = challenge.period_days

    def validate_starts_on(self, field):
        # Through the link a period begins today or later. Someone who tells the team by phone
        # that they began on Monday began on Monday; but not before they were invited.
        if self.from_link:
            if field.data and field.data < local_today():
                raise ValidationError(_l("Kies vandaag of een dag later."))
        else:
            invited_on = getattr(self, "_invited_on", None) or local_today()
            if field.data and field.data < invited_on:
                raise ValidationError(_l("Kies een dag vanaf de dag van de uitnodiging."))
        ends_on = getattr(self, "_ends_on", None)
        if field.data and ends_on and self.period_days.data:
            if field.data + timedelta(days=self.period_days.data - 1) > ends_on:
                raise ValidationError(
                    _l("Uw periode moet klaar zijn voor het einde van de uitdaging.")
                )


class LogbookForm(FlaskForm):
    day = DateField(_l("Dag"), validators=[DataRequired(_l("Kies de dag."))])
    amount = EuroField(
        _l("Bedrag in euro"),
        validators=[
            InputRequired(_l("Vul het bedrag in; 0 als u niets uitgaf.")),
            NumberRange(0, 1000, _l("Kies 0 tot 1.000 euro.")),
        ],
    )
    spent_on = StringField(
        _l("Waaraan?"),
        validators=[DataRequired(_l("Schrijf op waaraan u het uitgaf.")), at_most(200)],
    )
    note = TextAreaField(_l("Notitie"), validators=[Optional(), at_most(2000)])
