"""Logging in and out, accepting an invitation, choosing a language."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..access import AUTHENTICATED, public, requires
from ..extensions import db
from ..security_log import record_security_event
from ..timeutil import utcnow
from . import invitations, throttle
from .forms import LoginForm, SetPasswordForm
from .models import User
from .passwords import verify_password

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow same-site paths after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("dashboard.index")


def _fresh_session() -> None:
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        ip = request.remote_addr or "-"
        locked = throttle.minutes_locked(email, ip)
        user = db.session.scalar(db.select(User).where(User.email == email))
        if locked:
            record_security_event("login_throttled", subject=user)
            db.session.commit()
            flash(
                _(
                    "Te veel mislukte pogingen. Probeer het over %(minutes)s minuten opnieuw.",
                    minutes=locked,
                ),
                "error",
            )
            return render_template("core/login.html", form=form), 429
        if verify_password(user, form.password.data):
            throttle.record_attempt(email, ip, succeeded=True)
            throttle.forget_old_attempts()
            user.last_login_at = utcnow()
            record_security_event("login", actor=user, subject=user)
            db.session.commit()
            _fresh_session()  # no session fixation
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        throttle.record_attempt(email, ip, succeeded=False)
        record_security_event("login_failed", subject=user)
        db.session.commit()
        flash(_("Het e-mailadres of het wachtwoord klopt niet."), "error")
        status = 401
    elif form.is_submitted():
        status = 400
    return render_template("core/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@requires(AUTHENTICATED)
def logout():
    record_security_event("logout", actor=current_user, subject=current_user)
    db.session.commit()
    logout_user()
    _fresh_session()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    invitation = invitations.find_open_invitation(token)
    if invitation is None:
        abort(
            410,
            description=_(
                "Deze uitnodiging is verlopen of al gebruikt. Vraag de beheerder om een nieuwe uitnodiging."
            ),
        )
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = invitations.accept(invitation, form.password.data)
        if user is None:
            db.session.rollback()
            abort(410, description=_("Deze uitnodiging is al gebruikt."))
        db.session.commit()
        flash(_("Uw wachtwoord is ingesteld. U kunt nu inloggen."), "success")
        return redirect(url_for("accounts.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("core/accept_invitation.html", form=form, user=invitation.user), status


@bp.route("/language", methods=["POST"])
@public
def choose_language():
    choice = request.form.get("language")
    if choice in current_app.config["LANGUAGES"]:
        session["language"] = choice
    return redirect(_safe_next(request.form.get("next")))
