"""Pages of the bodies: the team manages them; a member reads their own body."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core.api import (
    Meeting,
    build_panel,
    db,
    engine_of,
    local_to_utc,
    local_today,
    requires,
    user_can,
)

from ..form_page import form_page
from .forms import AdviceForm, BodyForm, MeetingForm, MemberForm, MinutesForm
from .models import KINDS, Advice, Body, BodyMeeting, BodyMember
from .rules import WORKFLOW, bodies_of, current_members, follow_ups, is_member, record_advice

TEAM = "jijdoetertoe.team"
SIGNED_IN = "authenticated"


def _get_or_404(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def _team() -> bool:
    return user_can(current_user, TEAM)


# A body's page shows its members by name, its meetings by date and its advice: each list
# in one query, not a query per row.
ON_ITS_PAGE = (
    db.selectinload(Body.members).joinedload(BodyMember.expert),
    db.selectinload(Body.members).joinedload(BodyMember.user),
    db.selectinload(Body.meetings).joinedload(BodyMeeting.meeting),
    db.selectinload(Body.advice),
)


def _readable_body_or_404(body_id: int) -> Body:
    """The team sees every body; a current member only their own; anyone else: not found."""
    body = db.session.get(Body, body_id, options=ON_ITS_PAGE) or abort(404)
    if not (_team() or is_member(body, current_user)):
        abort(404)
    return body


def _meetings(body: Body) -> list[BodyMeeting]:
    return sorted(body.meetings, key=lambda m: m.meeting.starts_at, reverse=True)


@requires(TEAM)
def bodies():
    rows = db.session.scalars(
        db.select(Body).options(db.selectinload(Body.members)).order_by(Body.kind, Body.name)
    ).all()
    today = local_today()
    counts = {b.id: len(current_members(b, today)) for b in rows}
    return render_template(
        "jijdoetertoe/bodies/index.html", bodies=rows, counts=counts, kinds=KINDS
    )


def _save_body(form: BodyForm, body: Body) -> None:
    body.name = form.name.data.strip()
    body.kind = form.kind.data
    body.subproject = (form.subproject.data or "").strip() or None
    body.description = (form.description.data or "").strip() or None


@requires(TEAM)
def new_body():
    form = BodyForm()
    if form.validate_on_submit():
        body = Body()
        _save_body(form, body)
        db.session.add(body)
        db.session.commit()
        flash(_("Het orgaan is aangemaakt."), "success")
        return redirect(url_for(".body", body_id=body.id), code=303)
    return form_page(form, _("Nieuw orgaan"), url_for(".bodies"))


@requires(TEAM)
def edit_body(body_id: int):
    body = _get_or_404(Body, body_id)
    form = BodyForm(obj=body)
    if form.validate_on_submit():
        _save_body(form, body)
        db.session.commit()
        flash(_("De gegevens zijn opgeslagen."), "success")
        return redirect(url_for(".body", body_id=body.id), code=303)
    return form_page(form, body.name, url_for(".body", body_id=body.id))


@requires(SIGNED_IN)
def body(body_id: int):
    body = _readable_body_or_404(body_id)
    today = local_today()
    return render_template(
        "jijdoetertoe/bodies/body.html",
        body=body,
        manage=_team(),
        members=body.members if _team() else current_members(body, today),
        today=today,
        meetings=_meetings(body),
        follow_ups=follow_ups(body.advice),
        workflow=engine_of().latest(WORKFLOW),
        evaluations=_evaluations(body),
    )


def _evaluations(body: Body) -> list | None:
    """The evaluations an advisory committee judges; its members read them."""
    from ..evaluation.rules import evaluations_for_committee

    return evaluations_for_committee(body) if body.kind == "advisory_committee" else None


@requires(SIGNED_IN)
def my_bodies():
    return render_template("jijdoetertoe/bodies/mine.html", bodies=bodies_of(current_user))


def _save_member(form: MemberForm, member: BodyMember) -> None:
    member.expert_id = int(form.expert_id.data) if form.expert_id.data else None
    member.user_id = int(form.user_id.data) if form.user_id.data else None
    member.role = form.role.data
    member.term_start = form.term_start.data
    member.term_end = form.term_end.data


@requires(TEAM)
def new_member(body_id: int):
    body = _get_or_404(Body, body_id)
    form = MemberForm()
    if form.validate_on_submit():
        member = BodyMember(body_id=body.id)
        _save_member(form, member)
        db.session.add(member)
        db.session.commit()
        flash(_("Het lid is toegevoegd."), "success")
        return redirect(url_for(".body", body_id=body.id), code=303)
    return form_page(form, _("Lid toevoegen"), url_for(".body", body_id=body.id), body.name)


@requires(TEAM)
def edit_member(member_id: int):
    member = _get_or_404(BodyMember, member_id)
    form = MemberForm(obj=member)
    if not form.is_submitted():
        form.expert_id.data = str(member.expert_id or "")
        form.user_id.data = str(member.user_id or "")
    if form.validate_on_submit():
        _save_member(form, member)
        db.session.commit()
        flash(_("De gegevens zijn opgeslagen."), "success")
        return redirect(url_for(".body", body_id=member.body_id), code=303)
    back = url_for(".body", body_id=member.body_id)
    return form_page(form, member.name, back, member.body.name)


@requires(TEAM)
def new_meeting(body_id: int):
    body = _get_or_404(Body, body_id)
    form = MeetingForm()
    if form.validate_on_submit():
        meeting = Meeting(
            title=form.title.data.strip(),
            starts_at=local_to_utc(form.starts_at.data),
            kind="experts",
            place=(form.place.data or "").strip() or None,
            organiser_id=current_user.id,
        )
        db.session.add(meeting)
        db.session.flush()
        planned = BodyMeeting(body_id=body.id, meeting_id=meeting.id, agenda=form.agenda.data)
        db.session.add(planned)
        db.session.commit()
        flash(_("De vergadering is gepland."), "success")
        return redirect(url_for(".body_meeting", body_meeting_id=planned.id), code=303)
    back = url_for(".body", body_id=body.id)
    return form_page(form, _("Vergadering plannen"), back, body.name)


@requires(SIGNED_IN)
def body_meeting(body_meeting_id: int):
    planned = _get_or_404(BodyMeeting, body_meeting_id)
    _readable_body_or_404(planned.body_id)
    advice = [a for a in planned.body.advice if a.body_meeting_id == planned.id]
    return render_template(
        "jijdoetertoe/bodies/meeting.html",
        planned=planned,
        manage=_team(),
        advice=advice,
        follow_ups=follow_ups(advice),
        workflow=engine_of().latest(WORKFLOW),
    )


@requires(TEAM)
def edit_minutes(body_meeting_id: int):
    planned = _get_or_404(BodyMeeting, body_meeting_id)
    form = MinutesForm(obj=planned)
    if form.validate_on_submit():
        planned.agenda = form.agenda.data
        planned.minutes = (form.minutes.data or "").strip() or None
        db.session.commit()
        flash(_("Agenda en verslag zijn opgeslagen."), "success")
        return redirect(url_for(".body_meeting", body_meeting_id=planned.id), code=303)
    back = url_for(".body_meeting", body_meeting_id=planned.id)
    return form_page(form, _("Agenda en verslag"), back, planned.meeting.title)


@requires(TEAM)
def new_advice(body_id: int):
    body = _get_or_404(Body, body_id)
    meetings = _meetings(body)
    form = AdviceForm(meetings=meetings)
    if not form.is_submitted():
        form.given_on.data = local_today()
    if form.validate_on_submit():
        chosen = next((m for m in meetings if str(m.id) == form.body_meeting_id.data), None)
        advice = record_advice(
            body,
            subject=form.subject.data.strip(),
            text=form.text.data.strip(),
            given_on=form.given_on.data,
            actor=current_user,
            meeting=chosen,
        )
        db.session.commit()
        flash(_("Het advies is vastgelegd."), "success")
        return redirect(url_for(".advice", advice_id=advice.id), code=303)
    return form_page(form, _("Advies vastleggen"), url_for(".body", body_id=body.id), body.name)


@requires(SIGNED_IN)
def advice(advice_id: int):
    advice = _get_or_404(Advice, advice_id)
    _readable_body_or_404(advice.body_id)
    instance = engine_of().instance_for(WORKFLOW, advice)
    return render_template(
        "jijdoetertoe/bodies/advice.html",
        advice=advice,
        follow_up=follow_ups([advice]).get(advice.id),
        workflow=engine_of().latest(WORKFLOW),
        # The team follows it up in the panel; members read the outcome and the reasoning.
        panel=build_panel(instance, current_user) if instance and _team() else None,
    )


ROUTES = [
    ("/organen/", bodies, ["GET"]),
    ("/organen/new", new_body, ["GET", "POST"]),
    ("/organen/mijn", my_bodies, ["GET"]),
    ("/organen/<int:body_id>", body, ["GET"]),
    ("/organen/<int:body_id>/edit", edit_body, ["GET", "POST"]),
    ("/organen/<int:body_id>/leden/new", new_member, ["GET", "POST"]),
    ("/organen/leden/<int:member_id>/edit", edit_member, ["GET", "POST"]),
    ("/organen/<int:body_id>/vergaderingen/new", new_meeting, ["GET", "POST"]),
    ("/organen/vergaderingen/<int:body_meeting_id>", body_meeting, ["GET"]),
    ("/organen/vergaderingen/<int:body_meeting_id>/edit", edit_minutes, ["GET", "POST"]),
    ("/organen/<int:body_id>/adviezen/new", new_advice, ["GET", "POST"]),
    ("/organen/adviezen/<int:advice_id>", advice, ["GET"]),
]
