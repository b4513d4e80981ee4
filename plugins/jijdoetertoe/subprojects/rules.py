"""Domain rules of new subprojects: the committee's advice and the working group are effects of
the steps that bring them; what whoever raised an idea reads of its course."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _

from core.api import WorkflowHistory, WorkflowInstance, db, engine_of, notify, plugin_host

from ..bodies.models import Body
from ..bodies.rules import record_advice
from .models import SubprojectIdea

WORKFLOW = "jijdoetertoe.subproject"


def idea_of(instance) -> SubprojectIdea:
    return db.session.get(SubprojectIdea, instance.subject_id)


def committees() -> list[Body]:
    return list(
        db.session.scalars(
            db.select(Body).where(Body.kind == "advisory_committee").order_by(Body.name)
        )
    )


def advisory_committee_exists(instance, actor) -> str | None:
    """Guard: the team asks the advisory committee, so there must be one."""
    if not committees():
        return _("Maak eerst de adviescommissie aan bij Organen.")
    return None


def keep_committee_advice(instance, actor, data: dict) -> None:
    """Effect of 'advies vastleggen': the committee's advice becomes an Advice of the body,
    followed up like every other, and linked to the idea."""
    idea = idea_of(instance)
    committee = db.session.get(Body, data["body_id"])
    advice = record_advice(
        committee,
        subject=idea.title[:200],
        text=data["text"].strip(),
        given_on=data["given_on"],
        actor=actor,
    )
    idea.advice_id = advice.id


def form_working_group(instance, actor, data: dict) -> None:
    """Effect of 'starten': the working group that carries the new subproject."""
    idea = idea_of(instance)
    group = Body(
        name=f"Werkgroep {idea.title}"[:200],
        kind="working_group",
        subproject=idea.title,
        description=idea.description or idea.urgency,
    )
    db.session.add(group)
    db.session.flush()
    idea.working_group_id = group.id


# The decisions whose reasons are written for whoever raised the idea (each step requires
# them); a note on another step (asking for advice) is the team's own.
REASONED = ("start", "stop", "evaluate")


@dataclass(frozen=True)
class Step:
    at: datetime
    state: str
    reasons: str | None


def course(idea: SubprojectIdea) -> list[Step]:
    """Each state the idea reached, when, and the team's reasons: what the raiser reads."""
    return courses([idea])[idea.id]


def courses(ideas: list[SubprojectIdea]) -> dict[int, list[Step]]:
    """The course of each of `ideas`, in one query for all of them."""
    rows = db.session.execute(
        db.select(WorkflowInstance.subject_id, WorkflowHistory)
        .join(WorkflowHistory, WorkflowHistory.instance_id == WorkflowInstance.id)
        .where(
            WorkflowInstance.workflow_key == WORKFLOW,
            WorkflowInstance.subject_type == SubprojectIdea.__tablename__,
            WorkflowInstance.subject_id.in_([idea.id for idea in ideas]),
            WorkflowHistory.trigger.is_(None) | ~WorkflowHistory.trigger.startswith("@"),
        )
        .order_by(WorkflowHistory.id)
    )
    found: dict[int, list[Step]] = {idea.id: [] for idea in ideas}
    for idea_id, r in rows:
        found[idea_id].append(Step(r.at, r.to_state, r.comment if r.trigger in REASONED else None))
    return found


def disabled_plugins() -> list[tuple[str, str]]:
    """(name, title) of installed subprojects that are switched off."""
    host = plugin_host()
    enabled = host.enabled_names()
    return sorted(
        ((name, str(p.title)) for name, p in host.plugins.items() if name not in enabled),
        key=lambda pair: pair[1],
    )


def tell_raiser(instance, transition, actor, data: dict) -> None:
    """After every step, whoever raised the idea hears where it stands (unless they took it).
    The message names no idea: it may go out by mail; the link shows it after logging in."""
    idea = idea_of(instance)
    raiser = idea.raised_by
    if raiser is None or raiser.id == getattr(actor, "id", None):
        return
    state = engine_of().declaration(instance).state(instance.state)
    notify(
        [raiser],
        "events",
        lambda: _("Uw idee voor een nieuw deelproject staat nu op '%(state)s'.", state=state.label),
        url_for("jijdoetertoe.idea", idea_id=idea.id),
    )
