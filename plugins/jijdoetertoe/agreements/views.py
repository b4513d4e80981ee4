"""Pages of agreements: the team manages them; a partner reads its own organisation's."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Organisation,
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    local_today,
    own_organisation_ids,
    page_number,
    requires,
    user_can,
)

from ..experts.forms import parse_amount
from ..form_page import form_page
from .forms import AgreementForm
from .models import (
    CONTRIBUTIONS,
    INFORMAL_KIND,
    OTHER_PARTNER_KIND,
    PARTNER_KINDS,
    Agreement,
)
from .rules import WORKFLOW, signed_and_in_term_on

TEAM = "jijdoetertoe.team"
VIEW = "jijdoetertoe.agreements"
PER_PAGE = 50


def _scoped(query):
    """The team sees every agreement; a partner only its own organisation's."""
    if user_can(current_user, TEAM):
        return query
    return query.where(Agreement.organisation_id.in_(own_organisation_ids(current_user)))


def _agreement_or_404(agreement_id: int) -> Agreement:
    agreement = db.session.scalar(_scoped(db.select(Agreement).where(Agreement.id == agreement_id)))
    if agreement is None:
        abort(404)  # not 403: another organisation's agreement is not revealed
    return agreement


def _save(form: AgreementForm, agreement: Agreement) -> None:
    agreement.organisation_id = int(form.organisation_id.data)
    agreement.contributions = ",".join(k for k in CONTRIBUTIONS if k in form.contributions.data)
    agreement.contribution_note = (form.contribution_note.data or "").strip() or None
    agreement.budget_cents = parse_amount(form.budget.data, 100)
    agreement.ambassador = (form.ambassador.data or "").strip() or None
    agreement.ambassador_user_id = (
        int(form.ambassador_account.data) if form.ambassador_account.data else None
    )


@requires(VIEW)
def agreements():
    from .workflow import AGREEMENT

    page = page_number()
    rows = db.session.execute(
        _scoped(
            db.select(Agreement, WorkflowInstance.state)
            .join(Organisation, Organisation.id == Agreement.organisation_id)
            .outerjoin(
                WorkflowInstance,
                (WorkflowInstance.workflow_key == WORKFLOW)
                & (WorkflowInstance.subject_type == Agreement.__tablename__)
                & (WorkflowInstance.subject_id == Agreement.id),
            )
            .options(db.joinedload(Agreement.organisation))
            .order_by(Organisation.name, Agreement.id)
        )
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    team = user_can(current_user, TEAM)
    signed_count = informal_signed = 0
    if team:
        # Two counts in one query, not every signed organisation's id sent back to the database.
        signed = db.select(Agreement.organisation_id).where(signed_and_in_term_on(local_today()))
        signed_count, informal_signed = db.session.execute(
            db.select(
                db.func.count(Organisation.id),
                db.func.count(db.case((Organisation.kind == INFORMAL_KIND, Organisation.id))),
            ).where(Organisation.id.in_(signed))
        ).one()
    return render_template(
        "jijdoetertoe/agreements/index.html",
        rows=[(a, AGREEMENT.state(s).label if s else "–") for a, s in rows[:PER_PAGE]],
        team=team,
        signed_count=signed_count,
        informal_signed=informal_signed,
        partner_kinds=PARTNER_KINDS,
        other_kind=OTHER_PARTNER_KIND,
        page=page,
        more=len(rows) > PER_PAGE,
    )


@requires(TEAM)
def new_agreement():
    form = AgreementForm(user=current_user)
    if form.validate_on_submit():
        agreement = Agreement(created_by_id=current_user.id)
        _save(form, agreement)
        db.session.add(agreement)
        db.session.flush()
        engine_of().start(
            WORKFLOW,
            agreement,
            title=_("Overeenkomst %(n)s", n=agreement.id),
            actor=current_user,
            organisation_id=agreement.organisation_id,
        )
        db.session.commit()
        flash(_("De overeenkomst is vastgelegd."), "success")
        return redirect(url_for(".agreement", agreement_id=agreement.id), code=303)
    return form_page(form, _("Nieuwe overeenkomst"), url_for(".agreements"))


@requires(TEAM)
def edit_agreement(agreement_id: int):
    agreement = _agreement_or_404(agreement_id)
    form = AgreementForm(obj=agreement, user=current_user)
    if not form.is_submitted():
        form.organisation_id.data = str(agreement.organisation_id)
        form.contributions.data = agreement.contribution_keys
        form.ambassador_account.data = str(agreement.ambassador_user_id or "")
        form.budget.data = f"{agreement.budget_cents / 100:.2f}".replace(".", ",")
    if form.validate_on_submit():
        instance = engine_of().instance_for(WORKFLOW, agreement)
        if instance is not None and int(form.organisation_id.data) != agreement.organisation_id:
            form.organisation_id.errors.append(
                _("De organisatie van een overeenkomst verandert niet; maak een nieuwe.")
            )
        else:
            _save(form, agreement)
            db.session.commit()
            flash(_("De gegevens zijn opgeslagen."), "success")
            return redirect(url_for(".agreement", agreement_id=agreement.id), code=303)
    return form_page(
        form, agreement.organisation.name, url_for(".agreement", agreement_id=agreement.id)
    )


@requires(VIEW)
def agreement(agreement_id: int):
    from .workflow import AGREEMENT

    agreement = _agreement_or_404(agreement_id)
    instance = engine_of().instance_for(WORKFLOW, agreement)
    team = user_can(current_user, TEAM)
    return render_template(
        "jijdoetertoe/agreements/agreement.html",
        agreement=agreement,
        state=AGREEMENT.state(instance.state).label if instance else "–",
        panel=build_panel(instance, current_user) if instance and team else None,
        team=team,
        contributions=CONTRIBUTIONS,
        kind=PARTNER_KINDS.get(agreement.organisation.kind, OTHER_PARTNER_KIND),
    )


ROUTES = [
    ("/partners", agreements, ["GET"]),
    ("/partners/new", new_agreement, ["GET", "POST"]),
    ("/partners/<int:agreement_id>", agreement, ["GET"]),
    ("/partners/<int:agreement_id>/edit", edit_agreement, ["GET", "POST"]),
]
