"""The roles the core knows; plugins add their own through `warmrotterdam_roles`."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Role:
    name: str
    label: str
    description: str = ""


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
    Role("auditor", _l("Auditor"), _l("Toetst organisaties norm voor norm.")),
    Role("committee", _l("Certificatiecommissie"), _l("Besluit over keurmerken.")),
    Role("partner", _l("Partner"), _l("Werkt voor een partnerorganisatie.")),
    Role("employer", _l("Werkgever"), _l("Biedt vacatures en begeleidt nieuwe medewerkers.")),
    Role("lifecoach", _l("Lifecoach"), _l("Helpt een werkzoekende bij persoonlijke obstakels.")),
    Role("board", _l("Bestuur"), _l("Kijkt mee; kan niets wijzigen.")),
]


def available_roles() -> list[Role]:
    """Core roles plus those of enabled plugins."""
    from flask import current_app

    host = current_app.extensions["plugin_host"]
    return CORE_ROLES + host.call("warmrotterdam_roles")


def role_label(name: str) -> str:
    return next((str(r.label) for r in available_roles() if r.name == name), name)
