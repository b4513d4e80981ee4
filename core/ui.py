"""What plugins hand to the page shell: menu items, dashboard widgets and tasks."""

from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class Task:
    """Something a user must do that is not a workflow step (a feedback talk that is due)."""

    title: str
    url: str
    due: date
