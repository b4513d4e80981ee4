"""Reading the security log: the filter from the query string, and one query for the rows.

Rows come with the names of who acted and whom it concerned, joined in the same query;
User objects are not loaded (each would load its roles as well).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import to_utc
from sqlalchemy import or_
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..extensions import db
from ..models import SecurityEvent
from ..security_log import EVENT_KINDS

PAGE_SIZE = 50
# Far beyond any real log, small enough for every database's OFFSET.
LAST_PAGE = 100_000


@dataclass
class LogFilter:
    person: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1
    problems: list[str] = field(default_factory=list)

    def args(self) -> dict[str, str]:
        """The filter as query arguments, for the pager and the CSV link."""
        values = {
            "person": self.person,
            "kind": self.kind,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        return {k: v for k, v in values.items() if v}


def known_kinds() -> list[str]:
    """The kinds with a name, and any other kind that was ever recorded."""
    recorded = db.session.scalars(db.select(SecurityEvent.kind).distinct()).all()
    return list(EVENT_KINDS) + sorted(set(recorded) - set(EVENT_KINDS))


def read_filter(args, kinds: list[str]) -> LogFilter:
    """A bad value is left out with a message saying so; the rest of the filter still applies."""
    chosen = LogFilter(person=args.get("person", "").strip()[:100])
    kind = args.get("kind", "")
    if kind in kinds:
        chosen.kind = kind
    elif kind:
        chosen.problems.append(_("Onbekende soort gebeurtenis; alle soorten worden getoond."))
    chosen.since = _date(args.get("since", ""), _("De datum 'vanaf'"), chosen.problems)
    chosen.until = _date(args.get("until", ""), _("De datum 'tot en met'"), chosen.problems)
    if chosen.since and chosen.until and chosen.since > chosen.until:
        chosen.problems.append(
            _("De datum 'vanaf' ligt na de datum 'tot en met'; beide zijn niet gebruikt.")
        )
        chosen.since = chosen.until = None
    chosen.page = min(max(1, args.get("page", 1, type=int)), LAST_PAGE)
    return chosen


def _date(value: str, name: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(_("%(name)s is geen geldige datum en is niet gebruikt.", name=name))
        return None


def _start_of(day: date) -> datetime:
    """Midnight of `day` where the people are (the Babel time zone), in stored UTC."""
    return to_utc(datetime.combine(day, time.min))


def events_query(chosen: LogFilter):
    """(event, actor name, subject name) rows, newest first."""
    actor, subject = aliased(User), aliased(User)
    query = (
        db.select(SecurityEvent, actor.display_name, subject.display_name)
        .outerjoin(actor, SecurityEvent.actor_id == actor.id)
        .outerjoin(subject, SecurityEvent.subject_user_id == subject.id)
        .order_by(SecurityEvent.id.desc())
    )
    if chosen.person:
        query = query.where(
            or_(
                *(
                    column.icontains(chosen.person, autoescape=True)
                    for who in (actor, subject)
                    for column in (who.display_name, who.email)
                )
            )
        )
    if chosen.kind:
        query = query.where(SecurityEvent.kind == chosen.kind)
    if chosen.since:
        query = query.where(SecurityEvent.at >= _start_of(chosen.since))
    if chosen.until:
        query = query.where(SecurityEvent.at < _start_of(chosen.until + timedelta(days=1)))
    return query


def page_of_events(chosen: LogFilter) -> tuple[list, bool]:
    """One page of rows, and whether there is a next page (one row more is asked for that)."""
    rows = db.session.execute(
        events_query(chosen).offset((chosen.page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
