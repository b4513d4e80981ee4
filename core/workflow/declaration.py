"""How a plugin declares a workflow: states, transitions, who may fire them, guards, forms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

# A guard looks at the instance (and who wants to act) and returns None when the transition
# may happen, or a plain-language reason why not ("Er moeten minstens twee pilotaudits ...").
Guard = Callable[["WorkflowInstance", "User | None"], "str | None"]  # noqa: F821


@dataclass(frozen=True)
class Notify:
    """Who is told when an instance arrives in a state, and when they are reminded.

    The people told are those who may take a step from the state: holding its role, for
    their own organisation if the role acts for one, and allowed to see the instance (the
    workflow's need to know); the person who made the step is not told. Each chooses on their
    profile whether it reaches them by mail at once, in the daily digest, or only in the list.
    """

    # Tell those who may take a step from here (False: only `assignee` and `also`).
    actors: bool = True
    # Also tell the assignee when they have no step of their own here (the coach hears that
    # the employer said yes).
    assignee: bool = False
    # Also tell holders of these roles who may see the instance, without a step of their own
    # (the organisation hears its repair term runs out); a role that acts for its
    # organisation is told only on its own organisation's instances.
    also: frozenset[str] = frozenset()
    # Remind them this many days before the state's deadline (e.g. (7, 1)) ...
    remind_before: tuple[int, ...] = ()
    # ... and once when it has passed.
    overdue: bool = False
    # The plugin's own mail templates ("keurmerk/mail/report" for report.txt and report.html)
    # instead of the core's plain one; given person, text, link and due.
    template: str | None = None


@dataclass(frozen=True)
class State:
    name: str
    label: str
    description: str = ""
    terminal: bool = False
    # How long an instance may stay here before it is overdue ("14 days after entering"),
    # or a function of the instance giving that time, or the moment itself as a naive UTC
    # datetime (the day after a certificate's last day).
    deadline: (
        timedelta | Callable[[WorkflowInstance], timedelta | datetime] | None  # noqa: F821
    ) = None
    # Tell the people who must act here (see Notify); None tells nobody.
    notify: Notify | None = None

    def deadline_for(self, instance) -> timedelta | datetime | None:
        return self.deadline(instance) if callable(self.deadline) else self.deadline


@dataclass(frozen=True)
class Transition:
    trigger: str
    label: str
    source: str | tuple[str, ...]
    dest: str
    # Roles that may fire it; empty with `assignee_only` means only the assigned person.
    roles: frozenset[str] = frozenset()
    # Only the instance's assignee (who must also hold one of `roles`, if any are given).
    assignee_only: bool = False
    guards: tuple[Guard, ...] = ()
    # A FlaskForm class; its validated data is stored with the history row.
    form: type | None = None
    # Fired by `flask workflows tick` when the source state's deadline has passed.
    timeout: bool = False
    # Ask for a written reason (e.g. suspension, rejection).
    comment_required: bool = False
    # Also fired without an account, by the person a personal link identifies (a council
    # member answering an invitation): the plugin checks the link and calls
    # `engine.fire(..., actor=None, by_link=True)`; the history says "via persoonlijke link".
    by_link: bool = False
    # What the step does beside changing state, e.g. create the placement it records: called
    # as effect(instance, actor, data) inside the same transaction, after the state changed,
    # with the form's validated data as Python values (dates as dates). Raising undoes it all.
    effect: Callable[[Any, Any, dict], None] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.source, str):
            object.__setattr__(self, "source", (self.source,))
        object.__setattr__(self, "roles", frozenset(self.roles))
        object.__setattr__(self, "guards", tuple(self.guards))


@dataclass(frozen=True)
class Workflow:
    key: str
    version: int
    title: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    description: str = ""
    # Roles that may look at an instance without acting on it.
    viewer_roles: frozenset[str] = frozenset({"team", "board"})
    # Roles that may (re)assign an instance to a person.
    assigner_roles: frozenset[str] = frozenset({"team"})
    # The page of the subject (e.g. a job seeker's file) that embeds the panel; firing there
    # returns there instead of the generic instance page. Called with the instance.
    subject_url: Callable[[Any], str] | None = None
    # The subject's own name for pages ("Amina El Idrissi" rather than "Route 22"), given a
    # list of instances of this workflow and returning {instance id: name} in one query. The
    # stored title stays what mails and feeds carry, so keep personal data out of that one.
    subject_titles: Callable[[list], dict[int, str]] | None = None
    # Need to know: when the subject has an access rule of its own (a person's file), the
    # workflow hands it to the engine as a function of a user returning a condition on
    # WorkflowInstance. It then alone decides who sees an instance: on the panel, in the
    # history, in "Mijn taken", and who may be made assignee. No role, admin included, and
    # no assignment sees past it.
    visible_to: Callable[[Any], Any] | None = None
    # Called as on_transition(instance, transition, actor, data) after every transition of
    # this workflow, after the transition's own effect (e.g. to log each change of a file).
    on_transition: Callable[[Any, Any, Any, dict], None] | None = None
    _states_by_name: dict[str, State] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "states", tuple(self.states))
        object.__setattr__(self, "transitions", tuple(self.transitions))
        object.__setattr__(self, "viewer_roles", frozenset(self.viewer_roles))
        object.__setattr__(self, "assigner_roles", frozenset(self.assigner_roles))
        object.__setattr__(self, "_states_by_name", {s.name: s for s in self.states})

    def machine_spec(self) -> dict:
        """States and transitions as the `transitions` library takes them (for its diagrams)."""
        return {
            "states": [s.name for s in self.states],
            "transitions": [
                {"trigger": t.trigger, "source": list(t.source), "dest": t.dest}
                for t in self.transitions
            ],
            "initial": self.initial,
            "auto_transitions": False,
        }

    def state(self, name: str) -> State:
        return self._states_by_name[name]

    def has_state(self, name: str) -> bool:
        return name in self._states_by_name

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.source]

    @property
    def acting_roles(self) -> frozenset[str]:
        return frozenset(role for t in self.transitions for role in t.roles)

    def problems(self) -> list[str]:
        """What is wrong with this declaration, in words; empty when it is sound."""
        found = []
        names = [s.name for s in self.states]
        if len(names) != len(set(names)):
            found.append("state names must be unique")
        if not self.has_state(self.initial):
            found.append(f"initial state {self.initial!r} is not declared")
        seen = set()
        for t in self.transitions:
            for source in t.source:
                if not self.has_state(source):
                    found.append(f"transition {t.trigger!r} starts in undeclared state {source!r}")
                elif self.state(source).terminal:
                    found.append(f"transition {t.trigger!r} leaves terminal state {source!r}")
                if (t.trigger, source) in seen:
                    found.append(f"transition {t.trigger!r} is declared twice from {source!r}")
                seen.add((t.trigger, source))
                if t.timeout and self.has_state(source) and self.state(source).deadline is None:
                    found.append(
                        f"timeout transition {t.trigger!r} leaves {source!r}, which has no deadline"
                    )
            if not self.has_state(t.dest):
                found.append(f"transition {t.trigger!r} leads to undeclared state {t.dest!r}")
            if not t.roles and not t.assignee_only and not t.timeout and not t.by_link:
                found.append(f"transition {t.trigger!r} names no roles, so nobody could fire it")
            if not t.trigger.isidentifier():
                found.append(f"trigger {t.trigger!r} must be a Python identifier")
        for state in self.states:
            if state.notify and (state.notify.remind_before or state.notify.overdue):
                if state.deadline is None:
                    found.append(f"state {state.name!r} reminds of a deadline it does not have")
        return found
