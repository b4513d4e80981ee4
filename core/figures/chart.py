"""A trend as a small bar chart drawn in inline SVG: no script, no external asset, and the
same figures in a table next to it for anyone who does not see the picture."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

WIDTH, TOP, PLOT_HEIGHT, SLOT, BAR = 480, 24, 140, 60, 40
HEIGHT = TOP + PLOT_HEIGHT + 32  # room for the quarter under each bar


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    label: str
    value: int

    @property
    def middle(self) -> int:
        return self.x + BAR // 2


@dataclass(frozen=True)
class TrendChart:
    bars: list[Bar]
    goal_y: int
    summary: str  # the picture in one sentence, for its accessible name
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = TOP + PLOT_HEIGHT


def trend_chart(points: list[tuple], goal: int) -> TrendChart:
    """`points` are (quarter, value) pairs, oldest first."""
    scale = max([goal, 1, *(value for _quarter, value in points)])
    bars = []
    for i, (quarter, value) in enumerate(points):
        height = round(PLOT_HEIGHT * value / scale)
        bars.append(Bar(10 + i * SLOT, TOP + PLOT_HEIGHT - height, height, quarter.label, value))
    goal_y = TOP + PLOT_HEIGHT - round(PLOT_HEIGHT * goal / scale)
    if points:
        (first_quarter, first), (last_quarter, last) = points[0], points[-1]
        summary = _(
            "Grafiek: van %(first)s in %(start)s naar %(last)s in %(end)s; het doel is "
            "%(goal)s. De cijfers staan ook in de tabel.",
            first=first,
            start=first_quarter.label,
            last=last,
            end=last_quarter.label,
            goal=goal,
        )
    else:
        summary = _("Grafiek zonder cijfers.")
    return TrendChart(bars, goal_y, summary)
