"""Amounts are kept in cents; people read them as euros in their own language's way."""

from flask_babel import format_currency


def euros(cents: int | None) -> str:
    return "" if cents is None else format_currency(cents / 100, "EUR")
