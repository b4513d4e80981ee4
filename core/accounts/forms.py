"""Forms for logging in and setting a password."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from ..forms import at_most
from .passwords import MIN_LENGTH

# Long enough for any passphrase; argon2 need not hash a megabyte.
MAX_LENGTH = 1024


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"), validators=[DataRequired(_l("Vul uw e-mailadres in.")), at_most(254)]
    )
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[DataRequired(_l("Vul uw wachtwoord in.")), at_most(MAX_LENGTH)],
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[
            DataRequired(_l("Kies een wachtwoord.")),
            Length(
                min=MIN_LENGTH,
                message=_l("Kies een wachtwoord van minstens %(n)s tekens.", n=MIN_LENGTH),
            ),
            at_most(MAX_LENGTH),
        ],
        description=_l(
            "Minstens %(n)s tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.",
            n=MIN_LENGTH,
        ),
    )
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            DataRequired(_l("Herhaal het wachtwoord.")),
            at_most(MAX_LENGTH),
            EqualTo("password", _l("De twee wachtwoorden zijn niet gelijk.")),
        ],
    )
