"""Privacy requests (AVG) and the export of everything stored about a person."""

import json

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import WorkflowInstance, build_panel, db, engine_of, requires

from ..access import holds, job_seeker_or_404, log_access, may_see_sensitive
from .forms import PrivacyRequestForm
from .models import PRIVACY, PrivacyRequest
from .rights import export


def _team_only() -> None:
    if not holds(current_user, "passendwerk.all"):
        abort(404)


@requires("passendwerk.all")
def privacy_requests():
    _team_only()
    rows = db.session.execute(
        db.select(PrivacyRequest, WorkflowInstance)
        .join(
            WorkflowInstance,
            db.and_(
                WorkflowInstance.subject_id == PrivacyRequest.id,
                WorkflowInstance.workflow_key == PRIVACY,
            ),
        )
        .options(db.joinedload(PrivacyRequest.job_seeker))
        .order_by(PrivacyRequest.received_on.desc())
    ).all()
    return render_template(
        "passendwerk/privacy_requests.html", rows=rows, workflow=engine_of().latest(PRIVACY)
    )


@requires("passendwerk.all")
def new_privacy_request(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    form = PrivacyRequestForm()
    if form.validate_on_submit():
        item = PrivacyRequest(job_seeker_id=person.id)
        form.populate_obj(item)
        item.details = (item.details or "").strip() or None
        db.session.add(item)
        db.session.flush()
        engine_of().start(
            PRIVACY,
            item,
            title=_("Privacyverzoek %(n)s", n=item.id),
            actor=current_user,
            assignee=current_user,
        )
        log_access(person, current_user, "change", f"privacyverzoek: {item.kind}")
        db.session.commit()
        flash(
            _("Het verzoek is vastgelegd. Uiterlijk %(d)s afhandelen.", d=item.due_on),
            "success",
        )
        return redirect(url_for(".privacy_request", request_id=item.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "passendwerk/privacy_request_form.html", form=form, person=person
    ), status


@requires("passendwerk.all")
def privacy_request(request_id: int):
    _team_only()
    item = db.get_or_404(PrivacyRequest, request_id)
    instance = engine_of().instance_for(PRIVACY, item)
    return render_template(
        "passendwerk/privacy_request.html",
        item=item,
        person=item.job_seeker,
        panel=build_panel(instance, current_user),
    )


@requires("passendwerk.view")
def export_person(job_seeker_id: int):
    """Machine-readable: everything stored about the person (right to access / portability).

    Made by the team, or by the person's coach or lifecoach, who alone may see the sensitive
    notes; a team member who is neither gets everything else (see docs/passendwerk.md)."""
    person = job_seeker_or_404(current_user, job_seeker_id)
    sensitive = may_see_sensitive(current_user, person)
    if person.erased_at or not (sensitive or holds(current_user, "passendwerk.all")):
        abort(404)
    data = export(person, current_user)
    withheld = bool(person.sensitive_notes) and not sensitive
    log_access(person, current_user, "export", "zonder gevoelige notities" if withheld else None)
    db.session.commit()
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={
            "Content-Disposition": f"attachment; filename=werkzoekende-{person.id}.json",
            "Cache-Control": "no-store",
        },
    )
