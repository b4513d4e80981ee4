"""Forms of the talent profile and the training plan; competence selects for any form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from core.api import CheckboxListField, choices, db

from ..catalogue.models import TrainingModule, offered_competences
from .models import CONTRACTS, LEVELS, SECTORS, STATUSES, TRAVEL


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
    competences = offered_competences(in_use)
    fields = {
        f"competence_{c.id}": SelectField(c.name, choices=choices(options), default="")
        for c in competences
    }
    fields["competence_ids"] = tuple(c.id for c in competences)
    return type(form_class.__name__, (CompetenceSelects, form_class), fields)


class TrainingForm(FlaskForm):
    module_id = SelectField(_l("Module"), coerce=int)


class TrainingStatusForm(FlaskForm):
    status = SelectField(_l("Stand"), choices=choices(STATUSES))


def training_form(enrolments) -> TrainingForm:
    """The modules still to plan: active ones the person is not enrolled in yet."""
    form = TrainingForm()
    taken = {e.module_id for e in enrolments}
    form.module_id.choices = choices(
        (m.id, m.name)
        for m in db.session.scalars(
            db.select(TrainingModule).where(TrainingModule.active).order_by(TrainingModule.name)
        )
        if m.id not in taken
    )
    return form
