"""Forms of the talent profile and the training plan; the competence picker for any form."""

import re

from flask import request
from flask_babel import gettext as _
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

from ..catalogue.models import TrainingModule, competences_by_id, find_competences
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

# A competence row of a posted form: `competence_<id>` holds its level (or need).
_ROW = re.compile(r"competence_([0-9]+)")
# A larger id fits no id column (PostgreSQL `integer`), so it names no competence.
_MAX_ID = 2**31 - 1


class CompetencePicker:
    """The competences of a record as one select per chosen entry, and a search to add one.

    `with_competences` makes the fields for this request: the record's own entries, those the
    user posted, and those a search found; never the whole catalogue.
    """

    competence_ids: tuple[int, ...] = ()
    found_ids: tuple[int, ...] = ()
    searched: bool = False
    search_text: str = ""
    refused: tuple[str, ...] = ()
    level_choices: list = []

    def competence_fields(self) -> list:
        return [self[f"competence_{cid}"] for cid in self.competence_ids]

    def found_fields(self) -> list:
        return [self[f"competence_{cid}"] for cid in self.found_ids]

    def chosen_competences(self) -> dict[int, str]:
        """The competences given a value, by id."""
        return {
            cid: self[f"competence_{cid}"].data
            for cid in (*self.competence_ids, *self.found_ids)
            if self[f"competence_{cid}"].data
        }

    def show_competences(self, values: dict[int, str]) -> None:
        """Fill the selects from a stored record, unless the user just submitted them."""
        if not self.is_submitted():
            for cid, value in values.items():
                self[f"competence_{cid}"].data = value

    def validate_competence_q(self, field) -> None:
        if self.refused:
            raise ValidationError(" ".join(self.refused))


def _posted_rows() -> dict[int, str]:
    if request.method != "POST":
        return {}
    rows = {}
    for key, value in request.form.items():
        if match := _ROW.fullmatch(key):
            # 0 is no id: an id too large for the column is refused like an unknown one.
            digits = match[1]
            cid = int(digits) if len(digits) <= 10 and int(digits) <= _MAX_ID else 0
            rows[cid] = rows.get(cid) or value
    return rows


def with_competences(form_class: type, in_use: set[int], options) -> type:
    """`form_class` with a select per competence the record has (`in_use`) or the user posted
    or searched for, and the search field; a posted entry that is unknown, or retired and not
    already on the record, is refused by validation."""
    posted = _posted_rows()
    searched = request.method == "POST" and "find_competence" in request.form
    known = competences_by_id(in_use | set(posted))
    refused = []
    for cid, value in posted.items():
        competence = known.get(cid)
        if not value or (competence and (competence.active or cid in in_use)):
            continue
        if competence is None:
            refused.append(_("Een gekozen competentie bestaat niet (meer)."))
        else:
            # A name is joined to the translated text, never formatted into it.
            retired = _("Wordt niet meer aangeboden")
            refused.append(f"{retired}: {competence.name}.")
    chosen = sorted(
        (c for cid, c in known.items() if cid in in_use or (posted.get(cid) and c.active)),
        key=lambda c: c.name_key or "",
    )
    chosen_ids = {c.id for c in chosen}
    found = []
    typed = request.form.get("competence_q", "").strip()[:200] if searched else ""
    if typed:
        found = [c for c in find_competences(typed) if c.id not in chosen_ids]
    retired_hint = _l("Wordt niet meer aangeboden; blijft staan tot u het leeg maakt.")
    fields = {
        f"competence_{c.id}": SelectField(
            c.name,
            choices=choices(options),
            default="",
            description=None if c.active else retired_hint,
        )
        for c in (*chosen, *found)
    }
    fields["competence_q"] = StringField(
        _l("Competentie zoeken"),
        description=_l("Typ (een deel van) de naam en kies Zoeken."),
        # No Optional(): it would stop the check of refused entries when the field is empty.
        validators=[Length(max=200)],
    )
    fields["competence_ids"] = tuple(c.id for c in chosen)
    fields["found_ids"] = tuple(c.id for c in found)
    fields["searched"] = searched
    fields["search_text"] = typed
    fields["refused"] = tuple(refused)
    fields["level_choices"] = list(options)
    return type(form_class.__name__, (CompetencePicker, form_class), fields)


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
