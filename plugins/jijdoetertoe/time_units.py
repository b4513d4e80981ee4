"""Time is kept in minutes; people read it as hours."""


def hours(minutes: int) -> str:
    """Minutes as hours with at most two decimals, the Dutch way (1,5)."""
    from flask_babel import format_decimal

    return format_decimal(minutes / 60, format="#,##0.##")
