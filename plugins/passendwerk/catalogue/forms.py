"""The form of an entry in one of the team's lists."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional


class CatalogueItemForm(FlaskForm):
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=200)]
    )
    description = TextAreaField(_l("Toelichting"), validators=[Optional(), Length(max=2000)])
