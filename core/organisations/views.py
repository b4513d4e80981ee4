"""Organisation pages: list, detail, create, edit, members."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ..access import AUTHENTICATED, requires, user_can
from ..accounts.models import User
from ..errors import render_error
from ..extensions import db
from ..forms import choices
from ..input_limits import page_number
from .forms import MemberForm, OrganisationForm
from .kinds import INFORMAL_KINDS
from .models import Membership, Organisation
from .scoping import get_visible_organisation_or_404, visible_organisations

bp = Blueprint("organisations", __name__, url_prefix="/organisations")
PER_PAGE = 50  # organisations per page of the list, by name


@bp.route("/")
@requires(AUTHENTICATED)
def index():
    query = visible_organisations(current_user)
    informal = request.args.get("soort") == "informeel"
    if "soort" in request.args and not informal:
        return render_error(400, _("Deze lijst kent alleen de keuze soort=informeel."))
    if informal:
        # The partners counted towards the programme's "150 informal partners".
        query = query.where(Organisation.kind.in_(INFORMAL_KINDS))
    page = page_number()
    rows = db.session.scalars(
        query.order_by(Organisation.id).offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)
    ).all()
    return render_template(
        "core/organisations/index.html",
        organisations=rows[:PER_PAGE],
        informal=informal,
        page=page,
        more=len(rows) > PER_PAGE,
    )


@bp.route("/<int:organisation_id>")
@requires(AUTHENTICATED)
def show(organisation_id: int):
    organisation = get_visible_organisation_or_404(current_user, organisation_id)
    member_form = None
    if user_can(current_user, "organisations.manage"):
        member_form = _member_form(organisation)
    return render_template(
        "core/organisations/show.html",
        organisation=organisation,
        member_form=member_form,
    )


@bp.route("/new", methods=["GET", "POST"])
@requires("organisations.manage")
def create():
    form = OrganisationForm()
    if form.validate_on_submit():
        organisation = Organisation()
        form.populate_obj(organisation)
        if _saved(organisation, form):
            flash(_("Organisatie %(name)s is toegevoegd.", name=organisation.name), "success")
            return redirect(url_for(".show", organisation_id=organisation.id))
    status = 400 if form.is_submitted() else 200
    return render_template("core/organisations/form.html", form=form, organisation=None), status


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@requires("organisations.manage")
def edit(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        form.populate_obj(organisation)
        if _saved(organisation, form):
            flash(_("De gegevens zijn opgeslagen."), "success")
            return redirect(url_for(".show", organisation_id=organisation.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "core/organisations/form.html", form=form, organisation=organisation
    ), status


def _saved(organisation: Organisation, form: OrganisationForm) -> bool:
    db.session.add(organisation)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.name.errors.append(_("Er is al een organisatie met deze naam."))
        return False
    return True


def _member_form(organisation: Organisation) -> MemberForm:
    form = MemberForm()
    present = {m.user_id for m in organisation.memberships}
    users = db.session.scalars(db.select(User).order_by(User.display_name)).all()
    form.user_id.choices = choices(
        (u.id, f"{u.display_name} ({u.email})") for u in users if u.id not in present
    )
    return form


@bp.route("/<int:organisation_id>/members", methods=["POST"])
@requires("organisations.manage")
def add_member(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = _member_form(organisation)
    if form.validate_on_submit():
        db.session.add(
            Membership(organisation=organisation, user_id=form.user_id.data, role=form.role.data)
        )
        db.session.commit()
        flash(_("De persoon is toegevoegd aan de organisatie."), "success")
        return redirect(url_for(".show", organisation_id=organisation.id))
    return render_template(
        "core/organisations/show.html",
        organisation=organisation,
        member_form=form,
    ), 400


@bp.route("/<int:organisation_id>/members/<int:membership_id>/remove", methods=["POST"])
@requires("organisations.manage")
def remove_member(organisation_id: int, membership_id: int):
    membership = db.get_or_404(Membership, membership_id)
    if membership.organisation_id != organisation_id:
        abort(404)
    db.session.delete(membership)
    db.session.commit()
    flash(_("De persoon is uit de organisatie gehaald."), "success")
    return redirect(url_for(".show", organisation_id=organisation_id))
