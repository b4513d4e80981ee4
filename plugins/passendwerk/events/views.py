"""Meet & Greets: plan one, invite employers and candidates, note who came."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import Organisation, choices, db, form_errors, ics_response, requires, user_can

from ..access import employer_ids, job_seeker_or_404, log_access, visible_job_seekers
from ..calendar import meet_and_greet_item
from ..introductions.models import Introduction
from ..route.models import JobSeeker
from ..vacancies.models import Vacancy
from .forms import GuestForm, MeetAndGreetForm
from .models import Guest, MeetAndGreet


def _employers():
    return db.session.scalars(
        db.select(Organisation).where(Organisation.kind == "employer").order_by(Organisation.name)
    ).all()


@requires("passendwerk.vacancies.view")
def meet_and_greets():
    """All of them for the team and coaches; an employer sees those it is invited to."""
    query = db.select(MeetAndGreet).order_by(MeetAndGreet.starts_at.desc())
    as_employer = not user_can(current_user, "passendwerk.refer")
    if as_employer:
        own = employer_ids(current_user) or []
        query = query.where(MeetAndGreet.employers.any(Organisation.id.in_(own)))
    return render_template(
        "passendwerk/meet_and_greets.html",
        events=db.session.scalars(query).all(),
        as_employer=as_employer,
    )


@requires("passendwerk.manage")
def edit_meet_and_greet(event_id: int | None = None):
    event = db.get_or_404(MeetAndGreet, event_id) if event_id else None
    form = MeetAndGreetForm(obj=event)
    employers = _employers()
    form.employer_ids.choices = choices((o.id, o.name) for o in employers)
    if event and not form.is_submitted():
        form.employer_ids.data = [o.id for o in event.employers]
    if form.validate_on_submit():
        if event is None:
            event = MeetAndGreet()
            db.session.add(event)
        form.populate_obj(event)
        event.employers = [o for o in employers if o.id in set(form.employer_ids.data or [])]
        db.session.commit()
        flash(_("De Meet & Greet is opgeslagen."), "success")
        return redirect(url_for(".meet_and_greet", event_id=event.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("passendwerk/meet_and_greet_form.html", form=form, event=event), status


def _event_or_404(event_id: int) -> tuple[MeetAndGreet, bool]:
    """The Meet & Greet, and whether the viewer is an invited employer: they see the event
    (when, where, which employers), not who is invited nor the coaches' follow-ups."""
    event = db.get_or_404(MeetAndGreet, event_id)
    if user_can(current_user, "passendwerk.refer"):
        return event, False
    own = employer_ids(current_user) or []
    if not any(o.id in own for o in event.employers):
        abort(404)
    return event, True


@requires("passendwerk.vacancies.view")
def meet_and_greet(event_id: int):
    event, as_employer = _event_or_404(event_id)
    if as_employer:
        return render_template(
            "passendwerk/meet_and_greet.html",
            event=event,
            as_employer=True,
            attended=sum(1 for g in event.guests if g.attended),
        )
    visible = visible_job_seekers(current_user).with_only_columns(JobSeeker.id)
    guests = db.session.scalars(
        db.select(Guest)
        .options(db.joinedload(Guest.job_seeker))
        .where(Guest.meet_and_greet_id == event.id, Guest.job_seeker_id.in_(visible))
    ).all()
    invited = {g.job_seeker_id for g in event.guests}
    form = GuestForm()
    form.job_seeker_id.choices = choices(
        (p.id, p.name)
        for p in db.session.scalars(visible_job_seekers(current_user).order_by(JobSeeker.last_name))
        if p.id not in invited and not p.erased_at
    )
    follow_ups = db.session.scalars(
        db.select(Introduction)
        .options(
            db.joinedload(Introduction.job_seeker),
            db.joinedload(Introduction.vacancy).joinedload(Vacancy.organisation),
        )
        .where(Introduction.meet_and_greet_id == event.id, Introduction.job_seeker_id.in_(visible))
    ).all()
    return render_template(
        "passendwerk/meet_and_greet.html",
        event=event,
        as_employer=False,
        guests=guests,
        attended=sum(1 for g in event.guests if g.attended),
        form=form,
        follow_ups=follow_ups,
        may_edit=user_can(current_user, "passendwerk.manage"),
    )


@requires("passendwerk.vacancies.view")
def meet_and_greet_ics(event_id: int):
    """The Meet & Greet for the calendar, for whoever may open its page."""
    event, _as_employer = _event_or_404(event_id)
    return ics_response([meet_and_greet_item(event)], f"meet-and-greet-{event.id}.ics")


@requires("passendwerk.refer")
def invite_guest(event_id: int):
    event = db.get_or_404(MeetAndGreet, event_id)
    form = GuestForm()
    visible = [
        p.id for p in db.session.scalars(visible_job_seekers(current_user)) if not p.erased_at
    ]
    form.job_seeker_id.choices = choices((i, str(i)) for i in visible)
    if form.validate_on_submit():
        person = job_seeker_or_404(current_user, form.job_seeker_id.data)
        if db.session.get(Guest, (event.id, person.id)) is None:
            event.guests.append(Guest(job_seeker_id=person.id))
            log_access(person, current_user, "change", f"uitgenodigd: {event.title}"[:200])
            db.session.commit()
        flash(_("%(name)s is uitgenodigd.", name=person.name), "success")
    else:
        flash(form_errors(form), "error")
    return redirect(url_for(".meet_and_greet", event_id=event.id), code=303)


@requires("passendwerk.refer")
def toggle_attended(event_id: int, job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    guest = db.session.get(Guest, (event_id, person.id))
    if guest is None:
        abort(404)
    guest.attended = not guest.attended
    log_access(person, current_user, "change", "aanwezig" if guest.attended else "niet aanwezig")
    db.session.commit()
    return redirect(url_for(".meet_and_greet", event_id=event_id), code=303)
