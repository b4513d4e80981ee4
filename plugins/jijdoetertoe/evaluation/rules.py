"""Domain rules of the evaluation: the period, the counted figures, who reads it, and the guard
on the subproject's step 'Terugkijken'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func

from core.api import (
    Meeting,
    db,
    engine_of,
    local_midnight_utc,
    notify,
    plugin_host,
    user_can,
    utcnow,
)

from ..bodies.models import BodyMeeting
from ..bodies.rules import is_member, member_accounts
from ..experts.models import Involvement
from ..subprojects.models import SubprojectIdea
from ..subprojects.rules import WORKFLOW as SUBPROJECT_WORKFLOW
from .models import WHOLE_YEAR, Evaluation

TEAM = "jijdoetertoe.team"
# A subproject is evaluated once it has started, and may be looked at again afterwards.
EVALUATED_STATES = ("gestart", "geevalueerd")


def period(year: int, quarter: int = WHOLE_YEAR) -> tuple[date, date]:
    """The first day of the period and the first day after it."""
    if quarter == WHOLE_YEAR:
        return date(year, 1, 1), date(year + 1, 1, 1)
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def period_label(evaluation: Evaluation) -> str:
    if evaluation.quarter == WHOLE_YEAR:
        return str(evaluation.year)
    return _("kwartaal %(quarter)d van %(year)d", quarter=evaluation.quarter, year=evaluation.year)


def subproject_names(idea: SubprojectIdea) -> set[str]:
    """The names under which the team logs an expert's involvement for this subproject: the
    idea's title, its working group's subproject and the title of the plugin carrying it."""
    names = {idea.title}
    if idea.working_group is not None and idea.working_group.subproject:
        names.add(idea.working_group.subproject)
    plugin = plugin_host().plugins.get(idea.plugin_name or "")
    if plugin is not None:
        names.add(str(plugin.title))
    return names


@dataclass(frozen=True)
class Input:
    """Counted from the experts' involvement log: what experts put in."""

    minutes: int
    experts: int
    entries: int
    allowance_cents: int


def counted_input(idea: SubprojectIdea, year: int, quarter: int = WHOLE_YEAR) -> Input:
    """The experts' hours for this subproject in the period, in one query."""
    start, end = period(year, quarter)
    row = db.session.execute(
        db.select(
            func.coalesce(func.sum(Involvement.minutes), 0),
            func.count(func.distinct(Involvement.expert_id)),
            func.count(Involvement.id),
            func.coalesce(func.sum(Involvement.allowance_cents), 0),
        ).where(
            Involvement.subproject.in_(subproject_names(idea)),
            Involvement.done_on >= start,
            Involvement.done_on < end,
        )
    ).one()
    return Input(int(row[0]), int(row[1]), int(row[2]), int(row[3]))


def counted_meetings(idea: SubprojectIdea, year: int, quarter: int = WHOLE_YEAR) -> int:
    """The working group's meetings held in the period (not those still to come), one query."""
    if idea.working_group_id is None:
        return 0
    start, end = period(year, quarter)
    until = min(local_midnight_utc(end), utcnow())
    return db.session.scalar(
        db.select(func.count(BodyMeeting.id))
        .join(Meeting, Meeting.id == BodyMeeting.meeting_id)
        .where(
            BodyMeeting.body_id == idea.working_group_id,
            Meeting.starts_at >= local_midnight_utc(start),
            Meeting.starts_at < until,
        )
    )


def state_of(idea: SubprojectIdea) -> str | None:
    instance = engine_of().instance_for(SUBPROJECT_WORKFLOW, idea)
    return instance.state if instance else None


def may_be_evaluated(idea: SubprojectIdea) -> bool:
    return state_of(idea) in EVALUATED_STATES


def may_read(evaluation: Evaluation, user) -> bool:
    """The team; and the current members of the committee that judges it."""
    if user_can(user, TEAM):
        return True
    return evaluation.committee is not None and is_member(evaluation.committee, user)


def evaluations_of(idea: SubprojectIdea) -> list[Evaluation]:
    return list(
        db.session.scalars(
            db.select(Evaluation)
            .where(Evaluation.idea_id == idea.id)
            .order_by(Evaluation.year.desc(), Evaluation.quarter.desc())
        )
    )


def evaluations_for_committee(body) -> list[Evaluation]:
    """What a committee's members read on their body's page."""
    return list(
        db.session.scalars(
            db.select(Evaluation)
            .where(Evaluation.committee_id == body.id)
            .order_by(Evaluation.year.desc(), Evaluation.quarter.desc(), Evaluation.id.desc())
        )
    )


def evaluation_with_verdict(instance, actor) -> str | None:
    """Guard of 'Terugkijken': there is an evaluation with the advisory committee's verdict."""
    found = db.session.scalar(
        db.select(Evaluation.id)
        .where(
            Evaluation.idea_id == instance.subject_id,
            Evaluation.verdict.is_not(None),
            Evaluation.verdict_on.is_not(None),
        )
        .limit(1)
    )
    if found is None:
        return _("Leg eerst een evaluatie vast met het oordeel van de adviescommissie.")
    return None


def tell_committee(evaluation: Evaluation, actor) -> None:
    """The judging committee's current members hear that an evaluation waits for their verdict.
    The message names no subproject (it may go out by mail); the link shows it all."""
    if evaluation.committee is None:
        return
    people = [
        p for p in member_accounts(evaluation.committee) if p.id != getattr(actor, "id", None)
    ]
    notify(
        people,
        "events",
        lambda: _(
            "Er staat een evaluatie van een deelproject klaar voor het oordeel van uw "
            "adviescommissie."
        ),
        url_for("jijdoetertoe.evaluation", evaluation_id=evaluation.id),
    )
