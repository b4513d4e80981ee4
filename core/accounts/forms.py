"""Forms for logging in and setting a password."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from .passwords import MIN_LENGTH


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in."))])
    password = PasswordField(
        _l("Wachtwoord"), validators=[DataRequired(_l("Vul uw wachtwoord in."))]
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            # WTForms fills in %(min)d when it reports the error; the lazy string holds no value.
            Length(min=MIN_LENGTH, message=_l("Kies een wachtwoord van minstens %(min)d tekens.")),
        ],
    )
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            DataRequired(_l("Herhaal het wachtwoord.")),
            EqualTo("password", _l("De twee wachtwoorden zijn niet gelijk.")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per form, with gettext: a lazy string never carries values (issue 9).
        self.password.description = _(
            "Minstens %(n)s tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.",
            n=MIN_LENGTH,
        )
