"""Pages of the norm framework: versions, norms, consultation, pilot audits, comparison."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from core.api import (
    Organisation,
    build_panel,
    choices,
    db,
    engine_of,
    form_errors,
    ics_response,
    int_arg,
    local_today,
    render_error,
    requires,
    user_can,
    utcnow,
)

from ..calendar import pilot_audit_item
from ..workflows import COMMENT_STATES, EDITABLE_STATES, MIN_PILOT_AUDITS
from . import rules
from .forms import CommentForm, NormForm, PilotAuditForm, ResolutionForm
from .models import Norm, NormComment, NormFramework, PilotAudit, Theme


def _framework_or_404(framework_id: int) -> NormFramework:
    return db.get_or_404(NormFramework, framework_id)


def _state(framework: NormFramework) -> str:
    return rules.instance_of(framework).state


@requires("keurmerk.view")
def index():
    versions = db.session.scalars(
        db.select(NormFramework).order_by(NormFramework.version.desc())
    ).all()
    return render_template(
        "keurmerk/index.html",
        frameworks=versions,
        instances=rules.states_of(versions),
        workflow=engine_of().latest(rules.WORKFLOW),
    )


@requires("keurmerk.view")
def framework(framework_id: int):
    framework = _framework_or_404(framework_id)
    instance = rules.instance_of(framework)
    comment_counts = dict(
        db.session.execute(
            db.select(NormComment.norm_id, db.func.count(NormComment.id))
            .join(Norm)
            .join(Theme)
            .where(Theme.framework_id == framework.id)
            .group_by(NormComment.norm_id)
        ).all()
    )
    pilot_audits = db.session.scalars(
        db.select(PilotAudit)
        .where(PilotAudit.framework_id == framework.id)
        .order_by(PilotAudit.held_on)
    ).all()
    pilot_form = None
    if instance.state == "pilot" and user_can(current_user, "keurmerk.manage"):
        pilot_form = _pilot_form()
    organisations, kinds = rules.pilot_organisations(framework.id)
    return render_template(
        "keurmerk/framework.html",
        framework=framework,
        state=instance.state,
        state_label=engine_of().declaration(instance).state(instance.state).label,
        panel=build_panel(instance, current_user)
        if user_can(current_user, "keurmerk.manage")
        else None,
        editable=instance.state in EDITABLE_STATES and user_can(current_user, "keurmerk.manage"),
        open_for_comments=instance.state in COMMENT_STATES,
        comment_counts=comment_counts,
        pilot_audits=pilot_audits,
        pilot_form=pilot_form,
        min_pilot_audits=MIN_PILOT_AUDITS,
        # Enough organisations, but all of one kind: allowed, with a word of warning.
        one_kind_only=organisations >= MIN_PILOT_AUDITS and kinds < 2,
        next_version=rules.latest_version() + 1,
        other_versions=db.session.scalars(
            db.select(NormFramework)
            .where(NormFramework.id != framework.id)
            .order_by(NormFramework.version)
        ).all(),
    )


@requires("keurmerk.manage")
def new_version(framework_id: int):
    source = _framework_or_404(framework_id)
    # The version number the person saw as the next one: a click that arrives after someone
    # else made that version is a conflict, not a second copy.
    wanted = request.form.get("next_version", type=int) or rules.latest_version() + 1
    made = _("Versie %(v)s is intussen al gemaakt. Bekijk de nieuwe stand.", v=wanted)
    if wanted != rules.latest_version() + 1:
        return render_error(409, made, link=url_for(".index"))
    try:
        copy = rules.copy_framework(source, current_user, version=wanted)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return render_error(409, made, link=url_for(".index"))
    flash(
        _(
            _("Versie %(new)s is gemaakt als kopie van versie %(old)s."),
            new=copy.version,
            old=source.version,
        ),
        "success",
    )
    return redirect(url_for(".framework", framework_id=copy.id))


# ------------------------------------------------------------------ norms


def _norm_form(framework: NormFramework, norm: Norm | None = None) -> NormForm:
    form = NormForm(obj=norm)
    form.theme_id.choices = choices((t.id, f"{t.code} · {t.name}") for t in framework.themes)
    return form


def _editable_or_403(framework: NormFramework) -> None:
    if _state(framework) not in EDITABLE_STATES:
        abort(403, description=_("In deze fase kunnen de normen niet worden gewijzigd."))


@requires("keurmerk.manage")
def new_norm(framework_id: int):
    framework = _framework_or_404(framework_id)
    _editable_or_403(framework)
    form = _norm_form(framework)
    if form.validate_on_submit():
        norm = Norm()
        form.populate_obj(norm)
        norm.position = len(db.session.get(Theme, form.theme_id.data).norms)
        if _saved(norm, form):
            flash(_("Norm %(code)s is toegevoegd.", code=norm.code), "success")
            return redirect(url_for(".framework", framework_id=framework.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "keurmerk/norm_form.html", form=form, framework=framework, norm=None
    ), status


@requires("keurmerk.manage")
def edit_norm(norm_id: int):
    norm = db.get_or_404(Norm, norm_id)
    framework = norm.theme.framework
    _editable_or_403(framework)
    form = _norm_form(framework, norm)
    if form.validate_on_submit():
        form.populate_obj(norm)
        if _saved(norm, form):
            flash(_("Norm %(code)s is opgeslagen.", code=norm.code), "success")
            return redirect(url_for(".norm", norm_id=norm.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "keurmerk/norm_form.html", form=form, framework=framework, norm=norm
    ), status


def _saved(norm: Norm, form: NormForm) -> bool:
    if form.theme_id.data not in {c.value for c in form.theme_id.choices}:
        form.theme_id.errors.append(_("Kies een thema van deze versie."))
        return False
    db.session.add(norm)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.code.errors.append(_("Deze code bestaat al in dit thema."))
        return False
    return True


@requires("keurmerk.view")
def norm(norm_id: int):
    norm = db.get_or_404(Norm, norm_id)
    framework = norm.theme.framework
    state = _state(framework)
    team = user_can(current_user, "keurmerk.manage")
    comments = [c for c in norm.comments if rules.sees_reaction(c, current_user, team)]
    open_now = state in COMMENT_STATES and not rules.consultation_closed_since(
        framework, local_today()
    )
    return render_template(
        "keurmerk/norm.html",
        norm=norm,
        framework=framework,
        comments=comments,
        comment_form=CommentForm()
        if open_now and user_can(current_user, "keurmerk.comment")
        else None,
        resolve=team,
        editable=team and state in EDITABLE_STATES,
    )


# ------------------------------------------------------------------ consultation


@requires("keurmerk.comment")
def add_comment(norm_id: int):
    norm = db.get_or_404(Norm, norm_id)
    if _state(norm.theme.framework) not in COMMENT_STATES:
        abort(403, description=_("Reageren kan alleen tijdens de consultatie."))
    if closed := rules.consultation_closed_since(norm.theme.framework, local_today()):
        abort(
            403,
            description=_(
                "De consultatie is gesloten: reageren kon tot en met %(date)s.",
                date=format_date(closed, "long"),
            ),
        )
    form = CommentForm()
    if not form.validate_on_submit():
        flash(form_errors(form), "error")
        return redirect(url_for(".norm", norm_id=norm.id), code=303)
    db.session.add(
        NormComment(
            norm=norm,
            author_id=current_user.id,
            body=form.body.data.strip(),
            private=norm.theme.framework.consultation_private,
        )
    )
    db.session.commit()
    flash(
        _("Dank u wel. Uw reactie is opgeslagen; u ziet hier later wat ermee gebeurt."), "success"
    )
    return redirect(url_for(".norm", norm_id=norm.id), code=303)


@requires("keurmerk.manage")
def resolve_comment(comment_id: int):
    comment = db.get_or_404(NormComment, comment_id)
    form = ResolutionForm(obj=comment)
    if form.validate_on_submit():
        comment.resolution = form.resolution.data
        comment.explanation = form.explanation.data.strip()
        comment.resolved_by_id = current_user.id
        comment.resolved_at = utcnow()
        db.session.commit()
        flash(_("Het besluit over de reactie is opgeslagen."), "success")
        return redirect(url_for(".norm", norm_id=comment.norm_id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("keurmerk/resolve.html", form=form, comment=comment), status


@requires("keurmerk.comment")
def my_comments():
    comments = db.session.scalars(
        db.select(NormComment)
        .options(db.joinedload(NormComment.norm).joinedload(Norm.theme).joinedload(Theme.framework))
        .where(NormComment.author_id == current_user.id)
        .order_by(NormComment.id.desc())
    ).all()
    return render_template("keurmerk/my_comments.html", comments=comments)


# ------------------------------------------------------------------ pilot audits


def _pilot_form() -> PilotAuditForm:
    form = PilotAuditForm()
    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    form.organisation_id.choices = choices((o.id, o.name) for o in organisations)
    return form


@requires("keurmerk.manage")
def add_pilot_audit(framework_id: int):
    framework = _framework_or_404(framework_id)
    if _state(framework) != "pilot":
        abort(403, description=_("Pilotaudits horen bij de pilotfase."))
    form = _pilot_form()
    if form.validate_on_submit():
        audit = PilotAudit(framework_id=framework.id)
        form.populate_obj(audit)
        db.session.add(audit)
        db.session.commit()
        flash(_("De pilotaudit is opgeslagen."), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".framework", framework_id=framework.id), code=303)


@requires("keurmerk.manage")
def complete_pilot_audit(audit_id: int):
    audit = db.get_or_404(PilotAudit, audit_id)
    audit.completed = True
    db.session.commit()
    flash(_("De pilotaudit is afgerond."), "success")
    return redirect(url_for(".framework", framework_id=audit.framework_id), code=303)


@requires("keurmerk.view")
def pilot_audit_ics(audit_id: int):
    """One pilot audit for the calendar, for whoever sees it on the framework page."""
    audit = db.get_or_404(PilotAudit, audit_id)
    return ics_response([pilot_audit_item(audit)], f"pilotaudit-{audit.id}.ics")


# ------------------------------------------------------------------ comparison


@requires("keurmerk.view")
def compare():
    old = db.get_or_404(NormFramework, int_arg("old", default=0))
    new = db.get_or_404(NormFramework, int_arg("new", default=0))
    return render_template(
        "keurmerk/compare.html", old=old, new=new, changes=rules.compare(old, new)
    )
