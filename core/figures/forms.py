"""The button that publishes a quarter's figures."""

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired

from ..forms import at_most


class PublishForm(FlaskForm):
    # "2026-3": the quarter the button names; checked against the quarters on the page.
    quarter = HiddenField(validators=[InputRequired(), at_most(7)])
