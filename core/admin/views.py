"""Admin pages."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from ..access import requires
from ..accounts import invitations
from ..accounts.deactivation import deactivate
from ..accounts.models import User
from ..extensions import db
from ..forms import choices
from ..input_limits import page_number
from ..models import OutboxMessage, PluginState
from ..organisations.models import Membership, Organisation
from ..plugin_host import plugin_host
from ..roles import available_roles
from ..security_log import kind_label, record_security_event
from ..spreadsheet import csv_response
from ..timeutil import utcnow
from ..workflow import engine_of
from ..workflow.diagram import render_svg
from ..workflow.titles import subject_titles
from . import rights
from .event_log import events_query, known_kinds, page_of_events, read_filter
from .forms import InviteForm, UserForm
from .plugin_footprint import footprint
from .workflow_figures import figures, instances_in_state

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/")
@requires("admin.view")
def index():
    return render_template("core/admin/index.html")


# ---------------------------------------------------------------- users


@bp.route("/users")
@requires("users.manage")
def users():
    people = db.session.scalars(
        db.select(User).options(db.selectinload(User.roles)).order_by(User.display_name)
    ).all()
    invited = invitations.has_open_invitation(u.id for u in people)
    return render_template(
        "core/admin/users.html", users=people, roles=available_roles(), invited=invited
    )


def _role_choices():
    roles = rights.grantable_roles(current_user, available_roles())
    return choices((r.name, r.label) for r in roles)


def _refuse_if_admin_account(user: User) -> None:
    if not rights.may_change(current_user, user):
        abort(
            403, description=_("Alleen een beheerder kan het account van een beheerder wijzigen.")
        )


def _refuse_if_granting_admin() -> None:
    # Refused outright rather than as a form error: the form never offered the box.
    if request.method == "POST" and not rights.may_grant(
        current_user, request.form.getlist("roles")
    ):
        abort(403, description=_("Alleen een beheerder kan iemand beheerder maken."))


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("users.manage")
def edit_user(user_id: int):
    user = db.get_or_404(User, user_id)
    _refuse_if_admin_account(user)
    _refuse_if_granting_admin()
    # Not obj=user: WTForms would take `user.roles` (UserRole rows) over the keyword, tick
    # no box, and saving the page unchanged would remove every role.
    form = UserForm(
        display_name=user.display_name, roles=sorted(user.role_names), active=user.active
    )
    form.roles.choices = _role_choices()
    if form.validate_on_submit():
        new_roles = set(form.roles.data)
        # Roles of a disabled plugin are not on the form; keep them rather than drop them.
        offered = {choice.value for choice in form.roles.choices}
        new_roles |= user.role_names - offered
        if rights.locks_out_self(current_user, user, new_roles, form.active.data):
            form.roles.errors.append(
                _(
                    "U kunt uw eigen account, uw beheerdersrol of uw recht om gebruikers"
                    " te beheren niet uitzetten."
                )
            )
        elif rights.grants_self(current_user, user, new_roles):
            form.roles.errors.append(
                _("U kunt uzelf geen rollen geven. Vraag dat aan een collega of een beheerder.")
            )
        else:
            _apply_user_changes(user, form, new_roles)
            db.session.commit()
            flash(_("De gegevens van %(name)s zijn opgeslagen.", name=user.display_name), "success")
            return redirect(url_for(".users"))
    status = 400 if form.is_submitted() else 200
    return render_template("core/admin/user_form.html", form=form, user=user), status


def _apply_user_changes(user: User, form: UserForm, new_roles: set[str]) -> None:
    added, removed = new_roles - user.role_names, user.role_names - new_roles
    if added or removed:
        change = " ".join([f"+{r}" for r in sorted(added)] + [f"-{r}" for r in sorted(removed)])
        record_security_event("role_change", actor=current_user, subject=user, detail=change)
    if user.active != form.active.data:
        kind = "account_activated" if form.active.data else "account_deactivated"
        record_security_event(kind, actor=current_user, subject=user)
    user.display_name = form.display_name.data
    if user.active and not form.active.data:
        deactivate(user)  # also ends their sessions and lapses mailed links
    else:
        user.active = form.active.data
    user.set_roles(new_roles)


@bp.route("/users/invite", methods=["GET", "POST"])
@requires("users.manage")
def invite():
    _refuse_if_granting_admin()
    form = InviteForm()
    form.roles.choices = _role_choices()
    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    form.organisation_id.choices = choices(
        [(0, _("Geen"))] + [(o.id, o.name) for o in organisations]
    )
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if db.session.scalar(db.select(User.id).where(User.email == email)):
            form.email.errors.append(_("Er bestaat al een account met dit e-mailadres."))
        else:
            # Active without a password until they accept (accepting never activates).
            user = User(email=email, display_name=form.display_name.data, active=True)
            user.set_roles(set(form.roles.data))
            if form.organisation_id.data:
                user.memberships.append(
                    Membership(
                        organisation_id=form.organisation_id.data, role=form.organisation_role.data
                    )
                )
            db.session.add(user)
            db.session.flush()
            invitations.invite(user, invited_by=current_user)
            db.session.commit()
            flash(_("De uitnodiging voor %(email)s is verstuurd.", email=email), "success")
            return redirect(url_for(".users"))
    status = 400 if form.is_submitted() else 200
    return render_template("core/admin/invite.html", form=form), status


@bp.route("/users/<int:user_id>/reinvite", methods=["POST"])
@requires("users.manage")
def reinvite(user_id: int):
    user = db.get_or_404(User, user_id)
    _refuse_if_admin_account(user)
    if user.password_hash:
        flash(
            _(
                "%(name)s heeft al een wachtwoord; een nieuwe uitnodiging is niet nodig.",
                name=user.display_name,
            ),
            "error",
        )
        return redirect(url_for(".users"))
    if not user.active:  # a switched-off account is switched on deliberately, not by a link
        flash(
            _("Het account van %(name)s staat uit. Zet het eerst aan.", name=user.display_name),
            "error",
        )
        return redirect(url_for(".users"))
    invitations.invite(user, invited_by=current_user)
    db.session.commit()
    flash(_("Er is een nieuwe uitnodiging verstuurd naar %(email)s.", email=user.email), "success")
    return redirect(url_for(".users"))


@bp.route("/users/<int:user_id>/revoke-invitation", methods=["POST"])
@requires("users.manage")
def revoke_invitation(user_id: int):
    user = db.get_or_404(User, user_id)
    _refuse_if_admin_account(user)
    if invitations.revoke(user, actor=current_user):
        db.session.commit()
        flash(_("De uitnodiging van %(name)s is ingetrokken.", name=user.display_name), "success")
    else:
        flash(_("%(name)s heeft geen open uitnodiging.", name=user.display_name), "error")
    return redirect(url_for(".users"))


# ---------------------------------------------------------------- plugins


@bp.route("/plugins")
@requires("plugins.manage")
def plugins():
    host = plugin_host()
    states = {s.name: s for s in db.session.scalars(db.select(PluginState))}
    return render_template(
        "core/admin/plugins.html",
        plugins=host.plugins.values(),
        states=states,
        failures=host.failures,
    )


@bp.route("/plugins/<name>", methods=["GET", "POST"])
@requires("plugins.manage")
def toggle_plugin(name: str):
    """GET shows what switching the plugin takes away or brings back; POST switches it."""
    host = plugin_host()
    if name not in host.plugins:
        abort(404)
    plugin = host.plugins[name]
    enabled_now = name in host.enabled_names()
    if request.method == "GET":
        return render_template(
            "core/admin/plugin_confirm.html",
            plugin=plugin,
            enabling=not enabled_now,
            footprint=footprint(name),
        )
    # The wanted state, not "the other one": a page opened twice must not switch it back.
    wanted = request.form.get("enabled")
    if wanted not in ("0", "1"):
        abort(400)
    enable = wanted == "1"
    if enable == enabled_now:
        flash(_("Er is niets veranderd: %(title)s stond al zo.", title=plugin.title), "success")
        return redirect(url_for(".plugins"))
    host.set_enabled(name, enable, actor=current_user)
    record_security_event(
        "plugin_enabled" if enable else "plugin_disabled", actor=current_user, detail=name
    )
    db.session.commit()
    message = (
        _("%(title)s staat aan.", title=plugin.title)
        if enable
        else _("%(title)s staat uit.", title=plugin.title)
    )
    flash(message, "success")
    return redirect(url_for(".plugins"))


# ---------------------------------------------------------------- outbox and log


@bp.route("/outbox")
@requires("outbox.view")
def outbox():
    messages = db.session.scalars(
        db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(100)
    ).all()
    return render_template("core/admin/outbox.html", messages=messages)


@bp.route("/security-log")
@requires("security_log.view")
def security_log():
    kinds = known_kinds()
    chosen = read_filter(request.args, kinds)
    rows, more = page_of_events(chosen)
    return render_template(
        "core/admin/security_log.html",
        rows=rows,
        more=more,
        chosen=chosen,
        kinds=[(kind, kind_label(kind)) for kind in kinds],
    )


@bp.route("/security-log.csv")
@requires("security_log.view")
def security_log_csv():
    chosen = read_filter(request.args, known_kinds())
    rows = (
        (
            format_datetime(e.at, "yyyy-MM-dd HH:mm"),
            kind_label(e.kind),
            e.kind,
            actor or "",
            subject or "",
            e.ip or "",
            e.detail or "",
        )
        for e, actor, subject in db.session.execute(events_query(chosen))
    )
    header = [
        _("Wanneer"),
        _("Wat"),
        _("Soort"),
        _("Door"),
        _("Betreft"),
        _("IP-adres"),
        _("Details"),
    ]
    response = csv_response("beveiligingslog.csv", header, rows)
    # Who took a copy of the log (names, IP addresses) is itself worth knowing.
    record_security_event("security_log_exported", actor=current_user)
    db.session.commit()
    return response


# ---------------------------------------------------------------- workflows


@bp.route("/workflows")
@requires("workflows.overview")
def workflows():
    """Every enabled workflow: instances per state, time spent, overdue, and its diagram."""
    latest = {}
    for workflow in engine_of().enabled():  # the latest version describes the states to show
        latest[workflow.key] = workflow
    return render_template(
        "core/admin/workflows.html",
        workflows=latest.values(),
        figures=figures(list(latest)),
        diagrams={
            k: render_svg(w, None, _("Stroomschema: %(title)s", title=w.title))
            for k, w in latest.items()
        },
    )


@bp.route("/workflows/<key>/<state>")
@requires("workflows.overview")
def workflow_state(key: str, state: str):
    """The instances behind one count of the overview, a page at a time, oldest first."""
    engine = engine_of()
    try:
        workflow = engine.latest(key)
    except KeyError:
        abort(404)
    if not engine.is_enabled(key) or not workflow.has_state(state):
        abort(404)
    overdue = request.args.get("overdue") == "1"
    page = page_number()
    instances, more = instances_in_state(engine, workflow, state, current_user, page, overdue)
    return render_template(
        "core/admin/workflow_state.html",
        workflow=workflow,
        state=workflow.state(state),
        instances=instances,
        titles=subject_titles(instances),
        page=page,
        more=more,
        overdue=overdue,
        now=utcnow(),
    )
