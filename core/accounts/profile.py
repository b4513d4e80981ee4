"""One's own profile: name, language, password, and how notifications reach one."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..access import AUTHENTICATED, requires
from ..extensions import db
from ..notifications.preferences import CATEGORIES, preferences_of, save_preferences
from ..security_log import record_security_event
from . import login_limits, one_time_links
from .forms import ChangePasswordForm, ProfileForm, notifications_form
from .models import PasswordReset
from .passwords import hash_password, verify_password
from .sessions import end_sessions, keep_this_session

bp = Blueprint("profile", __name__, url_prefix="/profile")


@bp.route("/", methods=["GET", "POST"])
@requires(AUTHENTICATED)
def index():
    user = current_user._get_current_object()
    # `data`, not `obj`: WTForms lets an attribute of obj win even when it is None.
    form = ProfileForm(
        data={
            "display_name": user.display_name,
            "language": user.language or session.get("language") or "nl",
        }
    )
    form.language.choices = list(current_app.config["LANGUAGES"].items())
    if form.validate_on_submit():
        user.display_name = form.display_name.data.strip()
        user.language = form.language.data
        session["language"] = form.language.data  # the page answers in the new language
        db.session.commit()
        flash(_("Uw gegevens zijn opgeslagen."), "success")
        return redirect(url_for(".index"))
    status = 400 if form.is_submitted() else 200
    return _page(form, notifications_form(modes=preferences_of(user.id)), status)


@bp.route("/notifications", methods=["POST"])
@requires(AUTHENTICATED)
def notifications():
    user = current_user._get_current_object()
    form = notifications_form(formdata=request.form)
    if form.validate_on_submit():
        save_preferences(user.id, {category: form[category].data for category in CATEGORIES})
        db.session.commit()
        flash(_("Uw keuzes voor e-mail zijn opgeslagen."), "success")
        return redirect(url_for(".index") + "#meldingen")
    profile = ProfileForm(data={"display_name": user.display_name, "language": user.language})
    profile.language.choices = list(current_app.config["LANGUAGES"].items())
    return _page(profile, form, 400)


def _page(form, notifications, status):
    return render_template("core/profile.html", form=form, notifications=notifications), status


@bp.route("/password", methods=["GET", "POST"])
@requires(AUTHENTICATED)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        # Guessing the current password with a stolen session counts as failed logins.
        if not login_limits.reserve_account_attempt(user.email):
            db.session.commit()
            form.current.errors.append(_("Te veel mislukte pogingen. Probeer het later opnieuw."))
            return render_template("core/change_password.html", form=form), 429
        db.session.commit()
        if verify_password(user, form.current.data):
            login_limits.login_succeeded(user.email)
            user.password_hash = hash_password(form.password.data)
            one_time_links.lapse_open(PasswordReset, user.id)
            end_sessions(user)  # every other browser and copied cookie is logged out
            record_security_event("password_changed", actor=user, subject=user)
            db.session.commit()
            keep_this_session(user)
            flash(_("Uw wachtwoord is gewijzigd. Andere apparaten zijn uitgelogd."), "success")
            return redirect(url_for(".index"))
        record_security_event("password_change_failed", actor=user, subject=user)
        db.session.commit()
        form.current.errors.append(_("Uw huidige wachtwoord klopt niet."))
        status = 400
    elif form.is_submitted():
        status = 400
    return render_template("core/change_password.html", form=form), status
