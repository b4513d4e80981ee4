"""The workflow engine: declared state machines, persisted per subject, with history.

Plugins declare workflows (:mod:`core.workflow.declaration`) and return them from the
``warmrotterdam_workflows`` hook; the engine (:mod:`core.workflow.engine`) builds one
``transitions`` machine per workflow version and fires transitions in one transaction.
"""

from .declaration import State, Transition, Workflow
from .engine import WorkflowError, engine_of, last_form_data

__all__ = ["State", "Transition", "Workflow", "WorkflowError", "engine_of", "last_form_data"]
