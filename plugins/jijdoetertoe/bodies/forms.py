"""Forms of the bodies: a body, a seat, a meeting with its agenda, the minutes, an advice."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from core.api import active_users_with_roles, at_most, choices, db

from ..experts.models import Expert
from .models import KINDS, ROLES

NONE = ""
DATE_MESSAGE = _l("Vul een geldige datum in.")
# Accounts that can hold a seat beside the experts of the register: staff and partners.
MEMBER_ROLES = {"team", "partner", "board", "expert"}


class BodyForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul de naam in.")), at_most(200)])
    kind = SelectField(
        _l("Soort orgaan"),
        choices=choices(KINDS),
        validators=[DataRequired(_l("Kies de soort orgaan."))],
    )
    subproject = StringField(
        _l("Voor welk deelproject (niet verplicht)"),
        description=_l("Leeg als het orgaan voor het hele programma werkt."),
        validators=[Optional(), at_most(200)],
    )
    description = TextAreaField(_l("Wat doet dit orgaan?"), validators=[Optional(), at_most(4000)])


class MemberForm(FlaskForm):
    expert_id = SelectField(_l("Ervaringsdeskundige uit het register"))
    user_id = SelectField(_l("Of: een account (medewerker of partner)"))
    role = SelectField(
        _l("Rol in het orgaan"),
        choices=choices(ROLES),
        validators=[DataRequired(_l("Kies een rol."))],
    )
    term_start = DateField(
        _l("Termijn vanaf"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )
    term_end = DateField(
        _l("Termijn tot en met (niet verplicht)"), validators=[Optional()], format="%Y-%m-%d"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        experts = db.session.execute(db.select(Expert.id, Expert.name).order_by(Expert.name))
        self.expert_id.choices = choices(
            [(NONE, _l("Geen"))] + [(str(i), name) for i, name in experts]
        )
        self.user_id.choices = choices(
            [(NONE, _l("Geen"))]
            + [(str(u.id), u.display_name) for u in active_users_with_roles(MEMBER_ROLES)]
        )

    def validate_user_id(self, field):
        if bool(field.data) == bool(self.expert_id.data):
            raise ValidationError(_l("Kies een ervaringsdeskundige of een account, niet allebei."))

    def validate_term_end(self, field):
        if field.data and self.term_start.data and field.data < self.term_start.data:
            raise ValidationError(_l("Het einde van de termijn ligt voor het begin."))


class MeetingForm(FlaskForm):
    title = StringField(
        _l("Titel"), validators=[DataRequired(_l("Vul een titel in.")), at_most(200)]
    )
    starts_at = DateTimeLocalField(
        _l("Begint op"),
        description=_l("Datum en tijd in Rotterdam."),
        format="%Y-%m-%dT%H:%M",
        # DataRequired, not InputRequired: it replaces the parser's English complaint.
        validators=[DataRequired(_l("Vul een geldige datum en tijd in."))],
    )
    place = StringField(_l("Plaats (niet verplicht)"), validators=[Optional(), at_most(200)])
    agenda = TextAreaField(
        _l("Agenda"), validators=[DataRequired(_l("Schrijf de agenda.")), at_most(8000)]
    )


class MinutesForm(FlaskForm):
    agenda = TextAreaField(
        _l("Agenda"), validators=[DataRequired(_l("Schrijf de agenda.")), at_most(8000)]
    )
    minutes = TextAreaField(
        _l("Verslag"),
        description=_l("Wat is besproken en afgesproken. De leden van het orgaan lezen het."),
        validators=[Optional(), at_most(20000)],
    )


class AdviceForm(FlaskForm):
    subject = StringField(
        _l("Onderwerp"), validators=[DataRequired(_l("Vul het onderwerp in.")), at_most(200)]
    )
    text = TextAreaField(
        _l("Het advies"), validators=[DataRequired(_l("Schrijf het advies op.")), at_most(8000)]
    )
    given_on = DateField(
        _l("Gegeven op"), validators=[InputRequired(DATE_MESSAGE)], format="%Y-%m-%d"
    )
    body_meeting_id = SelectField(_l("In welke vergadering (niet verplicht)"))

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.body_meeting_id.choices = choices(
            [(NONE, _l("Geen"))] + [(str(m.id), m.meeting.title) for m in meetings]
        )
