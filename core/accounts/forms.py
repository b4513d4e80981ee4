"""Forms for logging in, setting or changing a password, and one's own profile."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from ..forms import at_most
from .password_policy import StrongPassword

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
    """A new password, twice: after an invitation, a reset link, or on the profile page."""

    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[DataRequired(_l("Kies een wachtwoord.")), at_most(MAX_LENGTH), StrongPassword()],
    )
    confirm = PasswordField(
        _l("Herhaal het wachtwoord"),
        validators=[
            DataRequired(_l("Herhaal het wachtwoord.")),
            at_most(MAX_LENGTH),
            EqualTo("password", _l("De twee wachtwoorden zijn niet gelijk.")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per form, with gettext: a lazy string never carries values (issue 9).
        self.password.description = StrongPassword.describe()


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField(
        _l("Huidig wachtwoord"),
        validators=[DataRequired(_l("Vul uw huidige wachtwoord in.")), at_most(MAX_LENGTH)],
    )


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Naam"), validators=[DataRequired(_l("Vul een naam in.")), Length(max=120)]
    )
    language = SelectField(_l("Taal"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("E-mailadres"),
        validators=[DataRequired(_l("Vul uw e-mailadres in.")), Length(max=254)],
    )


def notifications_form(formdata=None, modes: dict[str, str] | None = None):
    """One radio group per kind of notification, preset to the person's current choices."""
    from wtforms import RadioField

    from ..forms import choices
    from ..notifications.preferences import CATEGORIES, MODES

    class NotificationsForm(FlaskForm):
        pass

    for category, label in CATEGORIES.items():
        field = RadioField(
            label,
            choices=choices(MODES),
            validators=[DataRequired(_l("Kies hoe u dit wilt horen."))],
        )
        setattr(NotificationsForm, category, field)
    return NotificationsForm(formdata=formdata, data=modes or {})
