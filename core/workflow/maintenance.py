"""Background duties: fire due timeouts (`tick`) and check state against history (`verify`)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from ..extensions import db
from ..meetings.reminders import send_due_reminders as send_meeting_reminders
from ..plugin_host import plugin_host
from ..progress import Progress, each_told, following
from ..timeutil import utcnow
from .engine import ASSIGN, DEADLINE, WorkflowEngine
from .errors import Conflict, WorkflowError
from .models import WorkflowHistory, WorkflowInstance
from .notifying import links, send_reminders

log = logging.getLogger(__name__)


@dataclass
class TickReport:
    fired: list[int] = field(default_factory=list)
    # (workflow key, state) -> number of instances past their deadline with no timeout to fire
    overdue: Counter = field(default_factory=Counter)
    skipped: list[int] = field(default_factory=list)
    reminded: int = 0  # reminders of deadlines coming or passed (states that declare them)
    plugin_work: list[str] = field(default_factory=list)  # what plugins' own timed work did
    meeting_reminders: int = 0  # reminders before a meeting starts, one per registration


def tick(
    engine: WorkflowEngine, now: datetime | None = None, progress: Progress | None = None
) -> TickReport:
    """Fire every due timeout transition once, then send the deadline reminders that are due.

    Safe to run from cron every minute and twice at once: each instance is fired with the
    version it was read at, so a second tick that comes too late gets a conflict and skips it.
    `progress` is told of the instances past their deadline, then of those reminders may be
    due for: which those are is known only once the timeouts have fired.
    """
    now = now or utcnow()
    report = TickReport()
    due = db.session.execute(
        db.select(
            WorkflowInstance.id,
            WorkflowInstance.workflow_key,
            WorkflowInstance.workflow_version,
            WorkflowInstance.state,
            WorkflowInstance.version,
        )
        .where(WorkflowInstance.deadline_at <= now)
        .order_by(WorkflowInstance.deadline_at, WorkflowInstance.id)
    ).all()
    db.session.rollback()  # end the read; each fire below is its own transaction
    for row in each_told(due, progress, "timeouts"):
        if not engine.is_enabled(row.workflow_key):
            continue
        workflow = engine.workflows[(row.workflow_key, row.workflow_version)]
        timeouts = [t for t in workflow.transitions_from(row.state) if t.timeout]
        if not timeouts:
            report.overdue[(row.workflow_key, row.state)] += 1
            continue
        outcome = _fire_first_allowed(engine, row, timeouts)
        if outcome == "fired":
            report.fired.append(row.id)
        elif outcome == "changed":
            report.skipped.append(row.id)  # changed meanwhile, e.g. by a parallel tick
        else:
            report.overdue[(row.workflow_key, row.state)] += 1
    report.reminded = send_reminders(engine, now, following(progress, len(due), "reminders"))
    report.meeting_reminders = send_meeting_reminders(now)
    with links():  # plugins' mails link to their pages, also from cron
        report.plugin_work = plugin_host().call("warmrotterdam_tick", now=now)
    return report


def _fire_first_allowed(engine: WorkflowEngine, row, timeouts) -> str:
    """Fire the first of the state's timeouts whose guards hold: a state may end in more than
    one way when its term is over, told apart by guards. Any other refusal of the chosen one
    is logged, never a reason to try the next. Returns "fired", "changed" or "refused"."""
    instance = db.session.get(WorkflowInstance, row.id)
    chosen = next(
        (t for t in timeouts if all(guard(instance, None) is None for guard in t.guards)), None
    )
    db.session.rollback()  # end the read; the step below is its own transaction
    if chosen is None:
        return "refused"
    try:
        engine.fire(row.id, chosen.trigger, actor=None, expected_version=row.version)
    except Conflict:
        return "changed"
    except WorkflowError as exc:
        log.warning("Timeout %s of instance %s not fired: %s", chosen.trigger, row.id, exc.message)
        return "refused"
    return "fired"


def verify(engine: WorkflowEngine) -> list[str]:
    """Replay every instance's history; describe each instance whose state disagrees with
    it, or that was changed without leaving a history row."""
    problems = []
    instances = {
        row.id: row
        for row in db.session.execute(
            db.select(
                WorkflowInstance.id,
                WorkflowInstance.workflow_key,
                WorkflowInstance.workflow_version,
                WorkflowInstance.state,
                WorkflowInstance.version,
            )
        )
    }
    replayed: dict[int, str | None] = {}
    steps: Counter = Counter()
    history = db.session.execute(
        db.select(
            WorkflowHistory.instance_id,
            WorkflowHistory.trigger,
            WorkflowHistory.from_state,
            WorkflowHistory.to_state,
        ).order_by(WorkflowHistory.instance_id, WorkflowHistory.id)
    )
    broken: set[int] = set()
    for step in history:
        steps[step.instance_id] += 1
        instance = instances.get(step.instance_id)
        if instance is None or step.instance_id in broken:
            continue
        label = f"Instance {instance.id} ({instance.workflow_key} v{instance.workflow_version})"
        workflow = engine.workflows.get((instance.workflow_key, instance.workflow_version))
        if workflow is None:
            problems.append(f"{label}: its workflow version is not installed")
            broken.add(instance.id)
            continue
        current = replayed.get(instance.id, "<none>")
        problem = _check_step(workflow, current, step)
        if problem:
            problems.append(f"{label}: {problem}")
            broken.add(instance.id)
        replayed[instance.id] = step.to_state
    for instance in instances.values():
        if instance.id in broken:
            continue
        label = f"Instance {instance.id} ({instance.workflow_key} v{instance.workflow_version})"
        if instance.id not in replayed:
            problems.append(f"{label}: has no history")
        elif replayed[instance.id] != instance.state:
            problems.append(
                f"{label}: stored state {instance.state!r} but its history ends in "
                f"{replayed[instance.id]!r}"
            )
        # The engine bumps the version once per history row it writes (the start is version
        # 1); a version ahead of the history is a change someone made past the engine.
        elif instance.version > steps[instance.id]:
            problems.append(
                f"{label}: changed {instance.version - steps[instance.id]} time(s) without a "
                "history row"
            )
    return problems


def _check_step(workflow, current, step) -> str | None:
    if step.trigger in (ASSIGN, DEADLINE):  # a change of hands or of term, not of state
        if step.from_state == step.to_state == current:
            return None
        return f"a {step.trigger} row changes the state"
    if current == "<none>":
        if step.trigger is not None or step.to_state != workflow.initial:
            return f"history does not start in the initial state {workflow.initial!r}"
        return None
    if step.from_state != current:
        return f"step {step.trigger!r} starts in {step.from_state!r}, but the instance was in {current!r}"
    declared = next(
        (t for t in workflow.transitions_from(current) if t.trigger == step.trigger), None
    )
    if declared is None:
        return f"step {step.trigger!r} is not a declared transition from {current!r}"
    if declared.dest != step.to_state:
        return f"step {step.trigger!r} leads to {declared.dest!r}, not {step.to_state!r}"
    return None
