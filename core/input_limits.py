"""What the app accepts at the door: ids that fit a database column, no NUL bytes.

Both engines would otherwise answer such input with an error of their own (PostgreSQL's
integer overflows at 2^31, SQLite's at 2^63; PostgreSQL text refuses NUL), which reached
people as a 500 instead of the page they should see.
"""

from flask import abort, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

# The largest id any of our tables can hold on both engines (PostgreSQL `integer`).
MAX_ID = 2**31 - 1

# Page numbers beyond this show nothing on any list; past it an OFFSET could overflow.
MAX_PAGE = 100_000


class IdConverter(IntegerConverter):
    """`<int:...>` in a URL: a larger number matches no route, so it answers 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def int_arg(name: str, default: int | None = None, minimum: int = 1, maximum: int = MAX_ID):
    """The query parameter `name` as a whole number in [minimum, maximum]; `default` when it is
    absent or empty; otherwise the request is refused with 400."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    # isascii: str.isdigit() also accepts "²", which int() refuses.
    if not (raw.isascii() and raw.isdigit()) or not minimum <= int(raw) <= maximum:
        abort(400, description=_("Dit adres klopt niet: er staat een ongeldig nummer in."))
    return int(raw)


def page_number() -> int:
    """The requested page of a list: 1 when absent; past MAX_PAGE no list has rows (400)."""
    return int_arg("page", default=1, maximum=MAX_PAGE)


def refuse_nul_bytes() -> None:
    """`before_request`: a NUL in a query or form value is never meant; answer 400."""
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            if "\x00" in key or "\x00" in value:
                abort(400)


def refuse_out_of_range(error: Exception):
    """An id or number from a form that no column can hold (a DataError on PostgreSQL, an
    OverflowError from SQLite's driver) is bad input, not a fault of ours: 400, nothing kept."""
    from .errors import render_error
    from .extensions import db

    db.session.rollback()
    return render_error(400)
