"""List and register meetings."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..access import requires
from ..extensions import db
from ..forms import choices
from ..organisations.models import Organisation
from .forms import MeetingForm
from .models import Meeting

bp = Blueprint("meetings", __name__, url_prefix="/meetings")


@bp.route("/")
@requires("meetings.view")
def index():
    meetings = db.session.scalars(
        db.select(Meeting).options(db.joinedload(Meeting.host)).order_by(Meeting.held_on.desc())
    ).all()
    return render_template("core/meetings/index.html", meetings=meetings)


@bp.route("/new", methods=["GET", "POST"])
@requires("meetings.manage")
def create():
    form = MeetingForm()
    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    form.host_id.choices = choices([(0, _("Geen"))] + [(o.id, o.name) for o in organisations])
    if form.validate_on_submit():
        meeting = Meeting()
        form.populate_obj(meeting)
        meeting.host_id = form.host_id.data or None
        db.session.add(meeting)
        db.session.commit()
        flash(_("De bijeenkomst is opgeslagen."), "success")
        return redirect(url_for(".index"))
    status = 400 if form.is_submitted() else 200
    return render_template("core/meetings/form.html", form=form), status
