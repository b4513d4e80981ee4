"""The one sanctioned change to workflow history: erasing a person's data (AVG article 17).

History is otherwise append-only. Redaction blanks the free text (comments) and named form
answers; who acted, when, which step, and the states stay, so `workflows verify` still
replays every instance and anonymous reports stay correct.
"""

from collections.abc import Iterable

from sqlalchemy import bindparam, update

from ..extensions import db
from .models import WorkflowHistory

_history = WorkflowHistory.__table__


def redact_history(instance_ids: Iterable[int], form_fields: Iterable[str] = ()) -> int:
    """Blank comments and drop `form_fields` from the stored form data; part of the caller's
    transaction. Returns the number of history rows touched."""
    ids = list(instance_ids)
    if not ids:
        return 0
    drop = set(form_fields)
    rows = db.session.execute(
        db.select(_history.c.id, _history.c.data).where(_history.c.instance_id.in_(ids))
    ).all()
    db.session.execute(
        update(_history)
        .where(_history.c.id == bindparam("row_id"))
        .values(comment=None, data=bindparam("new_data")),
        [
            {
                "row_id": row.id,
                "new_data": {k: v for k, v in row.data.items() if k not in drop}
                if row.data
                else row.data,
            }
            for row in rows
        ],
    )
    return len(rows)
