"""The engine's SQL: lock an instance, and change it together with its history row.

The hot path uses prebuilt statements instead of the ORM's unit of work, which costs more
than the database round trips (on PostgreSQL the change and its history row are a single
statement); the loaded object is kept in step by hand. Only the engine calls this module, so
no change to an instance can skip its history row.
"""

from __future__ import annotations

from functools import lru_cache

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from ..extensions import db
from ..timeutil import utcnow
from .errors import NotAllowed
from .models import WorkflowHistory, WorkflowInstance

# Built once: constructing them per call costs more than the database round trip.
_instances = WorkflowInstance.__table__
_LOCK = (
    select(WorkflowInstance)
    .where(WorkflowInstance.id == bindparam("instance_id"))
    .with_for_update()
    .execution_options(populate_existing=True)  # re-read even if already in the session
)
_ADD_HISTORY = insert(WorkflowHistory.__table__)
_HISTORY_FIELDS = ("at", "actor_id", "trigger", "from_state", "to_state", "comment", "data")


@lru_cache
def _versioned_update(columns: frozenset[str]):
    """UPDATE of `columns` that only matches the row at the version we read."""
    return (
        update(_instances)
        .where(
            _instances.c.id == bindparam("instance_id"),
            _instances.c.version == bindparam("read_version"),
        )
        .values({c: bindparam(c) for c in sorted(columns)})
    )


@lru_cache
def _versioned_update_with_history(columns: frozenset[str]):
    """PostgreSQL: the versioned UPDATE and the history INSERT as one statement, one round trip.

    When the row moved on meanwhile the UPDATE matches nothing, so nothing is inserted either.
    """
    history = WorkflowHistory.__table__
    moved = _versioned_update(columns).returning(_instances.c.id).cte("moved")
    rows = select(
        moved.c.id, *(bindparam(f"h_{f}", type_=history.c[f].type) for f in _HISTORY_FIELDS)
    )
    # RETURNING tells whether a row went in (psycopg reports no rowcount for this statement).
    return (
        insert(history).from_select(["instance_id", *_HISTORY_FIELDS], rows).returning(history.c.id)
    )


def lock(instance_id: int) -> WorkflowInstance:
    """The instance, freshly read and locked for this transaction."""
    # The wait for the lock is bounded by lock_timeout on PostgreSQL (core/config.py).
    instance = db.session.scalar(_LOCK, {"instance_id": instance_id})
    if instance is None:
        raise NotAllowed(_("Dit dossier bestaat niet (meer)."))
    return instance


def write(instance, values, *, actor, trigger, to_state, comment=None, data=None, now=None):
    """UPDATE the row guarded by its version, and INSERT the history row.

    Raises StaleDataError when the row changed since it was read (SQLite has no row lock).
    """
    values = {**values, "version": instance.version + 1}
    params = {**values, "instance_id": instance.id, "read_version": instance.version}
    history = {
        "at": now or utcnow(),
        "actor_id": getattr(actor, "id", None),
        "trigger": trigger,
        "from_state": instance.state,
        "to_state": to_state,
        "comment": comment,
        "data": data,
    }
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        written = (
            connection.execute(
                _versioned_update_with_history(frozenset(values)),
                {**params, **{f"h_{name}": value for name, value in history.items()}},
            ).first()
            is not None
        )
    else:
        written = connection.execute(_versioned_update(frozenset(values)), params).rowcount == 1
        if written:
            connection.execute(_ADD_HISTORY, {"instance_id": instance.id, **history})
    if not written:
        raise StaleDataError()
    for name, value in values.items():
        set_committed_value(instance, name, value)
