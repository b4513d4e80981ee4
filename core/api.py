"""The published plugin API: everything a plugin may import from the core.

A plugin imports from here and from nowhere else in ``core`` (a test holds our own plugins
to it), so the rest of the core can change without breaking anyone's subproject. What is
listed in ``__all__`` is stable within a major :data:`API_VERSION`; a plugin states the
range it was written for as ``requires_api = ">=1.0,<2"`` and the host refuses to load it
on another. Anything we mean to remove is deprecated first, for at least one minor version,
with a warning when a plugin uses it (see docs/plugins.md).

The test helpers for plugin authors are in :mod:`core.testing` (a pytest plugin, active
once the core is installed).
"""

from .access import permission_table, public, requires, user_can
from .accounts.models import User
from .accounts.queries import active_users_with_roles, qualified_people
from .calendar.ical import ics_response
from .calendar.items import CalendarItem, calendar_window
from .data_cache import cached
from .errors import render_error
from .extensions import db
from .figures.targets import ProgrammeTarget
from .file_storage import discard_file, file_response, read_file, save_file
from .forms import CheckboxListField, at_most, choices, form_errors
from .hookspecs import hookimpl
from .input_limits import int_arg, page_number
from .links import absolute_url
from .locking import lock_row
from .mail import queue_mail
from .meetings.models import Meeting
from .notifications.sending import notify
from .organisations.kinds import OrganisationKind
from .organisations.models import Organisation
from .organisations.scoping import own_organisation_ids, visible_organisations
from .plugin_host import plugin_host
from .plugin_settings import Setting, whole_number
from .public_forms import allow_public_submission
from .roles import Role
from .rotterdam import ROTTERDAM_DISTRICTS, euros
from .security_log import record_security_event
from .spreadsheet import csv_response
from .text_search import contains_ignoring_case
from .timeutil import local_date, local_midnight_utc, local_to_utc, local_today, utcnow
from .ui import NavItem, Target, Task, Widget
from .version import API_VERSION
from .workflow import State, Transition, Workflow, WorkflowError, engine_of
from .workflow.declaration import Notify
from .workflow.models import WorkflowHistory, WorkflowInstance
from .workflow.panel import build_panel
from .workflow.redaction import redact_history

__all__ = [
    # the version a plugin's `requires_api` is checked against
    "API_VERSION",
    # hooks (their specifications, with argument names, are in core.hookspecs)
    "hookimpl",
    "plugin_host",
    # declarations a plugin returns from its hooks
    "Role",
    "OrganisationKind",
    "Setting",
    "whole_number",
    "Workflow",
    "State",
    "Transition",
    "Notify",
    "NavItem",
    "Widget",
    "Task",
    "Target",
    "ProgrammeTarget",
    "CalendarItem",
    "calendar_window",
    # access: every view declares who may open it
    "public",
    "requires",
    "user_can",
    "permission_table",
    # data
    "db",
    "User",
    "Organisation",
    "visible_organisations",
    "own_organisation_ids",
    "active_users_with_roles",
    "qualified_people",
    "lock_row",
    "contains_ignoring_case",
    # figures worked out once per change of the data (a dashboard widget), not per view
    "cached",
    "utcnow",
    "local_today",
    "local_date",
    "local_midnight_utc",
    "local_to_utc",
    # the core's meetings and events: a plugin links its own records to one (since 1.6)
    "Meeting",
    # the security log, e.g. when a plugin's page enables a subproject (since 1.6)
    "record_security_event",
    # the city: its districts (for a "wijk" field), amounts in cents written as euros
    "ROTTERDAM_DISTRICTS",
    "euros",
    # uploaded files, kept where every app server finds them (FILE_STORAGE)
    "save_file",
    "read_file",
    "discard_file",
    "file_response",
    # workflows at run time
    "engine_of",
    "WorkflowError",
    "WorkflowInstance",
    "WorkflowHistory",
    "build_panel",
    "redact_history",
    "notify",
    # mail to someone without an account (a council member), sent by the outbox's sender
    "queue_mail",
    # pages, forms and files
    "render_error",
    "choices",
    "form_errors",
    "CheckboxListField",
    "at_most",
    "page_number",
    "int_arg",
    "absolute_url",
    "csv_response",
    "ics_response",
    # an anonymous form sent at most so many times an hour from one address (since 1.6)
    "allow_public_submission",
]
