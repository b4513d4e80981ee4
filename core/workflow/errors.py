"""Why a workflow change did not happen, as exceptions the pages turn into plain words."""

from flask_babel import gettext as _


class WorkflowError(Exception):
    """A transition did not happen; `message` tells the user why, in plain words."""

    status = 400

    def __init__(self, message: str):
        message = str(message)  # a lazy translation would not survive the session (flash)
        super().__init__(message)
        self.message = message


class NotAllowed(WorkflowError):
    status = 403


class Conflict(WorkflowError):
    """Someone else changed the instance first; nothing of this attempt was applied."""

    status = 409


class InvalidForm(WorkflowError):
    def __init__(self, form, transition):
        super().__init__(_("Controleer het formulier."))
        self.form = form
        self.transition = transition


class DeclarationError(Exception):
    """A workflow declaration is unsound; the message names the plugin and the problem."""
