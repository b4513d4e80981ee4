"""Amounts are kept in cents; people read them as euros in their own language's way."""

from flask_babel import format_currency


def euros(cents: int | None) -> str:
    return "" if cents is None else format_currency(cents / 100, "EUR")


def hours(minutes: int) -> str:
    """Minutes as hours with at most two decimals, the Dutch way (1,5)."""
    from flask_babel import format_decimal

    return format_decimal(minutes / 60, format="#,##0.##")
