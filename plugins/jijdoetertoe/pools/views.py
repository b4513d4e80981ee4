"""Pages of expert pools: asking for help, the team's list and request, the expert's answer."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Organisation,
    WorkflowInstance,
    build_panel,
    choices,
    db,
    engine_of,
    lock_row,
    own_organisation_ids,
    page_number,
    public,
    requires,
    user_can,
)

from ..experts.models import Expert
from ..public_forms import refuse, sent_too_often
from .forms import AnswerForm, AskForm
from .models import ANSWERS, HELP_KINDS, PoolProposal, PoolRequest
from .rules import WORKFLOW, answer, done_per_quarter

TEAM = "jijdoetertoe.team"
VIEW = "jijdoetertoe.pools"
ASK_FOR_ORGANISATION = "jijdoetertoe.ask"
OWN = "jijdoetertoe.own"
PER_PAGE = 50


def _asks_for_organisation() -> bool:
    return user_can(current_user, ASK_FOR_ORGANISATION) and not user_can(current_user, TEAM)


def _state_of(pool_request: PoolRequest) -> str | None:
    instance = engine_of().instance_for(WORKFLOW, pool_request)
    return instance.state if instance else None


@public
def ask_for_help():
    """A resident asks without an account; a partner's user asks for their organisation."""
    form = AskForm()
    partner = _asks_for_organisation()
    if partner:
        del form.requester_name
        del form.requester_contact
        own = own_organisation_ids(current_user)
        form.organisation_id.choices = choices(
            (str(o.id), o.name)
            for o in db.session.scalars(
                db.select(Organisation).where(Organisation.id.in_(own)).order_by(Organisation.name)
            )
        )
    else:
        del form.organisation_id
    if form.validate_on_submit():
        if not partner and sent_too_often("help"):
            return refuse("jijdoetertoe/pools/ask.html", form=form, partner=partner)
        pool_request = PoolRequest(
            help_kind=form.help_kind.data,
            description=form.description.data.strip(),
            wanted_when=(form.wanted_when.data or "").strip(),
            wanted_where=(form.wanted_where.data or "").strip(),
        )
        if partner:
            pool_request.organisation_id = int(form.organisation_id.data)
            pool_request.requested_by_id = current_user.id
        else:
            pool_request.requester_name = form.requester_name.data.strip()
            pool_request.requester_contact = form.requester_contact.data.strip()
        db.session.add(pool_request)
        db.session.flush()
        engine_of().start(
            WORKFLOW,
            pool_request,
            # No name in the title: it travels in mails.
            title=_("Verzoek om hulp %(n)s", n=pool_request.id),
            actor=current_user if partner else None,
            organisation_id=pool_request.organisation_id,
        )
        db.session.commit()
        if partner:
            flash(_("Uw verzoek is verstuurd naar het programmateam."), "success")
            return redirect(url_for(".pools"), code=303)
        return redirect(url_for(".asked_for_help"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("jijdoetertoe/pools/ask.html", form=form, partner=partner), status


@public
def asked_for_help():
    return render_template("jijdoetertoe/pools/asked.html")


@requires(VIEW)
def pools():
    """The team sees every request and the count per quarter; a partner its own requests."""
    from .workflow import POOL_REQUEST

    team = user_can(current_user, TEAM)
    page = page_number()
    query = (
        db.select(PoolRequest, WorkflowInstance.state)
        .outerjoin(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == WORKFLOW)
            & (WorkflowInstance.subject_type == PoolRequest.__tablename__)
            & (WorkflowInstance.subject_id == PoolRequest.id),
        )
        .order_by(PoolRequest.created_at.desc(), PoolRequest.id.desc())
    )
    if not team:
        query = query.where(PoolRequest.organisation_id.in_(own_organisation_ids(current_user)))
    rows = db.session.execute(query.offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)).all()
    return render_template(
        "jijdoetertoe/pools/index.html",
        rows=[(r, POOL_REQUEST.state(s).label if s else "–") for r, s in rows[:PER_PAGE]],
        team=team,
        help_kinds=HELP_KINDS,
        per_quarter=done_per_quarter() if team else [],
        page=page,
        more=len(rows) > PER_PAGE,
    )


@requires(TEAM)
def pool_request(request_id: int):
    pool_request = db.session.get(PoolRequest, request_id)
    if pool_request is None:
        abort(404)
    instance = engine_of().instance_for(WORKFLOW, pool_request)
    organisation = (
        db.session.get(Organisation, pool_request.organisation_id)
        if pool_request.organisation_id
        else None
    )
    return render_template(
        "jijdoetertoe/pools/request.html",
        pool_request=pool_request,
        organisation=organisation,
        help_kinds=HELP_KINDS,
        answers=ANSWERS,
        open_for_answers=instance is not None and instance.state == "gekoppeld",
        panel=build_panel(instance, current_user) if instance else None,
        answer_form=AnswerForm(),
    )


def _save_answer(proposal_id: int, may_answer) -> PoolProposal:
    """Record the pressed answer on a proposal still open for answers; 404 if `may_answer`
    says this person may not answer it."""
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    # Locked, so a double click or the team and the expert at once leave one answer.
    if not lock_row(PoolProposal, proposal_id):
        abort(404)
    proposal = db.session.get(PoolProposal, proposal_id)
    db.session.refresh(proposal)
    if not may_answer(proposal):
        abort(404)
    if _state_of(proposal.request) != "gekoppeld":
        db.session.rollback()
        flash(_("Op dit verzoek kan niet meer worden geantwoord."), "error")
        return proposal
    answer(proposal, form.answer.data, current_user)
    db.session.commit()
    flash(_("Het antwoord is opgeslagen."), "success")
    return proposal


@requires(TEAM)
def record_answer(proposal_id: int):
    """The team records the answer of an expert without an account; one with an account
    answers on their own page."""
    proposal = _save_answer(proposal_id, lambda p: p.expert.user_id is None)
    return redirect(url_for(".pool_request", request_id=proposal.request_id), code=303)


@requires(OWN)
def my_answer(proposal_id: int):
    """The expert says yes or no to a proposal for themselves, and nobody else's."""
    _save_answer(proposal_id, lambda p: p.expert.user_id == current_user.id)
    return redirect(url_for(".my_involvement"), code=303)


def open_proposals_for(expert: Expert | None) -> list[PoolProposal]:
    """The expert's proposals of requests waiting for answers, for their own page."""
    if expert is None:
        return []
    rows = db.session.execute(
        db.select(PoolProposal, WorkflowInstance.state)
        .join(PoolRequest, PoolRequest.id == PoolProposal.request_id)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == WORKFLOW)
            & (WorkflowInstance.subject_type == PoolRequest.__tablename__)
            & (WorkflowInstance.subject_id == PoolRequest.id),
        )
        .where(PoolProposal.expert_id == expert.id, WorkflowInstance.state == "gekoppeld")
        .order_by(PoolProposal.proposed_at.desc())
    ).all()
    return [proposal for proposal, _state in rows]


ROUTES = [
    ("/hulp-vragen", ask_for_help, ["GET", "POST"]),
    ("/hulp-vragen/bedankt", asked_for_help, ["GET"]),
    ("/verzoeken", pools, ["GET"]),
    ("/verzoeken/<int:request_id>", pool_request, ["GET"]),
    ("/verzoeken/voorstellen/<int:proposal_id>/antwoord", record_answer, ["POST"]),
    ("/mijn-inbreng/voorstellen/<int:proposal_id>", my_answer, ["POST"]),
]
