"""The workflow engine: declared state machines, persisted per subject, with history.

Plugins declare workflows (:mod:`core.workflow.declaration`) and return them from the
``warmrotterdam_workflows`` hook; the engine (:mod:`core.workflow.engine`) fires
transitions in one transaction, each with its history row and the effects it declares.
"""

from .declaration import State, Transition, Workflow
from .engine import engine_of
from .errors import WorkflowError

__all__ = ["State", "Transition", "Workflow", "WorkflowError", "engine_of"]
