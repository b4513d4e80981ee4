"""Figures worked out once per change of the data, not once per page view.

Dashboards show the same counts and lists to everyone who may see them, and they change only
when someone saves something. A generation number in the database goes up in the same
transaction as every write, on every app server: any statement that is not a read flags its
connection, and the commit of a flagged connection first bumps the number. Each worker keeps
results by (key, generation, Rotterdam's date, language); a request reads the generation once
(one primary-key read) before it reads any data, so a result kept under a generation was
computed from that generation's data or a later one, and no result outlives a change.

Any write anywhere starts a new generation, which is coarse but cannot miss a dependency. A
value computed while its own transaction holds unsaved writes is not kept.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from flask import g, has_request_context
from flask_babel import get_locale
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.pool import Pool

from .extensions import db
from .timeutil import local_today

T = TypeVar("T")
KEPT = 4096  # results per worker: shared figures, and per person a menu, a bell, an inbox
WROTE = "data_cache.wrote"  # in a DBAPI connection's info: it wrote since its last commit
# Statements that change nothing; everything else counts as a write (erring towards a new
# generation, which only costs a recomputation).
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SHOW", "SET", "PRAGMA", "BEGIN")
SCHEMA_CHANGES = ("CREATE", "DROP", "ALTER")
TABLE_KNOWN = "data_cache.table"  # in a connection's info: the generation table exists


class DataGeneration(db.Model):
    __tablename__ = "data_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(db.BigInteger, default=0)


_table = DataGeneration.__table__
_BUMP = _table.update().where(_table.c.id == 1).values(value=_table.c.value + 1)
_READ = db.select(_table.c.value).where(_table.c.id == 1)


@event.listens_for(Engine, "before_cursor_execute")
def _flag_writes(connection, cursor, statement, parameters, context, executemany):
    verb = statement.lstrip()[:9].upper()
    if not verb.startswith(READS):
        connection.info[WROTE] = True
        if verb.startswith(SCHEMA_CHANGES):  # a migration may have made or dropped the table
            connection.info.pop(TABLE_KNOWN, None)


@event.listens_for(Engine, "commit")
def _bump_before_commit(connection):
    # Still inside the transaction: the bump commits with the writes it announces.
    if connection.info.pop(WROTE, False) and _table_exists(connection):
        if not connection.execute(_BUMP).rowcount:
            # A random start: results kept for an earlier, emptied database never match.
            connection.execute(_table.insert().values(id=1, value=secrets.randbits(40)))
        connection.info.pop(WROTE, None)


@event.listens_for(Engine, "rollback")
def _forget_on_rollback(connection):
    connection.info.pop(WROTE, None)


@event.listens_for(Pool, "reset")
def _forget_on_reset(dbapi_connection, record, reset_state=None):
    record.info.pop(WROTE, None)


def _table_exists(connection) -> bool:
    # Migrations write before the table exists; once it does, that is kept per connection.
    info = connection.info
    if not info.get(TABLE_KNOWN):
        info[TABLE_KNOWN] = connection.dialect.has_table(connection, _table.name)
    return info[TABLE_KNOWN]


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_generation(session):
    if has_request_context():
        if g.pop("data_generation", None) is not None:
            # Objects loaded before this point stay as they were read (expire_on_commit is
            # off), so what is worked out from them may predate the next generation: kept
            # results are still read, nothing more is kept in this request.
            g.data_cache_keeps_nothing = True


def generation() -> int:
    """The data's generation: read once per request (again after it commits), or per call
    outside a request, where an app context may last across many changes."""
    if not has_request_context():
        return db.session.scalar(_READ) or 0
    if "data_generation" not in g:
        g.data_generation = db.session.scalar(_READ) or 0
    return g.data_generation


def generation_column():
    """The generation as a column, for the first query of a request to read it along."""
    return _READ.scalar_subquery().label("data_generation")


def remember_generation(value: int | None) -> None:
    """The generation read along with a request's first query (see `generation_column`)."""
    if has_request_context():
        g.data_generation = value or 0


def _enabled_plugins() -> frozenset[str]:
    from .plugin_host import plugin_host  # the host imports the models this module is one of

    return frozenset(plugin_host().enabled_names())


_results: OrderedDict[tuple, object] = OrderedDict()


def cached(key: tuple, compute: Callable[[], T]) -> T:
    """What `compute()` gives, worked out once per change of the data, day, language and set
    of enabled plugins.

    `key` names the result and whatever else it depends on (a user's id when it differs per
    user). The result is shared between requests: return plain values (numbers, text, rendered
    HTML), never database objects, which belong to one request's session.
    """
    # The enabled plugins too: a worker learns of a plugin enabled elsewhere a little after
    # the change's generation (PLUGIN_STATE_SECONDS), and hooks answer by who is enabled.
    full = (key, generation(), local_today(), str(get_locale()), _enabled_plugins())
    session = db.session
    if session.new or session.dirty or session.deleted or session.connection().info.get(WROTE):
        # This transaction changed data that no kept result has seen, flushed or not (a guard
        # checked in the middle of a step): work it out over those changes, keep it for no one.
        return compute()
    if full in _results:
        _results.move_to_end(full)
        return _results[full]
    value = compute()
    if not (db.session.connection().info.get(WROTE) or g.get("data_cache_keeps_nothing")):
        _results[full] = value
        while len(_results) > KEPT:
            _results.popitem(last=False)
    return value
