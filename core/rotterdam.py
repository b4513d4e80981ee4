"""Facts about the city every subproject shares: its districts, and how amounts are written."""

from flask_babel import format_currency

# Rotterdam's districts (gebieden), as residents name where they live.
ROTTERDAM_DISTRICTS = (
    "Centrum",
    "Charlois",
    "Delfshaven",
    "Feijenoord",
    "Hillegersberg-Schiebroek",
    "Hoek van Holland",
    "Hoogvliet",
    "IJsselmonde",
    "Kralingen-Crooswijk",
    "Noord",
    "Overschie",
    "Pernis",
    "Prins Alexander",
    "Rozenburg",
)


def euros(cents: int | None) -> str:
    """An amount kept in cents, as people read it in their language ("€ 50,00");
    also the template filter `euros`."""
    return "" if cents is None else format_currency(cents / 100, "EUR")
