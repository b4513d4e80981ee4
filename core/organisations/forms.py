"""Forms for organisations and their members."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Email, Length, Optional

from ..forms import choices
from .kinds import kind_choices
from .models import MEMBER_ROLES


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul de naam in.")), Length(max=200)]
    )
    kind = SelectField(_l("Soort organisatie"))
    email = EmailField(
        _l("E-mailadres"),
        validators=[Optional(), Email(_l("Dit is geen geldig e-mailadres.")), Length(max=254)],
    )
    phone = StringField(_l("Telefoonnummer"), validators=[Optional(), Length(max=40)])
    address = StringField(_l("Adres"), validators=[Optional(), Length(max=300)])
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            URL(message=_l("Vul een volledig webadres in, met https://.")),
            Length(max=300),
        ],
    )
    description = TextAreaField(_l("Omschrijving"), validators=[Optional(), Length(max=4000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = kwargs["obj"].kind if kwargs.get("obj") is not None else None
        self.kind.choices = kind_choices(current)


class MemberForm(FlaskForm):
    user_id = SelectField(_l("Persoon"), coerce=int)
    role = SelectField(_l("Rol in de organisatie"), choices=choices(MEMBER_ROLES))
