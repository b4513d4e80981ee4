"""Who may fire a transition: roles, the assignee, and the instance's own organisation.

One pure function decides, so the instance panel, the engine and the inbox query can never
disagree about who may act.
"""

from flask_babel import gettext as _

from ..roles import role_label
from .declaration import Transition


def refusal(
    transition: Transition,
    roles: set[str],
    is_assignee: bool,
    in_organisation: bool,
    organisation_roles: frozenset[str],
) -> str | None:
    """None when someone with `roles` may fire `transition`, else the reason in plain words.

    Holders of `organisation_roles` act for their organisation: a step only those roles
    allow is theirs on that organisation's records alone."""
    if transition.roles:
        matching = roles & transition.roles
        if not matching:
            names = ", ".join(sorted(role_label(r) for r in transition.roles))
            return _("Alleen %(roles)s mogen dit doen.", roles=names)
        if matching <= organisation_roles and not in_organisation:
            return _("Alleen medewerkers van de eigen organisatie mogen dit doen.")
    elif not transition.assignee_only:
        return _("Deze stap gebeurt automatisch als de termijn verstrijkt.")
    if transition.assignee_only and not is_assignee:
        return _("Alleen de persoon aan wie dit dossier is toegewezen mag dit doen.")
    return None
