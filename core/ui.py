"""What plugins hand to the page shell: menu items, dashboard widgets, tasks and targets.

Labels and titles are text. A plugin may hand over a lazy translation (Flask-Babel's
LazyString) or even Markup; both have `__html__`, so Jinja would print them unescaped, and
a user's name formatted into one would reach the page as HTML (issue 9). Each is turned
into a plain `str` here, at the boundary, so the shell's templates always escape it.
"""

from dataclasses import dataclass, fields
from datetime import date

from markupsafe import Markup


def plain_text(value) -> str:
    """`value` as an exact `str`: no `__html__`, so Jinja escapes it."""
    return str(value)  # str() of a str subclass (Markup) or of a LazyString is an exact str


class _TextFields:
    """Frozen dataclasses whose fields named in `_text` are coerced to plain text."""

    _text: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for field in fields(self):
            if field.name in self._text:
                object.__setattr__(self, field.name, plain_text(getattr(self, field.name)))


@dataclass(frozen=True)
class NavItem(_TextFields):
    label: str
    url: str
    # Lower comes first; the core uses 10-50 and 90 (admin).
    order: int = 60
    _text = ("label", "url")


@dataclass(frozen=True)
class Widget(_TextFields):
    """A dashboard panel. `body` is HTML the plugin rendered with its own (escaping) template;
    it is the one field trusted as markup. The title is text."""

    title: str
    body: Markup
    order: int = 60
    _text = ("title",)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "body", Markup(self.body))


@dataclass(frozen=True)
class Task(_TextFields):
    """Something a user must do that is not a workflow step (a feedback talk that is due)."""

    title: str
    url: str
    due: date
    _text = ("title", "url")


@dataclass(frozen=True)
class Target(_TextFields):
    """Progress towards a goal, shown as a bar ("42 of 250 partner organisations")."""

    label: str
    value: int
    goal: int
    _text = ("label",)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.value / self.goal)) if self.goal else 100
