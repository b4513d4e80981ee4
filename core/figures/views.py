"""/cijfers (the team's trend per target, and publishing a quarter) and /voortgang (the
published quarters, for everyone)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..access import public, requires
from ..extensions import db
from ..timeutil import local_today
from .chart import trend_chart
from .forms import PublishForm
from .publishing import publish_quarter, published_quarters
from .targets import completed_quarters, programme_targets

bp = Blueprint("figures", __name__)


def _overview(error: str | None = None, status: int = 200):
    quarters = completed_quarters(local_today())
    dates = [q.end for q in quarters]
    trends = []
    for target in programme_targets():
        points = list(zip(quarters, target.values_on(dates), strict=True))
        trends.append((target, points, trend_chart(points, target.goal)))
    latest = quarters[-1]
    return render_template(
        "core/figures/overview.html",
        trends=trends,
        latest=latest,
        # The latest quarter that is over; never what a refused request sent.
        form=PublishForm(formdata=None, quarter=latest.code),
        error=error,
        published=published_quarters(),
    ), status


@bp.route("/cijfers")
@requires("figures.view")
def overview():
    return _overview()


@bp.route("/cijfers/publiceren", methods=["POST"])
@requires("figures.publish")
def publish():
    form = PublishForm()
    allowed = {q.code: q for q in completed_quarters(local_today())}
    quarter = allowed.get(form.quarter.data)
    if not form.validate_on_submit() or quarter is None:
        # Only a quarter that is over and on the page: not one still running, nothing older.
        message = _("Dit kwartaal kan niet gepubliceerd worden. Kies een afgelopen kwartaal.")
        return _overview(message, 400)
    try:
        publish_quarter(quarter, current_user)
        db.session.commit()
    except IntegrityError:
        # Someone published the same quarter at the same moment; theirs stands.
        db.session.rollback()
        flash(_("Iemand anders publiceerde dit kwartaal net. Kijk of de cijfers kloppen."), "error")
        return redirect(url_for(".overview"), code=303)
    flash(
        _("De cijfers van %(quarter)s staan op de pagina Voortgang.", quarter=quarter.long_label),
        "success",
    )
    return redirect(url_for(".overview"), code=303)


@bp.route("/voortgang")
@public  # figures only: counts per target, never who is behind them
def progress():
    return render_template("core/figures/progress.html", published=published_quarters())
