"""The notification list behind the bell: newest first; visiting it marks everything read."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, update

from ..access import AUTHENTICATED, requires
from ..extensions import db
from ..input_limits import page_number
from ..redirects import same_site_path
from ..timeutil import utcnow
from .models import Notification

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PER_PAGE = 30


def unread_count(user) -> int:
    return db.session.scalar(
        db.select(func.count()).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


@bp.route("/")
@requires(AUTHENTICATED)
def index():
    page = page_number()
    rows = db.session.scalars(
        db.select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    items, more = rows[:PER_PAGE], len(rows) > PER_PAGE
    unread = {item.id for item in items if item.read_at is None}
    if unread:
        db.session.execute(
            update(Notification)
            .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
    return render_template(
        "core/notifications.html", items=items, unread=unread, page=page, more=more
    )


@bp.route("/<int:notification_id>")
@requires(AUTHENTICATED)
def open_item(notification_id: int):
    """Mark one item read and go to its page."""
    item = db.session.get(Notification, notification_id)
    if item is None or item.user_id != current_user.id:
        abort(404)
    if item.read_at is None:
        item.read_at = utcnow()
        db.session.commit()
    return redirect(same_site_path(item.url) or url_for(".index"), code=303)
