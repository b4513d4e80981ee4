"""Logging in and out, invitations, forgotten passwords, choosing a language."""

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
from ..redirects import same_site_path
from ..security_log import record_security_event
from ..timeutil import utcnow
from . import invitations, login_limits, password_reset
from .forms import ForgotPasswordForm, LoginForm, SetPasswordForm
from .models import User
from .passwords import verify_password
from .sessions import end_sessions

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow same-site paths after login (no open redirect)."""
    return same_site_path(target) or url_for("dashboard.index")


def _fresh_session() -> None:
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def _refuse_attempt(email: str, ip: str, user: User | None) -> str | None:
    """Why this login attempt may not go ahead, or None after reserving one of its checks.

    The reservation is committed before the (slow) password check, so parallel attempts
    see it; the same happens for unknown addresses, which therefore answer alike.
    """
    wait = login_limits.address_wait_seconds(ip)
    if wait:
        record_security_event("login_throttled", subject=user, detail="address")
        db.session.commit()
        return _(
            "Er is vaak een verkeerd wachtwoord gebruikt vanaf uw netwerk. "
            "Wacht %(seconds)s seconden en probeer het dan opnieuw.",
            seconds=wait,
        )
    if not login_limits.reserve_account_attempt(email):
        minutes = login_limits.minutes_account_locked(email)
        record_security_event("login_throttled", subject=user, detail="account")
        db.session.commit()
        return _(
            "Te veel mislukte pogingen. Probeer het over %(minutes)s minuten opnieuw.",
            minutes=minutes,
        )
    db.session.commit()
    return None


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
        user = db.session.scalar(db.select(User).where(User.email == email))
        refusal = _refuse_attempt(email, ip, user)
        if refusal:
            flash(refusal, "error")
            return render_template("core/login.html", form=form), 429
        if verify_password(user, form.password.data):
            login_limits.login_succeeded(email)
            user.last_login_at = utcnow()
            record_security_event("login", actor=user, subject=user)
            db.session.commit()
            _fresh_session()  # no session fixation
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        login_limits.login_failed_from(ip)
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
    user = current_user._get_current_object()
    end_sessions(user)  # a copy of this session cookie stops working too
    record_security_event("logout", actor=user, subject=user)
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


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if not password_reset.may_request(email, request.remote_addr or "-"):
            db.session.commit()
            flash(
                _("U heeft al vaak om een link gevraagd. Probeer het over een uur opnieuw."),
                "error",
            )
            return render_template("core/forgot_password.html", form=form), 429
        password_reset.request_reset(email)
        db.session.commit()
        minutes = current_app.config["PASSWORD_RESET_VALID_MINUTES"]
        return render_template("core/forgot_password_sent.html", minutes=minutes)
    status = 400 if form.is_submitted() else 200
    return render_template("core/forgot_password.html", form=form), status


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    expired = _("Deze link is verlopen of al gebruikt. Vraag een nieuwe link aan.")
    link = password_reset.find_open_reset(token)
    if link is None:
        abort(410, description=expired)
    form = SetPasswordForm()
    if form.validate_on_submit():
        if password_reset.reset(link, form.password.data) is None:
            db.session.rollback()
            abort(410, description=expired)
        db.session.commit()
        flash(_("Uw nieuwe wachtwoord is ingesteld. U kunt nu inloggen."), "success")
        return redirect(url_for("accounts.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("core/reset_password.html", form=form, user=link.user), status


@bp.route("/language", methods=["POST"])
@public
def choose_language():
    choice = request.form.get("language")
    if choice in current_app.config["LANGUAGES"]:
        session["language"] = choice
        if current_user.is_authenticated:  # the choice follows the person to other devices
            current_user.language = choice
            db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
