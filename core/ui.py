"""What plugins hand to the page shell: menu items and dashboard widgets."""

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    # Lower comes first; the core uses 10-50 and 90 (admin).
    order: int = 60


@dataclass(frozen=True)
class Widget:
    """A dashboard panel. `body` is HTML the plugin rendered with its own (escaping) template."""

    title: str
    body: Markup
    order: int = 60

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", Markup(self.body))
