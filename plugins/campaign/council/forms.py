"""Adding a council member by hand, and the CSV file the team imports the council from."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, HiddenField, StringField
from wtforms.validators import DataRequired, Email, Optional

from core.api import at_most


class CouncilMemberForm(FlaskForm):
    name = StringField(_l("Naam"), validators=[DataRequired(_l("Vul de naam in.")), at_most(200)])
    party = StringField(
        _l("Partij"),
        description=_l("Een partij die nog niet bestaat, wordt toegevoegd."),
        validators=[DataRequired(_l("Vul de partij in.")), at_most(120)],
    )
    seated_from = DateField(
        _l("In de raad vanaf"), validators=[DataRequired(_l("Vul een datum in, zoals 2018-03-29."))]
    )
    seated_until = DateField(
        _l("In de raad tot en met"),
        description=_l("Leeg laten zolang het raadslid in de raad zit."),
        validators=[Optional()],
    )
    email = StringField(
        _l("E-mailadres"),
        validators=[
            DataRequired(_l("Vul het e-mailadres in.")),
            Email(_l("Dit is geen geldig e-mailadres.")),
            at_most(254),
        ],
    )
    phone = StringField(_l("Telefoon"), validators=[Optional(), at_most(40)])


# The file's text as it comes back for the import: at most the upload's 256 kB.
MAX_TEXT = 256 * 1024


class CouncilImportForm(FlaskForm):
    """Step one uploads a file for the preview; step two sends the same text back to import."""

    file = FileField(_l("CSV-bestand met raadsleden"))
    text = HiddenField(validators=[at_most(MAX_TEXT)])
