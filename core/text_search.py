"""Searching text the same way on SQLite and PostgreSQL."""

import re


def contains_ignoring_case(column, text: str):
    """`column` contains `text`, whatever the case, on SQLite and PostgreSQL alike.

    Neither engine's own lower() will do: SQLite's folds ASCII only, PostgreSQL's depends on
    the database's locale (with C it is ASCII only too). So every letter becomes a class of its
    two forms ("é" -> "[éÉ]") in a case-sensitive regular expression, which both engines
    evaluate the same way (SQLite through the Python function SQLAlchemy registers for
    REGEXP). Accents still count: "ecole" does not find "École"."""
    parts = []
    for char in text:
        lower, upper = char.lower(), char.upper()
        if lower != upper and len(lower) == 1 and len(upper) == 1:
            parts.append(f"[{lower}{upper}]")
        else:
            parts.append(re.escape(char))
    return column.regexp_match("".join(parts))
