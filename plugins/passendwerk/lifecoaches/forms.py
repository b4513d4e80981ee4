from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import DataRequired, ValidationError

from core.api import local_today


class TrainingCompletedForm(FlaskForm):
    completed_on = DateField(
        _l("Training afgerond op"), validators=[DataRequired(_l("Vul de datum in."))]
    )

    def validate_completed_on(self, field) -> None:
        if field.data and field.data > local_today():
            raise ValidationError(_l("Een training in de toekomst is nog niet afgerond."))
