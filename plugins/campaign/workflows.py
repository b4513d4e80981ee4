"""The campaign's processes, as declared to the workflow engine."""

from .content.workflow import CONTENT

WORKFLOWS = [CONTENT]
