"""The pages of the intake: the list, referring a resident, and one referral.

Every route of the plugin is in this module.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Organisation,
    WorkflowInstance,
    build_panel,
    choices,
    db,
    engine_of,
    own_organisation_ids,
    page_number,
    requires,
    user_can,
    visible_organisations,
)

from .access import counselled_by, referral_or_404, referred_by
from .forms import ARREARS, ELSEWHERE, PLACES, ReferralForm
from .models import WORKFLOW, Referral

bp = Blueprint("schuldhulp", __name__, url_prefix="/schuldhulp", template_folder="templates")

PAGE_SIZE = 50
DEBT_HELP = "debt_help"


def _with_state(condition):
    return (
        db.select(Referral, WorkflowInstance.state)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == WORKFLOW)
            & (WorkflowInstance.subject_type == Referral.__tablename__)
            & (WorkflowInstance.subject_id == Referral.id),
        )
        .where(condition)
        .options(db.joinedload(Referral.referring_organisation))
        .order_by(Referral.id.desc())
    )


def _page(query, page: int):
    rows = db.session.execute(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


@bp.route("/")
@requires("schuldhulp.view")
def index():
    """Counsellors see the residents referred to them; referrers the status of what they sent."""
    page = page_number()
    counsels = user_can(current_user, "schuldhulp.counsel")
    query = _with_state(counselled_by(current_user) if counsels else referred_by(current_user))
    rows, more = _page(query, page)
    return render_template(
        "schuldhulp/index.html",
        rows=rows,
        more=more,
        page=page,
        counsels=counsels,
        workflow=engine_of().latest(WORKFLOW),
        arrears=ARREARS,
    )


@bp.route("/verwijzen", methods=["GET", "POST"])
@requires("schuldhulp.refer")
def refer():
    form = ReferralForm()
    own = own_organisation_ids(current_user)
    form.referring_organisation_id.choices = choices(
        (o.id, o.name)
        for o in db.session.scalars(visible_organisations(current_user))
        if o.id in own
    )
    form.debt_help_organisation_id.choices = choices(
        (o.id, o.name)
        for o in db.session.scalars(
            db.select(Organisation)
            .where(Organisation.kind == DEBT_HELP)
            .order_by(Organisation.name)
        )
    )
    if not own:
        flash(
            _(
                "U kunt pas doorverwijzen als u bij een organisatie hoort. Vraag het programmateam om u te koppelen."
            ),
            "error",
        )
        return redirect(url_for(".index"))
    if form.validate_on_submit():
        referral = Referral(referred_by_id=current_user.id)
        form.populate_obj(referral)
        db.session.add(referral)
        db.session.flush()
        engine_of().start(
            WORKFLOW,
            referral,
            title=_("Verwijzing %(n)s", n=referral.id),
            actor=current_user,
            organisation_id=referral.debt_help_organisation_id,
        )
        db.session.commit()
        flash(
            _(
                "Verwijzing verstuurd. De schuldhulpverlener belt %(name)s binnen drie werkdagen.",
                name=referral.name,
            ),
            "success",
        )
        return redirect(url_for(".referral", referral_id=referral.id))
    status = 400 if form.is_submitted() else 200
    return render_template("schuldhulp/refer.html", form=form), status


@bp.route("/verwijzingen/<int:referral_id>")
@requires("schuldhulp.view")
def referral(referral_id: int):
    referral, counsels = referral_or_404(current_user, referral_id)
    instance = engine_of().instance_for(WORKFLOW, referral)
    workflow = engine_of().declaration(instance)
    return render_template(
        "schuldhulp/referral.html",
        referral=referral,
        state=workflow.state(instance.state),
        instance=instance,
        panel=build_panel(instance, current_user) if counsels else None,
        arrears=ARREARS,
        places=PLACES,
        elsewhere=ELSEWHERE,
    )
