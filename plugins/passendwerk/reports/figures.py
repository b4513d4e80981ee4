"""Anonymous figures: the funnel, placements, time to placement, causes, overdue feedback.

Everything here counts; nothing names a person. Erased files still count (their states,
dates and causes are kept for this).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median

from flask import current_app
from flask_babel import lazy_gettext as _l

from core.api import (
    Organisation,
    Target,
    WorkflowHistory,
    WorkflowInstance,
    db,
    engine_of,
    local_today,
)

from ..catalogue.models import EndingCause
from ..events.models import MeetAndGreet
from ..introductions.induction import feedback_due
from ..lifecoaches.models import trained_lifecoaches
from ..route.models import ROUTE, JobSeeker
from ..vacancies.models import Vacancy


@dataclass
class Figures:
    funnel: list[tuple[str, str, int]]  # (state, label, count)
    placements_this_year: int
    lasting: int
    median_days_to_placement: int | None  # whole days: "96 dagen", not "96.0"
    causes: list[tuple[str, int]]
    overdue_feedback: int
    targets: list[Target]


def figures(today: date | None = None) -> Figures:
    today = today or local_today()
    workflow = engine_of().latest(ROUTE)
    per_state = dict(
        db.session.execute(
            db.select(WorkflowInstance.state, db.func.count())
            .where(WorkflowInstance.workflow_key == ROUTE)
            .group_by(WorkflowInstance.state)
        ).all()
    )
    placed = db.session.execute(
        db.select(
            WorkflowHistory.instance_id,
            db.func.min(WorkflowHistory.at),
            WorkflowInstance.created_at,
        )
        .join(WorkflowInstance, WorkflowInstance.id == WorkflowHistory.instance_id)
        .where(WorkflowInstance.workflow_key == ROUTE, WorkflowHistory.trigger == "placed")
        .group_by(WorkflowHistory.instance_id, WorkflowInstance.created_at)
    ).all()
    causes = Counter(
        (data or {}).get("cause_id")
        for data in db.session.scalars(
            db.select(WorkflowHistory.data)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowHistory.instance_id)
            .where(WorkflowInstance.workflow_key == ROUTE, WorkflowHistory.trigger == "end_route")
        )
    )
    names = dict(db.session.execute(db.select(EndingCause.id, EndingCause.name)).all())
    year_start = date(today.year, 1, 1)
    employers = db.select(db.func.count(db.func.distinct(Vacancy.organisation_id)))
    partners = db.select(db.func.count(db.func.distinct(JobSeeker.referring_organisation_id))).join(
        Organisation, Organisation.id == JobSeeker.referring_organisation_id
    )
    events = db.select(db.func.count(MeetAndGreet.id)).where(
        MeetAndGreet.starts_at >= year_start,
        MeetAndGreet.starts_at < date(today.year + 1, 1, 1),
    )
    # One round trip for the four counts.
    employers, partners, events, lifecoaches = db.session.execute(
        db.select(
            *(q.scalar_subquery() for q in (employers, partners, events, trained_lifecoaches()))
        )
    ).one()
    return Figures(
        funnel=[(s.name, str(s.label), per_state.get(s.name, 0)) for s in workflow.states],
        placements_this_year=sum(1 for _i, at, _c in placed if at.date() >= year_start),
        lasting=per_state.get("duurzaam", 0),
        median_days_to_placement=round(median((at - created).days for _i, at, created in placed))
        if placed
        else None,
        causes=sorted(
            ((names.get(cause_id, str(_l("Onbekend"))), n) for cause_id, n in causes.items()),
            key=lambda pair: (-pair[1], pair[0]),
        ),
        overdue_feedback=sum(1 for d in feedback_due() if d.overdue),
        targets=[
            Target(_l("Werkgevers met vacatures"), employers, 5),
            Target(_l("Partners die mensen aanmelden"), partners, 8),
            Target(_l("Meet & Greets dit jaar"), events, 4),
            Target(
                _l("Getrainde lifecoaches"),
                lifecoaches,
                current_app.config["PASSENDWERK_LIFECOACHES_GOAL"],
            ),
        ],
    )


def csv_rows(f: Figures) -> list[list]:
    """The same figures as rows (section, item, number) for a spreadsheet."""
    rows = [["onderdeel", "wat", "aantal"]]
    rows += [["stap", label, n] for _state, label, n in f.funnel]
    rows.append(["plaatsingen", "dit jaar", f.placements_this_year])
    rows.append(["plaatsingen", "duurzaam aan het werk", f.lasting])
    rows.append(
        [
            "plaatsingen",
            "mediaan dagen van aanmelding tot plaatsing",
            "" if f.median_days_to_placement is None else f.median_days_to_placement,
        ]
    )
    rows += [["oorzaak van afbreken", name, n] for name, n in f.causes]
    rows.append(["feedback", "gesprekken te laat", f.overdue_feedback])
    rows += [["doel", str(t.label), f"{t.value} van {t.goal}"] for t in f.targets]
    return rows
