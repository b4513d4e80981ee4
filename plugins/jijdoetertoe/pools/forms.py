"""Forms of expert pools: asking for help, proposing experts, the answer, work done."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Optional, ValidationError

from core.api import CheckboxListField, at_most, choices, local_today

from ..experts.forms import parse_amount
from .models import ACCEPTED, DECLINED, HELP_KINDS


class AskForm(FlaskForm):
    """Help asked by a resident (who leaves a name and how to reach them) or by a partner's
    user (for one of their organisations); the view removes the fields that do not apply."""

    help_kind = SelectField(
        _l("Waar wilt u hulp bij?"),
        # Nothing chosen for them: an untouched list saved every request as an objection letter.
        choices=choices([("", _l("Kies waar u hulp bij wilt")), *HELP_KINDS.items()]),
        validators=[DataRequired(_l("Kies waar u hulp bij wilt."))],
    )
    description = TextAreaField(
        _l("Vertel kort wat u nodig heeft"),
        validators=[DataRequired(_l("Vertel kort wat u nodig heeft.")), at_most(2000)],
    )
    wanted_when = StringField(
        _l("Wanneer? (niet verplicht)"),
        description=_l("Bijvoorbeeld: voor 15 januari, of op een dinsdagmiddag."),
        validators=[Optional(), at_most(200)],
    )
    wanted_where = StringField(
        _l("Waar? (niet verplicht)"),
        description=_l("Bijvoorbeeld: bij mij thuis, bij Buurtlab, online."),
        validators=[Optional(), at_most(200)],
    )
    organisation_id = SelectField(
        _l("Voor welke organisatie"), validators=[DataRequired(_l("Kies de organisatie."))]
    )
    requester_name = StringField(
        _l("Uw naam"), validators=[DataRequired(_l("Vul uw naam in.")), at_most(200)]
    )
    requester_contact = StringField(
        _l("Uw telefoonnummer of e-mailadres"),
        description=_l("Alleen het programmateam ziet dit."),
        validators=[DataRequired(_l("Vul in hoe wij u bereiken.")), at_most(300)],
    )


_PROPOSED = _l("al voorgesteld")


class ProposeForm(FlaskForm):
    """Step 'Koppelen': the team proposes experts who fit; each decides for themselves."""

    expert_ids = CheckboxListField(
        _l("Wie stellen we voor?"),
        coerce=int,
        description=_l(
            "Alleen actieve ervaringsdeskundigen met toestemming en de juiste kwalificatie."
        ),
        validators=[DataRequired(_l("Kies minstens één ervaringsdeskundige."))],
    )
    _candidate_ids: frozenset = frozenset()

    def prepare(self, instance) -> None:
        from .rules import candidates, request_of

        request = request_of(instance)
        self._candidate_ids = set()
        options = []
        for e in candidates(request):
            self._candidate_ids.add(e.id)
            options.append(
                (e.id, f"{e.name} ({e.district}; {e.availability})" if e.availability else e.name)
            )
        # Those proposed already stay in the list, so the team sees them and the history
        # names them; they cannot be proposed twice.
        for proposal in request.proposals:
            options.append((proposal.expert_id, f"{proposal.expert.name} ({_PROPOSED})"))
        self.expert_ids.choices = options

    def validate_expert_ids(self, field):
        if any(i not in self._candidate_ids for i in field.data or ()):
            raise ValidationError(_l("Kies alleen wie nog niet is voorgesteld."))


class DoneForm(FlaskForm):
    """Step 'Uitgevoerd': when, and how long it took."""

    done_on = DateField(
        _l("Gedaan op"),
        validators=[InputRequired(_l("Vul een geldige datum in."))],
        format="%Y-%m-%d",
    )
    hours = StringField(
        _l("Uren per ervaringsdeskundige"),
        description=_l("Bijvoorbeeld 2 of 1,5."),
        validators=[DataRequired(_l("Vul het aantal uren in.")), at_most(10)],
    )

    def validate_done_on(self, field):
        if field.data and field.data > local_today():
            raise ValidationError(_l("Deze datum ligt in de toekomst."))

    def validate_hours(self, field):
        try:
            minutes = parse_amount(field.data, 60)
        except ValueError:
            raise ValidationError(_l("Vul de uren in als getal, bijvoorbeeld 1,5.")) from None
        if not 0 < minutes <= 24 * 60:
            raise ValidationError(_l("Vul tussen 0 en 24 uur in."))


class AnswerForm(FlaskForm):
    """Yes or no to a proposal: the value comes from the button pressed."""

    answer = StringField(validators=[at_most(10), AnyOf([ACCEPTED, DECLINED])])
