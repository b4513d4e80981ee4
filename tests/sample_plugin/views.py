"""The sample plugin's pages."""

from flask import Blueprint, render_template

from core.api import db, requires

from .models import SampleNote

bp = Blueprint("sample", __name__, url_prefix="/sample", template_folder="templates")


@bp.route("/")
@requires("sample.view")
def index():
    notes = db.session.scalars(db.select(SampleNote).order_by(SampleNote.id)).all()
    return render_template("sample/index.html", notes=notes)
