"""Pages of signals: raising one, the team's list and signal, the raiser's own list."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    User,
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    page_number,
    public,
    requires,
)

from ..public_forms import refuse, sent_too_often
from .forms import SignalForm
from .models import FORWARDED_TO, Signal
from .rules import WORKFLOW

TEAM = "jijdoetertoe.team"
SIGNED_IN = "authenticated"
PER_PAGE = 50


def _with_states(query):
    return query.add_columns(WorkflowInstance.state).outerjoin(
        WorkflowInstance,
        (WorkflowInstance.workflow_key == WORKFLOW)
        & (WorkflowInstance.subject_type == Signal.__tablename__)
        & (WorkflowInstance.subject_id == Signal.id),
    )


@public
def raise_signal():
    """Anyone passes on a signal: signed in, it is theirs to follow on 'Mijn signalen'."""
    form = SignalForm()
    signed_in = current_user.is_authenticated
    if signed_in:
        del form.raiser_name
        del form.raiser_email
    if form.validate_on_submit():
        if not signed_in and sent_too_often("signal"):
            return refuse("jijdoetertoe/signals/raise.html", form=form, signed_in=signed_in)
        signal = Signal(text=form.text.data.strip(), district=form.district.data or None)
        if signed_in:
            signal.raised_by_id = current_user.id
        else:
            signal.raiser_name = (form.raiser_name.data or "").strip() or None
            signal.raiser_email = (form.raiser_email.data or "").strip() or None
        db.session.add(signal)
        db.session.flush()
        engine_of().start(
            WORKFLOW,
            signal,
            title=_("Signaal %(n)s", n=signal.id),
            actor=current_user if signed_in else None,
        )
        db.session.commit()
        if signed_in:
            flash(_("Dank u wel. Hier ziet u wat er met uw signaal gebeurt."), "success")
            return redirect(url_for(".my_signals"), code=303)
        return redirect(url_for(".signal_raised"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "jijdoetertoe/signals/raise.html", form=form, signed_in=signed_in
    ), status


@public
def signal_raised():
    return render_template("jijdoetertoe/signals/raised.html")


@requires(SIGNED_IN)
def my_signals():
    """Whoever raised a signal sees its state and what came of it; only their own."""
    from .workflow import SIGNAL

    rows = db.session.execute(
        _with_states(db.select(Signal))
        .where(Signal.raised_by_id == current_user.id)
        .order_by(Signal.created_at.desc(), Signal.id.desc())
        .limit(200)
    ).all()
    return render_template(
        "jijdoetertoe/signals/mine.html",
        rows=[(s, state, SIGNAL.state(state).label if state else "–") for s, state in rows],
        forwarded_to=FORWARDED_TO,
    )


@requires(TEAM)
def signals():
    from .workflow import SIGNAL

    page = page_number()
    rows = db.session.execute(
        _with_states(db.select(Signal))
        .order_by(Signal.created_at.desc(), Signal.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    return render_template(
        "jijdoetertoe/signals/index.html",
        rows=[(s, SIGNAL.state(state).label if state else "–") for s, state in rows[:PER_PAGE]],
        page=page,
        more=len(rows) > PER_PAGE,
    )


@requires(TEAM)
def signal(signal_id: int):
    signal = db.session.get(Signal, signal_id)
    if signal is None:
        abort(404)
    instance = engine_of().instance_for(WORKFLOW, signal)
    raiser = db.session.get(User, signal.raised_by_id) if signal.raised_by_id else None
    return render_template(
        "jijdoetertoe/signals/signal.html",
        signal=signal,
        raiser=raiser,
        forwarded_to=FORWARDED_TO,
        panel=build_panel(instance, current_user) if instance else None,
    )


ROUTES = [
    ("/signaal", raise_signal, ["GET", "POST"]),
    ("/signaal/bedankt", signal_raised, ["GET"]),
    ("/mijn-signalen", my_signals, ["GET"]),
    ("/signalen", signals, ["GET"]),
    ("/signalen/<int:signal_id>", signal, ["GET"]),
]
