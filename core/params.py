"""Numbers from the address: a malformed or out-of-range one is the client's mistake (400),
not a database error (500)."""

from flask import abort, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

# Ids are 32-bit integers on PostgreSQL; SQLite refuses anything above 2**63 - 1.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in a route matches only numbers a database id can be; others are a 404."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def int_arg(name: str, default: int | None = None, minimum: int = 1, maximum: int = MAX_ID):
    """The query parameter `name` as a whole number in [minimum, maximum]; `default` when it is
    absent or empty; otherwise the request is refused with 400."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum or not raw.lstrip("-").isdigit():
        abort(400, description=_("Dit adres klopt niet: er staat een ongeldig nummer in."))
    return value
