"""The team's pages of a challenge: setting it up, the points table, inviting the council,
following every member up, and the index before and after its publication."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_babel import to_utc as babel_to_utc
from flask_login import current_user

from core.api import (
    WorkflowInstance,
    build_panel,
    db,
    engine_of,
    local_today,
    requires,
    utcnow,
)

from . import index
from .certificate import certificate_pdf, certificate_text, may_have_certificate
from .forms import CallForm, ChallengeForm, PointsForm
from .invitations import invite_council
from .models import Challenge, FollowUpCall, Participation, Reminder

DEFAULT_QUESTION = "Leven van €50 per week. Kunt u dat?"
DEFAULT_SUBJECT = "WARM ROTTERDAM DAAGT RAADSLEDEN UIT"


def to_utc(local: datetime) -> datetime:
    """A moment typed in Rotterdam's time, as stored (naive UTC)."""
    return babel_to_utc(local)


def to_local(moment: datetime) -> datetime:
    """A stored moment as Rotterdam's time, for a form's field."""
    return to_user_timezone(moment).replace(tzinfo=None)


@requires("campaign.view")
def challenges():
    rows = db.session.scalars(db.select(Challenge).order_by(Challenge.id.desc())).all()
    return render_template("campaign/challenge/index.html", challenges=rows, now=utcnow())


def _fill(challenge: Challenge, form: ChallengeForm) -> None:
    challenge.title = form.title.data.strip()
    challenge.question = form.question.data.strip()
    challenge.budget_cents = round(form.budget.data * 100)
    challenge.period_days = form.period_days.data
    challenge.invitation_subject = form.invitation_subject.data.strip()
    challenge.invitation_text = form.invitation_text.data.strip()
    challenge.reminder_days = ",".join(
        str(d) for d in sorted({int(d) for d in form.reminder_days.data.split(",")})
    )
    challenge.respond_by = form.respond_by.data
    challenge.ends_on = form.ends_on.data
    challenge.publish_at = to_utc(form.publish_at.data)
    challenge.response_threshold_percent = form.response_threshold_percent.data


@requires("campaign.manage")
def new_challenge():
    form = ChallengeForm()
    if request.method == "GET":
        form.question.data = DEFAULT_QUESTION
        form.invitation_subject.data = DEFAULT_SUBJECT
        form.budget.data = 50
        form.period_days.data = 7
        form.reminder_days.data = "7,14,21"
    if form.validate_on_submit():
        challenge = Challenge()
        _fill(challenge, form)
        db.session.add(challenge)
        db.session.flush()
        challenge.points = index.default_points(challenge)
        db.session.commit()
        flash(_("De uitdaging is aangemaakt."), "success")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("campaign/challenge/form.html", form=form, challenge=None), status


def _dates_kept(challenge: Challenge, form: ChallengeForm) -> bool:
    """Once the council is invited, the answer day and the last day are what the members
    were told (and what their deadlines are); they stay."""
    if challenge.invited_on is None:
        return True
    kept = True
    for field, value in (
        (form.respond_by, challenge.respond_by),
        (form.ends_on, challenge.ends_on),
    ):
        if field.data != value:
            field.errors.append(
                _("De raadsleden zijn uitgenodigd; deze datum verandert niet meer.")
            )
            kept = False
    return kept


def _challenge(challenge_id: int) -> Challenge:
    return db.session.get(Challenge, challenge_id) or abort(404)


@requires("campaign.manage")
def edit_challenge(challenge_id: int):
    challenge = _challenge(challenge_id)
    if challenge.published(utcnow()):
        flash(_("De index is bekendgemaakt; de uitdaging verandert niet meer."), "error")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    form = ChallengeForm(obj=challenge)
    if request.method == "GET":
        form.budget.data = challenge.budget_cents / 100
        form.publish_at.data = to_local(challenge.publish_at)
    if form.validate_on_submit() and _dates_kept(challenge, form):
        _fill(challenge, form)
        db.session.commit()
        flash(_("De uitdaging is opgeslagen."), "success")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("campaign/challenge/form.html", form=form, challenge=challenge), status


def _participations(challenge: Challenge):
    """Each participation with its instance and how many reminders it had, in one query."""
    reminders = (
        db.select(db.func.count(Reminder.id))
        .where(Reminder.participation_id == Participation.id)
        .scalar_subquery()
    )
    return db.session.execute(
        db.select(Participation, WorkflowInstance, reminders)
        .join(
            WorkflowInstance,
            (WorkflowInstance.workflow_key == "campaign.challenge")
            & (WorkflowInstance.subject_id == Participation.id),
        )
        .options(db.joinedload(WorkflowInstance.assignee))
        .where(Participation.challenge_id == challenge.id)
        .order_by(Participation.id)
    ).all()


def _challenge_page(challenge: Challenge, points_form: PointsForm | None = None, status=200):
    published = challenge.published(utcnow())
    if points_form is None:
        points_form = PointsForm(formdata=None, data=challenge.points_for())
    return render_template(
        "campaign/challenge/challenge.html",
        challenge=challenge,
        participations=_participations(challenge),
        workflow=engine_of().latest("campaign.challenge"),
        points_form=points_form,
        outcomes=index.OUTCOMES,
        published=published,
    ), status


@requires("campaign.view")
def challenge(challenge_id: int):
    return _challenge_page(_challenge(challenge_id))


@requires("campaign.manage")
def edit_points(challenge_id: int):
    """The points table changes until the index is published; after that it is the record."""
    challenge = _challenge(challenge_id)
    if challenge.published(utcnow()):
        flash(_("De index is bekendgemaakt; de puntentabel verandert niet meer."), "error")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    form = PointsForm()
    if not form.validate_on_submit():
        return _challenge_page(challenge, form, 400)
    for row in challenge.points:
        row.points = form[row.outcome].data
    db.session.commit()
    flash(_("De puntentabel is opgeslagen."), "success")
    return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)


@requires("campaign.manage")
def invite(challenge_id: int):
    challenge = _challenge(challenge_id)
    if challenge.respond_by < local_today():
        flash(_("De antwoorddatum is voorbij; pas eerst de uitdaging aan."), "error")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    count = invite_council(challenge, current_user)
    db.session.commit()
    if count:
        flash(_("%(n)s raadsleden krijgen hun uitnodiging per mail.", n=count), "success")
    else:
        flash(_("Alle raadsleden die nu in de raad zitten, zijn al uitgenodigd."), "info")
    return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)


def _participation(participation_id: int) -> tuple[Participation, WorkflowInstance]:
    """The participation, if the person may see its workflow (the team, the board and the
    volunteers who call; see the workflow's roles)."""
    participation = db.session.get(Participation, participation_id) or abort(404)
    instance = engine_of().instance_for("campaign.challenge", participation)
    if not engine_of().may_view(instance, current_user):
        abort(404)
    return participation, instance


@requires("campaign.follow_up")
def participation(participation_id: int):
    return _participation_page(participation_id)


def _participation_page(participation_id: int, call_form: CallForm | None = None, status=200):
    participation, instance = _participation(participation_id)
    if call_form is None:
        call_form = CallForm(formdata=None)
        call_form.called_at.data = to_local(utcnow()).replace(second=0, microsecond=0)
    calls = db.session.scalars(
        db.select(FollowUpCall)
        .options(db.joinedload(FollowUpCall.caller))
        .where(FollowUpCall.participation_id == participation.id)
        .order_by(FollowUpCall.called_at.desc())
    ).all()
    reminders = db.session.scalars(
        db.select(Reminder)
        .where(Reminder.participation_id == participation.id)
        .order_by(Reminder.step)
    ).all()
    return render_template(
        "campaign/challenge/participation.html",
        participation=participation,
        challenge=participation.challenge,
        instance=instance,
        panel=build_panel(instance, current_user),
        calls=calls,
        reminders=reminders,
        call_form=call_form,
        may_have_certificate=may_have_certificate,
    ), status


@requires("campaign.call")
def add_call(participation_id: int):
    participation, _instance = _participation(participation_id)
    form = CallForm()
    if not form.validate_on_submit():
        return _participation_page(participation_id, form, 400)
    db.session.add(
        FollowUpCall(
            participation_id=participation.id,
            caller_id=current_user.id,
            called_at=to_utc(form.called_at.data),
            summary=form.summary.data.strip(),
        )
    )
    db.session.commit()
    flash(_("Het gesprek staat op de belijst."), "success")
    return redirect(
        url_for(".participation", participation_id=participation.id) + "#calls", code=303
    )


@requires("campaign.view")
def index_preview(challenge_id: int):
    """The index as it will be published, for the team during the embargo."""
    challenge = _challenge(challenge_id)
    if challenge.invited_on is None:
        flash(_("Er is nog niemand uitgenodigd; de index heeft nog geen uitkomsten."), "info")
        return redirect(url_for(".challenge", challenge_id=challenge.id), code=303)
    members = index.member_results(challenge)
    return render_template(
        "campaign/index/results.html",
        challenge=challenge,
        members=members,
        parties=index.party_results(challenge, members),
        preview=True,
    )


@requires("campaign.view")
def certificate(participation_id: int):
    participation, instance = _participation(participation_id)
    if not may_have_certificate(instance.state):
        abort(404)
    return render_template(
        "campaign/certificate.html",
        participation=participation,
        challenge=participation.challenge,
        text=certificate_text(participation, instance.state == "volbracht"),
        pdf_url=url_for(".certificate_pdf_download", participation_id=participation.id),
    )


@requires("campaign.view")
def certificate_pdf_download(participation_id: int):
    participation, instance = _participation(participation_id)
    if not may_have_certificate(instance.state):
        abort(404)
    return certificate_pdf(participation, instance.state == "volbracht")


ROUTES = [
    ("/challenges/", challenges, ["GET"]),
    ("/challenges/new", new_challenge, ["GET", "POST"]),
    ("/challenges/<int:challenge_id>", challenge, ["GET"]),
    ("/challenges/<int:challenge_id>/edit", edit_challenge, ["GET", "POST"]),
    ("/challenges/<int:challenge_id>/points", edit_points, ["POST"]),
    ("/challenges/<int:challenge_id>/invite", invite, ["POST"]),
    ("/challenges/<int:challenge_id>/index", index_preview, ["GET"]),
    ("/participations/<int:participation_id>", participation, ["GET"]),
    ("/participations/<int:participation_id>/calls", add_call, ["POST"]),
    ("/participations/<int:participation_id>/getuigschrift", certificate, ["GET"]),
    ("/participations/<int:participation_id>/getuigschrift.pdf", certificate_pdf_download, ["GET"]),
]
