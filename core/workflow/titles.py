"""The name a page shows for an instance: its subject's own name where the workflow gives one.

The stored title travels into notifications, mails and calendar feeds, so plugins keep it free
of personal data ("Route 22"); a page a person may see asks the workflow for the subject's name
("Amina El Idrissi") at the moment it is shown, so a changed or erased name is never stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .engine import engine_of
from .models import WorkflowInstance


def subject_titles(instances: Iterable[WorkflowInstance]) -> dict[int, str]:
    """Each instance's title for a page, by id: one call of each workflow's `subject_titles`."""
    instances = list(instances)
    titles = {i.id: i.title for i in instances}
    workflows = engine_of().workflows
    grouped: dict[tuple[str, int], list[WorkflowInstance]] = defaultdict(list)
    for instance in instances:
        grouped[(instance.workflow_key, instance.workflow_version)].append(instance)
    for key, group in grouped.items():
        workflow = workflows.get(key)
        if workflow is not None and workflow.subject_titles is not None:
            titles.update(workflow.subject_titles(group))
    return titles


def subject_title(instance: WorkflowInstance) -> str:
    return subject_titles([instance])[instance.id]
