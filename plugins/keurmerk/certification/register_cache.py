"""The public register and its verification pages, rendered once per change: anyone may
open them, often, and they change only when a certificate does.

A generation number in the database goes up in the same transaction as any change to what
the register shows (a certification, its organisation, its modules, its workflow state: a
flush of one of those, or a transition the engine writes). Each
app worker keeps the rendered results by (generation, day, search, page, language); every
server sees a change at once because each request reads the generation (one primary-key
read), and validity, which follows from dates, is part of the key through the day.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict

from flask import has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.api import Organisation, WorkflowInstance, db, plugin_host

from ..frameworks.models import Module
from .models import Certification
from .rules import WORKFLOW

PLUGIN = "keurmerk"  # our own entry point name: bump only where this plugin runs
KEPT = 512  # rendered pages per worker


class RegisterGeneration(db.Model):
    __tablename__ = "keurmerk_register_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


def _shows_in_register(item) -> bool:
    if isinstance(item, Certification | Organisation | Module):
        return True
    return isinstance(item, WorkflowInstance) and item.workflow_key == WORKFLOW


def _mark(session, flush_context, instances) -> None:
    if not has_app_context() or PLUGIN not in plugin_host().plugins:
        return
    if any(_shows_in_register(item) for item in (*session.new, *session.dirty, *session.deleted)):
        session.info["register_changed"] = True


def _bump(session, flush_context) -> None:
    if session.info.pop("register_changed", False):
        _bump_on(session.connection())


def certification_moved(instance, transition, actor, data) -> None:
    """`on_transition` of the certification workflow: the engine writes a state change with
    its own UPDATE, which no flush of a Certification announces."""
    _bump_on(db.session.connection())


def _bump_on(connection) -> None:
    table = RegisterGeneration.__table__
    bumped = connection.execute(
        table.update().where(table.c.id == 1).values(value=table.c.value + 1)
    ).rowcount
    if not bumped:  # a random start: pages cached for an earlier (emptied) register never match
        connection.execute(table.insert().values(id=1, value=secrets.randbits(30)))


event.listen(Session, "before_flush", _mark)
event.listen(Session, "after_flush", _bump)


def generation() -> int:
    return (
        db.session.scalar(db.select(RegisterGeneration.value).where(RegisterGeneration.id == 1))
        or 0
    )


_rendered: OrderedDict[tuple, object] = OrderedDict()


def cached(key: tuple, render):
    """What `render()` gave for `key` in this generation of the register, or `render()`."""
    full = (generation(), *key)
    if full in _rendered:
        _rendered.move_to_end(full)
        return _rendered[full]
    value = render()
    _rendered[full] = value
    while len(_rendered) > KEPT:
        _rendered.popitem(last=False)
    return value
