"""The feed at its secret address, renewing that address, and one `.ics` per dated item."""

from flask import Blueprint, abort, render_template
from flask_babel import force_locale
from flask_login import current_user

from ..access import AUTHENTICATED, public, requires
from ..accounts.one_time_links import new_token, token_hash
from ..extensions import db
from ..links import absolute_url
from ..meetings.models import Meeting
from ..workflow import engine_of
from ..workflow.models import WorkflowInstance
from .ical import ics_response
from .items import deadline_item, items_for, meeting_item
from .models import CalendarFeed

bp = Blueprint("calendar", __name__)


@bp.route("/calendar/<token>.ics")
@public
def feed(token: str):
    """The feed a calendar app subscribes to; the token is the only key."""
    row = db.session.scalar(
        db.select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token))
    )
    if row is None:
        abort(404)
    from ..accounts.models import User

    user = db.session.get(User, row.user_id)
    if user is None or not user.active:
        abort(404)
    with force_locale(user.language or "nl"):  # a calendar app sends no language of its own
        return ics_response(items_for(user), "warmrotterdam.ics")


@bp.route("/profile/calendar", methods=["POST"])
@requires(AUTHENTICATED)
def renew():
    """Make a new secret address; the old one stops working at once."""
    token, hashed = new_token()
    row = db.session.get(CalendarFeed, current_user.id)
    if row is None:
        db.session.add(CalendarFeed(user_id=current_user.id, token_hash=hashed))
    else:
        row.token_hash = hashed
    db.session.commit()
    return render_template(
        "core/calendar_link.html",
        link=absolute_url("calendar.feed", token=token),
        renewed=row is not None,
    )


@bp.route("/meetings/<int:meeting_id>.ics")
@requires("meetings.view")
def meeting(meeting_id: int):
    return ics_response(
        [meeting_item(db.get_or_404(Meeting, meeting_id))], f"bijeenkomst-{meeting_id}.ics"
    )


@bp.route("/workflows/instances/<int:instance_id>/deadline.ics")
@requires(AUTHENTICATED)
def deadline(instance_id: int):
    instance = db.session.get(WorkflowInstance, instance_id)
    if (
        instance is None
        or instance.deadline_at is None
        or not engine_of().may_view(instance, current_user)
    ):
        abort(404)
    return ics_response([deadline_item(instance)], f"termijn-{instance_id}.ics")
