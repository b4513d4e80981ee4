"""The declared workflows, by key and version, and which plugin owns each."""

from __future__ import annotations

from flask import url_for

from .declaration import Workflow
from .errors import DeclarationError
from .models import WorkflowInstance


class WorkflowRegistry:
    def __init__(self, host) -> None:
        self.host = host
        self.workflows: dict[tuple[str, int], Workflow] = {}
        self.owners: dict[str, str] = {}

    def register(self, workflow: Workflow, owner: str) -> None:
        where = f"Plugin {owner}: workflow {workflow.key!r} version {workflow.version}"
        if not workflow.key.startswith(owner + "."):
            raise DeclarationError(f"{where}: the key must start with {owner + '.'!r}.")
        if (workflow.key, workflow.version) in self.workflows:
            raise DeclarationError(f"{where}: declared twice.")
        problems = workflow.problems()
        if problems:
            raise DeclarationError(f"{where}: " + "; ".join(problems) + ".")
        self.workflows[(workflow.key, workflow.version)] = workflow
        self.owners[workflow.key] = owner

    def forget(self, owner: str) -> None:
        """Drop every workflow of `owner` (a plugin that failed to load)."""
        for key, version in [k for k in self.workflows if self.owners.get(k[0]) == owner]:
            del self.workflows[(key, version)]
        self.owners = {k: o for k, o in self.owners.items() if o != owner}

    def latest(self, key: str) -> Workflow:
        versions = [v for (k, v) in self.workflows if k == key]
        if not versions:
            raise KeyError(key)
        return self.workflows[(key, max(versions))]

    def declaration(self, instance: WorkflowInstance) -> Workflow:
        return self.workflows[(instance.workflow_key, instance.workflow_version)]

    def page_of(self, instance: WorkflowInstance) -> str:
        """Where people work on this instance: its subject's own page if the workflow names
        one (a job seeker's file), else the generic instance page."""
        workflow = self.declaration(instance)
        if workflow.subject_url is not None:
            return workflow.subject_url(instance)
        return url_for("workflows.show", instance_id=instance.id)

    def enabled(self) -> list[Workflow]:
        """Declarations of enabled plugins (a disabled plugin's workflows disappear)."""
        enabled = self.host.enabled_names()
        return [w for (key, _v), w in sorted(self.workflows.items()) if self.owners[key] in enabled]

    def is_enabled(self, key: str) -> bool:
        return self.owners.get(key) in self.host.enabled_names()
