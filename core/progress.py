"""Progress of long commands, such as `mail send` and `workflows tick`.

The work tells a `Progress` callback how far it is and knows nothing of terminals, so the
worker and tests call it without one; a command passes a `ProgressBar`, which draws it.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Protocol

import click


class Progress(Protocol):
    """Told (steps done, steps in all) before the first step and after each; not at all when
    there is nothing to do. `item` names the step at hand, for work whose steps have names.
    The total may grow when more work turns up meanwhile."""

    def __call__(self, done: int, total: int, item: str | None = None) -> object: ...


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
