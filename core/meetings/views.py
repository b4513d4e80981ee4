"""Meetings and events: list, add, the page of one meeting with its registrations, the
check-in list, the closing report, and a guest's own invitation page."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..access import public, requires, roles_with, user_can
from ..accounts.models import User, UserRole
from ..errors import render_error
from ..extensions import db
from ..forms import choices
from ..input_limits import page_number
from ..locking import lock_row
from ..organisations.models import Organisation
from ..timeutil import local_to_utc, utc_to_local, utcnow
from .forms import ActionForm, GuestForm, MeetingForm, RegisterForm, ReportForm, parse_options
from .models import MEETING_KINDS, Meeting, MeetingOption, MeetingRegistration
from .registrations import (
    RegistrationRefused,
    add_guest,
    answer_invitation,
    attended,
    cancel,
    change_options,
    check_in,
    link_expired,
    own_registration,
    places_left,
    promote_waiting,
    register_user,
    registration_for_token,
)

bp = Blueprint("meetings", __name__, url_prefix="/meetings")
PER_PAGE = 50  # meetings per page of the list, newest first


@bp.route("/")
@requires("meetings.view")
def index():
    query = db.select(Meeting).options(db.joinedload(Meeting.host))
    kind = request.args.get("soort")
    if kind is not None and kind not in MEETING_KINDS:
        return render_error(400, _("Deze soort bijeenkomst bestaat niet."))
    if kind:
        query = query.where(Meeting.kind == kind)
    page = page_number()
    rows = db.session.scalars(
        query.order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    return render_template(
        "core/meetings/index.html",
        meetings=rows[:PER_PAGE],
        kind=kind,
        kind_label=MEETING_KINDS[kind] if kind else None,
        page=page,
        more=len(rows) > PER_PAGE,
    )


def _meeting_form(meeting: Meeting | None = None) -> MeetingForm:
    if meeting is None:
        # Without a choice (an older client, a script) the organiser is whoever adds it.
        form = MeetingForm(organiser_id=current_user.id)
    else:
        # Keywords, not obj=: a form's obj wins over keywords, and these need converting.
        form = MeetingForm(
            title=meeting.title,
            kind=meeting.kind,
            place=meeting.place,
            organiser_id=meeting.organiser_id,
            capacity=meeting.capacity,
            remind_hours_before=meeting.remind_hours_before,
            notes=meeting.notes,
            starts_at=utc_to_local(meeting.starts_at),
            ends_at=utc_to_local(meeting.ends_at) if meeting.ends_at else None,
            host_id=meeting.host_id or 0,
            options=options_text(meeting),
        )
    organisations = db.session.execute(
        db.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    ).all()
    form.host_id.choices = choices([(0, _("Geen"))] + [(o.id, o.name) for o in organisations])
    organisers = db.session.execute(
        db.select(User.id, User.display_name)
        .where(
            User.active,
            User.id.in_(
                db.select(UserRole.user_id).where(UserRole.role.in_(roles_with("meetings.manage")))
            ),
        )
        .order_by(User.display_name)
    ).all()
    people = [(u.id, u.display_name) for u in organisers]
    if meeting is not None and meeting.organiser is not None:
        if meeting.organiser_id not in {i for i, _name in people}:
            # Who organised it before they left the team stays, unless someone else is chosen.
            people.append((meeting.organiser_id, meeting.organiser.display_name))
    form.organiser_id.choices = choices([(0, _("Nog niemand"))] + people)
    if meeting is not None and meeting.organiser_id is None:
        form.organiser_id.data = 0
    return form


@bp.route("/new", methods=["GET", "POST"])
@requires("meetings.manage")
def create():
    form = _meeting_form()
    if form.validate_on_submit():
        meeting = Meeting(
            title=form.title.data,
            starts_at=local_to_utc(form.starts_at.data),
            ends_at=local_to_utc(form.ends_at.data) if form.ends_at.data else None,
            kind=form.kind.data,
            place=form.place.data or None,
            host_id=form.host_id.data or None,
            organiser_id=form.organiser_id.data or None,
            capacity=form.capacity.data,
            remind_hours_before=form.remind_hours_before.data,
            notes=form.notes.data or None,
            options=[
                MeetingOption(name=n, capacity=c) for n, c in parse_options(form.options.data)
            ],
        )
        db.session.add(meeting)
        db.session.commit()
        flash(_("De bijeenkomst is opgeslagen."), "success")
        return redirect(url_for(".show", meeting_id=meeting.id))
    status = 400 if form.is_submitted() else 200
    return render_template("core/meetings/form.html", form=form), status


def options_text(meeting: Meeting) -> str:
    return "\n".join(f"{o.name}: {o.capacity}" if o.capacity else o.name for o in meeting.options)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@requires("meetings.manage")
def edit(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = _meeting_form(meeting)
    if form.validate_on_submit():
        lock_row(Meeting, meeting.id)
        db.session.refresh(meeting)
        moved = (
            meeting.starts_at != local_to_utc(form.starts_at.data)
            or meeting.remind_hours_before != form.remind_hours_before.data
        )
        meeting.title = form.title.data
        meeting.starts_at = local_to_utc(form.starts_at.data)
        meeting.ends_at = local_to_utc(form.ends_at.data) if form.ends_at.data else None
        meeting.kind = form.kind.data
        meeting.place = form.place.data or None
        meeting.host_id = form.host_id.data or None
        meeting.organiser_id = form.organiser_id.data or None
        meeting.capacity = form.capacity.data
        meeting.remind_hours_before = form.remind_hours_before.data
        if moved:  # a reminder of the old time does not remind of the new one
            db.session.execute(
                db.update(MeetingRegistration)
                .where(MeetingRegistration.meeting_id == meeting.id)
                .values(reminded_at=None)
            )
        meeting.notes = form.notes.data or None
        try:
            change_options(meeting, parse_options(form.options.data))
        except RegistrationRefused as refused:
            db.session.rollback()
            form.options.errors = [refused.message]
            return render_template("core/meetings/form.html", form=form, meeting=meeting), 400
        db.session.flush()
        # More places (or a limit gone) go to the waiting list at once.
        _told(promote_waiting(meeting))
        db.session.commit()
        flash(_("De bijeenkomst is opgeslagen."), "success")
        return redirect(url_for(".show", meeting_id=meeting.id))
    status = 400 if form.is_submitted() else 200
    return render_template("core/meetings/form.html", form=form, meeting=meeting), status


def _option_choices(meeting: Meeting, label_free: bool = True) -> list:
    """The meeting's options, each with its places left, for a select."""
    rows = []
    for option in meeting.options:
        left = places_left(meeting, option)
        if left is None or not label_free:
            rows.append((option.id, option.name))
        elif left:
            rows.append((option.id, _("%(name)s (nog %(left)s vrij)", name=option.name, left=left)))
        else:
            rows.append((option.id, _("%(name)s (vol: wachtlijst)", name=option.name)))
    return choices(rows)


def _registrations(meeting: Meeting) -> list[MeetingRegistration]:
    return db.session.scalars(
        db.select(MeetingRegistration)
        .options(db.joinedload(MeetingRegistration.user), db.joinedload(MeetingRegistration.option))
        .where(MeetingRegistration.meeting_id == meeting.id)
        .order_by(MeetingRegistration.requested_at, MeetingRegistration.id)
    ).all()


def _show(meeting: Meeting, register_form=None, guest_form=None, status: int = 200):
    register_form = register_form or RegisterForm(formdata=None)
    register_form.option_id.choices = _option_choices(meeting)
    manage = user_can(current_user, "meetings.manage")
    if manage:
        guest_form = guest_form or GuestForm(formdata=None)
        guest_form.option_id.choices = _option_choices(meeting)
    return render_template(
        "core/meetings/show.html",
        meeting=meeting,
        mine=own_registration(meeting, current_user),
        registrations=_registrations(meeting) if manage else [],
        places_left=places_left(meeting),
        register_form=register_form,
        guest_form=guest_form,
        action_form=ActionForm(formdata=None),
        manage=manage,
        now=utcnow(),
    ), status


@bp.route("/<int:meeting_id>")
@requires("meetings.view")
def show(meeting_id: int):
    return _show(db.get_or_404(Meeting, meeting_id))


def _told(promoted: list[MeetingRegistration]) -> None:
    for registration in promoted:
        flash(_("%(name)s is van de wachtlijst aangemeld.", name=registration.name), "success")


@bp.route("/<int:meeting_id>/register", methods=["POST"])
@requires("meetings.view")
def register(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = RegisterForm()
    form.option_id.choices = _option_choices(meeting)
    if not form.validate_on_submit():
        return _show(meeting, register_form=form, status=400)
    if meeting.starts_at <= utcnow():
        flash(_("Deze bijeenkomst is al begonnen. Aanmelden kan niet meer."), "error")
        return _show(meeting, register_form=form, status=400)
    try:
        registration = register_user(meeting, current_user, form.option_id.data)
    except RegistrationRefused as refused:
        db.session.rollback()
        # Also a message above the page: who is registered already sees no form.
        flash(refused.message, "error")
        form.option_id.errors = [refused.message]
        return _show(meeting, register_form=form, status=400)
    db.session.commit()
    if registration.status == "waiting":
        flash(_("Het is vol. U staat op de wachtlijst; komt er plaats, dan hoort u het."), "info")
    else:
        flash(_("U bent aangemeld."), "success")
    return redirect(url_for(".show", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/cancel", methods=["POST"])
@requires("meetings.view")
def cancel_own(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    registration = own_registration(meeting, current_user)
    if registration is None or registration.status not in ("registered", "waiting"):
        flash(_("U was niet aangemeld."), "error")
        return redirect(url_for(".show", meeting_id=meeting.id))
    if meeting.starts_at <= utcnow():
        flash(_("De bijeenkomst is al begonnen; afmelden kan niet meer."), "error")
        return redirect(url_for(".show", meeting_id=meeting.id))
    cancel(registration)
    db.session.commit()
    flash(_("U bent afgemeld."), "success")
    return redirect(url_for(".show", meeting_id=meeting.id))


def _registration_of(meeting_id: int, registration_id: int) -> MeetingRegistration:
    registration = db.get_or_404(MeetingRegistration, registration_id)
    if registration.meeting_id != meeting_id:
        abort(404)
    return registration


@bp.route("/<int:meeting_id>/guests", methods=["POST"])
@requires("meetings.manage")
def guests(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = GuestForm()
    form.option_id.choices = _option_choices(meeting)
    if not form.validate_on_submit():
        return _show(meeting, guest_form=form, status=400)
    try:
        registration = add_guest(
            meeting,
            form.guest_name.data.strip(),
            form.guest_email.data.strip(),
            form.option_id.data,
            invite=form.invite.data,
        )
    except RegistrationRefused as refused:
        db.session.rollback()
        form.guest_email.errors = [refused.message]
        return _show(meeting, guest_form=form, status=400)
    db.session.commit()
    flash(
        _("%(name)s: %(status)s.", name=registration.name, status=registration.status_label),
        "success",
    )
    return redirect(url_for(".show", meeting_id=meeting.id))


@bp.route("/<int:meeting_id>/registrations/<int:registration_id>/cancel", methods=["POST"])
@requires("meetings.manage")
def cancel_registration(meeting_id: int, registration_id: int):
    registration = _registration_of(meeting_id, registration_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if registration.status in ("registered", "waiting", "invited"):
        _told(cancel(registration))
        db.session.commit()
        flash(_("%(name)s is afgemeld.", name=registration.name), "success")
    return redirect(url_for(".show", meeting_id=meeting_id))


@bp.route("/<int:meeting_id>/checkin")
@requires("meetings.manage")
def checkin(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    present = db.session.scalars(
        db.select(MeetingRegistration)
        .options(db.joinedload(MeetingRegistration.user), db.joinedload(MeetingRegistration.option))
        .where(
            MeetingRegistration.meeting_id == meeting.id,
            MeetingRegistration.status.in_(("registered", "attended")),
        )
        .order_by(MeetingRegistration.requested_at, MeetingRegistration.id)
    ).all()
    return render_template(
        "core/meetings/checkin.html",
        meeting=meeting,
        registrations=present,
        attended=attended(meeting),
        action_form=ActionForm(formdata=None),
    )


@bp.route("/<int:meeting_id>/registrations/<int:registration_id>/attend", methods=["POST"])
@requires("meetings.manage")
def attend(meeting_id: int, registration_id: int):
    registration = _registration_of(meeting_id, registration_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        check_in(registration, present=request.form.get("present") == "1")
    except RegistrationRefused as refused:
        flash(refused.message, "error")
        return redirect(url_for(".checkin", meeting_id=meeting_id))
    db.session.commit()
    return redirect(url_for(".checkin", meeting_id=meeting_id) + f"#r{registration.id}")


@bp.route("/<int:meeting_id>/report", methods=["GET", "POST"])
@requires("meetings.manage")
def report(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = ReportForm(obj=meeting)
    if form.validate_on_submit():
        meeting.contributions = form.contributions.data
        meeting.follow_ups = form.follow_ups.data or None
        meeting.reported_at = utcnow()
        db.session.commit()
        flash(_("Het verslag is opgeslagen."), "success")
        return redirect(url_for(".show", meeting_id=meeting.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "core/meetings/report.html", meeting=meeting, form=form, attended=attended(meeting)
    ), status


# --------------------------------------------------------------------------- guests' links


def _guest_registration(token: str) -> MeetingRegistration:
    """The registration a guest's link names, or a 404; a 410 page once the meeting began."""
    registration = registration_for_token(token)
    if registration is None:
        abort(404)
    if link_expired(registration.meeting, utcnow()):
        body, status = render_error(
            410, _("Deze link werkt niet meer: de bijeenkomst is al begonnen.")
        )
        abort(make_response(body, status))
    return registration


@bp.route("/guest/<token>", methods=["GET", "POST"])
@public  # a guest has no account; the signed link names their own registration only
def guest(token: str):
    registration = _guest_registration(token)
    form = ActionForm()
    if form.validate_on_submit():
        answer = request.form.get("answer")
        if answer not in ("yes", "no"):
            abort(400)
        answer_invitation(registration, coming=answer == "yes")
        db.session.commit()
        flash(_("Dank u wel. Uw antwoord is opgeslagen."), "success")
        return redirect(url_for(".guest", token=token))
    return render_template(
        "core/meetings/guest.html",
        registration=registration,
        meeting=registration.meeting,
        form=form,
    ), 400 if form.is_submitted() else 200
