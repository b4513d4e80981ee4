"""The register's pages: for the programme team, and an expert's own overview."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Organisation,
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    local_today,
    lock_row,
    page_number,
    public,
    render_error,
    requires,
)

from ..form_page import form_page
from ..public_forms import refuse, sent_too_often
from .forms import (
    ExpertForm,
    InvolvementForm,
    QualificationForm,
    ResultForm,
    RevokeConsentForm,
    SignUpForm,
    parse_amount,
)
from .models import CHANNELS, QUALIFICATIONS, SOURCES, Expert, Involvement, Qualification
from .rules import (
    WORKFLOW,
    active_expert_ids,
    allowance_in_year,
    passes_maximum,
    yearly_maximum_cents,
)

TEAM = "jijdoetertoe.team"
PER_PAGE = 50
# Fields of the expert form stored as they are (empty text as None where optional).
EXPERT_FIELDS = (
    "name",
    "channel",
    "contact",
    "district",
    "languages",
    "themes",
    "availability",
    "exemption_note",
    "source",
    "consent_on",
    "consent_how",
    "consent_shares",
)
ID_FIELDS = ("via_organisation_id", "source_organisation_id", "user_id")


def _expert_or_404(expert_id: int) -> Expert:
    expert = db.session.get(Expert, expert_id)
    if expert is None:
        abort(404)
    return expert


def _id_or_none(value: str) -> int | None:
    return int(value) if value else None


def _save_expert(form: ExpertForm, expert: Expert) -> None:
    for name in EXPERT_FIELDS:
        value = form[name].data
        if isinstance(value, str):
            value = value.strip()
        setattr(expert, name, value if value not in ("", None) else None)
    for name in ("languages", "themes", "availability"):
        setattr(expert, name, getattr(expert, name) or "")
    for name in ID_FIELDS:
        setattr(expert, name, _id_or_none(form[name].data))
    if expert.source not in ("network", "warmtebron"):
        expert.source_organisation_id = None
    # Consent given again after it was withdrawn: the new date ends the withdrawal.
    if (
        expert.consent_revoked_on
        and expert.consent_on
        and expert.consent_on > expert.consent_revoked_on
    ):
        expert.consent_revoked_on = None


def _account_taken(form: ExpertForm, expert: Expert | None) -> bool:
    """An account belongs to one expert at most; say so at the field."""
    user_id = _id_or_none(form.user_id.data)
    if user_id is None:
        return False
    other = db.session.scalar(db.select(Expert).where(Expert.user_id == user_id))
    if other is not None and other is not expert:
        form.user_id.errors.append(_("Dit account hoort al bij een andere ervaringsdeskundige."))
        return True
    return False


@requires(TEAM)
def index():
    from ..workflows import EXPERT

    page = page_number()
    only_active = request.args.get("filter") == "actief"
    if "filter" in request.args and not only_active:
        return render_error(400, _("Deze lijst kent alleen de keuze filter=actief."))
    query = db.select(Expert)
    if only_active:
        # As counted towards the programme's 200: an involvement in the last twelve months.
        query = query.where(Expert.id.in_(active_expert_ids(local_today())))
    rows = db.session.scalars(
        query.order_by(Expert.name, Expert.id).offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)
    ).all()
    experts = rows[:PER_PAGE]
    # One query for the shown experts' states, not one per row.
    states = db.session.execute(
        db.select(WorkflowInstance.subject_id, WorkflowInstance.state).where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == Expert.__tablename__,
            WorkflowInstance.subject_id.in_([e.id for e in experts]),
        )
    )
    labels = {subject_id: EXPERT.state(state).label for subject_id, state in states}
    return render_template(
        "jijdoetertoe/experts/index.html",
        experts=experts,
        states=labels,
        page=page,
        more=len(rows) > PER_PAGE,
        only_active=only_active,
    )


@requires(TEAM)
def new_expert():
    form = ExpertForm(user=current_user)
    if form.validate_on_submit() and not _account_taken(form, None):
        expert = Expert(registered_by_id=current_user.id)
        _save_expert(form, expert)
        db.session.add(expert)
        db.session.flush()
        # The stored title travels in mails and feeds: no name in it.
        engine_of().start(
            WORKFLOW, expert, title=_("Ervaringsdeskundige %(n)s", n=expert.id), actor=current_user
        )
        db.session.commit()
        flash(_("De ervaringsdeskundige staat in het register."), "success")
        return redirect(url_for(".expert", expert_id=expert.id), code=303)
    return form_page(form, _("Nieuwe ervaringsdeskundige"), url_for(".index"))


@requires(TEAM)
def edit_expert(expert_id: int):
    expert = _expert_or_404(expert_id)
    form = ExpertForm(obj=expert, user=current_user)
    if not form.is_submitted():
        for name in ID_FIELDS:
            value = getattr(expert, name)
            form[name].data = str(value) if value else ""
    if form.validate_on_submit() and not _account_taken(form, expert):
        _save_expert(form, expert)
        db.session.commit()
        flash(_("De gegevens zijn opgeslagen."), "success")
        return redirect(url_for(".expert", expert_id=expert.id), code=303)
    return form_page(form, expert.name, url_for(".expert", expert_id=expert.id))


@requires(TEAM)
def expert(expert_id: int):
    expert = _expert_or_404(expert_id)
    instance = engine_of().instance_for(WORKFLOW, expert)
    organisations = {
        o.id: o.name
        for o in db.session.scalars(
            db.select(Organisation).where(
                Organisation.id.in_(
                    [i for i in (expert.via_organisation_id, expert.source_organisation_id) if i]
                )
            )
        )
    }
    today = local_today()
    return render_template(
        "jijdoetertoe/experts/expert.html",
        expert=expert,
        # Registered here, an expert is in the workflow; a row added by a script may not be.
        panel=build_panel(instance, current_user) if instance else None,
        organisations=organisations,
        channels=CHANNELS,
        sources=SOURCES,
        qualifications=QUALIFICATIONS,
        today=today,
        paid_this_year=allowance_in_year(expert, today.year),
        maximum=yearly_maximum_cents(),
        revoke_form=RevokeConsentForm(),
    )


@requires(TEAM)
def revoke_consent(expert_id: int):
    form = RevokeConsentForm()
    if not form.validate_on_submit():
        abort(400)
    # Locked, so two clicks at once record one revocation.
    if not lock_row(Expert, expert_id):
        abort(404)
    expert = _expert_or_404(expert_id)
    db.session.refresh(expert)
    if expert.has_consent:
        expert.consent_revoked_on = local_today()
        db.session.commit()
        flash(_("De toestemming is ingetrokken."), "success")
    return redirect(url_for(".expert", expert_id=expert_id), code=303)


@requires(TEAM)
def new_qualification(expert_id: int):
    expert = _expert_or_404(expert_id)
    form = QualificationForm()
    if form.validate_on_submit():
        expert.qualifications.append(
            Qualification(
                kind=form.kind.data,
                obtained_on=form.obtained_on.data,
                expires_on=form.expires_on.data,
                note=(form.note.data or "").strip() or None,
            )
        )
        db.session.commit()
        flash(_("De kwalificatie is opgeslagen."), "success")
        return redirect(url_for(".expert", expert_id=expert.id), code=303)
    return form_page(
        form,
        _("Kwalificatie vastleggen"),
        url_for(".expert", expert_id=expert.id),
        subtitle=expert.name,
    )


@requires(TEAM)
def new_involvement(expert_id: int):
    expert = _expert_or_404(expert_id)
    form = InvolvementForm()
    warning = None
    if form.validate_on_submit():
        cents = parse_amount(form.allowance.data, 100)
        over, total = passes_maximum(expert, form.done_on.data, cents)
        if over and not form.confirm_over_maximum.data:
            # Nothing is saved until the team confirms, knowing the year's total.
            warning = {
                "year": form.done_on.data.year,
                "total": total,
                "maximum": yearly_maximum_cents(),
            }
        else:
            expert.involvements.append(
                Involvement(
                    done_on=form.done_on.data,
                    what=form.what.data.strip(),
                    subproject=form.subproject_name,
                    minutes=parse_amount(form.hours.data, 60),
                    allowance_cents=cents,
                    recorded_by_id=current_user.id,
                )
            )
            db.session.commit()
            flash(_("De inzet is opgeslagen."), "success")
            return redirect(url_for(".expert", expert_id=expert.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "jijdoetertoe/experts/involvement_form.html", form=form, expert=expert, warning=warning
    ), status


@requires(TEAM)
def involvement_result(involvement_id: int):
    involvement = db.session.get(Involvement, involvement_id)
    if involvement is None:
        abort(404)
    form = ResultForm(obj=involvement)
    if form.validate_on_submit():
        involvement.result = form.result.data.strip()
        db.session.commit()
        flash(_("Opgeslagen wat ermee is gebeurd."), "success")
        return redirect(url_for(".expert", expert_id=involvement.expert_id), code=303)
    return form_page(
        form,
        _("Wat is ermee gebeurd?"),
        url_for(".expert", expert_id=involvement.expert_id),
        subtitle=involvement.expert.name,
    )


@requires("jijdoetertoe.own")
def my_involvement():
    """'Wat is er met mijn inbreng gebeurd': only the person's own record, by their account."""
    from ..pools.forms import AnswerForm
    from ..pools.models import ANSWERS, HELP_KINDS
    from ..pools.views import open_proposals_for

    expert = db.session.scalar(db.select(Expert).where(Expert.user_id == current_user.id))
    return render_template(
        "jijdoetertoe/experts/overview.html",
        expert=expert,
        # Requests of expert pools the team proposed them for: they say yes or no here.
        proposals=open_proposals_for(expert),
        pool_help_kinds=HELP_KINDS,
        pool_answers=ANSWERS,
        pool_answer_form=AnswerForm(),
    )


@public
def sign_up():
    """Anyone may sign themselves up; the team makes an appointment to get acquainted."""
    form = SignUpForm()
    if form.validate_on_submit():
        if sent_too_often("sign_up"):
            return refuse("jijdoetertoe/experts/sign_up.html", form=form)
        expert = Expert(
            name=form.name.data.strip(),
            channel=form.channel.data,
            contact=form.contact.data.strip(),
            district=form.district.data,
            themes=(form.themes.data or "").strip(),
            source="self",
            consent_on=local_today(),
            consent_how=_("Zelf aangevinkt op het aanmeldformulier"),
        )
        db.session.add(expert)
        db.session.flush()
        engine_of().start(WORKFLOW, expert, title=_("Ervaringsdeskundige %(n)s", n=expert.id))
        db.session.commit()
        return redirect(url_for(".signed_up"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("jijdoetertoe/experts/sign_up.html", form=form), status


@public
def signed_up():
    return render_template("jijdoetertoe/experts/signed_up.html")


ROUTES = [
    ("/aanmelden", sign_up, ["GET", "POST"]),
    ("/aanmelden/bedankt", signed_up, ["GET"]),
    ("/", index, ["GET"]),
    ("/experts/new", new_expert, ["GET", "POST"]),
    ("/experts/<int:expert_id>", expert, ["GET"]),
    ("/experts/<int:expert_id>/edit", edit_expert, ["GET", "POST"]),
    ("/experts/<int:expert_id>/consent/revoke", revoke_consent, ["POST"]),
    ("/experts/<int:expert_id>/qualifications/new", new_qualification, ["GET", "POST"]),
    ("/experts/<int:expert_id>/involvements/new", new_involvement, ["GET", "POST"]),
    ("/involvements/<int:involvement_id>/result", involvement_result, ["GET", "POST"]),
    ("/mijn-inbreng", my_involvement, ["GET"]),
]
