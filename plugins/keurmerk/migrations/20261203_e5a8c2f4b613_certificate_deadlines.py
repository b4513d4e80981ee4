"""give certificates held before this release the terms the scheme has

Before, a certificate in surveillance (*toetsing*) or suspension (*geschorst*) had no term of
its own, so it never expired, and a suspension could last for ever. The declaration now gives
every state that holds a certificate its last day as term, and a suspension at most half a
year. This moves the deadline of each such certification to that term with a history row, as
the engine's own deadline change writes it, so `workflows tick` ends them in time and
`workflows verify` finds nothing past the engine.

Revision ID: e5a8c2f4b613
Revises: d7f3b1c8e902
Create Date: 2026-12-03 13:40:00

"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "e5a8c2f4b613"
down_revision = "d7f3b1c8e902"
branch_labels = None
depends_on = None

# As plugins/keurmerk/terms.py has them at this revision.
HALF_YEAR = timedelta(days=183)
ROTTERDAM = ZoneInfo("Europe/Amsterdam")
HOLDING = ("gecertificeerd", "toetsing", "toetsing_besluit", "geschorst")

_instance = sa.table(
    "workflow_instance",
    sa.column("id", sa.Integer),
    sa.column("workflow_key", sa.String),
    sa.column("subject_id", sa.Integer),
    sa.column("state", sa.String),
    sa.column("version", sa.Integer),
    sa.column("entered_state_at", sa.DateTime),
    sa.column("deadline_at", sa.DateTime),
)
_history = sa.table(
    "workflow_history",
    sa.column("instance_id", sa.Integer),
    sa.column("at", sa.DateTime),
    sa.column("actor_id", sa.Integer),
    sa.column("trigger", sa.String),
    sa.column("from_state", sa.String),
    sa.column("to_state", sa.String),
    sa.column("data", sa.JSON),
)
_certification = sa.table(
    "keurmerk_certification",
    sa.column("id", sa.Integer),
    sa.column("valid_until", sa.Date),
)


def _midnight(day) -> datetime:
    """When `day` begins in Rotterdam, as naive UTC."""
    return datetime.combine(day, time(), tzinfo=ROTTERDAM).astimezone(UTC).replace(tzinfo=None)


def term(state: str, valid_until, suspended_since: datetime) -> datetime:
    """The deadline the declaration gives now: the day after the last valid day, and for a
    suspension the start of the day half a year after the Rotterdam day it began, if that
    comes first."""
    end = _midnight(valid_until + timedelta(days=1))
    if state == "geschorst":
        began = suspended_since.replace(tzinfo=UTC).astimezone(ROTTERDAM).date()
        return min(_midnight(began + HALF_YEAR), end)
    return end


def reschedule(connection, now: datetime) -> int:
    """Move every held certificate's deadline to its term; returns how many moved."""
    rows = connection.execute(
        sa.select(
            _instance.c.id,
            _instance.c.state,
            _instance.c.deadline_at,
            _instance.c.entered_state_at,
            _certification.c.valid_until,
        )
        .join(_certification, _certification.c.id == _instance.c.subject_id)
        .where(
            _instance.c.workflow_key == "keurmerk.certification",
            _instance.c.state.in_(HOLDING),
            _certification.c.valid_until.is_not(None),
        )
    ).all()
    moved = 0
    for row in rows:
        # A suspension began when the certification entered that state.
        deadline = term(row.state, row.valid_until, row.entered_state_at)
        if row.deadline_at == deadline:
            continue
        connection.execute(
            _instance.update()
            .where(_instance.c.id == row.id)
            .values(deadline_at=deadline, version=_instance.c.version + 1)
        )
        connection.execute(
            _history.insert().values(
                instance_id=row.id,
                at=now,
                actor_id=None,
                trigger="@deadline",
                from_state=row.state,
                to_state=row.state,
                data={"deadline": deadline.isoformat(), "rescheduled": True},
            )
        )
        moved += 1
    return moved


def upgrade():
    reschedule(op.get_bind(), datetime.now(UTC).replace(tzinfo=None))


def downgrade():
    pass  # the history rows say what was moved; moving it back would end nothing in time
