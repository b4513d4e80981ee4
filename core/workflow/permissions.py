"""Who may fire a transition: roles, the assignee, and the instance's own organisation.

One pure function decides, so the instance panel, the engine and the inbox query can never
disagree about who may act; the reason in words is only made for the panel and the engine,
because the inbox asks the rule hundreds of times a request.
"""

from flask_babel import gettext as _

from ..roles import role_label
from .declaration import Transition


def _failed_condition(
    transition: Transition,
    roles: set[str],
    is_assignee: bool,
    in_organisation: bool,
    organisation_roles: frozenset[str],
) -> str | None:
    """The rule: None when someone with `roles` may fire `transition`, else which condition
    fails. Holders of `organisation_roles` act for their organisation: a step only those
    roles allow is theirs on that organisation's records alone."""
    if transition.roles:
        matching = roles & transition.roles
        if not matching:
            return "role"
        if matching <= organisation_roles and not in_organisation:
            return "organisation"
    elif not transition.assignee_only:
        return "automatic"
    if transition.assignee_only and not is_assignee:
        return "assignee"
    return None


def may_fire(
    transition: Transition,
    roles: set[str],
    is_assignee: bool,
    in_organisation: bool,
    organisation_roles: frozenset[str],
) -> bool:
    return (
        _failed_condition(transition, roles, is_assignee, in_organisation, organisation_roles)
        is None
    )


def refusal(
    transition: Transition,
    roles: set[str],
    is_assignee: bool,
    in_organisation: bool,
    organisation_roles: frozenset[str],
) -> str | None:
    """None when someone with `roles` may fire `transition`, else the reason in plain words."""
    failed = _failed_condition(transition, roles, is_assignee, in_organisation, organisation_roles)
    if failed == "role":
        names = ", ".join(sorted(role_label(r) for r in transition.roles))
        return _("Alleen %(roles)s mogen dit doen.", roles=names)
    if failed == "organisation":
        return _("Alleen medewerkers van de eigen organisatie mogen dit doen.")
    if failed == "automatic":
        return _("Deze stap gebeurt automatisch als de termijn verstrijkt.")
    if failed == "assignee":
        return _("Alleen de persoon aan wie dit dossier is toegewezen mag dit doen.")
    return None
