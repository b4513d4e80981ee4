"""The log of who looked at or changed a job seeker's file, in words: the last few on the
file, the whole log on its own page, paged and filtered, and as CSV for the team."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from core.api import User, csv_response, db, engine_of, int_arg, page_number, requires

from ..access import holds, job_seeker_or_404, may_see_access_log
from .models import ROUTE, AccessLogEntry

KINDS = {"view": _l("bekeken"), "change": _l("gewijzigd"), "export": _l("gedownload")}
ON_FILE = 5  # the file shows the last few; the log page the rest
PER_PAGE = 50


def describe(entry: AccessLogEntry, steps: dict[str, str]) -> str:
    """What happened, in words: "bekeek het dossier", "stap: Naar assessment"."""
    # Details are joined to the translated words, never formatted into them.
    detail = entry.detail
    if entry.action == "export":
        return _("downloadde alle gegevens")
    if entry.action == "view":
        if not detail:
            return _("bekeek het dossier")
        verb = _("bekeek")
    elif detail in steps:
        verb, detail = _("stap"), steps[detail]
    elif not detail:
        return _("wijzigde het dossier")
    else:
        verb = _("wijzigde")
    return f"{verb}: {detail}"


def step_labels() -> dict[str, str]:
    """The route's steps by trigger, as the log stores them."""
    return {t.trigger: str(t.label) for t in engine_of().latest(ROUTE).transitions}


@dataclass(frozen=True)
class LogLine:
    at: object
    who: str
    what: str


def lines(entries: list[AccessLogEntry]) -> list[LogLine]:
    steps = step_labels()
    return [
        LogLine(e.at, e.user.display_name if e.user else _("onbekend"), describe(e, steps))
        for e in entries
    ]


def _select(job_seeker_id: int, user_id: int | None, kind: str | None):
    query = db.select(AccessLogEntry).where(AccessLogEntry.job_seeker_id == job_seeker_id)
    if user_id:
        query = query.where(AccessLogEntry.user_id == user_id)
    if kind:
        query = query.where(AccessLogEntry.action == kind)
    return query


def latest(job_seeker_id: int) -> tuple[list[LogLine], int]:
    """The last few entries in words, and how many there are in all."""
    entries = db.session.scalars(
        _select(job_seeker_id, None, None)
        .options(db.joinedload(AccessLogEntry.user))
        .order_by(AccessLogEntry.id.desc())
        .limit(ON_FILE)
    ).all()
    total = db.session.scalar(
        db.select(db.func.count(AccessLogEntry.id)).where(
            AccessLogEntry.job_seeker_id == job_seeker_id
        )
    )
    return lines(entries), total


def _filters():
    kind = request.args.get("kind", "")
    return int_arg("person") or None, kind if kind in KINDS else None


def _people_in_log(job_seeker_id: int) -> list[User]:
    ids = db.select(AccessLogEntry.user_id).where(AccessLogEntry.job_seeker_id == job_seeker_id)
    return db.session.scalars(
        db.select(User).where(User.id.in_(ids)).order_by(User.display_name)
    ).all()


def _person_or_403(job_seeker_id: int):
    person = job_seeker_or_404(current_user, job_seeker_id)
    if not may_see_access_log(current_user, person):
        abort(403, description=_("Het log is er voor het team en de coach van deze persoon."))
    return person


@requires("passendwerk.view")
def access_log(job_seeker_id: int):
    person = _person_or_403(job_seeker_id)
    user_id, kind = _filters()
    page = page_number()
    query = _select(person.id, user_id, kind)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    entries = db.session.scalars(
        query.options(db.joinedload(AccessLogEntry.user))
        .order_by(AccessLogEntry.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    return render_template(
        "passendwerk/access_log.html",
        person=person,
        lines=lines(entries),
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        people=_people_in_log(person.id),
        kinds=KINDS,
        user_id=user_id,
        kind=kind,
        csv=holds(current_user, "passendwerk.all"),
    )


@requires("passendwerk.view")
def access_log_csv(job_seeker_id: int):
    """The whole (filtered) log, for the team: a privacy officer's answer to "who saw me"."""
    person = _person_or_403(job_seeker_id)
    if not holds(current_user, "passendwerk.all"):
        abort(403, description=_("Het log als bestand is er voor het team."))
    user_id, kind = _filters()
    entries = db.session.scalars(
        _select(person.id, user_id, kind)
        .options(db.joinedload(AccessLogEntry.user))
        .order_by(AccessLogEntry.id)
    ).all()
    return csv_response(
        f"inzagelog-{person.id}.csv",
        [_("Wanneer"), _("Wie"), _("Wat")],
        (
            [format_datetime(line.at, "yyyy-MM-dd HH:mm"), line.who, line.what]
            for line in lines(entries)
        ),
    )
