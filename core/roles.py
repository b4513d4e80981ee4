"""The roles the core knows; plugins add their own through `warmrotterdam_roles`."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .plugin_host import plugin_host


@dataclass(frozen=True)
class Role:
    """A role people hold. `acts_for_organisation`: its holders work for their organisation,
    so a workflow step they may take is theirs only on that organisation's records."""

    name: str
    label: str
    description: str = ""
    acts_for_organisation: bool = False


CORE_ROLES = [
    Role(
        "admin",
        _l("Beheerder"),
        _l("Beheert het systeem: alles wat het team mag, plus beheerders, e-mail en log."),
    ),
    Role(
        "team",
        _l("Programmateam"),
        _l("Leidt het programma: nodigt mensen uit, beheert accounts, zet deelprojecten aan."),
    ),
    Role("expert", _l("Ervaringsdeskundige"), _l("Denkt mee, test en geeft commentaar.")),
    Role(
        "partner",
        _l("Partner"),
        _l("Werkt voor een partnerorganisatie."),
        acts_for_organisation=True,
    ),
    Role("board", _l("Bestuur"), _l("Kijkt mee; kan niets wijzigen.")),
]


def available_roles() -> list[Role]:
    """Core roles plus those of enabled plugins."""
    host = plugin_host()
    return host.declared("roles", lambda: CORE_ROLES + host.call("warmrotterdam_roles"))


def organisation_roles() -> frozenset[str]:
    """Names of the available roles whose holders act for their organisation."""
    return frozenset(r.name for r in available_roles() if r.acts_for_organisation)


def role_label(name: str) -> str:
    return next((str(r.label) for r in available_roles() if r.name == name), name)
