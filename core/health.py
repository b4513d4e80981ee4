"""`GET /healthz` for load balancers and monitoring."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from . import __version__
from .access import public
from .extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError as exc:
        db.session.rollback()
        current_app.logger.error("Health check: database unreachable (%s)", type(exc).__name__)
        database = "error"
    healthy = database == "ok"
    body = {"app": "ok", "database": database, "version": __version__}
    return jsonify(body), 200 if healthy else 503
