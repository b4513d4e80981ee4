"""A lock on one row for the rest of the transaction, for check-then-insert rules that a
unique index cannot express ("no second open application for these modules").

PostgreSQL locks the row (SELECT ... FOR UPDATE; the wait is bounded by lock_timeout). SQLite
has no row locks but one writer at a time: a no-op UPDATE takes the database's write lock
before the check reads anything, so a second request waits (busy timeout) and then sees what
the first committed. Call it before the check, as the first write of the transaction.
"""

from sqlalchemy import update

from .extensions import db


def lock_row(model, row_id: int) -> bool:
    """Lock the row of `model` with primary key `row_id`; False when there is no such row."""
    table = model.__table__
    key = next(iter(table.primary_key.columns))
    if db.session.connection().dialect.name == "postgresql":
        locked = db.session.execute(db.select(key).where(key == row_id).with_for_update())
        return locked.first() is not None
    # UPDATE t SET id = id WHERE id = :id changes nothing (for a table without onupdate columns).
    result = db.session.execute(update(table).where(key == row_id).values({key.name: key}))
    return result.rowcount == 1
