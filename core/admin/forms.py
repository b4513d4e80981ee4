"""Admin forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from ..forms import CheckboxListField, choices
from ..organisations.models import MEMBER_ROLES


class UserForm(FlaskForm):
    display_name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)]
    )
    roles = CheckboxListField(_l("Rollen"))
    active = BooleanField(_l("Account actief"))


class InviteForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        validators=[
            DataRequired(_l("Vul een e-mailadres in.")),
            Email(_l("Dit is geen geldig e-mailadres.")),
            Length(max=254),
        ],
    )
    display_name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)]
    )
    roles = CheckboxListField(_l("Rollen"))
    organisation_id = SelectField(_l("Organisatie"), coerce=int)
    organisation_role = SelectField(_l("Rol in de organisatie"), choices=choices(MEMBER_ROLES))
