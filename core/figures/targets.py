"""The programme's targets: what counts towards each goal of the plan, on any date.

The core counts what it owns (informal partners, meetings, meetings with knowledge
sources); enabled plugins add theirs through `warmrotterdam_programme_targets` (the experts
by experience who took part, say). Each target counts a list of dates in one query, so the
dashboard costs one query per target and the trend over eight quarter-ends costs no more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func

from ..extensions import db
from ..meetings.models import Meeting
from ..organisations.kinds import INFORMAL_KINDS
from ..organisations.models import Organisation
from ..plugin_host import plugin_host
from ..timeutil import local_midnight_utc
from ..ui import plain_text

log = logging.getLogger(__name__)

# How many quarter-ends the trend on /cijfers shows.
TREND_QUARTERS = 8
# The longest key and label a published figure keeps (core/figures/models.py).
KEY_LENGTH, LABEL_LENGTH = 80, 200


@dataclass(frozen=True)
class ProgrammeTarget:
    """A goal of the programme plan and how to count towards it ("200 experts by experience").

    `counts(dates)` returns the value on each of `dates` (a list of `date`, in any order), in
    the same order, computed in one query. `url` is the list behind the figure (or None);
    `order` sorts the targets (the core uses 20, 40 and 50). `key` is stable: published
    quarter figures are kept under it; a plugin's keys start with its name.
    """

    key: str
    label: str
    goal: int
    counts: Callable[[list[date]], list[int]] = field(compare=False)
    url: str | None = None
    order: int = 60

    def __post_init__(self) -> None:
        # Text at the boundary, like every label handed to the shell (core/ui.py).
        object.__setattr__(self, "label", plain_text(self.label))
        if self.url is not None:
            object.__setattr__(self, "url", plain_text(self.url))

    def values_on(self, dates: list[date]) -> list[int]:
        values = [int(v or 0) for v in self.counts(list(dates))]
        if len(values) != len(dates):
            raise ValueError(
                f"Programme target {self.key!r} counted {len(values)} values for {len(dates)} dates"
            )
        return values


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def end(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        return _("K%(number)s %(year)s", number=self.number, year=self.year)

    @property
    def long_label(self) -> str:
        return _("kwartaal %(number)s van %(year)s", number=self.number, year=self.year)

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number}"


def completed_quarters(today: date, count: int = TREND_QUARTERS) -> list[Quarter]:
    """The last `count` quarters that ended before `today`, oldest first."""
    year, number = today.year, (today.month - 1) // 3  # the quarter before today's
    quarters = []
    while len(quarters) < count:
        if number == 0:
            year, number = year - 1, 4
        quarters.append(Quarter(year, number))
        number -= 1
    return quarters[::-1]


def end_of_day_utc(day: date):
    """The moment `day` ends in Rotterdam (exclusive), as naive UTC like stored moments."""
    return local_midnight_utc(day + timedelta(days=1))


def _count_on(dates: list[date], condition: Callable[[date], object], where=()) -> list[int]:
    """COUNT(CASE WHEN condition(day) THEN 1 END) for every day, in one SELECT."""
    if not dates:
        return []
    columns = [func.count(case((condition(day), 1))) for day in dates]
    return list(db.session.execute(db.select(*columns).where(*where)).one())


def count_informal_partners(dates: list[date]) -> list[int]:
    """Organisations of the informal kinds (networks, churches, social enterprises) that were
    in the platform by the end of each day."""
    return _count_on(
        dates,
        lambda day: Organisation.created_at < end_of_day_utc(day),
        (Organisation.kind.in_(INFORMAL_KINDS),),
    )


def _meetings_in_year_up_to(dates: list[date], *where) -> list[int]:
    """Meetings of each day's year held (begun) by the end of that day, Rotterdam's year: a
    meeting at 00:30 on 1 January is the new year's."""
    if not dates:
        return []

    def held(day: date):
        return and_(
            Meeting.starts_at >= local_midnight_utc(date(day.year, 1, 1)),
            Meeting.starts_at < end_of_day_utc(day),
        )

    earliest = local_midnight_utc(date(min(dates).year, 1, 1))
    latest = end_of_day_utc(max(dates))
    return _count_on(
        dates, held, (Meeting.starts_at >= earliest, Meeting.starts_at < latest, *where)
    )


def count_meetings(dates: list[date]) -> list[int]:
    return _meetings_in_year_up_to(dates)


def count_knowledge_meetings(dates: list[date]) -> list[int]:
    return _meetings_in_year_up_to(dates, Meeting.kind == "knowledge_source")


def core_targets() -> list[ProgrammeTarget]:
    """The targets whose figures the core keeps. Partner organisations with an agreement and
    experts by experience come from the plugin that keeps those records."""
    meetings = url_for("meetings.index")
    return [
        ProgrammeTarget(
            "informal_partners",
            _l("Informele partners, sociale ondernemingen en netwerken"),
            150,
            count_informal_partners,
            url_for("organisations.index", soort="informeel"),
            20,
        ),
        ProgrammeTarget("meetings", _l("Bijeenkomsten dit jaar"), 20, count_meetings, meetings, 40),
        ProgrammeTarget(
            "knowledge_meetings",
            _l("Bijeenkomsten met kennisbronnen dit jaar"),
            15,
            count_knowledge_meetings,
            url_for("meetings.index", soort="knowledge_source"),
            50,
        ),
    ]


def programme_targets() -> list[ProgrammeTarget]:
    """The core's targets and those of enabled plugins, in their order; a key given twice (or
    too long to publish) is left out, with an error in the log naming it."""
    seen: dict[str, ProgrammeTarget] = {}
    for target in core_targets() + plugin_host().call("warmrotterdam_programme_targets"):
        if target.key in seen:
            log.error("Programme target %r is declared twice; the second is left out", target.key)
            continue
        if len(target.key) > KEY_LENGTH:
            log.error("Programme target key %r is longer than %d; left out", target.key, KEY_LENGTH)
            continue
        seen[target.key] = target
    return sorted(seen.values(), key=lambda t: (t.order, t.key))
