"""Progress of long commands, such as `mail send` and `workflows tick`.

The work tells a `Progress` callback how far it is and knows nothing of terminals, so the
worker and tests call it without one; a command passes a `ProgressBar`, which draws it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from typing import Protocol, TypeVar

import click

T = TypeVar("T")


class Progress(Protocol):
    """Told (steps done, steps in all) before the first step and after each; not at all when
    there is nothing to do. `item` names the step at hand, for work whose steps have names.
    The total may grow when more work turns up meanwhile."""

    def __call__(self, done: int, total: int, item: str | None = None) -> object: ...


def each_told(
    items: Sequence[T], progress: Progress | None, item: str | None = None
) -> Iterator[T]:
    """`items` one by one, telling `progress` before the first and after each."""
    if progress is not None and items:
        progress(0, len(items), item)
    for done, each in enumerate(items, 1):
        yield each
        if progress is not None:
            progress(done, len(items), item)


def following(progress: Progress | None, before: int, item: str) -> Progress | None:
    """`progress` for a second stretch of work, after `before` steps already told, so one bar
    covers both."""
    if progress is None:
        return None

    def told(done: int, total: int, _item: str | None = None) -> object:
        return progress(before + done, before + total, item)

    return told


class ProgressBar:
    """A `Progress` drawn as click's progress bar, which starts when the work first tells.

    On a terminal the bar redraws its line. Elsewhere (cron, a pipe) click prints only the
    label, once, so a log gets one line for the bar rather than one per step.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self._item: str | None = None
        self._bar = None
        self._open = ExitStack()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info) -> None:
        self._open.close()

    def __call__(self, done: int, total: int, item: str | None = None) -> None:
        # click keeps the last item it was given; ours says what is at hand now, or nothing
        self._item = item
        if self._bar is None:
            self._bar = self._open.enter_context(
                click.progressbar(
                    length=total,
                    label=self.label,
                    show_pos=True,
                    item_show_func=lambda _current: self._item,
                )
            )
        bar = self._bar
        if total != bar.length:
            # click's bar has no way to grow, and a full bar stays full: set both anew
            bar.length, bar.finished = total, bar.pos >= total
        if done > bar.pos:
            bar.update(done - bar.pos)
        else:
            bar.render_progress()  # a new item or total with no step done
